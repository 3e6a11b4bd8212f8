/*
 * test_limits.c - the edges of the index space: N = 2^63-1 (2^47 blocks,
 * the last one ending at k = 2^63-2), the rank and thread split for huge
 * block counts and for more workers than blocks, N = 1, and a sum told to
 * stop.  N = 2^63-1 cannot be summed to the end, so its pieces are tested.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <omp.h>

#include "reference.h"
#include "series_block.h"
#include "series_sum.h"

#define N_MAX 9223372036854775807ull  /* 2^63 - 1, the largest --terms */
#define LAST_BLOCK ((1ull << 47) - 1)

static void block_arithmetic_at_n_max(void **state)
{
    (void)state;
    assert_true(series_block_count(N_MAX) == 1ull << 47);
    assert_true(series_block_length(N_MAX, 0) == SERIES_BLOCK_TERMS);
    assert_true(series_block_length(N_MAX, LAST_BLOCK - 1) == SERIES_BLOCK_TERMS);
    assert_true(series_block_length(N_MAX, LAST_BLOCK) == SERIES_BLOCK_TERMS - 1);
    /* k0 + count of the last block is N itself: no wrap-around. */
    assert_true(LAST_BLOCK * SERIES_BLOCK_TERMS + series_block_length(N_MAX, LAST_BLOCK) == N_MAX);
    /* N a multiple of the block size just below, and N = 1. */
    assert_true(series_block_count(N_MAX - 65535) == LAST_BLOCK);
    assert_true(series_block_length(N_MAX - 65535, LAST_BLOCK - 1) == SERIES_BLOCK_TERMS);
    assert_true(series_block_count(1) == 1 && series_block_length(1, 0) == 1);
    assert_true(series_block_count(65537) == 2 && series_block_length(65537, 1) == 1);
}

/* x^k0 * (1 - x^c)/(1 - x) and its |x| counterpart, in long double. */
static long double block_exact(double x, uint64_t k0, uint64_t count, int absolute)
{
    long double base = absolute ? fabsl((long double)x) : (long double)x;
    return powl(base, (long double)k0) *
           (absolute ? series_abs_sum(x, count) : series_reference(x, count));
}

/*
 * Blocks at the top of the index space: the vector kernel still matches its
 * scalar definition bit for bit and the closed form within the bound.  With
 * x = 1 - 2^-53, the closest double to 1, x^k is still 4e-223 at k = 2^62
 * (block 2^46) and underflows past k = 2^62.5; at the last block every
 * term is below the double range, and the sum must be 0, not garbage.
 */
static void last_blocks_against_closed_form(void **state)
{
    (void)state;
    const double xs[] = { 1 - 0x1p-53, -(1 - 0x1p-53), 0.9999999999, 0.5, -0.5 };
    const uint64_t blocks[] = { 1ull << 46, (1ull << 46) + 12345, 3ull << 45, LAST_BLOCK };
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        series_plan plan;
        series_plan_init(&plan, xs[i]);
        for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
            const uint64_t count = series_block_length(N_MAX, blocks[b]);
            const uint64_t k0 = blocks[b] * SERIES_BLOCK_TERMS;
            double v = series_block_sum(&plan, blocks[b], count);
            double s = series_block_sum_by_lane(&plan, blocks[b], count);
            if (memcmp(&v, &s, sizeof v) != 0)
                fail_msg("x=%a block=%llu: vector %a, scalar %a", xs[i],
                         (unsigned long long)blocks[b], v, s);
            long double exact = block_exact(xs[i], k0, count, 0);
            long double bound = SERIES_TOLERANCE * block_exact(xs[i], k0, count, 1);
            const long double lost = 0x1p-1006L;  /* terms below the double range */
            if (!(fabsl((long double)v - exact) <= bound + lost))
                fail_msg("x=%a block=%llu: %a vs %La", xs[i], (unsigned long long)blocks[b], v,
                         exact);
        }
    }
    series_plan plan;
    series_plan_init(&plan, 1 - 0x1p-53);
    assert_true(series_block_sum(&plan, 1ull << 46, SERIES_BLOCK_TERMS) > 1e-220);
    assert_true(series_block_sum(&plan, LAST_BLOCK, 65535) == 0.0);
}

static void reference_at_n_max(void **state)
{
    (void)state;
    /* x^N underflows: the sum is 1/(1-x) to long double precision. */
    long double r = series_reference(1 - 0x1p-53, N_MAX);
    assert_true(isfinite(r) && fabsl(r / 0x1p53L - 1) < 1e-15L);
    assert_true(fabsl(series_reference(-0.5, N_MAX) - 2.0L / 3) < 1e-18L);  /* N odd */
    assert_true(isfinite(series_abs_sum(-0.9999999999, N_MAX)));
    assert_true(series_error_bound(0.9999999999, N_MAX) > 0);
}

/* Every split of blocks into parts: covers [0, blocks) in order, each part
 * within one block of the others. */
static void check_split(uint64_t blocks, unsigned parts, unsigned stride)
{
    const uint64_t small = blocks / parts;
    assert_true(series_block_split(blocks, 0, parts) == 0);
    assert_true(series_block_split(blocks, parts, parts) == blocks);
    for (uint64_t p = 0; p < parts; p += stride) {
        uint64_t lo = series_block_split(blocks, (unsigned)p, parts);
        uint64_t hi = series_block_split(blocks, (unsigned)p + 1, parts);
        if (hi < lo || hi - lo < small || hi - lo - small > 1)
            fail_msg("%llu blocks, part %llu of %u: [%llu, %llu)", (unsigned long long)blocks,
                     (unsigned long long)p, parts, (unsigned long long)lo,
                     (unsigned long long)hi);
    }
}

static void split_for_huge_block_counts(void **state)
{
    (void)state;
    const uint64_t counts[] = { 1ull << 47, (1ull << 47) - 1, UINT64_MAX, 5, 1 };
    const unsigned parts[] = { 1, 2, 3, 7, 8, 16, 1000, 1u << 20, 2147483647u };
    for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++)
        for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++)
            check_split(counts[c], parts[p], parts[p] > 100000 ? 65521 : 1);
    /* 2^47 blocks over 2^31-1 ranks: blocks * rank needs 78 bits. */
    assert_true(series_block_split(1ull << 47, 2147483646u, 2147483647u) == 140737488289791ull);
}

/*
 * 8 ranks x 2 threads on N = 5 (one block): the nested split gives the
 * block to exactly one of the 16 workers, and the sum is exact; N = 1 is
 * x^0 = 1 for every x and worker count.
 */
static double sum_over_ranks(double x, uint64_t n, unsigned ranks, int threads)
{
    series_plan plan;
    series_plan_init(&plan, x);
    omp_set_num_threads(threads);
    const uint64_t blocks = series_block_count(n);
    exact_acc total;
    exact_acc_init(&total);
    for (unsigned r = 0; r < ranks; r++) {
        exact_acc part;
        exact_acc_init(&part);
        series_sum_exact(series_block_sum, &plan, n, series_block_split(blocks, r, ranks),
                         series_block_split(blocks, r + 1, ranks), NULL, &part);
        exact_acc_merge(&total, &part);
    }
    return exact_acc_round(&total);
}

static void more_workers_than_blocks_and_n_one(void **state)
{
    (void)state;
    unsigned owners = 0;
    for (unsigned r = 0; r < 8; r++) {
        uint64_t lo = series_block_split(1, r, 8), hi = series_block_split(1, r + 1, 8);
        for (unsigned t = 0; t < 2; t++)
            owners += series_block_split(hi - lo, t + 1, 2) - series_block_split(hi - lo, t, 2) > 0;
    }
    assert_int_equal(owners, 1);
    assert_true(sum_over_ranks(0.5, 5, 8, 2) == 1.9375);
    const double xs[] = { -0.9999999999, -0.5, 0.0, 1e-300, 0.5, 0.9999999999 };
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        for (unsigned ranks = 1; ranks <= 8; ranks *= 2)
            assert_true(sum_over_ranks(xs[i], 1, ranks, 2) == 1.0);
}

/*
 * A kernel that raises the stop flag in its 100th call, and counts the
 * calls that begin once the flag is up: each other thread may be inside
 * one block already, but must start no further block.
 */
static atomic_int stop_flag, calls, late_calls;
static double counting_kernel(const series_plan *plan, uint64_t block, uint64_t count)
{
    (void)count;
    if (atomic_load(&stop_flag))
        atomic_fetch_add(&late_calls, 1);
    if (atomic_fetch_add(&calls, 1) + 1 == 100)
        atomic_store(&stop_flag, 1);
    return series_block_sum(plan, block, 256);  /* a little work, as a real block */
}

static void stopped_sum_ends_within_a_block(void **state)
{
    (void)state;
    series_plan plan;
    series_plan_init(&plan, 0.5);
    const uint64_t blocks = series_block_count(N_MAX);
    for (int threads = 1; threads <= 4; threads++) {
        omp_set_num_threads(threads);
        atomic_store(&stop_flag, 0);
        atomic_store(&calls, 0);
        atomic_store(&late_calls, 0);
        exact_acc acc;
        exact_acc_init(&acc);
        series_sum_exact(counting_kernel, &plan, N_MAX, 0, blocks, &stop_flag, &acc);
        if (atomic_load(&late_calls) > threads - 1)
            fail_msg("%d threads: %d blocks started after the stop (%d in all)", threads,
                     atomic_load(&late_calls), atomic_load(&calls));
        atomic_store(&calls, 0);
        assert_true(series_sum_plain(counting_kernel, &plan, N_MAX, 0, blocks, &stop_flag) == 0.0);
        assert_int_equal(atomic_load(&calls), 0);  /* already stopped: no block at all */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(block_arithmetic_at_n_max),
        cmocka_unit_test(last_blocks_against_closed_form),
        cmocka_unit_test(reference_at_n_max),
        cmocka_unit_test(split_for_huge_block_counts),
        cmocka_unit_test(more_workers_than_blocks_and_n_one),
        cmocka_unit_test(stopped_sum_ends_within_a_block),
    };
    return cmocka_run_group_tests_name("limits", tests, NULL, NULL);
}

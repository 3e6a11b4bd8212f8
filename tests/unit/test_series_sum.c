/*
 * test_series_sum.c - whole sums: bitwise identical for 1..8 threads and
 * for any split of the blocks among "ranks", every block summed once by the
 * dynamic hand-out, and within the error bound of the closed form over a
 * grid of x and N (the largest error/bound seen is printed).
 *
 * MACLAURIN_TEST_MAX_TERMS=N leaves out the sums of more than N terms and
 * shrinks the two single large sums to it (tests/arm/run_arm_tests sets
 * it under emulation; the unit suite on the build machine runs them all);
 * the sizes kept still cross every block, segment and group boundary.
 */
#include <math.h>
#include <omp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "reference.h"
#include "series_block.h"
#include "series_sum.h"

static double exact_sum(double x, uint64_t n, int threads)
{
    series_plan plan;
    series_plan_init(&plan, x);
    exact_acc acc;
    exact_acc_init(&acc);
    omp_set_num_threads(threads);
    series_sum_exact(series_block_sum, &plan, n, 0, series_block_count(n), NULL, &acc);
    return exact_acc_round(&acc);
}

/* The most terms one sum may have here (MACLAURIN_TEST_MAX_TERMS). */
static uint64_t max_terms(void)
{
    const char *cap = getenv("MACLAURIN_TEST_MAX_TERMS");
    return cap && *cap ? strtoull(cap, NULL, 10) : UINT64_MAX;
}

/* N, or the largest kept size within the cap where N is over it. */
static uint64_t capped(uint64_t n)
{
    const uint64_t kept[] = { 12800000, 1000001, 65537 };  /* past 195, 15 and 1 blocks */
    for (size_t i = 0; n > max_terms() && i < sizeof kept / sizeof kept[0]; i++)
        n = kept[i];
    return n;
}

static void same_bits_for_every_thread_count(void **state)
{
    (void)state;
    const double xs[] = { 0.9999999999, -0.9999999, 0.5, 0.9 };
    const uint64_t ns[] = { 1, 5, 65537, 1000001, 12800000, 100000007 };
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        for (size_t j = 0; j < sizeof ns / sizeof ns[0] && ns[j] <= max_terms(); j++) {
            double one = exact_sum(xs[i], ns[j], 1);
            for (int t = 2; t <= 8; t++) {
                double many = exact_sum(xs[i], ns[j], t);
                if (memcmp(&one, &many, sizeof one) != 0)
                    fail_msg("x=%.17g n=%llu: 1 thread %a, %d threads %a", xs[i],
                             (unsigned long long)ns[j], one, t, many);
            }
        }
}

static void same_bits_for_any_split_among_ranks(void **state)
{
    /* Any split of the blocks among ranks gives the same bits (the MPI
     * driver's ranks take ranges from a job-wide counter in whatever order,
     * runtime/decomposition.c): contiguous splits for 2..9 ranks, merged. */
    (void)state;
    const double x = 0.99999999;
    const uint64_t n = capped(50000001);
    const uint64_t blocks = series_block_count(n);
    series_plan plan;
    series_plan_init(&plan, x);
    omp_set_num_threads(2);
    const double whole = exact_sum(x, n, 2);
    for (uint64_t ranks = 2; ranks <= 9; ranks++) {
        exact_acc total;
        exact_acc_init(&total);
        for (uint64_t r = ranks; r-- > 0;) {  /* merged in reverse, for good measure */
            exact_acc part;
            exact_acc_init(&part);
            series_sum_exact(series_block_sum, &plan, n, blocks * r / ranks,
                             blocks * (r + 1) / ranks, NULL, &part);
            exact_acc_merge(&total, &part);
        }
        double split = exact_acc_round(&total);
        if (memcmp(&whole, &split, sizeof whole) != 0)
            fail_msg("%llu ranks: %a, one: %a", (unsigned long long)ranks, split, whole);
    }
}

static void more_workers_than_blocks(void **state)
{
    (void)state;
    assert_true(exact_sum(0.5, 5, 8) == 1.9375);  /* 1 + 1/2 + 1/4 + 1/8 + 1/16 */
    assert_true(exact_sum(0.5, 1, 8) == 1.0);
}

/* Block b counts b + 1: the sum is B (B + 1) / 2 only if the dynamic
 * hand-out gives every block to exactly one thread. */
static double block_number_kernel(const series_plan *plan, uint64_t block, uint64_t count)
{
    (void)plan;
    (void)count;
    return (double)(block + 1);
}

static void every_block_summed_exactly_once(void **state)
{
    (void)state;
    series_plan plan;
    series_plan_init(&plan, 0.5);
    const uint64_t block_counts[] = { 1, 2, 63, 64, 65, 1000, 4097, 100003 };
    for (int threads = 1; threads <= 8; threads++)
        for (size_t i = 0; i < sizeof block_counts / sizeof block_counts[0]; i++) {
            const uint64_t b = block_counts[i], first = 3;
            exact_acc acc;
            exact_acc_init(&acc);
            omp_set_num_threads(threads);
            series_sum_exact(block_number_kernel, &plan, (first + b) * SERIES_BLOCK_TERMS,
                             first, first + b, NULL, &acc);
            /* blocks first .. first + b - 1 count first + 1 .. first + b */
            double want = (double)((first + b) * (first + b + 1) / 2 - first * (first + 1) / 2);
            if (exact_acc_round(&acc) != want)
                fail_msg("%d threads, %llu blocks: %.17g, want %.17g", threads,
                         (unsigned long long)b, exact_acc_round(&acc), want);
        }
}

static void sums_within_bound_over_grid(void **state)
{
    (void)state;
    const double xs[] = {
        -0.9999999999, -0.999999, -0.9, -0.5, -1e-9, 1e-300, 0.25, 0.5, 0.9,
        0.999, 0.999999, 0.9999999, 1 - 0x1p-30, 0.9999999999,
    };
    const uint64_t ns[] = { 1, 2, 3, 1000, 65535, 65536, 65537, 1000001, 12800000, 300000007 };
    double worst = 0.0, worst_x = 0.0;
    uint64_t worst_n = 0;
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        for (size_t j = 0; j < sizeof ns / sizeof ns[0] && ns[j] <= max_terms(); j++) {
            double v = exact_sum(xs[i], ns[j], 2);
            double err = (double)fabsl((long double)v - series_reference(xs[i], ns[j]));
            double bound = series_error_bound(xs[i], ns[j]);
            if (!(err <= bound))
                fail_msg("x=%.17g n=%llu: %.17g, error %.3g > bound %.3g", xs[i],
                         (unsigned long long)ns[j], v, err, bound);
            if (err / bound > worst) {
                worst = err / bound;
                worst_x = xs[i];
                worst_n = ns[j];
            }
        }
    print_message("largest error / bound over the grid: %.3g (x = %.17g, N = %llu)\n", worst,
                  worst_x, (unsigned long long)worst_n);
}

static void plain_reduction_within_bound(void **state)
{
    (void)state;
    series_plan plan;
    series_plan_init(&plan, 0.9999999);
    const uint64_t n = capped(100000000);
    omp_set_num_threads(2);
    double v = series_sum_plain(series_block_sum, &plan, n, 0, series_block_count(n), NULL);
    assert_true(fabsl((long double)v - series_reference(0.9999999, n)) <=
                series_error_bound(0.9999999, n));
}

int main(void)
{
    if (max_terms() != UINT64_MAX)
        print_message("sums of more than %llu terms left out (MACLAURIN_TEST_MAX_TERMS)\n",
                      (unsigned long long)max_terms());
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_bits_for_every_thread_count),
        cmocka_unit_test(same_bits_for_any_split_among_ranks),
        cmocka_unit_test(more_workers_than_blocks),
        cmocka_unit_test(every_block_summed_exactly_once),
        cmocka_unit_test(sums_within_bound_over_grid),
        cmocka_unit_test(plain_reduction_within_bound),
    };
    return cmocka_run_group_tests_name("series_sum", tests, NULL, NULL);
}

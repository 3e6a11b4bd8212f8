/*
 * test_series_block.c - the block kernel: bit-for-bit equal to its scalar
 * definition, and within the error bound of the closed form, over a grid of
 * x (negative, tiny, near +-1), counts (0, 1, segment and block edges) and
 * block indices (0 up to the last block below 2^63).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "reference.h"
#include "series_block.h"
#include "series_kernels.h"

static const double xs[] = {
    -0.9999999999, -0.9999999, -0.999, -0.9, -0.5, -1e-3, -1e-300, -0.0, 0.0,
    4.9406564584124654e-324, 1e-300, 1e-3, 0.1, 0.5, 0.7, 0.9, 0.99, 0.999999,
    0.9999999, 1 - 0x1p-30, 0.9999999999,
};
/* Counts at the edges of lanes, segments and blocks, and whole segments
 * from 1 to 15 followed by a partial one (the groups of segments the
 * kernel runs side by side end in different places). */
static const uint64_t counts[] = { 0,     1,     2,     31,    32,    33,    4095,  4096, 4097,
                                   8192,  12305, 12345, 20480, 45056, 61457, 65535, 65536 };
static const uint64_t blocks[] = { 0, 1, 2, 7, 1000, 15258, 1u << 20, 1ull << 40, (1ull << 47) - 1 };

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* x^k0 * (1 - x^c)/(1 - x), and its |x| counterpart, in long double. */
static long double block_exact(double x, uint64_t k0, uint64_t count, int absolute)
{
    long double base = absolute ? fabsl((long double)x) : (long double)x;
    long double start = k0 == 0 ? 1.0L : powl(base, (long double)k0);
    return start * (absolute ? series_abs_sum(x, count) : series_reference(x, count));
}

static void vector_kernel_matches_scalar_definition(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(xs); i++) {
        series_plan plan;
        series_plan_init(&plan, xs[i]);
        for (size_t b = 0; b < N_ELEMS(blocks); b++)
            for (size_t c = 0; c < N_ELEMS(counts); c++) {
                double v = series_block_sum(&plan, blocks[b], counts[c]);
                double s = series_block_sum_by_lane(&plan, blocks[b], counts[c]);
                if (memcmp(&v, &s, sizeof v) != 0)
                    fail_msg("x=%.17g block=%llu count=%llu: vector %a, scalar %a", xs[i],
                             (unsigned long long)blocks[b], (unsigned long long)counts[c], v, s);
            }
    }
}

/*
 * The kernel's error against the closed form, over the grid, must stay
 * within tolerance * sum|x|^k.  The project's kernel is held to the
 * driver's tolerance (2e-14); the baselines to the textbook worst case for
 * n terms, 2n unit roundoffs (running power plus recursive sum), which
 * near x = 1 they do need: the single running sum of terms close to 1
 * rounds the same way again and again.
 */
static void every_kernel_within_bound(const char *name, int grid_step, int textbook_bound)
{
    const series_kernel *kernel = series_kernel_find(name);
    assert_non_null(kernel);
    double worst = 0.0;
    for (size_t i = 0; i < N_ELEMS(xs); i += (size_t)grid_step) {
        series_plan plan;
        series_plan_init(&plan, xs[i]);
        for (size_t b = 0; b < N_ELEMS(blocks); b++)
            for (size_t c = 0; c < N_ELEMS(counts); c++) {
                uint64_t k0 = blocks[b] * SERIES_BLOCK_TERMS;
                long double exact = block_exact(xs[i], k0, counts[c], 0);
                long double tolerance =
                    textbook_bound ? 2.0L * (long double)counts[c] * 0x1p-53L : SERIES_TOLERANCE;
                long double bound = tolerance * block_exact(xs[i], k0, counts[c], 1);
                double v = kernel->fn(&plan, blocks[b], counts[c]);
                long double err = fabsl((long double)v - exact);
                /* Terms below the double range are flushed or lost: allow
                 * for them absolutely (65536 terms of 2^-1022 at most). */
                const long double lost = 0x1p-1006L;
                if (!(err <= bound + lost))
                    fail_msg("%s: x=%.17g block=%llu count=%llu: %.17g vs %.20Lg, err %Lg > %Lg",
                             name, xs[i], (unsigned long long)blocks[b],
                             (unsigned long long)counts[c], v, exact, err, bound);
                if (bound > lost && (double)(err / bound) > worst)
                    worst = (double)(err / bound);
            }
    }
    print_message("%s kernel: largest block error / bound over the grid = %.3g\n", name, worst);
}

static void simd_kernel_within_bound(void **state)
{
    (void)state;
    every_kernel_within_bound("simd", 1, 0);
}

static void baseline_kernels_within_bound(void **state)
{
    (void)state;
    every_kernel_within_bound("scalar", 1, 1);
    every_kernel_within_bound("pow", 4, 1);  /* pow per term is slow: a coarser grid */
}

static void zero_and_one_terms(void **state)
{
    (void)state;
    series_plan plan;
    series_plan_init(&plan, -0.75);
    assert_true(series_block_sum(&plan, 3, 0) == 0.0);
    assert_true(series_block_sum(&plan, 0, 1) == 1.0);
    /* One term is x^k0 itself, straight from pow. */
    assert_true(series_block_sum(&plan, 5, 1) == pow(-0.75, 5.0 * SERIES_BLOCK_TERMS));
    assert_true(series_block_sum(&plan, 0, 2) == 1.0 - 0.75);
}

static void block_value_depends_only_on_its_index(void **state)
{
    /* Evaluating other blocks in between (as another thread would) must
     * not change a block's bits: nothing is carried between blocks. */
    (void)state;
    series_plan plan;
    series_plan_init(&plan, 0.9999999);
    double first = series_block_sum(&plan, 12345, SERIES_BLOCK_TERMS);
    for (uint64_t b = 0; b < 10; b++)
        (void)series_block_sum(&plan, b * 977, SERIES_BLOCK_TERMS);
    double again = series_block_sum(&plan, 12345, SERIES_BLOCK_TERMS);
    assert_memory_equal(&first, &again, sizeof first);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vector_kernel_matches_scalar_definition),
        cmocka_unit_test(simd_kernel_within_bound),
        cmocka_unit_test(baseline_kernels_within_bound),
        cmocka_unit_test(zero_and_one_terms),
        cmocka_unit_test(block_value_depends_only_on_its_index),
    };
    return cmocka_run_group_tests_name("series_block", tests, NULL, NULL);
}

/*
 * test_reference.c - the closed form the drivers verify against: exact
 * small cases, agreement with direct summation, the ill-conditioned ends
 * (x near 1 and near -1), and the |x| scale of the error bound.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "reference.h"

/* Relative agreement to a few long-double ulps (far below 2e-14). */
#define CLOSE 1e-17L

static void assert_close(long double got, long double want, long double rel)
{
    long double err = fabsl(got - want), scale = fabsl(want);
    if (!(err <= rel * scale))
        fail_msg("got %.21Lg, want %.21Lg (relative error %Lg > %Lg)", got, want, err / scale, rel);
}

static void small_exact_cases(void **state)
{
    (void)state;
    assert_close(series_reference(0.5, 1), 1.0L, CLOSE);
    assert_close(series_reference(0.5, 2), 1.5L, CLOSE);
    assert_close(series_reference(0.5, 64), 2.0L - 0x1p-63L, CLOSE);
    assert_close(series_reference(-0.5, 3), 0.75L, CLOSE);
    assert_close(series_reference(-0.5, 4), 0.625L, CLOSE);
    assert_true(series_reference(0.0, 1) == 1.0L);
    assert_true(series_reference(0.0, 1000) == 1.0L);
    assert_true(series_reference(-0.0, 7) == 1.0L);
}

/* Direct summation in long double, compensated, for moderate n. */
static long double direct_sum(double x, uint64_t n)
{
    long double sum = 0.0L, carry = 0.0L, power = 1.0L;
    for (uint64_t k = 0; k < n; k++) {
        long double y = power - carry, t = sum + y;
        carry = (t - sum) - y;
        sum = t;
        power *= x;
    }
    return sum;
}

static void agrees_with_direct_summation(void **state)
{
    (void)state;
    const double xs[] = { -0.999, -0.9, -0.5, -1e-3, 1e-3, 0.3, 0.5, 0.9, 0.999, 0.9999999 };
    const uint64_t ns[] = { 1, 2, 3, 10, 101, 1000, 100000 };
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        for (size_t j = 0; j < sizeof ns / sizeof ns[0]; j++)
            /* the running power in long double drifts by n ulps */
            assert_close(series_reference(xs[i], ns[j]), direct_sum(xs[i], ns[j]),
                         1e-19L * (long double)ns[j] + CLOSE);
}

static void near_one_uses_no_cancelling_formula(void **state)
{
    (void)state;
    /* For x = 1 - d, (1 - x^n)/(1 - x) = n - n(n-1)/2 d + ...; with n d tiny
     * the first two terms give it to about (n d)^2 relative. */
    const double x = 1.0 - 0x1p-40;
    const long double d = 0x1p-40L, n = 1000.0L;
    assert_close(series_reference(x, 1000), n - n * (n - 1) / 2 * d, 1e-18L);
    /* and the limit for n d large: 1/d */
    assert_close(series_reference(x, UINT64_C(1) << 62), 1.0L / d, 1e-18L);
}

static void near_minus_one_even_and_odd(void **state)
{
    (void)state;
    const double x = -(1.0 - 1e-10);
    /* n = 2: 1 + x, exactly representable (Sterbenz) */
    assert_close(series_reference(x, 2), (long double)(1.0 + x), 1e-15L);
    /* n = 3: 1 + x + x^2 */
    long double xl = x;
    assert_close(series_reference(x, 3), 1.0L + xl + xl * xl, 1e-15L);
    /* the sum of |x|^k is large even where the alternating sum is small */
    assert_true(series_abs_sum(x, 2) > 1.99L);
}

static void bound_scales_with_abs_sum(void **state)
{
    (void)state;
    assert_close(series_abs_sum(-0.5, 10), series_abs_sum(0.5, 10), CLOSE);
    assert_close((long double)series_error_bound(0.5, 1), (long double)SERIES_TOLERANCE, 1e-15L);
    assert_close((long double)series_error_bound(-0.9, 1000000),
                 (long double)SERIES_TOLERANCE * 10.0L, 1e-15L);
}

static void largest_n(void **state)
{
    (void)state;
    const uint64_t n = INT64_MAX;
    assert_close(series_reference(0.5, n), 2.0L, CLOSE);
    assert_close(series_reference(-0.5, n), 2.0L / 3.0L, CLOSE);
    long double r = series_reference(0.9999999999, n);
    assert_close(r, 1.0L / (1.0L - (long double)0.9999999999), CLOSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(small_exact_cases),
        cmocka_unit_test(agrees_with_direct_summation),
        cmocka_unit_test(near_one_uses_no_cancelling_formula),
        cmocka_unit_test(near_minus_one_even_and_odd),
        cmocka_unit_test(bound_scales_with_abs_sum),
        cmocka_unit_test(largest_n),
    };
    return cmocka_run_group_tests_name("reference", tests, NULL, NULL);
}

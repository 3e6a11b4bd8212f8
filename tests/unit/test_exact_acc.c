/*
 * test_exact_acc.c - the exact accumulator: exactness, correct rounding,
 * order independence, and the merge an MPI reduction relies on.
 */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "exact_acc.h"

static double sum_of(const double *values, size_t n)
{
    exact_acc acc;
    exact_acc_init(&acc);
    for (size_t i = 0; i < n; i++)
        exact_acc_add(&acc, values[i]);
    return exact_acc_round(&acc);
}

static void assert_same_bits(double a, double b)
{
    assert_memory_equal(&a, &b, sizeof a);
}

static void empty_sum_is_zero(void **state)
{
    (void)state;
    assert_same_bits(sum_of(NULL, 0), 0.0);
}

static void cancellation_is_exact(void **state)
{
    (void)state;
    const double v[] = { 1e300, 1.0, -1e300 };
    assert_same_bits(sum_of(v, 3), 1.0);
    const double w[] = { DBL_MAX, DBL_MAX, -DBL_MAX };  /* 2*DBL_MAX in between */
    assert_same_bits(sum_of(w, 3), DBL_MAX);
    const double tiny[] = { 0x1p-1074, 1.0, 0x1p-1074, -1.0 };
    assert_same_bits(sum_of(tiny, 4), 0x1p-1073);
}

static void rounds_to_nearest_even(void **state)
{
    (void)state;
    const double tie_down[] = { 1.0, 0x1p-53 };              /* exact tie: stays at 1 */
    assert_same_bits(sum_of(tie_down, 2), 1.0);
    const double tie_up[] = { 1.0 + 0x1p-52, 0x1p-53 };      /* tie to even: up */
    assert_same_bits(sum_of(tie_up, 2), 1.0 + 0x1p-51);
    const double past_tie[] = { 1.0, 0x1p-53, 0x1p-600 };    /* sticky bit far below */
    assert_same_bits(sum_of(past_tie, 3), 1.0 + 0x1p-52);
    const double below_tie[] = { 1.0, 0x1p-53, -0x1p-600 };
    assert_same_bits(sum_of(below_tie, 3), 1.0);
    const double negative[] = { -1.0, -0x1p-53, -0x1p-600 };
    assert_same_bits(sum_of(negative, 3), -1.0 - 0x1p-52);
}

static void subnormal_and_overflowing_sums(void **state)
{
    (void)state;
    const double sub[] = { 0x1p-1074, 0x1p-1074, 0x1p-1074 };
    assert_same_bits(sum_of(sub, 3), 3 * 0x1p-1074);
    const double edge[] = { 0x1p-1022, -0x1p-1074 };          /* largest subnormal */
    assert_same_bits(sum_of(edge, 2), 0x1p-1022 - 0x1p-1074);
    const double big[] = { DBL_MAX, DBL_MAX };
    assert_true(isinf(sum_of(big, 2)) && sum_of(big, 2) > 0);
    const double mixed_sign_zero[] = { -0.0, 0.0 };
    assert_same_bits(sum_of(mixed_sign_zero, 2), 0.0);
}

static void non_finite_inputs(void **state)
{
    (void)state;
    const double inf[] = { 1.0, INFINITY };
    assert_true(isinf(sum_of(inf, 2)) && sum_of(inf, 2) > 0);
    const double both[] = { INFINITY, -INFINITY };
    assert_true(isnan(sum_of(both, 2)));
    const double nan_in[] = { 1.0, NAN };
    assert_true(isnan(sum_of(nan_in, 2)));
}

/* A deterministic generator, so failures reproduce. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Values of every magnitude and sign; each appears with its negation, and
 * one known value is hidden among them, so the exact sum is that value. */
static size_t adversarial_set(double *v, size_t pairs, double hidden, uint64_t seed)
{
    size_t n = 0;
    for (size_t i = 0; i < pairs; i++) {
        double m = (double)(next_random(&seed) >> 11) * 0x1p-53;
        double x = ldexp(m + 0.5, (int)(next_random(&seed) % 2000) - 1000);
        v[n++] = x;
        v[n++] = -x;
    }
    v[n++] = hidden;
    return n;
}

static void shuffle(double *v, size_t n, uint64_t seed)
{
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = (size_t)(next_random(&seed) % (i + 1));
        double t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}

static void order_does_not_matter(void **state)
{
    (void)state;
    enum { PAIRS = 2000 };
    static double v[2 * PAIRS + 1];
    const double hidden = 0x1.23456789abcdep-7;
    size_t n = adversarial_set(v, PAIRS, hidden, 42);
    for (uint64_t trial = 1; trial <= 20; trial++) {
        shuffle(v, n, trial * 7919);
        assert_same_bits(sum_of(v, n), hidden);
    }
}

static void merge_matches_one_accumulator(void **state)
{
    (void)state;
    enum { PAIRS = 500 };
    static double v[2 * PAIRS + 1];
    size_t n = adversarial_set(v, PAIRS, 3.0, 7);
    /* Split over 5 "ranks" any way, merge in any order. */
    exact_acc part[5];
    for (int p = 0; p < 5; p++)
        exact_acc_init(&part[p]);
    for (size_t i = 0; i < n; i++)
        exact_acc_add(&part[(i * 3 + i / 7) % 5], v[i]);
    exact_acc total;
    exact_acc_init(&total);
    const int order[5] = { 3, 0, 4, 1, 2 };
    for (int p = 0; p < 5; p++)
        exact_acc_merge(&total, &part[order[p]]);
    assert_same_bits(exact_acc_round(&total), 3.0);
}

static void summing_normalised_digits_is_a_merge(void **state)
{
    /* What MPI_Reduce(MPI_INT64_T, MPI_SUM) does to normalised accumulators. */
    (void)state;
    exact_acc a, b, sum;
    exact_acc_init(&a);
    exact_acc_init(&b);
    const double va[] = { 1e20, -3.5, 0x1p-1000, -1e-300 };
    const double vb[] = { -1e20, 2.25, 1e-300, 7.0 };
    for (int i = 0; i < 4; i++) {
        exact_acc_add(&a, va[i]);
        exact_acc_add(&b, vb[i]);
    }
    exact_acc_normalise(&a);
    exact_acc_normalise(&b);
    for (int i = 0; i < EXACT_ACC_DIGITS - 1; i++) {
        assert_true(a.digit[i] >= 0 && a.digit[i] < (1ll << 32));
        assert_true(b.digit[i] >= 0 && b.digit[i] < (1ll << 32));
    }
    int64_t *wa = (int64_t *)&a, *wb = (int64_t *)&b, *ws = (int64_t *)&sum;
    for (int w = 0; w < EXACT_ACC_WORDS; w++)
        ws[w] = wa[w] + wb[w];
    assert_same_bits(exact_acc_round(&sum), 5.75 + 0x1p-1000);
}

static void many_equal_terms(void **state)
{
    (void)state;
    exact_acc acc;
    exact_acc_init(&acc);
    for (int i = 0; i < 1000000; i++)
        exact_acc_add(&acc, 0.1);
    /* The exact sum is 1e6 times the double 0.1, so its correct rounding is
     * the correctly rounded product; a running double sum is off by 1.3e-6. */
    assert_same_bits(exact_acc_round(&acc), 0.1 * 1e6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_sum_is_zero),
        cmocka_unit_test(cancellation_is_exact),
        cmocka_unit_test(rounds_to_nearest_even),
        cmocka_unit_test(subnormal_and_overflowing_sums),
        cmocka_unit_test(non_finite_inputs),
        cmocka_unit_test(order_does_not_matter),
        cmocka_unit_test(merge_matches_one_accumulator),
        cmocka_unit_test(summing_normalised_digits_is_a_merge),
        cmocka_unit_test(many_equal_terms),
    };
    return cmocka_run_group_tests_name("exact_acc", tests, NULL, NULL);
}

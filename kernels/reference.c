/*
 * reference.c - (1 - x^n) / (1 - x), accurately, for |x| < 1 and n up to 2^63-1.
 *
 * For x near 1, pow(x, n) loses everything to cancellation in 1 - x^n, so
 * we write |x|^n = exp(n log|x|) and take 1 - |x|^n = -expm1(n log|x|),
 * with log|x| = log1p(|x| - 1) (|x| - 1 is exact for |x| >= 0.5).  All of
 * it in long double (64-bit significand on x86-64, where n converts
 * exactly), which leaves the reference about 2000 times more accurate than
 * the tolerance it is used to check.  For x < 0, x^n = (-1)^n |x|^n: odd n
 * gives 1 + |x|^n (no cancellation), even n the same 1 - |x|^n as above.
 */
#include "reference.h"

#include <math.h>

/* n log|x| for x != 0. */
static long double n_log_abs(double x, uint64_t n)
{
    long double a = fabsl((long double)x);
    long double log_a = a >= 0.5L ? log1pl(a - 1.0L) : logl(a);
    return (long double)n * log_a;
}

/* 1 - |x|^n */
static long double one_minus_abs_power(double x, uint64_t n)
{
    if (x == 0.0)
        return n == 0 ? 0.0L : 1.0L;
    return -expm1l(n_log_abs(x, n));
}

long double series_reference(double x, uint64_t n)
{
    long double numerator;
    if (x < 0.0 && (n & 1))
        numerator = 1.0L + expl(n_log_abs(x, n));  /* 1 - x^n = 1 + |x|^n */
    else
        numerator = one_minus_abs_power(x, n);
    return numerator / (1.0L - (long double)x);
}

long double series_abs_sum(double x, uint64_t n)
{
    return one_minus_abs_power(x, n) / (1.0L - fabsl((long double)x));
}

double series_error_bound(double x, uint64_t n)
{
    return (double)(SERIES_TOLERANCE * series_abs_sum(x, n));
}

/*
 * fuzz_exact_acc.c - libFuzzer target: the exact accumulator, differentially.
 *
 * The input is a list of doubles (8 bytes each).  Their exact_acc sum must
 * be bit-identical whatever the order (forward, backward), however the
 * list is cut into parts and the parts merged, and when the parts are
 * combined as comm_reduce_exact does under MPI (normalise, then add the
 * int64 words).  For finite inputs it must equal an independent correctly
 * rounded sum: Shewchuk's algorithm as in CPython's math.fsum.  The same
 * bytes read as 16-bit integers must sum exactly.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "exact_acc.h"

#define MAX_VALUES 512
#define MAX_PARTS 7

/* The same double, or both nan; +0 and -0 count as one (a zero sum is +0). */
static int same(double a, double b)
{
    return (isnan(a) && isnan(b)) || (a == 0 && b == 0) || memcmp(&a, &b, sizeof a) == 0;
}

/*
 * Correctly rounded sum of finite doubles (Shewchuk 1997, with CPython's
 * fix-up for half-way cases across partials).  Returns 0 and the sum, or
 * -1 when an intermediate overflows (the oracle cannot say then).
 */
static int fsum(const double *v, size_t n, double *sum)
{
    double p[MAX_VALUES + 64];
    size_t np = 0;
    for (size_t k = 0; k < n; k++) {
        double x = v[k];
        size_t i = 0;
        for (size_t j = 0; j < np; j++) {
            double y = p[j];
            if (fabs(x) < fabs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y, lo = y - (hi - x);
            if (lo != 0.0)
                p[i++] = lo;
            x = hi;
        }
        if (!isfinite(x))
            return -1;
        np = i;
        if (x != 0.0)
            p[np++] = x;
    }
    double hi = 0.0, lo = 0.0;
    if (np > 0) {
        hi = p[--np];
        while (np > 0) {
            double x = hi, y = p[--np];
            hi = x + y;
            lo = y - (hi - x);
            if (lo != 0.0)
                break;
        }
        if (np > 0 && ((lo < 0.0 && p[np - 1] < 0.0) || (lo > 0.0 && p[np - 1] > 0.0))) {
            double y = lo * 2.0, x = hi + y;
            if (y == x - hi)
                hi = x;
        }
    }
    if (!isfinite(hi))
        return -1;
    *sum = hi;
    return 0;
}

static double sum_range(const double *v, size_t from, size_t to, int backwards)
{
    exact_acc acc;
    exact_acc_init(&acc);
    for (size_t i = from; i < to; i++)
        exact_acc_add(&acc, v[backwards ? to - 1 - (i - from) : i]);
    return exact_acc_round(&acc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const unsigned parts = 1 + data[0] % MAX_PARTS;
    data++, size--;
    size_t n = size / sizeof(double);
    if (n > MAX_VALUES)
        n = MAX_VALUES;
    double v[MAX_VALUES];
    memcpy(v, data, n * sizeof(double));

    const double forward = sum_range(v, 0, n, 0);
    require(same(forward, sum_range(v, 0, n, 1)), "forward %a, backward differs", forward);

    /* Cut into parts at points taken from the data, merged last to first;
     * and the same parts reduced the way MPI_SUM over int64 words does. */
    exact_acc part[MAX_PARTS], merged, words;
    exact_acc_init(&merged);
    exact_acc_init(&words);
    size_t cut[MAX_PARTS + 1] = { 0 };
    for (unsigned p = 1; p < parts; p++)
        cut[p] = n ? (cut[p - 1] + (size_t)data[p % size] * 7) % (n + 1) : 0;
    cut[parts] = n;
    for (unsigned p = 1; p <= parts; p++)
        if (cut[p] < cut[p - 1])
            cut[p] = cut[p - 1];
    for (unsigned p = 0; p < parts; p++) {
        exact_acc_init(&part[p]);
        for (size_t i = cut[p]; i < cut[p + 1]; i++)
            exact_acc_add(&part[p], v[i]);
    }
    for (unsigned p = parts; p-- > 0;)
        exact_acc_merge(&merged, &part[p]);
    require(same(forward, exact_acc_round(&merged)), "%u parts merged differ", parts);
    for (unsigned p = 0; p < parts; p++) {
        exact_acc_normalise(&part[p]);
        int64_t *dst = (int64_t *)&words;
        const int64_t *src = (const int64_t *)&part[p];
        for (int w = 0; w < EXACT_ACC_WORDS; w++)
            dst[w] += src[w];
    }
    require(same(forward, exact_acc_round(&words)), "%u parts as MPI_SUM words differ", parts);

    /* Finite inputs: the correctly rounded sum. */
    int finite = 1;
    for (size_t i = 0; i < n; i++)
        finite &= isfinite(v[i]) != 0;
    double want;
    if (finite && fsum(v, n, &want) == 0)
        require(same(forward, want), "sum %a, correctly rounded %a", forward, want);

    /* Small integers: exact. */
    exact_acc ints;
    exact_acc_init(&ints);
    int64_t total = 0;
    for (size_t i = 0; i + 1 < size; i += 2) {
        int16_t k;
        memcpy(&k, data + i, sizeof k);
        exact_acc_add(&ints, (double)k);
        total += k;
    }
    require(exact_acc_round(&ints) == (double)total, "integers: %a, want %lld",
            exact_acc_round(&ints), (long long)total);
    return 0;
}

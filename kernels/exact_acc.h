/*
 * exact_acc.h - an exact, order-independent accumulator for doubles.
 *
 * A fixed-point number wide enough for every double: 68 digits of 32 bits,
 * digit i weighing 2^(32 i - 1074), held in int64 words so that each digit
 * can absorb carries without propagating them ("carry-save").  Adding a
 * double is exact; integer addition is associative, so the sum does not
 * depend on the order of additions, on how the terms were shared between
 * threads, or on how MPI_Reduce pairs ranks.  Rounding to double happens
 * once, at the end, correctly (to nearest, ties to even).
 *
 * The struct is nothing but int64 words, so accumulators from several ranks
 * combine with MPI_Reduce(..., EXACT_ACC_WORDS, MPI_INT64_T, MPI_SUM, ...)
 * once each has been normalised (exact_acc_normalise).
 */
#ifndef MACLAURIN_EXACT_ACC_H
#define MACLAURIN_EXACT_ACC_H

#include <stdint.h>

#define EXACT_ACC_DIGITS 68  /* 2^-1074 .. 2^1102: DBL_MAX times 2^78 of headroom */

typedef struct {
    int64_t digit[EXACT_ACC_DIGITS];
    int64_t pending;   /* additions since the last normalisation */
    int64_t pos_inf;   /* counts of non-finite inputs, which bypass the digits */
    int64_t neg_inf;
    int64_t nan;
} exact_acc;

#define EXACT_ACC_WORDS ((int)(sizeof(exact_acc) / sizeof(int64_t)))

void exact_acc_init(exact_acc *acc);

/* acc += value, exactly. */
void exact_acc_add(exact_acc *acc, double value);

/* acc += other, exactly (both may be in any state). */
void exact_acc_merge(exact_acc *acc, const exact_acc *other);

/*
 * Propagate carries so every digit but the top one lies in [0, 2^32) and
 * pending is 0.  The sum of up to 2^30 normalised accumulators is then
 * safe from overflow (what an MPI_SUM over ranks relies on).
 */
void exact_acc_normalise(exact_acc *acc);

/* The accumulated sum, correctly rounded to the nearest double. */
double exact_acc_round(const exact_acc *acc);

#endif

/*
 * exact_acc.c - exact summation of doubles in carry-save fixed point.
 *
 * A double is m * 2^(e) with a 53-bit integer m; shifted to its place it
 * spans at most three 32-bit digits.  Each addition puts a value below 2^32
 * in magnitude into a digit, so a digit that starts normalised (below 2^32)
 * stays below 2^63 for 2^30 additions; we normalise well before that.
 * Arithmetic right shift of negative int64 is assumed (GCC and Clang do so).
 */
#include "exact_acc.h"

#include <math.h>
#include <string.h>

#define DIGIT_BITS 32
#define DIGIT_MASK 0xffffffffll
#define MAX_PENDING (1ll << 30)

void exact_acc_init(exact_acc *acc)
{
    memset(acc, 0, sizeof *acc);
}

void exact_acc_normalise(exact_acc *acc)
{
    for (int i = 0; i < EXACT_ACC_DIGITS - 1; i++) {
        int64_t carry = acc->digit[i] >> DIGIT_BITS;  /* floor division by 2^32 */
        acc->digit[i] &= DIGIT_MASK;
        acc->digit[i + 1] += carry;
    }
    acc->pending = 0;
}

void exact_acc_add(exact_acc *acc, double value)
{
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    const int negative = (int)(bits >> 63);
    int biased = (int)((bits >> 52) & 0x7ff);
    uint64_t mantissa = bits & ((1ull << 52) - 1);

    if (biased == 0x7ff) {  /* inf or nan: kept aside, see exact_acc_round */
        if (mantissa)
            acc->nan++;
        else if (negative)
            acc->neg_inf++;
        else
            acc->pos_inf++;
        return;
    }
    if (biased == 0) {      /* zero or subnormal: m * 2^-1074 */
        if (mantissa == 0)
            return;
        biased = 1;
    } else {
        mantissa |= 1ull << 52;
    }
    /* value = mantissa * 2^(biased - 1075); bit position above 2^-1074: */
    const int position = biased - 1;
    const int index = position / DIGIT_BITS;
    const unsigned __int128 shifted = (unsigned __int128)mantissa << (position % DIGIT_BITS);
    int64_t part[3] = {
        (int64_t)(shifted & DIGIT_MASK),
        (int64_t)((shifted >> DIGIT_BITS) & DIGIT_MASK),
        (int64_t)(shifted >> (2 * DIGIT_BITS)),
    };
    for (int j = 0; j < 3; j++)
        acc->digit[index + j] += negative ? -part[j] : part[j];
    if (++acc->pending >= MAX_PENDING)
        exact_acc_normalise(acc);
}

void exact_acc_merge(exact_acc *acc, const exact_acc *other)
{
    exact_acc b = *other;
    exact_acc_normalise(acc);
    exact_acc_normalise(&b);
    for (int i = 0; i < EXACT_ACC_DIGITS; i++)
        acc->digit[i] += b.digit[i];
    acc->pos_inf += b.pos_inf;
    acc->neg_inf += b.neg_inf;
    acc->nan += b.nan;
    exact_acc_normalise(acc);
}

double exact_acc_round(const exact_acc *in)
{
    if (in->nan || (in->pos_inf && in->neg_inf))
        return NAN;
    if (in->pos_inf)
        return INFINITY;
    if (in->neg_inf)
        return -INFINITY;

    exact_acc a = *in;
    exact_acc_normalise(&a);
    const int negative = a.digit[EXACT_ACC_DIGITS - 1] < 0;
    if (negative) {         /* work with the magnitude */
        for (int i = 0; i < EXACT_ACC_DIGITS; i++)
            a.digit[i] = -a.digit[i];
        exact_acc_normalise(&a);
    }
    int top = EXACT_ACC_DIGITS - 1;
    while (top >= 0 && a.digit[top] == 0)
        top--;
    if (top < 0)
        return 0.0;

    /*
     * The top three digits hold at least 65 significant bits; any non-zero
     * digit below them is folded into the lowest bit ("sticky"), which lies
     * far below the rounding position, so the one rounding in the integer
     * to double conversion (libgcc rounds to nearest even) is the correct
     * rounding of the whole sum.  When the window reaches digit 0 it is the
     * exact value, and a subnormal result (< 2^52 units of 2^-1074) converts
     * without rounding; the scaling by 2^(...) is then exact.
     */
    const int low = top >= 2 ? top - 2 : 0;
    unsigned __int128 window = 0;
    for (int i = top; i >= low; i--)
        window = (window << DIGIT_BITS) | (uint64_t)a.digit[i];
    for (int i = 0; i < low; i++)
        if (a.digit[i] != 0) {
            window |= 1;
            break;
        }
    double magnitude = ldexp((double)window, DIGIT_BITS * low - 1074);
    return negative ? -magnitude : magnitude;
}

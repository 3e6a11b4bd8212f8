/*
 * fma_peak.c - independent chains of a = a * m + c in the build's widest
 * vectors, no memory traffic: the double-precision lane rate the FP pipes
 * can sustain (lanes x FMA pipes x clock).
 *
 * Built with -ffp-contract=fast (see the Makefile) so that a * m + c is one
 * fused instruction where the target has FMA; elsewhere it is the
 * multiply-add pair, which is then the honest peak for that target.
 * m < 1 and c > 0 keep every chain near 1: no overflow, no subnormals.
 *
 * AArch64's FMA adds into its destination register (FMLA d += n * m), so
 * a = a * m + c, whose chain runs through a multiplicand, would cost two
 * register moves per FMA there.  Its chains run through the addend
 * instead, a = a + c * m, with c made opaque each iteration so that c * m
 * cannot be hoisted out of the loop (the empty asm emits nothing); they
 * grow by about 1e-6 an iteration: no overflow, no subnormals either.
 */
#include "fma_peak.h"

#include "series_steps.h"
#include "simd.h"

uint64_t fma_peak_lane_ops(uint64_t iterations)
{
    return iterations * FMA_PEAK_CHAINS * SIMD_LANES;
}

double fma_peak_run(uint64_t iterations)
{
    const simd_vec m = (simd_vec){ 0 } + 0.999999;
    simd_vec c = (simd_vec){ 0 } + 1e-6;
    simd_vec a[FMA_PEAK_CHAINS];
#pragma GCC unroll 32
    for (int k = 0; k < FMA_PEAK_CHAINS; k++) {
        a[k] = (simd_vec){ 0 } + (1.0 + k * 1e-3);
        __asm__("" : "+" SIMD_ASM_REG(a[k]));  /* opaque start: no chain can be folded */
    }
    for (uint64_t i = 0; i < iterations; i++) {
#if defined(__aarch64__)
        __asm__("" : "+" SIMD_ASM_REG(c));  /* see the note above */
#pragma GCC unroll 32
        for (int k = 0; k < FMA_PEAK_CHAINS; k++)
            a[k] = a[k] + c * m;
#else
#pragma GCC unroll 32
        for (int k = 0; k < FMA_PEAK_CHAINS; k++)
            a[k] = a[k] * m + c;
#endif
    }
    double sum = 0.0;
    for (int k = 0; k < FMA_PEAK_CHAINS; k++)
        for (int l = 0; l < SIMD_LANES; l++)
            sum += a[k][l];
    return sum;
}

/* Chain counts the mix probe tries: from latency-bound to as many as the
 * registers hold (a power and a sum each; with 16, 8 read the step from
 * memory), whatever the kernel itself runs.  AArch64 adds 14, the most its
 * SVE-512 kernel runs (series_steps.h). */
#if defined(__aarch64__)
static const int muladd_counts[] = { 4, 6, 7, 8, 10, 12, 14 };
#define MULADD_MOST 14  /* the last of them */
#else
static const int muladd_counts[] = { 4, 6, 7, 8, 10, 12 };
#define MULADD_MOST 12
#endif

int muladd_peak_chain_counts(const int **counts)
{
    int n = 0;
    while (n < (int)(sizeof muladd_counts / sizeof muladd_counts[0]) &&
           muladd_counts[n] <= SIMD_REGISTERS / 2)
        n++;
    *counts = muladd_counts;
    return n;
}

uint64_t muladd_peak_lane_terms(int chains, uint64_t iterations)
{
    return iterations * (uint64_t)chains * SIMD_LANES;
}

/*
 * `chains` running powers and sums through the kernel's own hot loop.  A
 * step of 1 keeps the powers away from overflow and subnormals for any
 * number of iterations; the empty asm hides its value, so the multiply by
 * one cannot be folded away.
 */
static inline __attribute__((always_inline)) double muladd_chains(const int chains,
                                                                  uint64_t iterations)
{
    simd_vec one = (simd_vec){ 0 } + 1.0;
    __asm__("" : "+" SIMD_ASM_REG(one));
    simd_vec power[MULADD_MOST], acc[MULADD_MOST];
#pragma GCC unroll 16
    for (int k = 0; k < chains; k++) {
        power[k] = (simd_vec){ 0 } + (1.0 + k * 1e-3);
        acc[k] = (simd_vec){ 0 };
        __asm__("" : "+" SIMD_ASM_REG(power[k]), "+" SIMD_ASM_REG(acc[k]));
    }
    series_steps(chains, power, acc, &one, iterations);
    double sum = 0.0;
    for (int k = 0; k < chains; k++)
        for (int l = 0; l < SIMD_LANES; l++)
            sum += acc[k][l];
    return sum;
}

double muladd_peak_run(int chains, uint64_t iterations)
{
    switch (chains) {
    case 4: return muladd_chains(4, iterations);
    case 6: return muladd_chains(6, iterations);
    case 7: return muladd_chains(7, iterations);
    case 8: return muladd_chains(8, iterations);
    case 10: return muladd_chains(10, iterations);
#if MULADD_MOST > 12
    case 12: return muladd_chains(12, iterations);
#endif
    default: return muladd_chains(MULADD_MOST, iterations);
    }
}

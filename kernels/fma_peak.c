/*
 * fma_peak.c - independent chains of a = a * m + c in the build's widest
 * vectors, no memory traffic: the double-precision lane rate the FP pipes
 * can sustain (lanes x FMA pipes x clock).
 *
 * Built with -ffp-contract=fast (see the Makefile) so that a * m + c is one
 * fused instruction where the target has FMA; elsewhere it is the
 * multiply-add pair, which is then the honest peak for that target.
 * m < 1 and c > 0 keep every chain near 1: no overflow, no subnormals.
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
    const simd_vec m = (simd_vec){ 0 } + 0.999999, c = (simd_vec){ 0 } + 1e-6;
    simd_vec a[FMA_PEAK_CHAINS];
#pragma GCC unroll 16
    for (int k = 0; k < FMA_PEAK_CHAINS; k++) {
        a[k] = (simd_vec){ 0 } + (1.0 + k * 1e-3);
        __asm__("" : "+x"(a[k]));  /* opaque start: no chain can be folded */
    }
    for (uint64_t i = 0; i < iterations; i++) {
#pragma GCC unroll 16
        for (int k = 0; k < FMA_PEAK_CHAINS; k++)
            a[k] = a[k] * m + c;
    }
    double sum = 0.0;
    for (int k = 0; k < FMA_PEAK_CHAINS; k++)
        for (int l = 0; l < SIMD_LANES; l++)
            sum += a[k][l];
    return sum;
}

uint64_t muladd_peak_lane_terms(uint64_t iterations)
{
    return iterations * SERIES_LANES;
}

double muladd_peak_run(uint64_t iterations)
{
    /* A step of 1 keeps the powers away from overflow and subnormals for
     * any number of iterations; the empty asm hides its value, so the
     * multiply by one cannot be folded away. */
    simd_vec one = (simd_vec){ 0 } + 1.0;
    __asm__("" : "+x"(one));
    simd_vec power[SERIES_CHAINS], acc[SERIES_CHAINS];
#pragma GCC unroll 16
    for (int k = 0; k < SERIES_CHAINS; k++) {
        power[k] = (simd_vec){ 0 } + (1.0 + k * 1e-3);
        acc[k] = (simd_vec){ 0 };
        __asm__("" : "+x"(power[k]), "+x"(acc[k]));
    }
    series_steps(power, acc, &one, iterations);
    double sum = 0.0;
    for (int k = 0; k < SERIES_CHAINS; k++)
        for (int l = 0; l < SIMD_LANES; l++)
            sum += acc[k][l];
    return sum;
}

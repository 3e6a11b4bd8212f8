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
    return iterations * MULADD_LANES;
}

double muladd_peak_run(uint64_t iterations)
{
    /* m = 1 keeps the powers away from overflow and subnormals for any
     * number of iterations; the empty asm hides its value, so the multiply
     * by one cannot be folded away, and hides where it lives, so each
     * multiply reads it from memory as the kernel's do (see series_block.c:
     * with AVX2 the 16 chains take all 16 registers). */
    enum { CHAINS = MULADD_LANES / SIMD_LANES };
    const simd_vec one = (simd_vec){ 0 } + 1.0;
    const simd_vec *one_at = &one;
    simd_vec power[CHAINS], acc[CHAINS];
#pragma GCC unroll 16
    for (int k = 0; k < CHAINS; k++) {
        power[k] = (simd_vec){ 0 } + (1.0 + k * 1e-3);
        acc[k] = (simd_vec){ 0 };
        __asm__("" : "+x"(power[k]), "+x"(acc[k]));
    }
#pragma GCC unroll 16
    for (uint64_t i = 0; i < iterations; i++) {
#pragma GCC unroll 16
        for (int k = 0; k < CHAINS; k++) {
            const simd_vec *m = one_at;
            __asm__("" : "+r"(m));
            power[k] *= *m;
            acc[k] += power[k];
        }
    }
    double sum = 0.0;
    for (int k = 0; k < CHAINS; k++)
        for (int l = 0; l < SIMD_LANES; l++)
            sum += acc[k][l];
    return sum;
}

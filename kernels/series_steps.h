/*
 * series_steps.h - the kernel's hot loop, in one place: series_block.c runs
 * it for every segment, and the probe of the kernel's instruction mix
 * (muladd_peak_run in fma_peak.c, maclaurin_peak --mix) runs it alone.
 */
#ifndef MACLAURIN_SERIES_STEPS_H
#define MACLAURIN_SERIES_STEPS_H

#include <stdint.h>

#include "series_plan.h"
#include "simd.h"

#define SERIES_CHAINS (SERIES_LANES / SIMD_LANES)

_Static_assert(SERIES_LANES % SIMD_LANES == 0, "lanes must fill whole vectors");

/*
 * `steps` steps of SERIES_CHAINS independent multiply and add chains: each
 * lane's power is multiplied by the step, then added to the lane's sum.
 * With AVX2, 8 powers + 8 sums take all 16 registers, and GCC would rather
 * spill two sums (putting a store and reload into their chains) than read
 * the step from memory.  The empty asm hides where `m` points, so each
 * multiply takes *step_at as a memory operand and the 16 chains stay in
 * registers.  Unrolled 16 times, the loop's branch runs a few times per
 * segment: the branch predictor learns a trip count that short, but
 * mispredicted the exit of a 128-trip loop at every segment (about 3% of
 * the kernel's time on Zen 3).
 */
static inline void series_steps(simd_vec power[SERIES_CHAINS], simd_vec acc[SERIES_CHAINS],
                                const simd_vec *step_at, uint64_t steps)
{
#pragma GCC unroll 16
    for (uint64_t s = 0; s < steps; s++) {
#pragma GCC unroll 16
        for (int c = 0; c < SERIES_CHAINS; c++) {
            const simd_vec *m = step_at;
            __asm__("" : "+r"(m));
            power[c] *= *m;
            acc[c] += power[c];
        }
    }
}

#endif

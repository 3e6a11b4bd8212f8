/*
 * series_steps.h - the kernel's hot loop, in one place: series_block.c runs
 * it over the segments of a block, and the probe of the instruction mix
 * (muladd_peak_run in fma_peak.c, maclaurin_peak --mix) runs it alone with
 * as many chains as the registers hold.
 */
#ifndef MACLAURIN_SERIES_STEPS_H
#define MACLAURIN_SERIES_STEPS_H

#include <stdint.h>

#include "series_plan.h"
#include "simd.h"

/* Vectors that hold one segment's 32 lanes. */
#define SERIES_CHAINS (SERIES_LANES / SIMD_LANES)

_Static_assert(SERIES_LANES % SIMD_LANES == 0, "lanes must fill whole vectors");

/*
 * Chains in flight.  A multiply or an add waits 3-4 cycles for the one
 * before it in its chain, and a core has two pipes for each (or two FMA
 * ports shared by both), so 10-12 independent vectors of each kind must be
 * in flight before the pipes, not the latency, set the pace, where the
 * registers hold them: 12 powers + 12 sums + the step with AVX-512's 32.
 * An AVX-512 segment is only 4 chains of 8 lanes, so series_block.c runs
 * vectors of several segments side by side.
 *
 * With 16 registers (AVX2) that many do not fit.  Where multiplies and
 * adds have pipes of their own (AMD Zen, and the generic target) the
 * kernel runs 8 chains, one AVX2 segment, and reads the step from memory
 * to make room; where they share the FMA ports (a build tuned for Intel)
 * 8 chains that read the step from memory ran slower than 7 that keep it
 * in a register (docs/performance.md), so it runs 7.  Either way the bits
 * are the same.
 *
 * AArch64 has 32 registers (expected, not measured: docs/performance.md).
 * Latency x pipes / 2 ops per chain-step gives the least that fill the
 * pipes: 6 on Neoverse V1/V2 NEON (4 pipes, multiply 3 cycles), 8 on
 * Apple's cores (4 pipes, 4 cycles), 3 on V1's SVE-256 (2 pipes, 3
 * cycles): 11-12 leave the usual slack.  A64FX's two 512-bit pipes wait 9
 * cycles for a multiply or an add: 9 is the least, and 14 (groups of 13
 * and 12, 27 registers) keeps about the same slack for SVE-512.
 */
#if defined(__aarch64__) && SIMD_BYTES == 64
#define SERIES_FIT_CHAINS 14
#elif SIMD_REGISTERS >= 26
#define SERIES_FIT_CHAINS 12
#elif defined(SIMD_TUNED_FOR_INTEL)
#define SERIES_FIT_CHAINS (SIMD_REGISTERS / 2 - 1)
#else
#define SERIES_FIT_CHAINS (SIMD_REGISTERS / 2)
#endif
#ifndef SERIES_MAX_CHAINS
#define SERIES_MAX_CHAINS SERIES_FIT_CHAINS
#endif

/*
 * Steps unrolled in the hot loop.  With 32 registers (AVX-512) a group
 * holds 10-11 chains, so 16 unrolled steps are about 350 vector
 * instructions a trip, and the kernel, with its two group sizes and their
 * remainders, about 18 KB of code, which competes for the core's cache of
 * decoded instructions: on Zen 5, 4 steps a trip ran the kernel 1% faster
 * on a quiet machine and 7% faster with its other CPU busy, while the
 * mix probe alone (maclaurin_peak --mix) ran the same either way
 * (docs/performance.md).  A build tuned for an Intel core keeps the 16
 * measured there; AArch64's 32-register layouts take the smaller loop.
 * The unrolling changes no arithmetic: every chain does the same
 * operations in the same order.
 */
#ifndef SERIES_STEP_UNROLL
#if SIMD_REGISTERS >= 26 && !defined(SIMD_TUNED_FOR_INTEL)
#define SERIES_STEP_UNROLL 4
#else
#define SERIES_STEP_UNROLL 16
#endif
#endif
#define SERIES_PRAGMA(x) _Pragma(#x)
#define SERIES_UNROLL(n) SERIES_PRAGMA(GCC unroll n)

/*
 * `steps` steps of `chains` independent multiply and add chains: each
 * lane's power is multiplied by the step, then added to the lane's sum.
 * `chains` must be a constant where this is inlined.
 *
 * Where the chains take every register (8 powers + 8 sums with AVX2), GCC
 * would rather spill two sums (putting a store and reload into their
 * chains) than read the step from memory; the empty asm hides where `m`
 * points, so each multiply takes *step_at as a memory operand and the
 * chains stay in registers.  Where registers are left over, the step
 * stays in one.  Unrolled (SERIES_STEP_UNROLL) so that the loop runs a few
 * dozen trips per segment at most: a branch predictor learns a trip count
 * that short, and mispredicts the exit of a 127-trip loop at every
 * segment.  The order of the unrolled instructions is the Makefile's choice
 * (KERNEL_SCHEDULE): as written, each add behind its multiply, or GCC's
 * order where tuned for an Intel core.
 */
static inline __attribute__((always_inline)) void
series_steps(const int chains, simd_vec power[], simd_vec acc[], const simd_vec *step_at,
             uint64_t steps)
{
    const int step_in_memory = 2 * chains + 1 > SIMD_REGISTERS;
    const simd_vec step = *step_at;
    SERIES_UNROLL(SERIES_STEP_UNROLL)
    for (uint64_t s = 0; s < steps; s++) {
#if defined(__clang__)
#pragma clang loop unroll(full)
#else
#pragma GCC unroll 32
#endif
        for (int c = 0; c < chains; c++) {
            if (step_in_memory) {
                const simd_vec *m = step_at;
                __asm__("" : "+r"(m));
                power[c] *= *m;
            } else {
                power[c] *= step;
            }
            acc[c] += power[c];
        }
    }
}

#endif

/*
 * fma_peak.h - the core's double-precision FMA rate, measured.
 */
#ifndef MACLAURIN_FMA_PEAK_H
#define MACLAURIN_FMA_PEAK_H

#include <stdint.h>

/* Independent vector FMA chains kept in flight: at least latency (4 cycles)
 * times pipes (2) on current x86 cores, and few enough to stay in the 16
 * AVX2 registers with the two constants.  AArch64 needs more: 4 pipes x 4
 * cycles on Neoverse V1/V2 and Apple M, 2 pipes x 9 cycles on A64FX
 * (docs/performance.md), and has 32 registers. */
#if defined(__aarch64__)
#define FMA_PEAK_CHAINS 24
#else
#define FMA_PEAK_CHAINS 12
#endif

/* Lane-operations done by fma_peak_run(iterations). */
uint64_t fma_peak_lane_ops(uint64_t iterations);

/* Run the chains for this many iterations; returns a value that depends on
 * every chain, so the work cannot be optimised away. */
double fma_peak_run(uint64_t iterations);

/*
 * The limit of the kernel's instruction mix, one multiply and one add per
 * lane-term: its hot loop (series_steps.h) alone, with `chains` running
 * powers and sums of SIMD_LANES lanes, without re-seeding, blocks or
 * reduction.  With few chains the latency limits it; the plateau over the
 * chain counts is the core's limit for the mix.  Where multiplies and adds
 * have pipes of their own (AMD Zen) it reaches the FMA rate; where both
 * share the FMA ports (Intel's cores) it is half of it, and no
 * multiply-and-add kernel can go faster.
 */
/* The chain counts to try (4, 6, ... up to what the registers hold). */
int muladd_peak_chain_counts(const int **counts);
/* Lane-terms done by muladd_peak_run(chains, iterations). */
uint64_t muladd_peak_lane_terms(int chains, uint64_t iterations);
double muladd_peak_run(int chains, uint64_t iterations);

#endif

/*
 * series_plan.h - the fixed decomposition of the index space and the
 * per-x constants the kernel needs.
 *
 * Terms k = 0 .. N-1 are cut into blocks of SERIES_BLOCK_TERMS.  Block b
 * covers [b*SERIES_BLOCK_TERMS, ...) whatever the thread or rank count, and
 * its value depends only on x, b and its length, so the blocks can be shared
 * out in any way without changing a bit of the answer.
 *
 * Inside a block, 32 lanes each hold a running power: lane l steps through
 * k0 + l, k0 + l + 32, ... multiplying by x^32 each step.  A running power
 * drifts (each multiply rounds, and the rounded x^32 errs the same way every
 * step), so every SERIES_SEG_STEPS steps the lanes are re-seeded from powers
 * computed directly from k (see series_block_sum).  128 steps keep a lane's
 * drift within about 254u (u = 2^-53) at a segment's end and about 127u on
 * average over it (series_block.c derives both), inside the driver's bound
 * of 2e-14 (about 180u), at the cost of one re-seed per 4096 terms.
 */
#ifndef MACLAURIN_SERIES_PLAN_H
#define MACLAURIN_SERIES_PLAN_H

#include <stdint.h>

#define SERIES_LANES 32                                        /* running powers per block */
#define SERIES_SEG_STEPS 128                                   /* steps between re-seeds */
#define SERIES_SEG_TERMS (SERIES_LANES * SERIES_SEG_STEPS)     /* 4096 */
#define SERIES_SEGS 16                                         /* segments per block */
#define SERIES_BLOCK_TERMS ((uint64_t)SERIES_SEG_TERMS * SERIES_SEGS) /* 65536 */

typedef struct {
    double x;
    double step;                      /* x^32: one step of a lane */
    double lane_power[SERIES_LANES];  /* x^l, l = 0..31 */
    double seg_power[SERIES_SEGS];    /* x^(4096 s), s = 0..15 */
} series_plan;

/* Fill the tables for x (pow, once per run: each entry within one ulp). */
void series_plan_init(series_plan *plan, double x);

/* x^(b * SERIES_BLOCK_TERMS), computed directly from b (never carried). */
double series_block_start_power(const series_plan *plan, uint64_t block);

/* Number of blocks that cover n terms, and the length of block b. */
uint64_t series_block_count(uint64_t n_terms);
uint64_t series_block_length(uint64_t n_terms, uint64_t block);

/*
 * Blocks shared among parts (ranks, or threads of a rank) in contiguous
 * ranges as even as possible: part p gets [split(p), split(p + 1)), part
 * `parts` ends at `blocks`.  Computed in 128 bits, so exact for any block
 * count and part count (2^47 blocks times 2^31 ranks overflows 64 bits).
 */
uint64_t series_block_split(uint64_t blocks, unsigned part, unsigned parts);

#endif

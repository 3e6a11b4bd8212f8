/*
 * series_block.c - the vectorised running-power kernel.
 *
 * Per term: one multiply (the lane's running power) and one add (the lane's
 * accumulator).  A segment's 32 lanes are packed into SERIES_CHAINS
 * independent vectors: on AVX2 8 chains of 4, on AVX-512 4 chains of 8.
 * Multiply and add latency is 3-4 cycles on current x86 cores with two
 * pipes for each, so about 10 independent chains must be in flight to keep
 * them busy; AVX-512 therefore runs the vectors of several segments side by
 * side (series_steps.h says how many, vectors_sum below how they group).
 *
 * Accuracy (u = 2^-53):
 *  - a lane's start power is p0 * x^(4096 s) * x^l, three table entries from
 *    pow (each within 1 ulp) and two roundings: about 5u;
 *  - then up to 127 steps, each a rounding plus the fixed error of the
 *    rounded x^32: at most about 254u at the end of a segment, about 127u on
 *    average over it, and in practice (random roundings) far less;
 *  - each lane sums 128 terms, then 16 segment sums, then a fixed 5-level
 *    tree over the 32 lanes.
 * The blocks are then added exactly (exact_acc), so nothing else is lost.
 * The driver checks every answer against the closed form with the bound
 * 2e-14 * sum|x|^k (about 180u); the worst seen over the test grid is
 * recorded in the README.
 *
 * Built with -ffp-contract=off: a fused multiply-add here would change the
 * roundings and break the bitwise match with series_block_sum_by_lane.
 */
#include "series_block.h"

#include <string.h>

#include "series_steps.h"
#include "simd.h"

/* Fixed pairwise tree over the lanes: l += l+16, then l+8, l+4, l+2, l+1. */
static double lane_tree_sum(double lane[SERIES_LANES])
{
    /* Unrolled, GCC does the first levels as vector adds (same roundings). */
#pragma GCC unroll 8
    for (int width = SERIES_LANES / 2; width >= 1; width /= 2)
#pragma GCC unroll 16
        for (int l = 0; l < width; l++)
            lane[l] += lane[l + width];
    return lane[0];
}

/*
 * One segment of count <= SERIES_SEG_TERMS terms starting at power `base`,
 * lane by lane, added into total[]: the scalar twin of the vector loop
 * below, also used for the last, partial segment of a short block.
 */
static void segment_sum_lanes(const series_plan *plan, double base, uint64_t count,
                              double total[SERIES_LANES])
{
    double power[SERIES_LANES], acc[SERIES_LANES];
    for (int l = 0; l < SERIES_LANES; l++) {
        power[l] = base * plan->lane_power[l];
        acc[l] = 0.0;
    }
    uint64_t steps = count / SERIES_LANES, rest = count % SERIES_LANES;
    for (uint64_t s = 0; s < steps; s++)
        for (int l = 0; l < SERIES_LANES; l++) {
            acc[l] += power[l];
            power[l] *= plan->step;
        }
    for (uint64_t l = 0; l < rest; l++)
        acc[l] += power[l];
    for (int l = 0; l < SERIES_LANES; l++)
        total[l] += acc[l];
}

double series_block_sum_by_lane(const series_plan *plan, uint64_t block, uint64_t count)
{
    const double p0 = series_block_start_power(plan, block);
    double total[SERIES_LANES] = { 0 };
    for (uint64_t done = 0, seg = 0; done < count; done += SERIES_SEG_TERMS, seg++) {
        uint64_t left = count - done;
        segment_sum_lanes(plan, p0 * plan->seg_power[seg],
                          left < SERIES_SEG_TERMS ? left : SERIES_SEG_TERMS, total);
    }
    return lane_tree_sum(total);
}

/*
 * The vectors of a block's whole segments (vector v holds lanes
 * SIMD_LANES * (v % SERIES_CHAINS) ... of segment v / SERIES_CHAINS), run
 * in groups of at most SERIES_MAX_CHAINS side by side.  A full block's
 * vectors are shared as evenly as possible among the fewest groups that
 * hold them: with AVX-512, 64 vectors in 4 groups of 11 and 2 of 10
 * (three whole segments at a time would leave the 16th segment's 4 chains
 * alone, too few to keep the pipes busy); with AVX2, 16 groups of 8, one
 * segment each (or, tuned for Intel, 14 groups of 7 and 5 of 6).  The
 * whole segments of a partial block go PART_CHAINS vectors at a time.
 */
#define BLOCK_VECTORS (SERIES_SEGS * SERIES_CHAINS)
#define BLOCK_GROUPS ((BLOCK_VECTORS + SERIES_MAX_CHAINS - 1) / SERIES_MAX_CHAINS)
#define GROUP_CHAINS (BLOCK_VECTORS / BLOCK_GROUPS)   /* and one more in the first */
#define GROUPS_LONGER (BLOCK_VECTORS % BLOCK_GROUPS)  /* GROUPS_LONGER groups */
#define PART_CHAINS                                                                     \
    (SERIES_CHAINS <= SERIES_MAX_CHAINS ? SERIES_CHAINS                                 \
     : SERIES_MAX_CHAINS >= 8           ? 8                                             \
     : SERIES_MAX_CHAINS >= 4           ? 4                                             \
                                        : 1)
_Static_assert(SERIES_CHAINS % PART_CHAINS == 0, "a segment splits into whole groups");
/* The most vectors one group holds. */
#define GROUP_MOST (GROUP_CHAINS + 1 > PART_CHAINS ? GROUP_CHAINS + 1 : PART_CHAINS)

/*
 * `chains` vectors (a constant where this is inlined) from vector `first`
 * on, each started from its segment's and lane's power, run through the
 * segment's steps, and added to the lanes' totals.  Vectors go in order,
 * so each lane's total receives its segment sums in segment order, as in
 * the scalar twin: which vectors share a group changes no bit.
 */
static inline __attribute__((always_inline)) void
vectors_sum(const int chains, int first, const series_plan *plan, double p0,
            const simd_vec *step_at, simd_vec total[SERIES_CHAINS])
{
    simd_vec power[GROUP_MOST], acc[GROUP_MOST];
#pragma GCC unroll 16
    for (int i = 0; i < chains; i++) {
        const int v = first + i;
        const double base = p0 * plan->seg_power[v / SERIES_CHAINS];
        simd_vec lane_power;
        memcpy(&lane_power, plan->lane_power + SIMD_LANES * (v % SERIES_CHAINS), sizeof lane_power);
        power[i] = base * lane_power;
        acc[i] = power[i];  /* step 0 of the loop below, peeled */
    }
    /*
     * The hot loop (series_steps.h).  Against the scalar twin, step 0 is
     * peeled (acc = power instead of 0 + power, which differs only in the
     * sign of a zero, and total += acc erases that) and the twin's last
     * multiply, whose product is never used, is left out: 127 multiplies
     * and 127 adds per vector.
     *
     * Where a group holds vectors of several segments (AVX-512), the step
     * count is hidden from the compiler: for a known count of 127 GCC peels
     * the odd steps in front of the unrolled loop (15 of them with 16 steps
     * a trip; with 4, neither way was measurably faster), and that code ran
     * slower with 10-11 chains than its code for an unknown count, which
     * in turn ran slower with one AVX2 segment per group (the figures are
     * in results/LOG.md).
     */
    uint64_t steps = SERIES_SEG_STEPS - 1;
    if (SERIES_CHAINS < GROUP_CHAINS)
        __asm__("" : "+r"(steps));  /* see the note above */
    series_steps(chains, power, acc, step_at, steps);
#pragma GCC unroll 16
    for (int i = 0; i < chains; i++)
        total[(first + i) % SERIES_CHAINS] += acc[i];
}

double series_block_sum(const series_plan *plan, uint64_t block, uint64_t count)
{
    const double p0 = series_block_start_power(plan, block);
    const simd_vec step = (simd_vec){ 0 } + plan->step;
    simd_vec total[SERIES_CHAINS];
    for (int c = 0; c < SERIES_CHAINS; c++)
        total[c] = (simd_vec){ 0 };

    const int whole = (int)(count / SERIES_SEG_TERMS);
    if (whole == SERIES_SEGS) {
        int v = 0;
        for (int g = 0; g < GROUPS_LONGER; g++, v += GROUP_CHAINS + 1)
            vectors_sum(GROUP_CHAINS + 1, v, plan, p0, &step, total);
        for (; v < BLOCK_VECTORS; v += GROUP_CHAINS)
            vectors_sum(GROUP_CHAINS, v, plan, p0, &step, total);
    } else {
        for (int v = 0; v < whole * SERIES_CHAINS; v += PART_CHAINS)
            vectors_sum(PART_CHAINS, v, plan, p0, &step, total);
    }

    double lane[SERIES_LANES];
    memcpy(lane, total, sizeof lane);
    const uint64_t done = (uint64_t)whole * SERIES_SEG_TERMS;
    if (done < count)
        segment_sum_lanes(plan, p0 * plan->seg_power[whole], count - done, lane);
    return lane_tree_sum(lane);
}

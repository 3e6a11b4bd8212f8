/*
 * series_block.c - the vectorised running-power kernel.
 *
 * Per term: one multiply (the lane's running power) and one add (the lane's
 * accumulator).  32 lanes are packed into SERIES_CHAINS independent vectors;
 * on AVX2 that is 8 chains of 4, on AVX-512 4 chains of 8.  Multiply and add
 * latency is 3-4 cycles on current x86 cores with two FP pipes for each, so
 * at least 6-8 independent chains are needed to keep both pipes busy; 8
 * chains of 4 fill the 16 AVX2 registers (8 powers + 8 sums).
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
 * roundings and break the bitwise match with series_block_sum_scalar.
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

double series_block_sum_scalar(const series_plan *plan, uint64_t block, uint64_t count)
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

double series_block_sum(const series_plan *plan, uint64_t block, uint64_t count)
{
    const double p0 = series_block_start_power(plan, block);
    const simd_vec step = (simd_vec){ 0 } + plan->step;
    const simd_vec *step_at = &step;
    simd_vec total[SERIES_CHAINS];
    simd_vec lane_power[SERIES_CHAINS];
    memcpy(lane_power, plan->lane_power, sizeof lane_power);
#pragma GCC unroll 16
    for (int c = 0; c < SERIES_CHAINS; c++)
        total[c] = (simd_vec){ 0 };

    uint64_t done = 0;
    int seg = 0;
    for (; done + SERIES_SEG_TERMS <= count; done += SERIES_SEG_TERMS, seg++) {
        const double base = p0 * plan->seg_power[seg];
        simd_vec power[SERIES_CHAINS], acc[SERIES_CHAINS];
#pragma GCC unroll 16
        for (int c = 0; c < SERIES_CHAINS; c++) {
            power[c] = base * lane_power[c];
            acc[c] = power[c];   /* step 0 of the loop below, peeled */
        }
        /*
         * The hot loop (series_steps.h).  Against the scalar twin, step 0 is
         * peeled (acc = power instead of 0 + power, which differs only in
         * the sign of a zero, and total += acc erases that) and the twin's
         * last multiply, whose product is never used, is left out: 1024
         * multiplies and 1024 adds per segment, exactly what the two pipes
         * of each kind take in 512 cycles.
         */
        series_steps(power, acc, step_at, SERIES_SEG_STEPS - 1);
#pragma GCC unroll 16
        for (int c = 0; c < SERIES_CHAINS; c++)
            total[c] += acc[c];
    }

    double lane[SERIES_LANES];
    memcpy(lane, total, sizeof lane);
    if (done < count)
        segment_sum_lanes(plan, p0 * plan->seg_power[seg], count - done, lane);
    return lane_tree_sum(lane);
}

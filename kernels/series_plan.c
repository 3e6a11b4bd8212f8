/*
 * series_plan.c - per-x tables and the fixed block decomposition.
 */
#include "series_plan.h"

#include <math.h>

void series_plan_init(series_plan *plan, double x)
{
    plan->x = x;
    plan->step = pow(x, (double)SERIES_LANES);
    for (int l = 0; l < SERIES_LANES; l++)
        plan->lane_power[l] = pow(x, (double)l);
    for (int s = 0; s < SERIES_SEGS; s++)
        plan->seg_power[s] = pow(x, (double)s * SERIES_SEG_TERMS);
}

double series_block_start_power(const series_plan *plan, uint64_t block)
{
    /* block * 65536 < 2^63 is a multiple of 2^16, so it converts to double
     * exactly; glibc's pow is accurate to within one ulp for every input. */
    return pow(plan->x, (double)(block * SERIES_BLOCK_TERMS));
}

uint64_t series_block_count(uint64_t n_terms)
{
    return n_terms / SERIES_BLOCK_TERMS + (n_terms % SERIES_BLOCK_TERMS != 0);
}

uint64_t series_block_length(uint64_t n_terms, uint64_t block)
{
    uint64_t start = block * SERIES_BLOCK_TERMS;
    uint64_t left = n_terms - start;
    return left < SERIES_BLOCK_TERMS ? left : SERIES_BLOCK_TERMS;
}

uint64_t series_block_split(uint64_t blocks, unsigned part, unsigned parts)
{
    return (uint64_t)((unsigned __int128)blocks * part / parts);
}

/*
 * series_block.h - the series kernel: the sum of x^k over one block.
 */
#ifndef MACLAURIN_SERIES_BLOCK_H
#define MACLAURIN_SERIES_BLOCK_H

#include <stdint.h>

#include "series_plan.h"

/*
 * Sum of x^k for k in [b*SERIES_BLOCK_TERMS, b*SERIES_BLOCK_TERMS + count),
 * count <= SERIES_BLOCK_TERMS, every term evaluated and added.  Vectorised
 * for the build's SIMD width; the value depends on (x, b, count) only.
 */
double series_block_sum(const series_plan *plan, uint64_t block, uint64_t count);

/*
 * The same sum, one lane at a time with exactly the same operations in the
 * same order: the portable definition the vector kernel must match bit for
 * bit (the unit tests hold it to that).
 */
double series_block_sum_by_lane(const series_plan *plan, uint64_t block, uint64_t count);

#endif

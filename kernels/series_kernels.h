/*
 * series_kernels.h - the block kernels a driver can choose with --kernel.
 *
 * All share one signature and one decomposition (series_plan.h), so each
 * is bit-reproducible across thread and rank counts; they differ in how
 * fast, and how accurately, they evaluate a block.
 */
#ifndef MACLAURIN_SERIES_KERNELS_H
#define MACLAURIN_SERIES_KERNELS_H

#include <stdint.h>

#include "series_plan.h"

typedef double (*series_kernel_fn)(const series_plan *plan, uint64_t block, uint64_t count);

typedef struct {
    const char *name;
    series_kernel_fn fn;
    const char *about;
} series_kernel;

/* The kernel called name, or NULL. */
const series_kernel *series_kernel_find(const char *name);

/* The names, comma-separated, for help and error messages. */
const char *series_kernel_names(void);

/* The textbook loop: s += pow(x, k) for every k. */
double series_block_sum_pow(const series_plan *plan, uint64_t block, uint64_t count);

/* One running power and one accumulator: s += p; p *= x. */
double series_block_sum_scalar(const series_plan *plan, uint64_t block, uint64_t count);

#endif

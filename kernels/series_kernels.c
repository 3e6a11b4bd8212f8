/*
 * series_kernels.c - the naive baselines, and the table of all kernels.
 *
 * The baselines are deliberately plain: they show what the vectorised
 * kernel (series_block.c) gains.  Built with the same flags, so GCC may
 * vectorise the pow loop with libmvec only where it can prove it safe;
 * the loops are written the way a textbook writes them.
 */
#include "series_kernels.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "series_block.h"

double series_block_sum_pow(const series_plan *plan, uint64_t block, uint64_t count)
{
    const uint64_t k0 = block * SERIES_BLOCK_TERMS;
    double sum = 0.0;
    for (uint64_t i = 0; i < count; i++)
        sum += pow(plan->x, (double)(k0 + i));
    return sum;
}

double series_block_sum_scalar(const series_plan *plan, uint64_t block, uint64_t count)
{
    double power = series_block_start_power(plan, block);
    double sum = 0.0;
    for (uint64_t i = 0; i < count; i++) {
        sum += power;
        power *= plan->x;
    }
    return sum;
}

static const series_kernel kernels[] = {
    { "simd", series_block_sum, "vectorised running powers, 32 lanes (default)" },
    { "scalar", series_block_sum_scalar, "one running power, one accumulator" },
    { "pow", series_block_sum_pow, "s += pow(x, k), the textbook loop" },
};

const series_kernel *series_kernel_find(const char *name)
{
    for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++)
        if (strcmp(kernels[i].name, name) == 0)
            return &kernels[i];
    return NULL;
}

const char *series_kernel_names(void)
{
    static char names[64];  /* "simd, scalar, pow", built from the table once */
    if (!names[0])
        for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
                     i ? ", " : "", kernels[i].name);
    return names;
}

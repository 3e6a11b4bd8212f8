/*
 * series_sum.c - blocks shared among OpenMP threads, reduced exactly.
 *
 * Compiled twice: with -fopenmp for the OpenMP and MPI drivers, and without
 * for the serial driver, where the pragmas are ignored and the same loop
 * runs on one thread.
 */
#include "series_sum.h"


#if defined(__SSE__)
#include <xmmintrin.h>
/*
 * Flush subnormals to zero (FTZ) and read them as zero (DAZ) while summing.
 * Without it, a series whose terms underflow (x = 0.5 reaches 2^-1022 after
 * 1022 terms) spends every later multiply in a slow microcode assist.  The
 * terms lost are below 2.3e-308 each, nothing against the error bound.
 * MXCSR is per thread, so every thread sets and restores its own.
 */
#define MXCSR_FTZ_DAZ 0x8040u
static unsigned int subnormals_off(void)
{
    unsigned int saved = _mm_getcsr();
    _mm_setcsr(saved | MXCSR_FTZ_DAZ);
    return saved;
}
static void subnormals_restore(unsigned int saved)
{
    _mm_setcsr(saved);
}
#else
static unsigned int subnormals_off(void) { return 0; }
static void subnormals_restore(unsigned int saved) { (void)saved; }
#endif

#pragma omp declare reduction(exact_merge : exact_acc : exact_acc_merge(&omp_out, &omp_in)) \
    initializer(exact_acc_init(&omp_priv))

void series_sum_exact(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                                              uint64_t first_block, uint64_t end_block, exact_acc *sum)
{
    exact_acc total;
    exact_acc_init(&total);
#pragma omp parallel reduction(exact_merge : total)
    {
        unsigned int saved = subnormals_off();
#pragma omp for schedule(static)
        for (uint64_t b = first_block; b < end_block; b++)
            exact_acc_add(&total, kernel(plan, b, series_block_length(n_terms, b)));
        subnormals_restore(saved);
    }
    exact_acc_merge(sum, &total);
}

double series_sum_plain(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                                                uint64_t first_block, uint64_t end_block)
{
    double total = 0.0;
#pragma omp parallel reduction(+ : total)
    {
        unsigned int saved = subnormals_off();
#pragma omp for schedule(static)
        for (uint64_t b = first_block; b < end_block; b++)
            total += kernel(plan, b, series_block_length(n_terms, b));
        subnormals_restore(saved);
    }
    return total;
}

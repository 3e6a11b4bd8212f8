/*
 * series_sum.c - blocks shared among OpenMP threads, reduced exactly.
 *
 * Compiled twice: with -fopenmp for the OpenMP and MPI drivers, and without
 * for the serial driver, where the pragmas are ignored and the same loop
 * runs on one thread.
 */
#include "series_sum.h"

#ifdef _OPENMP
#include <omp.h>
#endif

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

/*
 * This thread's share of [first, end): contiguous, as OpenMP's static
 * schedule would give.  The loop is written by hand, not as `omp for`,
 * so that a thread can leave it early when asked to stop: skipping the
 * rest of up to 2^47 blocks one by one would take hours.
 */
static void thread_share(uint64_t first, uint64_t end, uint64_t *lo, uint64_t *hi)
{
#ifdef _OPENMP
    const unsigned thread = (unsigned)omp_get_thread_num(), threads = (unsigned)omp_get_num_threads();
#else
    const unsigned thread = 0, threads = 1;
#endif
    *lo = first + series_block_split(end - first, thread, threads);
    *hi = first + series_block_split(end - first, thread + 1, threads);
}

static int stopped(const atomic_int *stop)
{
    return stop && atomic_load_explicit(stop, memory_order_relaxed) != 0;
}

#pragma omp declare reduction(exact_merge : exact_acc : exact_acc_merge(&omp_out, &omp_in)) \
    initializer(exact_acc_init(&omp_priv))

/*
 * Blocks per grab from the shared counter: about 64 grabs per thread, so
 * that a thread on a slow core hands work over, and at most 64 blocks
 * (about 0.2 ms), so that the last grabs even out; a grab costs one
 * atomic add on a shared cache line, about 0.1 us against 3 us per block.
 */
static uint64_t chunk_blocks(uint64_t blocks)
{
#ifdef _OPENMP
    const uint64_t threads = (uint64_t)omp_get_num_threads();
#else
    const uint64_t threads = 1;
#endif
    uint64_t chunk = blocks / (threads * 64);
    return chunk < 1 ? 1 : chunk > 64 ? 64 : chunk;
}

/*
 * The exact sum hands the blocks out dynamically, chunk by chunk from a
 * shared counter, like schedule(dynamic).  On a shared machine one core is
 * often slower than the other for seconds at a time (another guest takes
 * it); a static split would make every thread wait for the slow one.  The
 * order in which blocks arrive cannot change a bit of an exact sum.
 */
void series_sum_exact(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                      uint64_t first_block, uint64_t end_block, const atomic_int *stop,
                      exact_acc *sum)
{
    exact_acc total;
    exact_acc_init(&total);
    /* end_block <= 2^47: the counter overshoots by at most threads x 64 */
    atomic_uint_fast64_t next = first_block;
#pragma omp parallel reduction(exact_merge : total)
    {
        unsigned int saved = subnormals_off();
        const uint64_t chunk = chunk_blocks(end_block - first_block);
        for (;;) {
            uint64_t lo = atomic_fetch_add_explicit(&next, chunk, memory_order_relaxed);
            if (lo >= end_block || stopped(stop))
                break;
            uint64_t hi = end_block - lo < chunk ? end_block : lo + chunk;
            for (uint64_t b = lo; b < hi && !stopped(stop); b++)
                exact_acc_add(&total, kernel(plan, b, series_block_length(n_terms, b)));
        }
        subnormals_restore(saved);
    }
    exact_acc_merge(sum, &total);
}

/*
 * The plain sum keeps the static contiguous split (schedule(static)): its
 * bits depend on the order of the additions, so a fixed order at least
 * makes them repeat for a given thread count.
 */
double series_sum_plain(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                        uint64_t first_block, uint64_t end_block, const atomic_int *stop)
{
    double total = 0.0;
#pragma omp parallel reduction(+ : total)
    {
        unsigned int saved = subnormals_off();
        uint64_t lo, hi;
        thread_share(first_block, end_block, &lo, &hi);
        for (uint64_t b = lo; b < hi && !stopped(stop); b++)
            total += kernel(plan, b, series_block_length(n_terms, b));
        subnormals_restore(saved);
    }
    return total;
}

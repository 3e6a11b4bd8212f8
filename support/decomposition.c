/*
 * decomposition.c - the job's blocks shared among its ranks.
 */
#include "decomposition.h"

#include "comm.h"
#include "series_sum.h"


void decomposition_sum_exact(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                             const atomic_int *stop, exact_acc *acc)
{
    const uint64_t blocks = series_block_count(n_terms);
    const unsigned ranks = (unsigned)comm_size();
    uint64_t range = ranks == 1 ? blocks : blocks / ((uint64_t)ranks * 16);
    if (range < 1)
        range = 1;
    for (;;) {
        /* blocks <= 2^47: the counter overshoots by at most ranks x range */
        const uint64_t lo = comm_counter_take(range);
        if (lo >= blocks || (stop && atomic_load_explicit(stop, memory_order_relaxed)))
            break;
        const uint64_t hi = blocks - lo < range ? blocks : lo + range;
        series_sum_exact(kernel, plan, n_terms, lo, hi, stop, acc);
    }
}

double decomposition_sum_plain(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                               const atomic_int *stop)
{
    const uint64_t blocks = series_block_count(n_terms);
    const unsigned rank = (unsigned)comm_rank(), size = (unsigned)comm_size();
    return series_sum_plain(kernel, plan, n_terms, series_block_split(blocks, rank, size),
                            series_block_split(blocks, rank + 1, size), stop);
}

/*
 * decomposition.c - the job's blocks shared among its nodes and ranks.
 */
#include "decomposition.h"

#include "comm.h"
#include "series_sum.h"
#include "simulation.h"

/* Whether this node's counter works for the sum under way. */
static int node_counter;

/* What blocks [first, end) cost a simulated host (simulation.h); nothing
 * in a real build. */
static void charge_blocks(uint64_t n_terms, uint64_t first, uint64_t end)
{
    const uint64_t lo = first * SERIES_BLOCK_TERMS, hi = end * SERIES_BLOCK_TERMS;
    const uint64_t last = hi < n_terms ? hi : n_terms;
    charge_computation(last > lo ? last - lo : 0);
}

uint64_t decomposition_node_share(uint64_t blocks, unsigned ranks_before, unsigned ranks,
                                  unsigned size, uint64_t *first)
{
    *first = series_block_split(blocks, ranks_before, size);
    return series_block_split(blocks, ranks_before + ranks, size) - *first;
}

uint64_t decomposition_range_size(uint64_t share, uint64_t taken, unsigned ranks)
{
    const uint64_t left = taken < share ? share - taken : 0;
    uint64_t least = share / ((uint64_t)ranks * 256);
    if (least < 1)
        least = 1;
    const uint64_t range = ranks > 1 ? left / (2 * (uint64_t)ranks) : share;
    return range > least ? range : least;
}

void decomposition_begin_exact(void) { node_counter = comm_counter_open(); }
void decomposition_end_exact(void) { comm_counter_close(); }

void decomposition_sum_exact(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                             const atomic_int *stop, exact_acc *acc)
{
    const uint64_t blocks = series_block_count(n_terms);
    const comm_node_facts *node = comm_node();
    const unsigned size = (unsigned)comm_size(), before = (unsigned)node->ranks_before;
    const unsigned ranks = (unsigned)node->ranks;
    uint64_t first;
    const uint64_t share = decomposition_node_share(blocks, before, ranks, size, &first);
    if (!node_counter) {
        const unsigned me = (unsigned)node->local_rank;
        const uint64_t lo = first + series_block_split(share, me, ranks);
        const uint64_t hi = first + series_block_split(share, me + 1, ranks);
        series_sum_exact(kernel, plan, n_terms, lo, hi, stop, acc);
        charge_blocks(n_terms, lo, hi);
        return;
    }
    /* Guided ranges (decomposition_range_size): what is left is read just
     * before the take (a take of 0 adds nothing); other ranks' takes in
     * between only make a range a little longer than meant. */
    for (;;) {
        const uint64_t taken = ranks > 1 ? comm_counter_take(0) : 0;
        const uint64_t range = decomposition_range_size(share, taken, ranks);
        /* the counter never passes 2 x share + ranks: no overflow (share <= 2^47) */
        const uint64_t lo = comm_counter_take(range);
        if (lo >= share || (stop && atomic_load_explicit(stop, memory_order_relaxed)))
            break;
        const uint64_t hi = share - lo < range ? share : lo + range;
        series_sum_exact(kernel, plan, n_terms, first + lo, first + hi, stop, acc);
        charge_blocks(n_terms, first + lo, first + hi);
    }
}

double decomposition_sum_plain(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                               const atomic_int *stop)
{
    const uint64_t blocks = series_block_count(n_terms);
    const unsigned rank = (unsigned)comm_rank(), size = (unsigned)comm_size();
    const uint64_t lo = series_block_split(blocks, rank, size);
    const uint64_t hi = series_block_split(blocks, rank + 1, size);
    const double sum = series_sum_plain(kernel, plan, n_terms, lo, hi, stop);
    charge_blocks(n_terms, lo, hi);
    return sum;
}

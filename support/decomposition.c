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

void decomposition_begin_exact(void) { node_counter = comm_counter_open(); }
void decomposition_end_exact(void) { comm_counter_close(); }

void decomposition_sum_exact(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                             const atomic_int *stop, exact_acc *acc)
{
    const uint64_t blocks = series_block_count(n_terms);
    const comm_node_facts *node = comm_node();
    const unsigned size = (unsigned)comm_size(), before = (unsigned)node->ranks_before;
    const unsigned ranks = (unsigned)node->ranks;
    const uint64_t first = series_block_split(blocks, before, size);
    const uint64_t share = series_block_split(blocks, before + ranks, size) - first;
    if (!node_counter) {
        const unsigned me = (unsigned)node->local_rank;
        const uint64_t lo = first + series_block_split(share, me, ranks);
        const uint64_t hi = first + series_block_split(share, me + 1, ranks);
        series_sum_exact(kernel, plan, n_terms, lo, hi, stop, acc);
        charge_blocks(n_terms, lo, hi);
        return;
    }
    /*
     * Guided ranges: each take is half of what is left, shared among the
     * node's ranks, down to 1/256 of a rank's share, so that a few takes a
     * rank suffice and the ranks finish within about one small range of
     * each other however unequal their cores.  (Fixed ranges of 1/16 of a
     * rank's share left equal ranks up to 1/16 apart at the end, where the
     * ranges did not divide evenly among them: 5% at 16 ranks a node.)
     * What is left is read just before the take (a take of 0 adds
     * nothing); other ranks' takes in between only make a range a little
     * longer than meant.
     */
    uint64_t least_range = share / ((uint64_t)ranks * 256);
    if (least_range < 1)
        least_range = 1;
    for (;;) {
        uint64_t range = share;
        if (ranks > 1) {
            const uint64_t now = comm_counter_take(0);
            range = (now < share ? share - now : 0) / (2 * (uint64_t)ranks);
        }
        if (range < least_range)
            range = least_range;
        /* share <= 2^47: the counter overshoots by at most ranks x share / 2 */
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

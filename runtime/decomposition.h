/*
 * decomposition.h - the job's blocks shared among its ranks.
 *
 * The blocks themselves (series_plan.h) are fixed; this decides which rank
 * sums which, and each rank's threads then share its blocks
 * (series_sum.h).  The exact sum splits them statically among nodes and
 * hands them out dynamically within a node; the plain sum splits them
 * statically among ranks.  Collective: every rank calls, in the same order.
 */
#ifndef MACLAURIN_DECOMPOSITION_H
#define MACLAURIN_DECOMPOSITION_H

#include <stdatomic.h>
#include <stdint.h>

#include "exact_acc.h"
#include "series_kernels.h"
#include "series_plan.h"

/*
 * This rank's share of the exact sum of an n_terms-term series, added into
 * *acc.  Each node takes a fixed share of the blocks, in proportion to its
 * ranks, so nothing crosses the network but the final reduction; within
 * the node, ranks take guided ranges of its share from the node's counter
 * (comm.h, decomposition_range_size below), each shared among the rank's
 * threads.  A rank on a slower or busier core takes fewer ranges instead of
 * holding the others up; the order in which ranges arrive cannot change a
 * bit of an exact sum.  A node without a counter splits its share statically.  Call
 * decomposition_begin_exact() before (collective, outside any timed region:
 * it readies the counter) and decomposition_end_exact() after; stop as in
 * series_sum_exact.
 */
void decomposition_begin_exact(void);
void decomposition_end_exact(void);
void decomposition_sum_exact(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                             const atomic_int *stop, exact_acc *acc);

/*
 * The node's share: a node whose ranks are ranks_before .. ranks_before +
 * ranks - 1 of size takes blocks [*first, *first + share) of the job's
 * `blocks`, share returned: contiguous, in node order, in proportion to its
 * ranks (series_block_split).
 */
uint64_t decomposition_node_share(uint64_t blocks, unsigned ranks_before, unsigned ranks,
                                  unsigned size, uint64_t *first);

/*
 * The guided hand-out's rule: the size of the next range a rank takes from
 * its node's counter, when `taken` of the node's `share` blocks have been
 * taken, among the node's `ranks` (>= 1) ranks.  Half of what is left,
 * shared among the node's ranks, (share - taken) / (2 x ranks), but never
 * less than 1/256 of a rank's share, share / (256 x ranks), and never less
 * than 1 block; a rank alone on its node takes its whole share at once.
 * The ranges so shrink geometrically from share / (2 x ranks) while the
 * share is used up, and once less than about 1/128 of it is left every
 * range is of the least size: about 12 takes a rank in all (2 x ln 128,
 * some 10, guided ones and 2 of the least size; at most 12 from 4,096
 * blocks a rank, 15 from 256, where the least is rounded down), and ranks
 * up to twice as fast as each other finish within one least range
 * of each other.  Fixed ranges, instead, leave equal ranks up to one whole
 * range apart where the ranges do not divide evenly among them.
 */
uint64_t decomposition_range_size(uint64_t share, uint64_t taken, unsigned ranks);

/* This rank's share of the plain sum: a fixed, contiguous range of blocks,
 * so that its order-dependent bits repeat for a given rank count. */
double decomposition_sum_plain(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                               const atomic_int *stop);

#endif

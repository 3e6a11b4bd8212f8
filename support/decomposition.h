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
 * the node, ranks take ranges of its share from the node's counter
 * (comm.h), about 16 per rank, each shared among the rank's threads.  A
 * rank on a slower or busier core takes fewer ranges instead of holding the
 * others up; the order in which ranges arrive cannot change a bit of an
 * exact sum.  A node without a counter splits its share statically.  Call
 * decomposition_begin_exact() before (collective, outside any timed region:
 * it readies the counter) and decomposition_end_exact() after; stop as in
 * series_sum_exact.
 */
void decomposition_begin_exact(void);
void decomposition_end_exact(void);
void decomposition_sum_exact(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                             const atomic_int *stop, exact_acc *acc);

/* This rank's share of the plain sum: a fixed, contiguous range of blocks,
 * so that its order-dependent bits repeat for a given rank count. */
double decomposition_sum_plain(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                               const atomic_int *stop);

#endif

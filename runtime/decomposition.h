/*
 * decomposition.h - the job's blocks shared among its ranks.
 *
 * The blocks themselves (series_plan.h) are fixed; this decides which rank
 * sums which, and each rank's threads then share its blocks
 * (series_sum.h).  The exact sum hands them out dynamically at two levels:
 * to nodes by a coordinator, and among a node's ranks from the node's pool
 * in shared memory.  The plain sum splits them statically among ranks.
 * Collective: every rank calls, in the same order.
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
 * *acc.  docs/design.md ("The hand-out") has the whole story; in short:
 *   - The first quarter of the blocks (decomposition_static_part) is split
 *     among the nodes statically, in proportion to their ranks, so that
 *     they start without a message; the rest stays with the
 *     coordinator (rank 0), which hands it out in chunks to the nodes'
 *     leaders (each node's local rank 0) as they ask, each in proportion
 *     to the node's measured rate (coordinator.h): a leader asks when its
 *     node has at most half of its current chunk left and no next one, so
 *     that the answer arrives while the node still works.
 *   - From 3 nodes, in two levels: the coordinator hands chunks to the
 *     heads of groups of about sqrt(nodes) nodes, each head to its
 *     group's leaders (group_coordinator.h), so that no rank answers
 *     more than about 2 sqrt(nodes) members.
 *   - Only where a rank's blocks for every member the busiest
 *     coordinator serves take at least a round trip to sum, both measured
 *     at the first round (DECOMPOSITION_ASK_ROUND_TRIPS): with fewer,
 *     answering would cost as much as summing, and every node keeps a
 *     static share.
 *   - Within a node, ranks take guided ranges (decomposition_range_size)
 *     of the chunks the node holds from its pool (node_pool.h).
 *   - Across nodes every rank takes at most a piece at a time
 *     (decomposition_piece_size): leaders and the coordinator answer or
 *     collect messages between pieces, so that nothing waits on a rank
 *     busy with a long range, and the node's count of blocks summed,
 *     which its questions report, follows its progress.
 *   - With one node there is nothing to ask: its pool holds all blocks.
 *     If some node cannot share memory, every node keeps a static share
 *     in proportion to its ranks, split statically within that node.
 * The order in which ranges arrive cannot change a bit of an exact sum.
 * Call decomposition_begin_exact() before (collective, outside any timed
 * region: it readies the pools) and decomposition_end_exact() after; stop
 * as in series_sum_exact (a stopped rank still takes its ranges, and
 * skips them, so that every node's hand-out ends).  always_across (the
 * user's --handout across): the nodes ask wherever there are two, whatever
 * the threshold below says.
 */
void decomposition_begin_exact(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                               int always_across);

/* Whether the hand-out across nodes pays depends on the network: the
 * busiest coordinator answers each of its members several times a round,
 * and a member's question must come back before its chunk runs out.  So
 * the nodes ask only where a rank's blocks for every member the busiest
 * coordinator serves (decomposition_busiest_members) take at least
 * DECOMPOSITION_ASK_ROUND_TRIPS of its round trips to sum: about 2
 * blocks a member on InfiniBand (2 us against a block's 1.3 us), 40 on
 * 10 GbE (50 us), where a fixed 64 kept InfiniBand static from 2,048
 * ranks at 3e11 terms, and a fixed 4 cost 10 GbE 4% with no node slow.
 * One round trip: below it, answering the members costs the coordinator
 * about as much as its own summing, and an answer comes too late to hide.
 * decomposition_begin_exact measures both on rank 0 at the first round
 * (decomposition_measure_threshold) and every rank takes rank 0's
 * threshold, so that all decide alike. */
#define DECOMPOSITION_ASK_ROUND_TRIPS 1

/* Nor where a rank's share is less than this many round trips' work
 * (200): with nothing slow the hand-out itself costs the ranks some
 * waiting for answers and an end some round trips ragged, a few percent
 * of a run as short as 100 round trips, and under 3% from 200
 * (docs/design.md, "The threshold"); the static shares cost nothing there
 * when no node is slow.  With two levels the busiest coordinator serves
 * fewer than 200 members up to 10,000 nodes, so this is the rule that
 * decides in practice; the rule above bounds the coordinator's load. */
#define DECOMPOSITION_SHARE_ROUND_TRIPS 200

/* The threshold, in blocks a rank for each member, from a measured round
 * trip and a block's time (seconds): ceil(ROUND_TRIPS x round_trip /
 * block_seconds), at least 1. */
uint64_t decomposition_ask_min_blocks(double round_trip, double block_seconds);

/* The blocks a rank from which the nodes asked at the last round
 * (decomposition_asks_from at the measured threshold; 0 before any round
 * across nodes was begun), for the report. */
uint64_t decomposition_threshold(void);

/* The hand-out across nodes at two levels (docs/design.md, "The tree
 * across nodes"): the nodes in groups of decomposition_group_nodes
 * consecutive nodes, ceil(sqrt(nodes)), so that rank 0 serves about as
 * many members (the groups' heads, and its own group's nodes) as any
 * head, about 2 sqrt(nodes), the least the busiest can serve; one level
 * (every node asks rank 0) where that makes one group, with 2 nodes.
 * decomposition_groups: the groups (1: one level).
 * decomposition_busiest_members: the members the busiest coordinator
 * serves, groups + group_nodes with two levels, the nodes with one.
 * decomposition_worth_asking: whether the job's `blocks` among `size`
 * ranks on `nodes` nodes are enough for the hand-out across nodes to run:
 * at least decomposition_asks_from blocks a rank. */
int decomposition_group_nodes(int nodes);
int decomposition_groups(int nodes);
int decomposition_busiest_members(int nodes);
int decomposition_worth_asking(uint64_t blocks, unsigned size, int nodes, uint64_t min_blocks);
/* The blocks a rank from which the nodes ask, on `nodes` nodes at a
 * threshold of min_blocks: min_blocks for each member of the busiest
 * coordinator, and DECOMPOSITION_SHARE_ROUND_TRIPS round trips' work
 * (min_blocks / DECOMPOSITION_ASK_ROUND_TRIPS blocks each), the more of
 * the two. */
uint64_t decomposition_asks_from(int nodes, uint64_t min_blocks);
void decomposition_end_exact(void);

/* How the last exact round shared its blocks, for the results rows:
 * "across-groups" (the coordinator handed chunks to the groups' heads,
 * they to their nodes, and each node's ranks took them from its pool),
 * "across-nodes" (the coordinator handed chunks to the nodes), "within-node" (each node kept a
 * static share and its ranks took it from its pool) or "static" (no round
 * yet, or some node could not share memory: fixed ranges). */
const char *decomposition_handout(void);
void decomposition_sum_exact(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                             const atomic_int *stop, exact_acc *acc);

/* The tuning of the hand-out, each explained where it is used below:
 * the part split statically before anyone asks (1/4), a leader's piece
 * between two looks at its messages (1/256 of a rank's share, at most
 * 4,096 blocks), and the least range a rank takes within its node (1/256
 * of a rank's share of the chunk). */
#define DECOMPOSITION_STATIC_PART 4
#define DECOMPOSITION_PIECE_PART 256
#define DECOMPOSITION_PIECE_MOST 4096
#define DECOMPOSITION_RANGE_LEAST_PART 256

/* The blocks split statically among the nodes when the rest is handed
 * out as they ask: the first quarter.  The coordinator learns the nodes'
 * rates from their first questions, which come once half of that is
 * summed; a node slower than the others can then be given less, down to
 * about a fifth of their speed when a quarter of the nodes are slow, a
 * seventh when one of two is (a slower one would still be summing its
 * static share when the others end). */
uint64_t decomposition_static_part(uint64_t blocks);

/* The blocks a leader sums between two looks at its messages: 1/256 of a
 * rank's share of the job, (blocks / (256 x size)), at least 1 and at most
 * 4,096 (some milliseconds on one core). */
uint64_t decomposition_piece_size(uint64_t blocks, unsigned size);

/*
 * The node's share: a node whose ranks are ranks_before .. ranks_before +
 * ranks - 1 of size takes blocks [*first, *first + share) of the job's
 * `blocks`, share returned: contiguous, in node order, in proportion to its
 * ranks (series_block_split).
 */
uint64_t decomposition_node_share(uint64_t blocks, unsigned ranks_before, unsigned ranks,
                                  unsigned size, uint64_t *first);

/*
 * The guided hand-out's rule within a node: the size of the next range a
 * rank takes from the chunk its node's pool is handing out, when `taken`
 * of the chunk's `share` blocks have been taken, among the node's `ranks`
 * (>= 1) ranks.  Half of what is left,
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

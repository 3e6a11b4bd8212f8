/*
 * decomposition.c - the job's blocks shared among its nodes and ranks
 * (decomposition.h; docs/design.md, "The hand-out").
 */
#include "decomposition.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include "comm.h"
#include "coordinator.h"
#include "node_pool.h"
#include "series_sum.h"
#include "simulation.h"
#include "wall_clock.h"

/* A round of the exact sum: what this rank knows of the hand-out while
 * it sums (begun by decomposition_begin_exact, passed by pointer). */
typedef struct {
    node_pool *pool;      /* this node's, or NULL: split statically */
    int across;           /* nodes ask the coordinator for more */
    int leader;           /* this rank talks for its node (its local rank 0) */
    int coordinator;      /* this rank hands out the rest (rank 0, node 0's leader) */
    int asked;            /* a leader's question awaits its answer */
    uint64_t blocks;      /* the job's */
    uint64_t first, count;  /* the node's static share */
    coordinator plan;     /* the coordinator's */
    double start;         /* this rank's clock when its sum began */
    int finals;           /* nodes told that nothing is left */
} handout_round;

/* The one round under way: begun and ended by the calls below, which the
 * drivers make in turn (decomposition.h). */
static handout_round this_round;

/* Whether some node could not share memory (agreed at the first round). */
static int some_node_static = -1;

/* The nodes' ranks, on the coordinator (comm_gather once, at the first
 * round that hands out across nodes). */
static unsigned *node_ranks;
static uint64_t *node_given;
static coordinator_node *plan_nodes;
static int nodes_known;

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
    uint64_t least = share / ((uint64_t)ranks * DECOMPOSITION_RANGE_LEAST_PART);
    if (least < 1)
        least = 1;
    const uint64_t range = ranks > 1 ? left / (2 * (uint64_t)ranks) : share;
    return range > least ? range : least;
}

uint64_t decomposition_static_part(uint64_t blocks) { return blocks / DECOMPOSITION_STATIC_PART; }

uint64_t decomposition_piece_size(uint64_t blocks, unsigned size)
{
    const uint64_t piece = blocks / (DECOMPOSITION_PIECE_PART * (uint64_t)size);
    return piece < 1 ? 1 : piece > DECOMPOSITION_PIECE_MOST ? DECOMPOSITION_PIECE_MOST : piece;
}

/* The coordinator's answer to node `index`, which has summed `done`
 * blocks in `elapsed` seconds of its round (coordinator_give). */
static void give_chunk(handout_round *r, int index, uint64_t done, double elapsed, handout_answer *chunk)
{
    coordinator_give(&r->plan, index, done, elapsed, wall_seconds() - r->start, chunk);
}

/* The coordinator answers the questions that have come (wait: at least one). */
static void answer_questions(handout_round *r, int wait)
{
    handout_question question;
    handout_answer chunk;
    int from;
    while (comm_question(&question, &from, wait)) {
        give_chunk(r, (int)question.node, question.blocks_done, (double)question.elapsed_ns * 1e-9,
                   &chunk);
        comm_answer(from, &chunk);
        r->finals += chunk.count == 0;
        wait = 0;
    }
}

/* The coordinator's part between its own pieces: answer the questions
 * that have come, and refill its own node's pool directly, without a
 * message, when the pool wants more or has nothing left to take (empty). */
static void coordinator_serve(handout_round *r, int empty)
{
    answer_questions(r, 0);
    if (empty || node_pool_wants_more(r->pool)) {
        handout_answer chunk;
        /* the coordinator leads node 0 (decomposition_begin_exact asserts it) */
        give_chunk(r, 0, node_pool_done(r->pool), wall_seconds() - r->start, &chunk);
        node_pool_add(r->pool, chunk.first, chunk.count);
    }
}

/* Another leader's part: take in the answer to its question if it has
 * come, and ask again when its node wants more.  empty: the node has
 * nothing left to take (its ranks may still be summing what they took),
 * so ask whatever is left unsummed, and block until the answer comes. */
static void leader_poll(handout_round *r, int empty)
{
    handout_answer answer;
    if (r->asked && comm_answered(&answer, 0)) {
        r->asked = 0;
        node_pool_add(r->pool, answer.first, answer.count);
        empty = 0;  /* take from what came first: the pool may hold a next chunk now */
    }
    if (!r->asked && (empty || node_pool_wants_more(r->pool))) {
        /* rates are taken on the node's own clock */
        const handout_question question = {
            .node = (uint64_t)comm_node()->index,
            .blocks_done = node_pool_done(r->pool),
            .elapsed_ns = (uint64_t)((wall_seconds() - r->start) * 1e9),
        };
        comm_ask(&question);
        r->asked = 1;
    }
    if (empty && comm_answered(&answer, 1)) {
        r->asked = 0;
        node_pool_add(r->pool, answer.first, answer.count);
    }
}

/*
 * Whether the coordinator can pay for itself: each node asks some few
 * times a round and the coordinator answers between its own blocks, each
 * answer costing some microseconds (messages through the kernel's TCP
 * stack), a block a few on one core; with fewer than 64 blocks a rank for
 * every node the answers would take as long as the sum, and the nodes
 * keep their static shares (docs/design.md, "The hand-out").
 */
static int worth_asking(uint64_t blocks, unsigned size, int nodes)
{
    return nodes > 1 && blocks / size / (unsigned)nodes >= DECOMPOSITION_ASK_MIN_BLOCKS;
}

/* The coordinator learns every node's ranks (once) and begins its plan:
 * each node holds its static share of the first handed_out blocks. */
static void begin_plan(handout_round *r, uint64_t handed_out)
{
    const comm_node_facts *node = comm_node();
    const int count = node->count, root = comm_rank() == 0;
    if (!nodes_known) {
        nodes_known = 1;
        const unsigned mine[2] = {(unsigned)node->index, (unsigned)node->ranks};
        unsigned *all = root ? malloc((size_t)comm_size() * sizeof mine) : NULL;
        if (root) {
            node_ranks = calloc((size_t)count, sizeof *node_ranks);
            node_given = calloc((size_t)count, sizeof *node_given);
            plan_nodes = calloc((size_t)count, sizeof *plan_nodes);
        }
        if (comm_max_int(root && !(all && node_ranks && node_given && plan_nodes))) {
            if (root)
                fprintf(stderr, "%s: out of memory\n", comm_program());
            comm_abort(1);
        }
        comm_gather(mine, sizeof mine, all);
        for (int r = 0; root && r < comm_size(); r++)
            node_ranks[all[2 * r]] = all[2 * r + 1];
        free(all);
    }
    if (!root)
        return;
    unsigned before = 0;
    for (int i = 0; i < count; i++) {
        uint64_t first;
        node_given[i] = decomposition_node_share(handed_out, before, node_ranks[i],
                                                 (unsigned)comm_size(), &first);
        before += node_ranks[i];
    }
    coordinator_begin(&r->plan, plan_nodes, count, node_ranks, node_given, r->blocks, handed_out);
}

void decomposition_begin_exact(uint64_t n_terms)
{
    handout_round *r = &this_round;
    const comm_node_facts *node = comm_node();
    const unsigned size = (unsigned)comm_size(), before = (unsigned)node->ranks_before;
    const unsigned ranks = (unsigned)node->ranks;
    r->blocks = series_block_count(n_terms);
    r->pool = comm_pool_open();
    /* Agreed once, at the first round (a node's pool lasts as long as the
     * process): a collective before every round would also change how far
     * apart the ranks leave the barrier that starts the timed interval,
     * and so the times, against the plain sum's. */
    if (some_node_static < 0)
        some_node_static = comm_max_int(r->pool == NULL);
    r->across = !some_node_static && worth_asking(r->blocks, size, node->count);
    r->leader = r->across && node->local_rank == 0;
    r->coordinator = r->across && comm_rank() == 0;
    /* The coordinator refills its own node's pool as node 0's (coordinator_serve),
     * and every node's leader is its local rank 0. */
    assert(!r->coordinator || (node->index == 0 && node->local_rank == 0));
    assert(!r->leader || node->local_rank == 0);
    r->asked = 0;
    r->finals = 0;
    /* The first quarter, or all of it where nobody asks, split statically
     * in proportion to the nodes' ranks. */
    const uint64_t handed_out = r->across ? decomposition_static_part(r->blocks) : r->blocks;
    r->count = decomposition_node_share(handed_out, before, ranks, size, &r->first);
    if (r->across)
        begin_plan(r, handed_out);
    if (r->pool && node->local_rank == 0)
        node_pool_reset(r->pool, r->first, r->count, !r->across);
    comm_node_barrier();  /* the reset is seen before anyone's first take */
}

const char *decomposition_handout(void)
{
    if (some_node_static < 0 || some_node_static)
        return "static";
    return this_round.across ? "across-nodes" : "within-node";
}

void decomposition_end_exact(void)
{
    comm_node_barrier();  /* no take of this round after the next reset */
}

void decomposition_sum_exact(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                             const atomic_int *stop, exact_acc *acc)
{
    handout_round *r = &this_round;
    const comm_node_facts *node = comm_node();
    const unsigned ranks = (unsigned)node->ranks;
    if (!r->pool) {
        const unsigned me = (unsigned)node->local_rank;
        const uint64_t lo = r->first + series_block_split(r->count, me, ranks);
        const uint64_t hi = r->first + series_block_split(r->count, me + 1, ranks);
        series_sum_exact(kernel, plan, n_terms, lo, hi, stop, acc);
        charge_blocks(n_terms, lo, hi);
        return;
    }
    r->start = wall_seconds();
    /* a leader takes a piece at a time, and serves or polls between */
    const uint64_t most = r->leader ? decomposition_piece_size(r->blocks, (unsigned)comm_size()) : UINT64_MAX;
    for (;;) {
        uint64_t first, count;
        const enum node_pool_state state =
            node_pool_take(r->pool, ranks, decomposition_range_size, most, &first, &count);
        if (state == NODE_POOL_DONE)
            break;
        if (state == NODE_POOL_TAKEN) {
            /* a stopped sum returns at once: the range is skipped, not kept */
            series_sum_exact(kernel, plan, n_terms, first, first + count, stop, acc);
            charge_blocks(n_terms, first, first + count);
            node_pool_summed(r->pool, count);
        }
        const int empty = state == NODE_POOL_EMPTY;
        if (r->coordinator)
            coordinator_serve(r, empty);
        else if (r->leader)
            leader_poll(r, empty);
        else if (empty)
            wait_briefly();
    }
    /* every other node's last question is answered "nothing left" */
    while (r->coordinator && r->finals < node->count - 1)
        answer_questions(r, 1);
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

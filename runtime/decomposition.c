/*
 * decomposition.c - the job's blocks shared among its nodes and ranks
 * (decomposition.h; docs/design.md, "The hand-out").
 */
#include "decomposition.h"

#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "comm.h"
#include "coordinator.h"
#include "group_coordinator.h"
#include "node_pool.h"
#include "series_sum.h"
#include "simulation.h"
#include "wall_clock.h"

/* A round of the exact sum: what this rank knows of the hand-out while
 * it sums (begun by decomposition_begin_exact, passed by pointer). */
typedef struct {
    node_pool *pool;      /* this node's, or NULL: split statically */
    int across;           /* nodes ask for more (the hand-out across nodes runs) */
    int groups;           /* the nodes' groups; 1: one level, every leader asks the root */
    int group_nodes;      /* nodes a group (the last may have fewer) */
    int leader;           /* this rank talks for its node (its local rank 0) */
    int root;             /* this rank hands out the rest (rank 0, node 0's leader) */
    int head;             /* this leader heads its group (two levels; the root heads group 0) */
    int head_node;        /* the node whose leader this node's leader asks */
    int asked;            /* this node's question awaits its answer */
    uint64_t blocks;      /* the job's */
    uint64_t first, count;  /* the node's static share */
    coordinator plan;     /* the root's: its members are the nodes, or the groups */
    group_head group;     /* a head's: its members are its group's nodes */
    int group_size;       /* a head's group's nodes */
    double start;         /* this rank's clock when its sum began */
    int finals;           /* the root's members told that nothing is left (but its own) */
    int member_finals;    /* a head's other members told that nothing is left */
} handout_round;

/* The one round under way: begun and ended by the calls below, which the
 * drivers make in turn (decomposition.h). */
static handout_round this_round;

/* Whether some node could not share memory (agreed at the first round). */
static int some_node_static = -1;

/* The members' ranks, static shares and states of the root's plan and of
 * a head's group, allocated at the first round that hands out across
 * nodes (the job's nodes and groups stay the same from round to round). */
typedef struct {
    unsigned *ranks;
    uint64_t *given;
    coordinator_node *state;
} members;
static members plan_members, group_members;

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

/* ceil(sqrt(nodes)), in integers */
int decomposition_group_nodes(int nodes)
{
    int side = 1;
    while (side * side < nodes)
        side++;
    return side;
}

int decomposition_groups(int nodes)
{
    const int side = decomposition_group_nodes(nodes);
    return nodes < 1 ? 1 : (nodes + side - 1) / side;
}

int decomposition_busiest_members(int nodes)
{
    const int groups = decomposition_groups(nodes);
    return groups > 1 ? groups + decomposition_group_nodes(nodes) : nodes;
}

uint64_t decomposition_asks_from(int nodes, uint64_t min_blocks)
{
    const uint64_t members = (uint64_t)decomposition_busiest_members(nodes);
    const uint64_t trip = min_blocks / DECOMPOSITION_ASK_ROUND_TRIPS;
    const uint64_t by_members = min_blocks <= UINT64_MAX / members ? min_blocks * members : UINT64_MAX;
    const uint64_t by_share = trip <= UINT64_MAX / DECOMPOSITION_SHARE_ROUND_TRIPS
                                  ? trip * DECOMPOSITION_SHARE_ROUND_TRIPS
                                  : UINT64_MAX;
    return by_members > by_share ? by_members : by_share;
}

int decomposition_worth_asking(uint64_t blocks, unsigned size, int nodes, uint64_t min_blocks)
{
    return nodes > 1 && blocks / size >= decomposition_asks_from(nodes, min_blocks);
}

uint64_t decomposition_ask_min_blocks(double round_trip, double block_seconds)
{
    if (!(block_seconds > 0))
        return UINT64_MAX;  /* no time measured for a block: never ask */
    const double blocks = ceil(DECOMPOSITION_ASK_ROUND_TRIPS * round_trip / block_seconds);
    return blocks < 1 ? 1 : blocks >= 0x1p63 ? UINT64_MAX : (uint64_t)blocks;
}

/* The threshold every rank took from rank 0 at the first round that could
 * hand out across nodes (0: none yet); the job's network and cores stay
 * the same from round to round, and a collective before every round would
 * move the ranks' start of the timed interval (decomposition_begin_exact). */
static uint64_t ask_min_blocks;

/* The blocks a rank from which the nodes asked at the last round across
 * nodes (decomposition_asks_from), for the report. */
static uint64_t asks_from;

uint64_t decomposition_threshold(void) { return asks_from; }

/* The blocks a rank sums in one round trip, from the threshold: the
 * coordinators' least answer (COORDINATOR_LEAST_ROUND_TRIPS). */
static uint64_t round_trip_blocks(void) { return ask_min_blocks / DECOMPOSITION_ASK_ROUND_TRIPS; }

/* Repetitions of each probe, the least time kept: the first message may
 * open a connection, the first blocks may find cold caches. */
#define PROBE_TRIES 5
/* Blocks a rank sums to time one: enough to keep a few threads busy. */
#define PROBE_BLOCKS 8

/* Rank 0's time for one block with its threads, summing the job's first
 * blocks into a scratch sum (simulated: charged, as in the round). */
static double probe_block_seconds(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                                  uint64_t blocks)
{
    const uint64_t count = blocks < PROBE_BLOCKS ? blocks : PROBE_BLOCKS;
    double least = INFINITY;
    for (int i = 0; i < PROBE_TRIES && count > 0; i++) {
        exact_acc scratch;
        exact_acc_init(&scratch);
        const double start = wall_seconds();
        series_sum_exact(kernel, plan, n_terms, 0, count, NULL, &scratch);
        charge_blocks(n_terms, 0, count);
        const double t = (wall_seconds() - start) / (double)count;
        least = t < least ? t : least;
    }
    return count > 0 ? least : 0;
}

/* The round trip of a question and its answer between rank 0 and the last
 * node's leader, the farthest member (on rank 0; the last leader answers,
 * the others return at once). */
static double probe_round_trip(const comm_node_facts *node)
{
    const int last = node->count - 1;
    const handout_question question = {.node = 0, .blocks_done = 0, .elapsed_ns = 0};
    const handout_answer answer = {.first = 0, .count = 0};
    double least = INFINITY;
    for (int i = 0; i < PROBE_TRIES; i++) {
        if (comm_rank() == 0) {
            handout_answer back;
            const double start = wall_seconds();
            comm_ask(HANDOUT_NODE, last, &question);
            comm_answered(HANDOUT_NODE, &back, 1);
            const double t = wall_seconds() - start;
            least = t < least ? t : least;
        } else if (node->index == last && node->local_rank == 0) {
            handout_question q;
            int from;
            comm_question(HANDOUT_NODE, &q, &from, 1);
            comm_answer(HANDOUT_NODE, from, &answer);
        }
    }
    return least;
}

/* The threshold of the job's network and cores (collective, once): rank 0
 * measures, every rank takes its value. */
static uint64_t measure_threshold(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                                  uint64_t blocks, const comm_node_facts *node)
{
    const double round_trip = probe_round_trip(node);
    uint64_t min_blocks = 0;
    if (comm_rank() == 0)
        min_blocks = decomposition_ask_min_blocks(round_trip, probe_block_seconds(kernel, plan, n_terms, blocks));
    const int agreed = comm_max_int(min_blocks > INT_MAX ? INT_MAX : (int)min_blocks);
    return (uint64_t)agreed;
}

/* This rank's clock, in seconds since its round's sum began. */
static double round_clock(const handout_round *r) { return wall_seconds() - r->start; }

/* This node's report: the blocks its ranks have summed, and when. */
static handout_question node_report(const handout_round *r, uint64_t index)
{
    return (handout_question){
        .node = index,
        .blocks_done = node_pool_done(r->pool),
        .elapsed_ns = (uint64_t)(round_clock(r) * 1e9),
    };
}

/* A chunk for this rank's own node, with no message: into its pool. */
static void take_in(handout_round *r, const handout_answer *chunk)
{
    r->asked = 0;
    node_pool_add(r->pool, chunk->first, chunk->count);
}

/* The root's answer to member `index` of its plan (a node, or a group),
 * which has summed `done` blocks in `elapsed` seconds of its own round. */
static void give_chunk(handout_round *r, int index, uint64_t done, double elapsed, handout_answer *chunk)
{
    coordinator_give(&r->plan, index, done, elapsed, round_clock(r), chunk);
}

/* The root answers the questions of its members that have come (wait:
 * at least one): the nodes' with one level, the other groups' heads' with
 * two.  Whether any came. */
static int answer_root_questions(handout_round *r, int wait)
{
    const handout_level level = r->groups > 1 ? HANDOUT_GROUP : HANDOUT_NODE;
    handout_question question;
    handout_answer chunk;
    int from, any = 0;
    while (comm_question(level, &question, &from, wait)) {
        const int member = level == HANDOUT_GROUP ? from / r->group_nodes : from;
        assert((int)question.node == member);
        give_chunk(r, member, question.blocks_done, (double)question.elapsed_ns * 1e-9, &chunk);
        comm_answer(level, from, &chunk);
        r->finals += chunk.count == 0;
        any = 1;
        wait = 0;
    }
    return any;
}

/* One level: the root refills its own node's pool directly, without a
 * message, when the pool wants more or has nothing left to take (empty). */
static void root_refill(handout_round *r, int empty)
{
    if (empty || node_pool_wants_more(r->pool)) {
        const handout_question q = node_report(r, 0);
        handout_answer chunk;
        give_chunk(r, 0, q.blocks_done, (double)q.elapsed_ns * 1e-9, &chunk);
        take_in(r, &chunk);
    }
}

/* A head hands member k of its group the chunk answered (k 0: its own
 * node, with no message). */
static void hand_member(handout_round *r, int k, const handout_answer *chunk)
{
    if (k == 0) {
        take_in(r, chunk);
    } else {
        comm_answer(HANDOUT_NODE, r->head_node + k, chunk);
        r->member_finals += chunk->count == 0;
    }
}

/* A head's member k asks (with its report): answered now, or its
 * question waits for the root's next answer (group_ask). */
static void member_asks(handout_round *r, int k, const handout_question *q)
{
    handout_answer chunk;
    if (group_ask(&r->group, k, q->blocks_done, (double)q->elapsed_ns * 1e-9, round_clock(r), &chunk))
        hand_member(r, k, &chunk);
}

/* The root's answer to its group's head: more supply; then the members
 * whose questions waited for it. */
static void supplied(handout_round *r, const handout_answer *answer)
{
    group_supplied(&r->group, answer);
    int k;
    handout_answer chunk;
    while (group_answer_waiting(&r->group, &k, &chunk))
        hand_member(r, k, &chunk);
}

/* A head answers the questions of its group's other nodes that have come
 * (wait: at least one).  Whether any came. */
static int answer_members(handout_round *r, int wait)
{
    handout_question q;
    int from, any = 0;
    while (comm_question(HANDOUT_NODE, &q, &from, wait)) {
        assert((int)q.node == from && from > r->head_node && from < r->head_node + r->group_size);
        member_asks(r, from - r->head_node, &q);
        any = 1;
        wait = 0;
    }
    return any;
}

/* A head's part between its own pieces (two levels): its members'
 * questions, its own node's (empty: its pool has nothing left to take),
 * and its own question to the root, asked and answered; the root, as
 * group 0's head, asks itself with no message.  Whether anything came. */
static int head_serve(handout_round *r, int empty)
{
    int any = 0;
    const int asked = r->asked;
    handout_question q;
    handout_answer answer;
    if (!r->root && r->group.asking && comm_answered(HANDOUT_GROUP, &answer, 0)) {
        supplied(r, &answer);
        any = 1;
    }
    any |= answer_members(r, 0);
    /* its own question answered just now (by the root's supply): the pool
     * holds that chunk, empty no longer, and a question asked as if it were
     * would bring a third chunk to a pool that holds two (node_pool.h) */
    if (asked && !r->asked)
        empty = 0;
    if (!r->asked && (empty || node_pool_wants_more(r->pool))) {
        r->asked = 1;  /* take_in clears it, now or once the root's answer comes */
        q = node_report(r, (uint64_t)r->head_node);
        member_asks(r, 0, &q);
    }
    const double now = round_clock(r);
    if (group_wants_supply(&r->group, now)) {
        double elapsed;
        const uint64_t done = group_question(&r->group, now, &elapsed);
        if (r->root) {
            give_chunk(r, 0, done, elapsed, &answer);
            supplied(r, &answer);
        } else {
            q = (handout_question){.node = (uint64_t)(r->head_node / r->group_nodes),
                                   .blocks_done = done,
                                   .elapsed_ns = (uint64_t)(elapsed * 1e9)};
            comm_ask(HANDOUT_GROUP, 0, &q);
        }
    }
    return any;
}

/* Another leader's part: take in the answer to its question if it has
 * come, and ask again when its node wants more.  empty: the node has
 * nothing left to take (its ranks may still be summing what they took),
 * so ask whatever is left unsummed, and block until the answer comes. */
static void leader_poll(handout_round *r, int empty)
{
    handout_answer answer;
    if (r->asked && comm_answered(HANDOUT_NODE, &answer, 0)) {
        take_in(r, &answer);
        empty = 0;  /* take from what came first: the pool may hold a next chunk now */
    }
    if (!r->asked && (empty || node_pool_wants_more(r->pool))) {
        /* rates are taken on the node's own clock */
        const handout_question question = node_report(r, (uint64_t)comm_node()->index);
        comm_ask(HANDOUT_NODE, r->head_node, &question);
        r->asked = 1;
    }
    if (empty && comm_answered(HANDOUT_NODE, &answer, 1))
        take_in(r, &answer);
}

/* The part of a rank that hands out or asks, between its pieces. */
static void between_pieces(handout_round *r, int empty)
{
    if (r->head) {
        int any = head_serve(r, empty);
        if (r->root)
            any |= answer_root_questions(r, 0);
        if (empty && !any && r->asked)
            wait_briefly();  /* its own node's question waits for the root */
    } else if (r->root) {
        answer_root_questions(r, 0);
        root_refill(r, empty);
    } else if (r->leader) {
        leader_poll(r, empty);
    } else if (empty) {
        wait_briefly();
    }
}

/* Once its own node is done: a head answers its other members until each
 * has been told that nothing is left, and the root its members (nodes, or
 * the other groups' heads) likewise; it blocks where one level alone is
 * left (its own node is done: it asks the root nothing more). */
static void serve_to_the_end(handout_round *r)
{
    const int root_members = r->groups > 1 ? r->groups : comm_node()->count;
    for (;;) {
        const int members_left = r->head && r->member_finals < r->group_size - 1;
        const int root_left = r->root && r->finals < root_members - 1;
        if (members_left && root_left) {
            if (!(answer_members(r, 0) | answer_root_questions(r, 0)))
                wait_briefly();
        } else if (members_left) {
            answer_members(r, 1);
        } else if (root_left) {
            answer_root_questions(r, 1);
        } else {
            return;
        }
    }
}

static void *allocate(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size);
    if (!p) {
        fprintf(stderr, "%s: out of memory\n", comm_program());
        comm_abort(1);
    }
    return p;
}

static void members_allocate(members *m, int count)
{
    if (!m->state) {
        m->ranks = allocate((size_t)count, sizeof *m->ranks);
        m->given = allocate((size_t)count, sizeof *m->given);
        m->state = allocate((size_t)count, sizeof *m->state);
    }
}

/* The root's and the heads' plans for the round (leaders only), from
 * every node's ranks (comm_node_ranks).  The first handed_out blocks are
 * split statically: with one level, all among the nodes in proportion to
 * their ranks; with two, the first part (all but 1/GROUP_HEADS_PART of
 * it) among the nodes, the rest among the groups' heads as their first
 * supplies, in proportion to their groups' ranks. */
/* Of the statically split blocks, the part split among the nodes: all of
 * them with one level; with two, all but 1/GROUP_HEADS_PART, the rest
 * going to the groups' heads as their first supplies. */
static uint64_t nodes_part_of(const handout_round *r, uint64_t handed_out)
{
    return r->groups > 1 ? handed_out - handed_out / GROUP_HEADS_PART : handed_out;
}

static void begin_plans(handout_round *r, uint64_t handed_out)
{
    const int *node_ranks = comm_node_ranks();
    const int count = comm_node()->count;
    const unsigned size = (unsigned)comm_size();
    assert(node_ranks);
    const uint64_t nodes_part = nodes_part_of(r, handed_out);
    if (r->root)
        members_allocate(&plan_members, r->groups > 1 ? r->groups : count);
    if (r->head)
        members_allocate(&group_members, r->group_size);
    unsigned before = 0;
    for (int g = 0, i = 0; g < r->groups; g++) {
        const int first_node = g * r->group_nodes;
        const unsigned group_before = before;
        uint64_t group_given = 0;
        for (; i < count && i < first_node + r->group_nodes; i++) {
            uint64_t first;
            const uint64_t share =
                decomposition_node_share(nodes_part, before, (unsigned)node_ranks[i], size, &first);
            before += (unsigned)node_ranks[i];
            group_given += share;
            if (r->root && r->groups == 1) {
                plan_members.ranks[i] = (unsigned)node_ranks[i];
                plan_members.given[i] = share;
            }
            if (r->head && first_node == r->head_node) {
                group_members.ranks[i - first_node] = (unsigned)node_ranks[i];
                group_members.given[i - first_node] = share;
            }
        }
        if (r->groups == 1)
            break;
        handout_answer supply;
        supply.count = decomposition_node_share(handed_out - nodes_part, group_before, before - group_before,
                                                size, &supply.first);
        supply.first += nodes_part;
        if (r->root) {
            plan_members.ranks[g] = before - group_before;
            plan_members.given[g] = group_given + supply.count;
        }
        if (r->head && first_node == r->head_node)
            group_begin(&r->group, group_members.state, r->group_size, group_members.ranks,
                        group_members.given, &supply, r->blocks, size, round_trip_blocks());
    }
    if (r->root)
        coordinator_begin(&r->plan, plan_members.state, r->groups > 1 ? r->groups : count,
                          plan_members.ranks, plan_members.given, r->blocks, handed_out,
                          round_trip_blocks());
}

void decomposition_begin_exact(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                               int always_across)
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
    if (!some_node_static && node->count > 1 && ask_min_blocks == 0)
        ask_min_blocks = measure_threshold(kernel, plan, n_terms, r->blocks, node);
    r->across = !some_node_static && node->count > 1 &&
                (always_across || decomposition_worth_asking(r->blocks, size, node->count, ask_min_blocks));
    if (ask_min_blocks)
        asks_from = decomposition_asks_from(node->count, ask_min_blocks);
    r->groups = r->across ? decomposition_groups(node->count) : 1;
    r->group_nodes = r->groups > 1 ? decomposition_group_nodes(node->count) : node->count;
    r->leader = r->across && node->local_rank == 0;
    r->root = r->across && comm_rank() == 0;
    r->head_node = node->index - node->index % r->group_nodes;
    r->head = r->leader && r->groups > 1 && r->head_node == node->index;
    r->group_size = node->count - r->head_node < r->group_nodes ? node->count - r->head_node : r->group_nodes;
    /* The root serves its own node's pool with no message (root_refill,
     * head_serve), as node 0's leader and, with two levels, group 0's head;
     * every node's leader is its local rank 0, the first of its group's
     * leaders heads the group. */
    assert(!r->root || (node->index == 0 && node->local_rank == 0 && (r->groups == 1 || r->head)));
    assert(!r->leader || node->local_rank == 0);
    r->asked = 0;
    r->finals = 0;
    r->member_finals = 0;
    /* The first quarter, or all of it where nobody asks, split statically
     * in proportion to the nodes' ranks (with two levels, part of it
     * among the groups: begin_plans). */
    const uint64_t handed_out = r->across ? decomposition_static_part(r->blocks) : r->blocks;
    r->count = decomposition_node_share(nodes_part_of(r, handed_out), before, ranks, size, &r->first);
    if (r->leader)
        begin_plans(r, handed_out);
    if (r->pool && node->local_rank == 0)
        node_pool_reset(r->pool, r->first, r->count, !r->across);
    comm_node_barrier();  /* the reset is seen before anyone's first take */
}

const char *decomposition_handout(void)
{
    if (some_node_static < 0 || some_node_static)
        return "static";
    if (!this_round.across)
        return "within-node";
    return this_round.groups > 1 ? "across-groups" : "across-nodes";
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
    /* Across nodes, every rank takes at most a piece at a time: a leader
     * serves or polls between its pieces, and the node's count of blocks
     * summed, which its questions report, follows its progress piece by
     * piece (a node's first ranges of a chunk, taken by all its ranks at
     * once, would otherwise count nothing until each was summed whole). */
    const uint64_t most = r->across ? decomposition_piece_size(r->blocks, (unsigned)comm_size()) : UINT64_MAX;
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
        between_pieces(r, state == NODE_POOL_EMPTY);
    }
    serve_to_the_end(r);
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

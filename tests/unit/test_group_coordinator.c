/*
 * test_group_coordinator.c - the two-level hand-out (group_coordinator.h,
 * coordinator.h) without MPI: nodes of given ranks and speeds, in groups,
 * sum their static shares and ask their group's head, as decomposition.c's
 * leaders ask the coordinator, whenever what they have not summed is at
 * most half their current chunk; each group head answers them from its
 * supply (its part of the static quarter, then the root's chunks), keeps
 * a question that finds it empty until the root's answer, and asks the
 * root for more when group_wants_supply says so.  Time
 * is simulated in steps (a fake clock); every message, either way and at
 * either level, arrives a few steps after it is sent; nodes may start some
 * steps apart, and report their own clock's time.  Every block is handed
 * out exactly once, whatever the job's size and the tree's shape; a node
 * or a group at half speed is given about half as much as its peers; and
 * with a quarter of the nodes at half speed all nodes end close to the
 * ideal time and to each other.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "coordinator.h"
#include "decomposition.h"
#include "group_coordinator.h"

#define MAX_NODES 32
#define MAX_GROUPS 8
#define STEP 1e-4     /* seconds */
#define LATENCY 3     /* steps a message takes, at either level */
#define STEPS_OVER 20 /* a job not ended in this many times its ideal steps has lost a chunk */

typedef struct {
    int group, index;    /* its group, and its index there */
    double speed;        /* blocks a second, all its ranks */
    double start;        /* when it starts, on the root's clock */
    double summed;       /* of what it has received */
    uint64_t received, chunk;
    int asked;           /* its question awaits an answer */
    int question_in;     /* steps until its question reaches its head; 0: none on the way */
    uint64_t done;       /* the question's report */
    double elapsed;
    int answer_in;       /* steps until its answer arrives; 0: none on the way */
    handout_answer answer;
    int final, asks;
    double finished;
} sim_node;

typedef struct {
    int first, count;    /* its nodes */
    group_head head;
    coordinator_node members[MAX_NODES];
    int question_in, answer_in;  /* to and from the root, as a node's */
    uint64_t done;
    double elapsed;
    handout_answer answer;
    uint64_t received;   /* blocks the root gave it, static shares included */
    int asks;
} sim_group;

typedef struct {
    int groups;
    int size[MAX_GROUPS];           /* nodes in each group */
    unsigned ranks[MAX_NODES];      /* each node's, in order */
    double speed[MAX_NODES];        /* blocks a second a rank */
    double skew;                    /* node i starts at i * skew */
} tree;

static sim_node node[MAX_NODES];
static sim_group group[MAX_GROUPS];

static int nodes_of(const tree *t)
{
    int n = 0;
    for (int g = 0; g < t->groups; g++)
        n += t->size[g];
    return n;
}

/* Node n receives `chunk`: each of its blocks seen for the first time,
 * and given to its group (owner: the group given each block, plus 1). */
static void receive(unsigned char *seen, const unsigned char *owner, uint64_t blocks, sim_node *n,
                    const handout_answer *chunk)
{
    assert_true(chunk->first + chunk->count <= blocks);
    for (uint64_t b = chunk->first; b < chunk->first + chunk->count; b++) {
        assert_int_equal(seen[b], 0);
        assert_int_equal(owner[b], n->group + 1);
        seen[b] = 1;
    }
    n->received += chunk->count;
    n->chunk = chunk->count;
    if (chunk->count == 0)
        n->final = 1;
}

/* Group g is given `chunk`: each of its blocks for the first time. */
static void give_group(unsigned char *owner, uint64_t blocks, int g, const handout_answer *chunk)
{
    assert_true(chunk->first + chunk->count <= blocks);
    for (uint64_t b = chunk->first; b < chunk->first + chunk->count; b++) {
        assert_int_equal(owner[b], 0);
        owner[b] = (unsigned char)(g + 1);
    }
}

/* The head's clock: its own node's (the group's first) since it started. */
static double head_clock(const sim_group *g, double now) { return now - node[g->first].start; }

/* Runs a job of `blocks` blocks on the tree; returns the time it took,
 * and checks on the way that every block is handed out exactly once. */
static double run_tree(uint64_t blocks, const tree *t)
{
    const int count = nodes_of(t);
    unsigned size = 0;
    for (int i = 0; i < count; i++)
        size += t->ranks[i];
    unsigned char *seen = calloc(blocks + 1, 1), *owner = calloc(blocks + 1, 1);
    assert_non_null(seen);
    assert_non_null(owner);

    /* the first quarter, split statically by ranks: its first half among
     * the nodes, the rest among the groups' heads (GROUP_HEADS_PART) */
    const uint64_t half = decomposition_static_part(blocks);
    /* a rank's blocks in a round trip, node 0's, as decomposition.c measures them */
    const uint64_t round_trip_blocks = (uint64_t)ceil(2 * LATENCY * STEP * t->speed[0]);
    const uint64_t nodes_part = half - half / GROUP_HEADS_PART;
    unsigned before = 0, group_ranks[MAX_GROUPS];
    uint64_t group_given[MAX_GROUPS], given[MAX_NODES];
    double rate = 0.0;
    for (int g = 0, i = 0; g < t->groups; g++) {
        sim_group *sg = &group[g];
        *sg = (sim_group){.first = i, .count = t->size[g]};
        group_ranks[g] = 0;
        group_given[g] = 0;
        for (int k = 0; k < t->size[g]; k++, i++) {
            handout_answer share;
            share.count = decomposition_node_share(nodes_part, before, t->ranks[i], size, &share.first);
            before += t->ranks[i];
            given[i] = share.count;
            node[i] = (sim_node){.group = g, .index = k, .speed = t->speed[i] * t->ranks[i],
                                 .start = t->skew * i};
            give_group(owner, blocks, g, &share);
            receive(seen, owner, blocks, &node[i], &share);
            node[i].final = 0;
            group_ranks[g] += t->ranks[i];
            group_given[g] += share.count;
            rate += node[i].speed;
        }
        handout_answer own;
        own.count = decomposition_node_share(half - nodes_part, before - group_ranks[g], group_ranks[g],
                                             size, &own.first);
        own.first += nodes_part;
        give_group(owner, blocks, g, &own);
        group_given[g] += own.count;
        sg->received = group_given[g];
        group_begin(&sg->head, sg->members, sg->count, &t->ranks[sg->first], &given[sg->first], &own,
                    blocks, size, round_trip_blocks);
    }
    for (uint64_t b = 0; b < half; b++)
        assert_int_not_equal(owner[b], 0);  /* the static parts cover the first quarter */
    uint64_t root_next = half;  /* the root's answers: contiguous, in order */
    coordinator_node root_members[MAX_GROUPS];
    coordinator root;
    coordinator_begin(&root, root_members, t->groups, group_ranks, group_given, blocks, half,
                      round_trip_blocks);

    const long most_steps = (long)(STEPS_OVER * (double)blocks / rate / STEP) + 100 * (count + 10);
    int running = count;
    long steps = 0;
    double now = 0.0;
    while (running > 0) {
        assert_true(++steps < most_steps);  /* else a member waits for an answer that never comes */
        now += STEP;
        for (int i = 0; i < count; i++) {
            sim_node *n = &node[i];
            if (n->finished > 0 || now <= n->start)
                continue;
            n->summed += n->speed * STEP;
            if (n->summed > (double)n->received)
                n->summed = (double)n->received;
            if (n->answer_in > 0 && --n->answer_in == 0) {
                receive(seen, owner, blocks, n, &n->answer);
                n->asked = 0;
            }
            const double unsummed = (double)n->received - n->summed;
            if (!n->final && !n->asked && 2 * unsummed <= (double)n->chunk) {
                n->done = (uint64_t)n->summed;
                n->elapsed = now - n->start;
                n->question_in = LATENCY;
                n->asked = 1;
                n->asks++;
            }
            if (n->final && n->summed >= (double)n->received) {
                n->finished = now;
                running--;
            }
        }
        /* the heads: their members' questions, and the root's answers */
        for (int i = 0; i < count; i++) {
            sim_node *n = &node[i];
            if (n->question_in > 0 && --n->question_in == 0) {
                sim_group *g = &group[n->group];
                if (group_ask(&g->head, n->index, n->done, n->elapsed, head_clock(g, now), &n->answer))
                    n->answer_in = LATENCY;
            }
        }
        for (int g = 0; g < t->groups; g++) {
            sim_group *sg = &group[g];
            if (sg->answer_in > 0 && --sg->answer_in == 0) {
                group_supplied(&sg->head, &sg->answer);
                sg->received += sg->answer.count;
            }
            int k;
            handout_answer chunk;
            while (group_answer_waiting(&sg->head, &k, &chunk)) {
                node[sg->first + k].answer = chunk;
                node[sg->first + k].answer_in = LATENCY;
            }
            if (group_wants_supply(&sg->head, head_clock(sg, now))) {
                sg->done = group_question(&sg->head, head_clock(sg, now), &sg->elapsed);
                sg->question_in = LATENCY;
                sg->asks++;
            }
        }
        /* the root (its clock: node 0's) answers the questions that came */
        for (int g = 0; g < t->groups; g++) {
            sim_group *sg = &group[g];
            if (sg->question_in > 0 && --sg->question_in == 0) {
                coordinator_give(&root, g, sg->done, sg->elapsed, now, &sg->answer);
                assert_true(sg->answer.count == 0 || sg->answer.first == root_next);
                root_next += sg->answer.count;
                give_group(owner, blocks, g, &sg->answer);
                sg->answer_in = LATENCY;
            }
        }
    }
    uint64_t all = 0;
    for (int i = 0; i < count; i++)
        all += node[i].received;
    assert_int_equal(all, blocks);
    for (uint64_t b = 0; b < blocks; b++)
        assert_int_equal(seen[b], 1);
    for (int g = 0; g < t->groups; g++) {
        uint64_t in_group = 0;
        for (int k = 0; k < group[g].count; k++)
            in_group += node[group[g].first + k].received;
        assert_int_equal(in_group, group[g].received);  /* what the root gave it, all handed on */
        assert_int_equal(group[g].head.members.left, 0);
    }
    assert_int_equal(root.left, 0);
    assert_int_equal(root_next, blocks);
    free(seen);
    free(owner);
    return now;
}

/* The time all nodes end together, started as they are: T where the sum
 * of each node's rate times (T - its start) is the job. */
static double ideal_time(uint64_t blocks, const tree *t)
{
    double rate = 0.0, started = 0.0;
    for (int i = 0; i < nodes_of(t); i++) {
        rate += t->speed[i] * t->ranks[i];
        started += t->speed[i] * t->ranks[i] * t->skew * i;
    }
    return ((double)blocks + started) / rate;
}

static void fill(tree *t, double speed)
{
    for (int i = 0; i < MAX_NODES; i++)
        t->ranks[i] = 1, t->speed[i] = speed;
}

/*
 * Every block handed out exactly once, to a node of the group the root
 * (or the static split) gave it to, the root's chunks contiguous and in
 * order, and every member's round ended (within STEPS_OVER times the
 * ideal, else an answer was lost), for every job of 0 to 39 blocks (where
 * shares, least chunks and static parts are 0 or 1) and some larger ones,
 * over trees of 1 group of 1 node, 1 group of 5, and 3 and 4 groups of
 * unequal sizes, nodes of 1 to 3 ranks at three speeds, started apart.
 */
static void every_block_once_for_every_shape(void **state)
{
    (void)state;
    tree shapes[4] = {{.groups = 1, .size = {1}},
                      {.groups = 1, .size = {5}},
                      {.groups = 3, .size = {1, 4, 2}, .skew = 1e-3},
                      {.groups = 4, .size = {3, 3, 3, 2}, .skew = 2e-4}};
    for (int s = 0; s < 4; s++) {
        fill(&shapes[s], 1e3);
        for (int i = 0; i < MAX_NODES; i++) {
            shapes[s].ranks[i] = 1 + (unsigned)(i % 3);          /* 1, 2, 3 ranks */
            shapes[s].speed[i] = i % 4 == 1 ? 5e2 : 1e3 * (1 + i % 2);  /* some slow, some fast */
        }
    }
    const uint64_t larger[] = {64, 1000, 4099, 65537};
    for (int s = 0; s < 4; s++) {
        for (uint64_t blocks = 0; blocks < 40; blocks++)
            run_tree(blocks, &shapes[s]);  /* its own asserts */
        for (size_t k = 0; k < sizeof larger / sizeof *larger; k++)
            run_tree(larger[k], &shapes[s]);
    }
}

/*
 * Blocks end up in proportion to the rates when all nodes end together,
 * so a node at half speed is given half what an equal-rank peer at full
 * speed is.  Asserted: between 0.45 and 0.55 of it, as for one
 * coordinator (test_coordinator.c); what is left over is the end's
 * granularity (the last chunks, of at least 1/256 of a share) and the
 * rates' first estimates, taken after half a static share.  Equal shares
 * (rates ignored) give 1.
 */
static void a_slow_node_gets_less(void **state)
{
    (void)state;
    tree t = {.groups = 2, .size = {4, 4}};
    fill(&t, 1e5);
    t.speed[2] = 5e4;  /* node 2 of group 0 at half speed */
    t.speed[5] = 5e4;  /* node 1 of group 1 */
    const uint64_t blocks = 800000;  /* about 1 s */
    const double took = run_tree(blocks, &t);
    for (int i = 0; i < 8; i++) {
        if (t.speed[i] < 1e5)
            continue;
        const double slow2 = (double)node[2].received / (double)node[i].received;
        const double slow5 = (double)node[5].received / (double)node[i].received;
        assert_true(slow2 > 0.45 && slow2 < 0.55);
        assert_true(slow5 > 0.45 && slow5 < 0.55);
    }
    assert_true(took <= 1.05 * ideal_time(blocks, &t));
    /* each node some tens of questions (20 to 25 seen: halves of what its
     * head holds, which comes in halves from the root), the root some ten
     * from each group (10 seen); not one a block */
    for (int i = 0; i < 8; i++)
        assert_in_range(node[i].asks, 1, 32);
    for (int g = 0; g < 2; g++)
        assert_in_range(group[g].asks, 1, 12);
}

/* The same at the root: a group whose nodes all run at half speed is given
 * between 0.45 and 0.55 of what an equal group at full speed is (the root
 * knows it only by its head's reports of the group's blocks summed). */
static void a_slow_group_gets_less(void **state)
{
    (void)state;
    tree t = {.groups = 3, .size = {3, 3, 3}};
    fill(&t, 1e5);
    for (int i = 3; i < 6; i++)
        t.speed[i] = 5e4;  /* group 1 */
    const uint64_t blocks = 800000;
    const double took = run_tree(blocks, &t);
    for (int g = 0; g < 3; g += 2) {
        const double slow = (double)group[1].received / (double)group[g].received;
        assert_true(slow > 0.45 && slow < 0.55);
    }
    assert_true(took <= 1.05 * ideal_time(blocks, &t));
}

/*
 * The point of the hand-out: with a quarter of the nodes at half speed,
 * spread over groups of unequal sizes, and the nodes leaving the start
 * some milliseconds apart, every node ends within 1% of the ideal time
 * (all nodes busy to the end, each from its start), so within 2% of each
 * other.  A static split would end the slow nodes at 1.6 times the ideal.
 * The speeds here are steady, so the rates are measured exactly (on each
 * node's own clock; the group's time is its members', weighted by rate):
 * what is left is the answers' latencies (each 0.03% of the job) and the
 * last chunks, sized to end together.  And the root hears from each
 * group some ten times (9 to 10 seen), each node asks its head some tens
 * (20 to 25): each answer gives half of what the rates say is needed.
 */
static void a_quarter_slow_end_together(void **state)
{
    (void)state;
    tree t = {.groups = 4, .size = {5, 4, 4, 3}, .skew = 2e-3};
    fill(&t, 1e5);
    for (int i = 0; i < 16; i++)
        t.ranks[i] = 1 + (unsigned)(i % 2);
    const int slow[4] = {1, 6, 7, 13};
    for (int k = 0; k < 4; k++)
        t.speed[slow[k]] = 5e4;
    const uint64_t blocks = 2000000;  /* about 1 s */
    run_tree(blocks, &t);
    const double ideal = ideal_time(blocks, &t);
    for (int i = 0; i < 16; i++) {
        assert_true(node[i].finished <= 1.01 * ideal);
        assert_true(node[i].finished >= 0.99 * ideal);
        assert_in_range(node[i].asks, 1, 32);
    }
    for (int g = 0; g < 4; g++)
        assert_in_range(group[g].asks, 1, 12);
}

/*
 * A head asks the root only once each of its members has reported: a
 * member not yet heard from is taken at its peers' mean rate, and a slow
 * one, late to ask (here it starts last, and at half speed asks last),
 * would make its group look as fast as a group of fast nodes at the
 * question that gets the group most of its work.  Two groups of two, the
 * last node slow: every node ends within 2% of the ideal.
 */
static void a_head_waits_for_every_member(void **state)
{
    (void)state;
    tree t = {.groups = 2, .size = {2, 2}, .skew = 2e-2};
    fill(&t, 1e5);
    for (int i = 0; i < 4; i++)
        t.ranks[i] = 16;
    t.speed[3] = 5e4;
    const uint64_t blocks = 8000000;  /* about 1.4 s */
    run_tree(blocks, &t);
    const double ideal = ideal_time(blocks, &t);
    for (int i = 0; i < 4; i++)
        assert_true(node[i].finished <= 1.02 * ideal && node[i].finished >= 0.98 * ideal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_block_once_for_every_shape),
        cmocka_unit_test(a_slow_node_gets_less),
        cmocka_unit_test(a_slow_group_gets_less),
        cmocka_unit_test(a_quarter_slow_end_together),
        cmocka_unit_test(a_head_waits_for_every_member),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

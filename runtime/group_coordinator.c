/*
 * group_coordinator.c - a group head's part of the hand-out
 * (group_coordinator.h): when to ask the root, and the questions that wait
 * for its answer; the shares are the coordinator's (coordinator.c).
 */
#include "group_coordinator.h"

void group_begin(group_head *g, coordinator_node *node, int count, const unsigned *ranks,
                 const uint64_t *given, const handout_answer *supply, uint64_t job_blocks,
                 unsigned job_size, uint64_t round_trip_blocks)
{
    coordinator_begin_empty(&g->members, node, count, ranks, given, job_blocks, job_size,
                            round_trip_blocks);
    coordinator_supply(&g->members, supply->first, supply->count);
    g->refill = coordinator_given(&g->members) + supply->count;
    g->asking = 0;
    g->last = 0;
}

/* Whether the supply can answer a question now: it holds blocks, or the
 * root has said that none will come (the answer is then nothing). */
static int can_answer(const group_head *g) { return g->members.left > 0 || g->last; }

int group_ask(group_head *g, int i, uint64_t done, double elapsed, double now, handout_answer *chunk)
{
    if (!can_answer(g)) {
        coordinator_heard(&g->members, i, done, elapsed, now);
        g->members.node[i].waiting = 1;
        return 0;
    }
    coordinator_give(&g->members, i, done, elapsed, now, chunk);
    return 1;
}

int group_wants_supply(const group_head *g, double now)
{
    const coordinator *c = &g->members;
    if (g->asking || g->last || c->ranges == COORDINATOR_SUPPLY_RANGES)
        return 0;
    for (int j = 0; j < c->count && c->left == 0; j++)
        if (c->node[j].waiting)
            return 1;
    /* not before every member has reported once: one not heard from is
     * taken at its peers' mean rate, and a slow one would make the group
     * look faster than it is at the question that gets most of its work */
    for (int j = 0; j < c->count; j++)
        if (c->node[j].asked == 0)
            return 0;
    /* its supply, and what its members hold */
    double rate;
    const double held = (double)coordinator_given(c) - coordinator_summed(c, now, &rate);
    return ((double)c->left + held) * GROUP_ASK_PART <= (double)g->refill;
}

uint64_t group_question(group_head *g, double now, double *elapsed)
{
    double rate;
    const double summed = coordinator_summed(&g->members, now, &rate);
    g->asking = 1;
    *elapsed = rate > 0 ? summed / rate : now;
    return (uint64_t)summed;
}

void group_supplied(group_head *g, const handout_answer *answer)
{
    g->asking = 0;
    if (answer->count == 0)
        g->last = 1;
    else
        g->refill = answer->count;
    coordinator_supply(&g->members, answer->first, answer->count);
}

int group_answer_waiting(group_head *g, int *i, handout_answer *chunk)
{
    coordinator *c = &g->members;
    for (int j = 0; j < c->count && can_answer(g); j++) {
        coordinator_node *n = &c->node[j];
        if (n->waiting) {
            n->waiting = 0;
            /* as at its question: its report, and the time it came */
            coordinator_give(c, j, n->done, n->elapsed, n->asked, chunk);
            *i = j;
            return 1;
        }
    }
    return 0;
}

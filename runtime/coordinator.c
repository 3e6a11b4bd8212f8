/*
 * coordinator.c - the coordinator's shares (coordinator.h).
 *
 * Floating point decides only how many blocks a node gets, never which
 * blocks are summed: every block is handed out exactly once whatever the
 * rates, so the rates' rounding cannot change a bit of the sum.
 */
#include "coordinator.h"

void coordinator_begin(coordinator *c, coordinator_node *node, int count, const unsigned *ranks,
                       const uint64_t *given, uint64_t blocks, uint64_t first_free)
{
    c->blocks = blocks;
    c->next = first_free;
    c->count = count;
    c->node = node;
    c->size = 0;
    for (int i = 0; i < count; i++) {
        node[i] = (coordinator_node){.ranks = ranks[i], .given = given[i]};
        c->size += ranks[i];
    }
}

/* Node n's rate in blocks a second, from its last question; 0 until it is
 * trusted (COORDINATOR_RATE_AFTER_PART). */
static double rate_of(const coordinator *c, const coordinator_node *n)
{
    const double share = (double)c->blocks / c->size * n->ranks;
    return n->elapsed > 0 && (double)n->done >= share / COORDINATOR_RATE_AFTER_PART
               ? (double)n->done / n->elapsed
               : 0.0;
}

void coordinator_give(coordinator *c, int i, uint64_t done, double elapsed, double now,
                      handout_answer *chunk)
{
    coordinator_node *me = &c->node[i];
    me->done = done < me->given ? done : me->given;
    me->elapsed = elapsed;
    me->asked = now > 0 ? now : 1e-9;
    const uint64_t left = c->blocks - c->next;
    chunk->first = c->next;
    chunk->count = 0;
    if (left == 0)
        return;

    /* the mean rate per rank of the nodes heard from, for the others */
    double known = 0.0;
    unsigned known_ranks = 0;
    for (int j = 0; j < c->count; j++) {
        const double rate = rate_of(c, &c->node[j]);
        if (rate > 0) {
            known += rate;
            known_ranks += c->node[j].ranks;
        }
    }
    /* none yet: the asker's own, however short; if it has summed nothing
     * either, its share of what is left in proportion to its ranks */
    double per_rank = known_ranks ? known / known_ranks : 0.0;
    if (per_rank <= 0 && me->done > 0 && me->elapsed > 0)
        per_rank = (double)me->done / me->elapsed / me->ranks;
    if (per_rank <= 0)
        per_rank = 1.0;

    /* the work still to do, and the rate of the whole job */
    double rest = (double)left, total_rate = 0.0, my_rate = 0.0, my_held = 0.0;
    for (int j = 0; j < c->count; j++) {
        const coordinator_node *n = &c->node[j];
        const double measured = rate_of(c, n);
        const double rate = measured > 0 ? measured : per_rank * n->ranks;
        /* one that has not asked yet has summed at that rate since the start */
        double summed = n->asked > 0 ? (double)n->done + rate * (now - n->asked) : rate * now;
        if (summed > (double)n->given)
            summed = (double)n->given;
        const double held = (double)n->given - summed;
        rest += held;
        total_rate += rate;
        if (j == i)
            my_rate = rate, my_held = held;
    }
    const double want = total_rate > 0 ? my_rate / total_rate * rest - my_held : 0.0;

    /* bounded: COORDINATOR_MOST_OVER_SHARE, COORDINATOR_LEAST_PART */
    const double most = COORDINATOR_MOST_OVER_SHARE * (rest / c->size * me->ranks - my_held);
    uint64_t least = c->blocks / (COORDINATOR_LEAST_PART * (uint64_t)c->size) * me->ranks;
    if (least < 1)
        least = 1;
    const double capped = want < most ? want : most;
    uint64_t give = capped > (double)left ? left : capped > (double)least ? (uint64_t)capped : least;
    if (give > left)
        give = left;
    chunk->count = give;
    c->next += give;
    me->given += give;
}

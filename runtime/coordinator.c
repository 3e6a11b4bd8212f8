/*
 * coordinator.c - the coordinator's shares (coordinator.h).
 *
 * Floating point decides only how many blocks a member gets, never which
 * blocks are summed: every block put in the supply is handed out exactly
 * once, from the front of its queue, whatever the rates, so the rates'
 * rounding cannot change a bit of the sum.
 */
#include "coordinator.h"

#include <assert.h>
#include <stddef.h>

static void begin(coordinator *c, coordinator_node *node, int count, const unsigned *ranks,
                  const uint64_t *given, uint64_t round_trip_blocks)
{
    c->round_trip_blocks = round_trip_blocks;
    c->left = 0;
    c->ranges = 0;
    c->count = count;
    c->node = node;
    c->size = 0;
    for (int i = 0; i < count; i++) {
        node[i] = (coordinator_node){.ranks = ranks[i], .given = given[i]};
        c->size += ranks[i];
    }
}

void coordinator_begin(coordinator *c, coordinator_node *node, int count, const unsigned *ranks,
                       const uint64_t *given, uint64_t blocks, uint64_t first_free,
                       uint64_t round_trip_blocks)
{
    begin(c, node, count, ranks, given, round_trip_blocks);
    c->blocks = blocks;
    if (first_free < blocks)
        coordinator_supply(c, first_free, blocks - first_free);
}

void coordinator_begin_empty(coordinator *c, coordinator_node *node, int count, const unsigned *ranks,
                             const uint64_t *given, uint64_t job_blocks, unsigned job_size,
                             uint64_t round_trip_blocks)
{
    begin(c, node, count, ranks, given, round_trip_blocks);
    c->blocks = job_size ? (uint64_t)((double)job_blocks / job_size * c->size) : 0;
}

void coordinator_supply(coordinator *c, uint64_t first, uint64_t count)
{
    if (count == 0)
        return;
    coordinator_range *last = c->ranges ? &c->supply[c->ranges - 1] : NULL;
    if (last && last->first + last->count == first) {
        last->count += count;
    } else {
        assert(c->ranges < COORDINATOR_SUPPLY_RANGES);
        c->supply[c->ranges++] = (coordinator_range){first, count};
    }
    c->left += count;
}

/* Takes up to `most` blocks from the front range (one contiguous chunk). */
static void take(coordinator *c, uint64_t most, handout_answer *chunk)
{
    coordinator_range *front = &c->supply[0];
    chunk->first = c->ranges ? front->first : 0;
    chunk->count = 0;
    if (c->ranges == 0 || most == 0)
        return;
    chunk->count = most < front->count ? most : front->count;
    front->first += chunk->count;
    front->count -= chunk->count;
    c->left -= chunk->count;
    if (front->count == 0) {
        for (int k = 1; k < c->ranges; k++)
            c->supply[k - 1] = c->supply[k];
        c->ranges--;
    }
}

/* Member n's rate in blocks a second, from its last question; 0 until it
 * is trusted (COORDINATOR_RATE_AFTER_PART). */
static double rate_of(const coordinator *c, const coordinator_node *n)
{
    const double share = (double)c->blocks / c->size * n->ranks;
    return n->elapsed > 0 && (double)n->done >= share / COORDINATOR_RATE_AFTER_PART
               ? (double)n->done / n->elapsed
               : 0.0;
}

/* The mean rate per rank of the members heard from; 0: none yet. */
static double known_per_rank(const coordinator *c)
{
    double known = 0.0;
    unsigned known_ranks = 0;
    for (int j = 0; j < c->count; j++) {
        const double rate = rate_of(c, &c->node[j]);
        if (rate > 0) {
            known += rate;
            known_ranks += c->node[j].ranks;
        }
    }
    return known_ranks ? known / known_ranks : 0.0;
}

/* Member n's rate: measured, or else per_rank for each of its ranks. */
static double rate_or(const coordinator *c, const coordinator_node *n, double per_rank)
{
    const double measured = rate_of(c, n);
    return measured > 0 ? measured : per_rank * n->ranks;
}

/* What member n has summed by `now` at `rate`: one that has not asked yet
 * has summed at it since the start; never more than it was given, nor
 * less than it reported (a group head answers a waiting question as at
 * its time, which may be before another member's). */
static double summed_by(const coordinator_node *n, double rate, double now)
{
    const double since = now > n->asked ? now - n->asked : 0.0;
    const double summed = n->asked > 0 ? (double)n->done + rate * since : rate * now;
    return summed > (double)n->given ? (double)n->given : summed;
}

void coordinator_heard(coordinator *c, int i, uint64_t done, double elapsed, double now)
{
    coordinator_node *me = &c->node[i];
    me->done = done < me->given ? done : me->given;
    me->elapsed = elapsed;
    me->asked = now > 0 ? now : 1e-9;
}

double coordinator_summed(const coordinator *c, double now, double *rate)
{
    const double per_rank = known_per_rank(c);
    double summed = 0.0;
    *rate = 0.0;
    for (int j = 0; j < c->count; j++) {
        const double its = rate_or(c, &c->node[j], per_rank);
        summed += summed_by(&c->node[j], its, now);
        *rate += its;
    }
    return summed;
}

uint64_t coordinator_given(const coordinator *c)
{
    uint64_t given = 0;
    for (int j = 0; j < c->count; j++)
        given += c->node[j].given;
    return given;
}

void coordinator_give(coordinator *c, int i, uint64_t done, double elapsed, double now,
                      handout_answer *chunk)
{
    coordinator_heard(c, i, done, elapsed, now);
    coordinator_node *me = &c->node[i];
    const uint64_t left = c->left;
    take(c, 0, chunk);
    if (left == 0)
        return;

    /* the mean rate per rank of the members heard from, for the others;
     * none yet: the asker's own, however short; if it has summed nothing
     * either, its share of what is left in proportion to its ranks */
    double per_rank = known_per_rank(c);
    if (per_rank <= 0 && me->done > 0 && me->elapsed > 0)
        per_rank = (double)me->done / me->elapsed / me->ranks;
    if (per_rank <= 0)
        per_rank = 1.0;

    /* the work still to do, and the rate of the whole job */
    double rest = (double)left, total_rate = 0.0, my_rate = 0.0, my_held = 0.0;
    for (int j = 0; j < c->count; j++) {
        const coordinator_node *n = &c->node[j];
        const double rate = rate_or(c, n, per_rank);
        const double held = (double)n->given - summed_by(n, rate, now);
        rest += held;
        total_rate += rate;
        if (j == i)
            my_rate = rate, my_held = held;
    }
    const double want =
        total_rate > 0 ? (my_rate / total_rate * rest - my_held) / COORDINATOR_WANT_PART : 0.0;

    /* bounded: COORDINATOR_MOST_OVER_SHARE, COORDINATOR_LEAST_PART,
     * COORDINATOR_LEAST_ROUND_TRIPS */
    const double most = COORDINATOR_MOST_OVER_SHARE * (rest / c->size * me->ranks - my_held);
    uint64_t least_a_rank = c->blocks / (COORDINATOR_LEAST_PART * (uint64_t)c->size);
    const uint64_t trips = c->round_trip_blocks < UINT64_MAX / COORDINATOR_LEAST_ROUND_TRIPS
                               ? COORDINATOR_LEAST_ROUND_TRIPS * c->round_trip_blocks
                               : UINT64_MAX;
    if (least_a_rank < trips)
        least_a_rank = trips;
    uint64_t least = least_a_rank < UINT64_MAX / me->ranks ? least_a_rank * me->ranks : UINT64_MAX;
    if (least < 1)
        least = 1;
    const double capped = want < most ? want : most;
    uint64_t give = capped > (double)left ? left : capped > (double)least ? (uint64_t)capped : least;
    /* an answer is one range: at most the rest of the front one */
    take(c, give, chunk);
    me->given += chunk->count;
}

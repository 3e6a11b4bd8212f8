/*
 * coordinator.h - how the coordinator (rank 0) shares the job's blocks
 * beyond the nodes' static shares among the nodes as their leaders ask
 * (decomposition.h),
 * apart from the messages, so that it can be tested without MPI.
 *
 * Each question reports how many blocks the node has summed so far; from
 * that and the time since the round began the coordinator knows each
 * node's rate, and gives the asking node what it can sum by the time all
 * the work still to do (not yet handed out, or handed out and not summed)
 * would end if every node kept its rate: its share of the rest in
 * proportion to its rate, less what it still holds, and of that half
 * (COORDINATOR_WANT_PART), so that its next questions correct the rate.
 * A node that runs at half speed is so given half as much; a node not
 * yet heard from, or that has summed less than 1/64 of its share, is taken
 * to run at the mean rate per rank of those that have.  Never more than
 * twice what a share of the rest in proportion to its ranks would give it
 * (a misleading rate costs little), never less than 1/256 of its share of
 * the job (so that a node asks some tens of times in a run, not once a
 * block) nor than two round trips of its ranks' work, never more than is
 * left; once nothing is left, every question is
 * answered with nothing, and that ends the node's round.
 *
 * The same type serves both levels of the tree (group_coordinator.h): the
 * root's members are nodes, or groups of nodes each taken as one member of
 * their ranks summed; a group head's members are its group's nodes.  What
 * a coordinator hands out is its supply, a short queue of block ranges:
 * the root's is the one range of the job's blocks beyond the static
 * shares, a group head's the chunks the root has given it.
 *
 * The invariant, at both levels: floating point decides only how MANY
 * blocks a member gets, never which; every block put in a supply is handed
 * out exactly once, from the front of the queue, in order.
 */
#ifndef MACLAURIN_COORDINATOR_H
#define MACLAURIN_COORDINATOR_H

#include <stdint.h>

#include "handout_messages.h"

/* A node's rate is trusted once it has summed this part of its share of
 * the job (1/64): a rate over its first few blocks is mostly the noise of
 * starting (page faults, the first barrier's skew, a late thread). */
#define COORDINATOR_RATE_AFTER_PART 64
/* A node gets at most this many times what its ranks' share of the rest
 * would give: a rate that misleads (a node briefly descheduled, a clock
 * read just after a pause) can then cost a fraction of the rest, never
 * the rest itself. */
#define COORDINATOR_MOST_OVER_SHARE 2.0
/* A node gets this part of what its rate says it still needs (1/2):
 * given all at once, a rate a few percent off, as a node's first rates
 * are (its ranks' pieces under way count nothing yet), left equal nodes
 * ending up to 6% apart; given in halves, each later answer corrects the
 * rate, at some log2(COORDINATOR_LEAST_PART) questions a round. */
#define COORDINATOR_WANT_PART 2
/* A node gets at least this part of its share of the job (1/256), so that
 * it asks some tens of times a round, not once a block near the end, and
 * equal nodes end within about one such part of each other. */
#define COORDINATOR_LEAST_PART 256
/* Nor less than this many round trips of its ranks' work (2), measured as
 * the threshold is (decomposition_ask_min_blocks: the blocks a rank sums
 * in one round trip): a leader asks when half of its chunk is left, so its answer
 * comes before the chunk runs out, however slow the network.  1/256 of a
 * share alone was less than one 10 GbE round trip of work from 512 ranks
 * of 3e11 terms, and equal nodes waited for answers there. */
#define COORDINATOR_LEAST_ROUND_TRIPS 2

typedef struct {
    unsigned ranks;   /* the node's */
    uint64_t given;   /* blocks handed to it this round, its static share included */
    uint64_t done;    /* blocks it had summed when it last asked */
    double elapsed;   /* the seconds since its round began then, on its own clock */
    double asked;     /* when it last asked, on the coordinator's clock; 0: never */
    int waiting;      /* a group head's member: its question awaits the root's answer */
} coordinator_node;

/* A supply holds at most this many ranges.  The root's holds one; a
 * group head appends the root's answers, one question outstanding at a
 * time, and asks only while a range is free (group_wants_supply) and its
 * work left is low, when its supply is the rest of a range or two; two
 * answers in a row from the root's one range join up.  Four leave room. */
#define COORDINATOR_SUPPLY_RANGES 4

typedef struct {
    uint64_t first, count;  /* blocks first .. first + count - 1 */
} coordinator_range;

typedef struct {
    uint64_t blocks;  /* its members' part of the job: the job's blocks at the root, the
                       * group's part at a group head (only sizes COORDINATOR_RATE_AFTER_PART
                       * and COORDINATOR_LEAST_PART) */
    uint64_t round_trip_blocks;  /* a rank's blocks in one round trip (COORDINATOR_LEAST_ROUND_TRIPS) */
    uint64_t left;    /* blocks in the supply, all its ranges */
    coordinator_range supply[COORDINATOR_SUPPLY_RANGES];  /* front first */
    int ranges;       /* in supply */
    unsigned size;    /* its members' ranks */
    int count;        /* members */
    coordinator_node *node;
} coordinator;

/* A round: nodes 0 .. count-1 of ranks[i] ranks each (their sum is size)
 * hold the static shares given[i]; blocks first_free .. blocks - 1 are
 * the coordinator's to hand out; a rank sums round_trip_blocks blocks in
 * one round trip to a member (0: not known).  node is caller-owned, count
 * entries. */
void coordinator_begin(coordinator *c, coordinator_node *node, int count, const unsigned *ranks,
                       const uint64_t *given, uint64_t blocks, uint64_t first_free,
                       uint64_t round_trip_blocks);

/* Node i, which has summed `done` blocks in `elapsed` seconds of its round
 * (on its own clock: the nodes leave the barrier that starts it some
 * latencies apart), asks at `now` seconds into the coordinator's: its next
 * chunk, blocks chunk->first .. chunk->first + chunk->count - 1
 * (count 0: nothing is left). */
void coordinator_give(coordinator *c, int i, uint64_t done, double elapsed, double now,
                      handout_answer *chunk);

/* A group head's coordinator: as coordinator_begin, with an empty supply;
 * its members' part of the job is the job's job_blocks in proportion to
 * its members' ranks against the job's job_size. */
void coordinator_begin_empty(coordinator *c, coordinator_node *node, int count, const unsigned *ranks,
                             const uint64_t *given, uint64_t job_blocks, unsigned job_size,
                             uint64_t round_trip_blocks);

/* Appends blocks first .. first + count - 1 to the supply (joined to its
 * last range where they follow it); the caller keeps a range free for it
 * (asserted). */
void coordinator_supply(coordinator *c, uint64_t first, uint64_t count);

/* Member i reports as in coordinator_give, and is given nothing yet. */
void coordinator_heard(coordinator *c, int i, uint64_t done, double elapsed, double now);

/* The blocks handed to the members that they have summed by `now`,
 * estimated as coordinator_give estimates them: to the last report of
 * each, what its rate adds since (a member not heard from at the mean rate
 * per rank of those heard from, or none); and in *rate, their rates
 * summed, so estimated. */
double coordinator_summed(const coordinator *c, double now, double *rate);

/* The blocks handed to the members, static shares included. */
uint64_t coordinator_given(const coordinator *c);

#endif

/*
 * group_coordinator.h - a group head's part of the two-level hand-out
 * across nodes (docs/design.md, "The hand-out"), apart from the messages,
 * so that it can be tested without MPI.
 *
 * The nodes are in groups of about sqrt(nodes); the root coordinator hands
 * chunks to the groups' heads, each group taken as one member whose ranks
 * are its nodes' summed (coordinator.h), and each group head hands chunks
 * to its own group's node leaders by the same rule, from the chunks the
 * root has given it (its supply, a queue of block ranges).  It asks the
 * root for more when its group's work left runs low (group_wants_supply),
 * reporting its group's blocks summed and its own elapsed time; a member
 * whose question finds its supply empty waits for the root's answer.
 *
 * The invariant is the coordinator's: floating point decides only how
 * MANY blocks a member gets, never which; every block the root gives the
 * group is handed to one of its members exactly once.
 */
#ifndef MACLAURIN_GROUP_COORDINATOR_H
#define MACLAURIN_GROUP_COORDINATOR_H

#include <stdint.h>

#include "coordinator.h"
#include "handout_messages.h"

/* Of the static part of the job (decomposition_static_part), this part
 * (1/2) is split among the groups' heads in proportion to their groups'
 * ranks, as each one's first supply, and the rest among the nodes: a head
 * so answers its members' first questions itself, and asks the root only
 * once its members' rates are known (GROUP_ASK_PART).  What the root gives
 * a group at its first question is most of the group's work, decided by
 * the group's rate then: a rate guessed for members not yet heard from
 * (a slow one is heard from last) would stay in the end's times. */
#define GROUP_HEADS_PART 2

/* A group head asks the root again once its group's work left (its supply
 * and what its members hold, estimated as the coordinator estimates it)
 * is at most this part (1/2) of the root's last answer, or of its
 * members' static shares before any: as a node's leader asks when half of
 * its current chunk is taken, so that the group, one member at the root,
 * asks when the root's rule expects it to, its members' rates known by
 * then, and the answer comes with half a chunk still to sum. */
#define GROUP_ASK_PART 2

typedef struct {
    coordinator members;  /* its nodes, from its supply */
    uint64_t refill;      /* the root's last answer, or the members' static shares before any */
    int asking;           /* its question to the root awaits the answer */
    int last;             /* the root has answered nothing: the supply is all there is */
} group_head;

/* A round: the group's nodes 0 .. count-1 of ranks[i] ranks hold their
 * static shares given[i]; its supply is its own static share, `supply`
 * (GROUP_HEADS_PART).  job_blocks and job_size: the job's blocks and
 * ranks; round_trip_blocks: as coordinator_begin's.  node is
 * caller-owned, count entries. */
void group_begin(group_head *g, coordinator_node *node, int count, const unsigned *ranks,
                 const uint64_t *given, const handout_answer *supply, uint64_t job_blocks,
                 unsigned job_size, uint64_t round_trip_blocks);

/* Member i's question, as coordinator_give's (now: on the group head's
 * clock): 1, answered in *chunk; or 0, its supply is empty and the root
 * may give more, so the question waits (group_answer_waiting). */
int group_ask(group_head *g, int i, uint64_t done, double elapsed, double now, handout_answer *chunk);

/* Whether to ask the root now: no question to it outstanding, the root
 * has not said that nothing is left, a range of the supply is free, and a
 * member waits on an empty supply, or every member has reported once and
 * the work left is low (GROUP_ASK_PART). */
int group_wants_supply(const group_head *g, double now);

/* It asks the root: returns the blocks its group has summed by `now`, and
 * in *elapsed the group's time to report, its members' own times since
 * they began, weighted by their rates (that sum over the group's rate): the
 * members leave the barrier that starts the round some latencies apart,
 * each rate is taken on the member's own clock (coordinator_give), and so
 * the root takes the group's rate as its members' rates summed. */
uint64_t group_question(group_head *g, double now, double *elapsed);

/* The root's answer has come (count 0: nothing is left). */
void group_supplied(group_head *g, const handout_answer *answer);

/* A waiting member's answer, once the supply holds blocks or the root has
 * said that nothing is left: 1, member *i is answered in *chunk (given as
 * at its question); 0: none can be answered now. */
int group_answer_waiting(group_head *g, int *i, handout_answer *chunk);

#endif

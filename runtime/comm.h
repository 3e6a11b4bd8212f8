/*
 * comm.h - what a driver needs from its parallel environment.
 *
 * Two implementations: comm_single.c (one process: the serial and OpenMP
 * drivers) and comm_mpi.c (MPI ranks).  The driver (maclaurin.c) is the
 * same program over either, as in CoMD's parallel.c.
 */
#ifndef MACLAURIN_COMM_H
#define MACLAURIN_COMM_H

#include <stddef.h>
#include <stdint.h>

#include "exact_acc.h"
#include "handout_messages.h"
#include "node_pool.h"

/* Start up; returns 0, or 1 with a message in err.  `program` names the
 * program in the messages the runtime prints later (comm_program). */
int comm_init(int *argc, char ***argv, const char *program, char *err, size_t err_size);

/* The program's name, as comm_init was given it. */
const char *comm_program(void);

/* Shut down and return code (the process's exit status). */
int comm_finish(int code);

int comm_rank(void);
int comm_size(void);

/*
 * The job's nodes: its processes grouped by the memory they can share
 * (MPI_COMM_TYPE_SHARED), numbered in the order of their lowest rank.  The
 * exact sum hands work out to nodes from the coordinator and among a
 * node's processes from the node's pool (decomposition.h).
 */
typedef struct {
    int count;         /* nodes in the job */
    int index;         /* this process's node, 0 .. count-1 */
    int ranks;         /* processes on this node */
    int ranks_before;  /* processes on the nodes numbered before it */
    int local_rank;    /* this process among its node's, 0 .. ranks-1 */
} comm_node_facts;

const comm_node_facts *comm_node(void);

void comm_barrier(void);

/* Sum the accumulators of all processes into rank 0's, exactly. */
void comm_reduce_exact(exact_acc *acc);

/* Sum (order-dependent), and maximum, onto rank 0. */
double comm_reduce_sum(double value);
double comm_reduce_max(double value);

/* Rank 0's value, on every rank. */
int comm_broadcast_int(int value);

/* The largest of the processes' values, on every process. */
int comm_max_int(int value);

/*
 * The node's pool of blocks (node_pool.h): comm_pool_open() (collective)
 * returns it, in shared memory when the node has several processes, else
 * in this process's own memory; NULL when the node could not share memory
 * (it says so once): its processes must then split their blocks
 * statically.  comm_node_barrier() synchronises the node's processes.
 */
node_pool *comm_pool_open(void);
void comm_node_barrier(void);

/* On a node's first process (its leader), every node's processes, by node
 * index; NULL on the others. */
const int *comm_node_ranks(void);

/*
 * The hand-out across nodes (decomposition.c): point-to-point messages
 * among the nodes' leaders (each node's local rank 0), on a communicator
 * of their own in which a leader's rank is its node's index; no window,
 * and only the main thread calls.  The messages are handout_messages.h's,
 * at two levels: a leader asks its group's head (HANDOUT_NODE), a head
 * asks the root (HANDOUT_GROUP); with one level, rank 0 heads every node.
 * A leader asks node `to`'s leader (comm_ask: sends the question, posts
 * the answer's receive) and later collects the answer (comm_answered: 1
 * once it has come; wait: block until it has).  A head takes questions as
 * they come (comm_question: 1 and the asking node in *from when one has
 * come; wait: block until one has) and answers each (comm_answer).
 */
typedef enum { HANDOUT_NODE, HANDOUT_GROUP, HANDOUT_LEVELS } handout_level;
void comm_ask(handout_level level, int to, const handout_question *question);
int comm_answered(handout_level level, handout_answer *answer, int wait);
int comm_question(handout_level level, handout_question *question, int *from, int wait);
void comm_answer(handout_level level, int to, const handout_answer *answer);

/* Each process's `bytes` bytes, in rank order, into rank 0's `all`
 * (collective; `all` is used on rank 0 only). */
void comm_gather(const void *mine, size_t bytes, void *all);

/* The MPI library's own description, first line ("none" without MPI). */
void comm_library_version(char *buf, size_t size);

/* Abandon the whole job at once (every rank), with this exit status. */
void comm_abort(int code);

#endif

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
 * (MPI_COMM_TYPE_SHARED), numbered in the order of their lowest rank.  Work
 * is split among nodes statically, in proportion to their processes, and
 * handed out among a node's processes from a node-wide counter.
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
 * A node-wide counter for handing out a node's work: comm_counter_open()
 * on every process (collective) sets it to 0; then comm_counter_take(n)
 * returns its value and adds n to it, atomically among the node's
 * processes and without a message; comm_counter_close() (collective) ends
 * the round.  open returns 0 when the node has no such counter (no shared
 * memory): its processes must then split its work statically.  Only the
 * main thread calls.
 */
int comm_counter_open(void);
uint64_t comm_counter_take(uint64_t n);
void comm_counter_close(void);

/* Each process's `bytes` bytes, in rank order, into rank 0's `all`
 * (collective; `all` is used on rank 0 only). */
void comm_gather(const void *mine, size_t bytes, void *all);

/* The MPI library's own description, first line ("none" without MPI). */
void comm_library_version(char *buf, size_t size);

/* Abandon the whole job at once (every rank), with this exit status. */
void comm_abort(int code);

#endif

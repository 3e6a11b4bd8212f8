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

/* Start up; returns 0, or 1 with a message in err. */
int comm_init(int *argc, char ***argv, char *err, size_t err_size);

/* Shut down and return code (the process's exit status). */
int comm_finish(int code);

int comm_rank(void);
int comm_size(void);

/* Processes of this job on this node (for the default thread count). */
int comm_local_size(void);

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
 * A job-wide counter for handing out work: comm_counter_open(first) on
 * every process (collective), then comm_counter_take(n) returns the
 * counter's value and adds n to it, atomically across the job, and
 * comm_counter_close() (collective) frees it.  Only the main thread calls.
 */
void comm_counter_open(uint64_t first);
uint64_t comm_counter_take(uint64_t n);
void comm_counter_close(void);

/*
 * The hosts the job's processes run on (collective): on rank 0, how many
 * distinct ones and their names in the order of the first rank on each,
 * ';' between; each process gives its own name.
 */
void comm_hosts(const char *host, char *list, size_t size, int *nodes);

/* The MPI library's own description, first line ("none" without MPI). */
void comm_library_version(char *buf, size_t size);

/* Abandon the whole job at once (every rank), with this exit status. */
void comm_abort(int code);

#endif

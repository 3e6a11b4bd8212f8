/*
 * report.h - what a run prints: the human report and the CSV rows.
 */
#ifndef MACLAURIN_REPORT_H
#define MACLAURIN_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "machine.h"
#include "options.h"
#include "version.h"

typedef struct {
    const char *driver;
    const options *opt;
    int ranks, threads;
    char library[256];
    char host[256];
    double result;          /* the last repetition's */
    long double reference;
    double abs_err, bound;
    int verified;           /* every repetition within the bound */
    int reproducible;       /* every repetition gave the first sum's bits (check_repetition) */
    int failed_rep;         /* the first repetition outside the bound, or -1 */
    double failed_result, failed_err;
    int differing_rep;      /* the first repetition whose bits differ from the first sum's, or -1 */
    double differing_result, warm_up;  /* warm_up: the warm-up's bits, or repetition 1's with --warmup 0 */
    double cores;           /* cores the workers occupy, summed over the ranks: each rank's
                             * threads, or its share of its host's CPUs where fewer
                             * (count_cores_and_peak in maclaurin.c); the peak's divisor */
    int cpus_online;        /* CPUs online, each host's own count, summed over the hosts */
    int nodes;              /* distinct hosts the ranks ran on */
    const char *placement;  /* "ok" or its problems (placement_name) */
    char hosts[1024];       /* their names, ';' between, in rank order of first appearance */
    const machine_facts *machine;  /* rank 0's (machine.h) */
    int cpus_alike;         /* every rank's host has rank 0's kind of CPU */
    int oversubscribed;     /* some host ran more workers than it has CPUs */
    const char *handout;    /* how the blocks were shared (decomposition_handout) */
    uint64_t handout_asks_from;  /* blocks a rank from which nodes ask
                                  * (decomposition_threshold; 0: one node) */
    double host_speed;      /* simulated: terms/s of a core of rank 0's host; 0 measured */
    double capacity;        /* simulated: the ranks' hosts' speeds over as many at rank 0's */
    double peak;            /* FMA lane-ops/s per core, 0 when unknown */
    const char *peak_source;  /* where the peak came from, or why it is unknown */
} run_facts;

/* The drivers' header line, newline included: csv_columns.h's table. */
extern const char *const report_csv_header;

/* Room for any row report_csv_row writes (its provenance fields are
 * bounded: 255 + 511 + 511 + 1023 + 127 + 511 + 63 + 511 bytes, quoted;
 * the launcher's tags 6 x 511, the machine's under 400). */
#define REPORT_ROW_MAX 8192

/* One CSV row, newline included, for repetition rep taking seconds. */
void report_csv_row(char *buf, size_t size, const run_facts *facts, int rep, double seconds,
                    int verified);

/* The human report (STREAM / PRK style). */
void report_human(FILE *out, const run_facts *facts, const double *seconds, int reps);

/* --version: version, compiler, flags, git revision, SIMD, defaults. */
void report_version(FILE *out, const char *driver);

/* --facts: what scripts need to know of the program, its build and its
 * machine, one NAME=VALUE a line (the MPI library's line is the caller's:
 * library); scripts read these, never --version's text. */
void report_facts(FILE *out, const char *driver, int max_threads, const char *library);

/* Median of n values (n >= 1); the array is sorted in place. */
double report_median(double *values, int n);

#endif

/*
 * placement.h - where a run's workers are: each rank's host, the CPUs it
 * may use, and the CPU each of its threads is on, gathered on rank 0.
 *
 * A rank with more threads than allowed CPUs (mpirun binds each of 2 ranks
 * to one core: the hybrid trap docs/usage.md describes), a host with more
 * workers than CPUs, or two threads pinned to one CPU run at a fraction of
 * their speed while every number they print stays right; this is how a
 * user learns it.  Those three follow from the CPU sets alone, so they are
 * the same in every run of a layout.  Where unpinned threads happen to be
 * is only sampled (once, with every thread busy, after a barrier), and is
 * shown by --affinity, never warned about.
 */
#ifndef MACLAURIN_PLACEMENT_H
#define MACLAURIN_PLACEMENT_H

#include <stdio.h>

/* The problems found, as flags; placement_name spells them for the CSV. */
enum {
    PLACEMENT_OVERSUBSCRIBED = 1,  /* a host has more workers than CPUs for them */
    PLACEMENT_CROWDED = 2,         /* a rank has more threads than allowed CPUs */
    PLACEMENT_PINNED_SHARED = 4,   /* two threads pinned to the same CPU */
};

typedef struct {
    int nodes;          /* distinct hosts */
    char hosts[1024];   /* their names in order of first rank, ';' between */
    int cpus;           /* CPUs online, summed over the hosts (each host's own count) */
    int problems;       /* PLACEMENT_* flags */
    int cpus_alike;     /* 1: every rank's host has rank 0's kind of CPU */
} placement_summary;

/*
 * Collective.  Samples this rank's placement with `threads` threads and
 * gathers every rank's on rank 0, which fills *summary, prints one line
 * per rank to `table` (NULL: none; --affinity) and one warning per problem
 * to `warnings` (NULL: none).  Other ranks' *summary is left unset.
 */
void placement_survey(int threads, placement_summary *summary, FILE *table, FILE *warnings);

/* "ok", or the problems joined by '+' ("oversubscribed+crowded"). */
const char *placement_name(int problems);

#endif

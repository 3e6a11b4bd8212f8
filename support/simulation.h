/*
 * simulation.h - every difference in the code between the SimGrid SMPI
 * build (mk/simulate.mk: -DMACLAURIN_SIMULATED=1) and a real one, in one
 * place.  A real build gets the plain calls; an SMPI build describes the
 * simulated host a rank runs on (its name and cores), and charges it for
 * its computation.
 *
 * Why the computation is charged, not timed: SMPI's default replays each
 * burst of computation as the CPU time it took here, and this shared
 * machine's speed wanders by +-5% from one configuration to the next.
 * That noise was larger than the effects a sweep is for (exact against
 * plain, 1% at 4,096 ranks), and at 4,096 ranks the slowest of 4,096
 * bursts timed one after another added 10-30% a real machine need not
 * show.  So every term is still evaluated and added here (the bits are
 * checked), but the simulated host is charged a fixed cost for it, one
 * "flop" a term at the platform's host speed (terms/s, this machine's
 * measured rate: docs/simulation.md), and SMPI's own timing is off
 * (smpi/simulate-computation:no in scripts/lib/smpi_config.sh).  The
 * predictions are then deterministic: the same for every run.
 */
#ifndef MACLAURIN_SIMULATION_H
#define MACLAURIN_SIMULATION_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef MACLAURIN_SIMULATED
#define MACLAURIN_SIMULATED 0
#endif

#if MACLAURIN_SIMULATED
#include <mpi.h>
#include <simgrid/host.h>
#include <smpi/smpi.h>

/* The simulated host's name (SMPI does not intercept gethostname). */
static inline int host_name(char *name, size_t size)
{
    char simulated[MPI_MAX_PROCESSOR_NAME];
    int length;
    if (size == 0 || MPI_Get_processor_name(simulated, &length) != MPI_SUCCESS)
        return -1;
    const size_t n = (size_t)length < size - 1 ? (size_t)length : size - 1;
    memcpy(name, simulated, n);  /* a platform's host names are short */
    name[n] = '\0';
    return 0;
}

/* The simulated host's cores (the platform's, scripts/simulate --cores-per-node). */
static inline long cpus_online(void) { return sg_host_core_count(sg_host_self()); }

/* Charge this rank's host for summing `terms` terms (see above). */
static inline void charge_computation(uint64_t terms) { smpi_execute_flops((double)terms); }

/* SMPI answers MPI_THREAD_SINGLE to every MPI_Init_thread; the SMPI build
 * runs one thread a rank (no OpenMP), where SINGLE is enough. */
#define NEEDED_THREAD_LEVEL MPI_THREAD_SINGLE
#define NEEDED_THREAD_LEVEL_NAME "MPI_THREAD_SINGLE"

#else

static inline int host_name(char *name, size_t size)
{
    if (size == 0 || gethostname(name, size - 1) != 0)
        return -1;
    name[size - 1] = '\0';
    return 0;
}

static inline long cpus_online(void) { return sysconf(_SC_NPROCESSORS_ONLN); }

static inline void charge_computation(uint64_t terms) { (void)terms; }

/* Only the main thread calls MPI; the OpenMP threads only compute. */
#define NEEDED_THREAD_LEVEL MPI_THREAD_FUNNELED
#define NEEDED_THREAD_LEVEL_NAME "MPI_THREAD_FUNNELED"

#endif

#endif

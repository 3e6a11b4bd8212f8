/*
 * simulation.h - what a rank asks of the host it runs on, for a real build
 * and for the SimGrid SMPI build (mk/simulate.mk: -DMACLAURIN_SIMULATED=1).
 * A real build gets the plain calls; an SMPI build describes the simulated
 * host a rank runs on (its name and cores), charges it for the rank's
 * computation, and needs only SMPI's thread level.
 *
 * The computation is charged, not timed: every term is still evaluated and
 * added (the bits are checked), but the simulated host is charged one
 * "flop" a term at the platform's host speed (terms/s), and SMPI's own
 * timing of the bursts is off (smpi/simulate-computation:no, among the
 * settings of analysis/maclaurin_analysis/simulation.py's
 * smpirun_options).  Timed, the predictions would replay this machine's
 * noise; charged, they are the same in every run
 * (docs/simulation.md).
 *
 * The other places where the simulated build differs, each on
 * MACLAURIN_SIMULATED (0 in a real build, so the branch is compiled out):
 *   programs/maclaurin.c    no FMA peak: a simulated host has a speed, not a
 *                           peak (peak_fraction is empty); the host's speed
 *                           and the job's capacity are gathered (host_speed)
 *   io/report.c             the rows' platform (MACLAURIN_PLATFORM),
 *                           simulated=1, host_speed and capacity; a real
 *                           build always writes real,0 and leaves the two empty
 *   runtime/placement.c     no survey of the CPUs the threads run on: a
 *                           simulated rank's CPUs are its host's, not this
 *                           machine's
 *   runtime/decomposition.c charges each range of blocks (charge_computation),
 *                           and a rank waiting for its leader lets simulated
 *                           time pass (wait_briefly)
 * and the build (mk/simulate.mk): smpicc, no OpenMP, one thread a rank.
 */
#ifndef MACLAURIN_SIMULATION_H
#define MACLAURIN_SIMULATION_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
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

/* The speed of a core of this rank's simulated host, terms/s (one "flop" a
 * term), for the rows' host_speed and capacity: the platform's speed times
 * the share its availability profile leaves (scripts/simulate --slow-hosts
 * connects a constant one to the slowed hosts; 1 on the others). */
static inline double host_speed(void)
{
    return sg_host_get_speed(sg_host_self()) * sg_host_get_available_speed(sg_host_self());
}

/* Charge this rank's host for summing `terms` terms (see above). */
static inline void charge_computation(uint64_t terms) { smpi_execute_flops((double)terms); }

/* Let time pass while this rank waits for its node's leader: 5 us of its
 * host's time, charged as work at the host's speed (smpi_execute(5e-6)
 * costs nothing with smpi/simulate-computation:no, and ranks that spun in
 * it stalled the simulation). */
static inline void wait_briefly(void) { smpi_execute_flops(5e-6 * host_speed()); }

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

static inline double host_speed(void) { return 0.0; }

/* Wait a little for the node's leader, leaving the core to it or to
 * another rank where they share one. */
static inline void wait_briefly(void)
{
    const struct timespec pause = {.tv_sec = 0, .tv_nsec = 10000};
    nanosleep(&pause, NULL);
}

/* Only the main thread calls MPI; the OpenMP threads only compute. */
#define NEEDED_THREAD_LEVEL MPI_THREAD_FUNNELED
#define NEEDED_THREAD_LEVEL_NAME "MPI_THREAD_FUNNELED"

#endif

#endif

/*
 * maclaurin.c - the driver: parse, run, verify, report.
 *
 * One source, three programs: built with comm_single.c and without OpenMP
 * it is maclaurin_serial; with OpenMP, maclaurin_omp; with comm_mpi.c and
 * OpenMP, maclaurin_mpi (hybrid).  DRIVER_NAME and DRIVER_MAX_THREADS come
 * from the Makefile.
 */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "comm.h"
#include "csv_sink.h"
#include "decomposition.h"
#include "machine.h"
#include "placement.h"
#include "options.h"
#include "peak_cache.h"
#include "reference.h"
#include "report.h"
#include "simulation.h"
#include "wall_clock.h"

#ifndef DRIVER_NAME
#error "DRIVER_NAME must be defined"
#endif

enum { EXIT_VERIFIED = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

/*
 * SIGINT and SIGTERM stop a run between blocks: the handler only records
 * the signal, the sum abandons its blocks (series_sum.h), and the ranks
 * agree on it after each summation, so all of them stop after the same
 * repetition and a half-done one writes no row.  SA_RESETHAND: a second
 * signal ends the process at once.
 */
static atomic_int stop_signal;
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "a signal handler may only touch lock-free atomics");

static void on_stop_signal(int signo)
{
    atomic_store_explicit(&stop_signal, signo, memory_order_relaxed);
}

static void catch_stop_signals(void)
{
    struct sigaction sa = { .sa_handler = on_stop_signal, .sa_flags = SA_RESTART | SA_RESETHAND };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* Once the rows are written nothing is left to stop cleanly: a signal ends
 * the process at once, so that a rank stuck in MPI_Finalize (MPICH 4.0.2
 * over UCX's TCP transport can be, docs/usage.md) yields to timeout or the
 * launcher's SIGTERM instead of waiting for a check that never comes. */
static void default_stop_signals(void)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
}

/*
 * Threads per process: --threads, else OMP_NUM_THREADS, else the cores this
 * process may use.  A process not pinned by its launcher sees every core of
 * the node, shared with the node's other ranks, so it takes its share.
 */
static int choose_threads(const options *opt)
{
#ifdef _OPENMP
    if (opt->threads)
        return opt->threads;
    if (getenv("OMP_NUM_THREADS"))
        return omp_get_max_threads();
    int usable = omp_get_num_procs();
    if (usable >= sysconf(_SC_NPROCESSORS_ONLN))
        usable /= comm_node()->ranks;
    return usable > 0 ? usable : 1;
#else
    (void)opt;
    return 1;
#endif
}

/*
 * The cores the job's workers occupy, and their FMA peak: each rank counts
 * its threads, or its share of its node's cores when the node's ranks x
 * threads outnumber them (8 ranks on 2 cores occupy 2 cores, not 8), at its
 * own node's peak (peak_cache.h, each node's own file), summed on rank 0.
 * The fraction of peak is taken against these, so oversubscription does
 * not make the kernel look slow; the peak is unknown if any node's is.
 */
static void count_cores_and_peak(run_facts *facts)
{
    const double share = (double)cpus_online() / comm_node()->ranks;
    const double mine = facts->threads < share ? facts->threads : share;
    const char *source = "not measured on a simulated host";
    /* a simulated host's speed is its platform's (simulation.h), not a peak */
    const double peak = MACLAURIN_SIMULATED ? 0.0 : peak_cache_read(&source);
    facts->cores = comm_reduce_sum(mine);
    const double capacity = comm_reduce_sum(peak > 0 ? mine * peak : 0.0);
    const int unknown_somewhere = comm_max_int(peak <= 0);
    facts->peak = unknown_somewhere ? 0.0 : capacity / facts->cores;
    /* where the peak came from, or why it is unknown: rank 0's reason,
     * unless rank 0 knows a peak and another rank does not */
    facts->peak_source = source;
    if (MACLAURIN_SIMULATED)
        return;
    if (unknown_somewhere && comm_node()->count > 1)
        facts->peak_source = "no peak measured on some node: run maclaurin_peak on each";
    else if (unknown_somewhere && peak > 0)
        facts->peak_source = "some ranks know no peak: give them all the same MACLAURIN_PEAK or "
                             "MACLAURIN_PEAK_CACHE";
    else if (comm_node()->count > 1)
        facts->peak_source = "measured on each node (mean per core)";
}

/* One summation of this rank's blocks and the reduction to rank 0, timed
 * from a barrier to the slowest rank's finish.  Returns 0, or the signal
 * that stopped any rank's sum: then on every rank, and the result is void. */
static int timed_sum(const options *opt, const series_plan *plan, double *result, double *seconds)
{
    const int exact = opt->reduction == REDUCTION_EXACT;

    if (exact)
        decomposition_begin_exact(opt->kernel->fn, plan, opt->terms, opt->handout_across);
    comm_barrier();
    const double start = wall_seconds();
    if (exact) {
        exact_acc acc;
        exact_acc_init(&acc);
        decomposition_sum_exact(opt->kernel->fn, plan, opt->terms, &stop_signal, &acc);
        comm_reduce_exact(&acc);
        *result = exact_acc_round(&acc);
    } else {
        *result = comm_reduce_sum(
            decomposition_sum_plain(opt->kernel->fn, plan, opt->terms, &stop_signal));
    }
    *seconds = comm_reduce_max(wall_seconds() - start);
    if (exact)
        decomposition_end_exact();
    return comm_max_int(atomic_load_explicit(&stop_signal, memory_order_relaxed));
}

/* One line from rank 0 for a run stopped by signo after `done` repetitions. */
static void say_interrupted(const options *opt, int signo, int done)
{
    char rows[1100] = "";
    if (opt->csv_path && done > 0)
        snprintf(rows, sizeof rows, "; completed rows are in %s",
                 strcmp(opt->csv_path, "-") == 0 ? "standard output" : opt->csv_path);
    fprintf(stderr, "%s: interrupted by %s after %d of %d repetitions%s\n", DRIVER_NAME,
            signo == SIGINT ? "SIGINT" : "SIGTERM", done, opt->repeat, rows);
}

/*
 * Rank 0's checks of one repetition: within the bound of the closed form,
 * and (exact reduction) the first sum's bits: the warm-up's, or with
 * --warmup 0 the first repetition's.  The first repetition to fail
 * each check is kept for the message.  Returns whether it is verified.
 */
static int check_repetition(const options *opt, run_facts *f, int rep, double result)
{
    f->result = result;
    f->abs_err = (double)fabsl((long double)result - f->reference);
    const int within = f->abs_err <= f->bound;  /* false for nan */
    if (!within && f->failed_rep < 0) {
        f->failed_rep = rep;
        f->failed_result = result;
        f->failed_err = f->abs_err;
    }
    f->verified &= within;
    if (opt->reduction == REDUCTION_EXACT && memcmp(&result, &f->warm_up, sizeof result) &&
        f->differing_rep < 0) {
        f->differing_rep = rep;
        f->differing_result = result;
        f->reproducible = 0;
    }
    return within;
}

/* Rank 0 appends repetition rep's row; every rank learns whether it could. */
static int write_row(const options *opt, const run_facts *f, csv_sink *csv, int root, int rep,
                     double seconds, int verified)
{
    int written = 1;
    if (root && csv->fd >= 0) {
        char row[REPORT_ROW_MAX];
        report_csv_row(row, sizeof row, f, rep, seconds, verified);
        if (csv_sink_append(csv, report_csv_header, row) != 0) {
            fprintf(stderr, "%s: cannot write --csv '%s': %s\n", DRIVER_NAME, opt->csv_path,
                    strerror(errno));
            written = 0;
        }
    }
    return comm_broadcast_int(written);
}

/* What failed, in one line per check, naming the repetition (1-based). */
static void say_failure(const options *opt, const run_facts *f)
{
    if (f->failed_rep >= 0)
        fprintf(stderr,
                "%s: verification failed: repetition %d of %d: |%.17g - %.17Lg| = %.3g > bound %.3g\n",
                DRIVER_NAME, f->failed_rep + 1, opt->repeat, f->failed_result, f->reference,
                f->failed_err, f->bound);
    if (f->differing_rep >= 0)
        fprintf(stderr,
                "%s: verification failed: repetition %d of %d gave %a, %s %a "
                "(an exact sum must repeat bit for bit)\n",
                DRIVER_NAME, f->differing_rep + 1, opt->repeat, f->differing_result,
                opt->warmup ? "the warm-up" : "repetition 1", f->warm_up);
}

/*
 * The timed repetitions after --warmup untimed sums (which bring the clock
 * up and fault in every page): each summed, checked, and written as a row
 * as it ends.  Returns 0, EXIT_FAILED when a row
 * could not be written, or 128 + the signal that stopped it; *done counts
 * the repetitions completed.
 */
static int repeat_sums(const options *opt, const series_plan *plan, run_facts *facts,
                       csv_sink *csv, int root, double *times, int *done)
{
    double warm_up_seconds, result;
    int signo = 0;
    for (int w = 0; w < opt->warmup && !signo; w++)
        signo = timed_sum(opt, plan, &facts->warm_up, &warm_up_seconds);
    for (*done = 0; *done < opt->repeat && !signo; ++*done) {
        if ((signo = timed_sum(opt, plan, &result, &times[*done])))
            break;
        if (opt->warmup == 0 && *done == 0)
            facts->warm_up = result;  /* the bits every later repetition must repeat */
        facts->handout = decomposition_handout();
        facts->handout_asks_from = decomposition_threshold();
        const int verified = root ? check_repetition(opt, facts, *done, result) : 1;
        if (!write_row(opt, facts, csv, root, *done, times[*done], verified))
            return EXIT_FAILED;
    }
    return signo ? 128 + signo : 0;
}

static int run(const options *opt, run_facts *facts, csv_sink *csv, int root)
{
    series_plan plan;
    series_plan_init(&plan, opt->x);
    facts->reference = series_reference(opt->x, opt->terms);
    facts->bound = (double)(opt->tolerance * series_abs_sum(opt->x, opt->terms));
    facts->verified = facts->reproducible = 1;
    facts->failed_rep = facts->differing_rep = -1;

    /* Every rank allocates alike, so they agree on a failure and rank 0
     * alone says so: aborting from each rank at once printed one message
     * per rank, and could garble the launcher's own. */
    double *times = calloc((size_t)opt->repeat, sizeof *times);
    if (comm_max_int(times == NULL)) {
        if (root)
            fprintf(stderr, "%s: out of memory\n", DRIVER_NAME);
        free(times);
        return EXIT_FAILED;
    }
    int done;
    const int stopped = repeat_sums(opt, &plan, facts, csv, root, times, &done);
    if (stopped > 128 && root)
        say_interrupted(opt, stopped - 128, done);
    if (!stopped && root && !opt->quiet)
        report_human(csv->is_stdout ? stderr : stdout, facts, times, opt->repeat);
    free(times);
    if (stopped)
        return stopped;
    const int ok = facts->verified && facts->reproducible;
    /* the report says it too, unless it went to standard output with the CSV */
    if (root && !ok && (opt->quiet || !csv->is_stdout))
        say_failure(opt, facts);
    return comm_broadcast_int(ok) ? EXIT_VERIFIED : EXIT_FAILED;
}

/*
 * The command line, read by every rank to the same verdict so that rank 0
 * alone prints it and all ranks leave together.  Returns -1 to go on to a
 * run, or the exit status (after --help, --version or a usage error).
 */
static int read_command_line(options *opt, int argc, char **argv, int root)
{
    char message[512];
    if (options_parse(opt, argc, argv, DRIVER_NAME, DRIVER_MAX_THREADS, message, sizeof message)) {
        if (root)
            fprintf(stderr, "%s\n", message);
        return EXIT_USAGE;
    }
    if (opt->action == ACTION_RUN)
        return -1;
    if (root) {
        if (opt->action == ACTION_HELP)
            options_usage(stdout, DRIVER_NAME, DRIVER_MAX_THREADS);
        else if (opt->action == ACTION_FACTS) {
            char library[512];
            comm_library_version(library, sizeof library);
            report_facts(stdout, DRIVER_NAME, DRIVER_MAX_THREADS, library);
        } else {
            report_version(stdout, DRIVER_NAME);
            /* the library the program runs on, for the launcher to match
             * (scripts/mpi_launch): "none" without MPI */
            char library[512];
            comm_library_version(library, sizeof library);
            printf("mpi:      %s\n", library);
        }
    }
    return EXIT_VERIFIED;
}

/* Rank 0 opens --csv, last of the checks, so that a usage error never
 * creates it; returns whether every rank may go on. */
static int open_results(const options *opt, csv_sink *csv, int root)
{
    int ok = 1;
    if (root && opt->csv_path) {
        char why[256];
        if (csv_sink_open(csv, opt->csv_path, report_csv_header, why, sizeof why) != 0) {
            fprintf(stderr, "%s: invalid --csv '%s': %s\n", DRIVER_NAME, opt->csv_path, why);
            ok = 0;
        }
    }
    return comm_broadcast_int(ok);
}

/* The run's facts that do not come from the sums: layout, cores, peak,
 * hosts and placement, CPU (collective: every rank calls it). */
static void describe_run(run_facts *facts, const options *opt)
{
    facts->driver = DRIVER_NAME;
    facts->opt = opt;
    facts->ranks = comm_size();
    facts->threads = choose_threads(opt);
#ifdef _OPENMP
    omp_set_num_threads(facts->threads);
#endif
    count_cores_and_peak(facts);
    comm_library_version(facts->library, sizeof facts->library);
    if (host_name(facts->host, sizeof facts->host) != 0)
        snprintf(facts->host, sizeof facts->host, "unknown");
    placement_summary where;
    FILE *report = opt->csv_path && strcmp(opt->csv_path, "-") == 0 ? stderr : stdout;
    placement_survey(facts->threads, &where, opt->affinity && !opt->quiet ? report : NULL,
                     opt->quiet ? NULL : stderr);
    facts->nodes = where.nodes;
    snprintf(facts->hosts, sizeof facts->hosts, "%s", where.hosts);
    facts->cpus_online = where.cpus;
    facts->placement = placement_name(where.problems);
    facts->oversubscribed = (where.problems & PLACEMENT_OVERSUBSCRIBED) != 0;
    facts->cpus_alike = where.cpus_alike;
    facts->machine = machine_self();
    /* a simulated host's speed (simulation.h), and the job's hosts' speeds
     * against as many at rank 0's, whose host is never a slowed one */
    if (MACLAURIN_SIMULATED) {
        facts->host_speed = host_speed();
        const double all = comm_reduce_sum(facts->host_speed);
        facts->capacity = facts->host_speed > 0 ? all / (facts->ranks * facts->host_speed) : 0.0;
    }
}

int main(int argc, char **argv)
{
    char message[512];
    if (comm_init(&argc, &argv, DRIVER_NAME, message, sizeof message) != 0) {
        fprintf(stderr, "%s: %s\n", DRIVER_NAME, message);
        return comm_finish(EXIT_FAILED);
    }
    const int root = comm_rank() == 0;

    options opt;
    const int answered = read_command_line(&opt, argc, argv, root);
    if (answered >= 0)
        return comm_finish(answered);

    csv_sink csv = { .fd = -1 };
    if (!open_results(&opt, &csv, root))
        return comm_finish(EXIT_USAGE);

    run_facts facts = { 0 };
    describe_run(&facts, &opt);

    catch_stop_signals();
    const int status = run(&opt, &facts, &csv, root);
    csv_sink_close(&csv);
    default_stop_signals();
    return comm_finish(status);
}

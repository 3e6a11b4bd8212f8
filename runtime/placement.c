/*
 * placement.c - where a run's workers are, gathered on rank 0.
 */
#define _GNU_SOURCE
#include "placement.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "comm.h"
#include "machine.h"
#include "simulation.h"
#include "wall_clock.h"

#define HOST_CHARS 72      /* a host name (at most 64 on Linux), terminated */
#define LIST_CHARS 184     /* an allowed set as a list, "0-3,8,10-11" */
#define SAMPLED_THREADS 256

/* One rank's placement, as gathered (the same layout on every rank). */
typedef struct {
    char host[HOST_CHARS];
    char allowed_list[LIST_CHARS];
    cpu_set_t allowed_set;
    int32_t allowed;                 /* CPUs in the allowed set */
    int32_t threads;
    int32_t online;                  /* CPUs online on its host */
    int16_t cpu[SAMPLED_THREADS];    /* each thread's CPU (the first 256), -1 unknown */
    int16_t pinned[SAMPLED_THREADS]; /* the one CPU a thread may run on, or -1 */
    char cpu_kind[96];               /* its host's CPU (machine_signature) */
} rank_place;

/* set as a CPU list ("0-3,8"), truncated with "..." if it does not fit. */
static void format_cpus(const cpu_set_t *set, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (int c = 0; c < CPU_SETSIZE; c++) {
        if (!CPU_ISSET(c, set))
            continue;
        int last = c;
        while (last + 1 < CPU_SETSIZE && CPU_ISSET(last + 1, set))
            last++;
        char item[32];
        if (last > c)
            snprintf(item, sizeof item, "%s%d-%d", used ? "," : "", c, last);
        else
            snprintf(item, sizeof item, "%s%d", used ? "," : "", c);
        if (used + strlen(item) + 4 > size) {
            snprintf(out + used, size - used, ",...");
            return;
        }
        used += (size_t)snprintf(out + used, size - used, "%s", item);
        c = last;
    }
}

/*
 * Every thread records its CPU once all of them have been running at once
 * for a while: a new thread starts beside its parent, and the scheduler
 * moves it only after a few milliseconds of contention.
 */
#define SETTLE_SECONDS 0.02

static void sample_cpus(int threads, rank_place *me)
{
    for (int t = 0; t < SAMPLED_THREADS; t++)
        me->cpu[t] = me->pinned[t] = -1;
    atomic_int arrived = 0;
    const double give_up = wall_seconds() + 1.0;
    cpu_set_t allowed;  /* every thread's own set together: OpenMP may have bound each */
    CPU_ZERO(&allowed);
    int known = 1;
#pragma omp parallel num_threads(threads)
    {
        int t = 0;
#ifdef _OPENMP
        t = omp_get_thread_num();
#endif
        atomic_fetch_add(&arrived, 1);
        /* bounded: a thread never scheduled beside the others is sampled anyway */
        while (atomic_load(&arrived) < threads && wall_seconds() < give_up)
            ;
        for (const double settled = wall_seconds() + SETTLE_SECONDS; wall_seconds() < settled;)
            ;
        cpu_set_t own;
        CPU_ZERO(&own);
        const int got = pthread_getaffinity_np(pthread_self(), sizeof own, &own) == 0;
        if (t < SAMPLED_THREADS) {
            me->cpu[t] = (int16_t)sched_getcpu();
            if (got && CPU_COUNT(&own) == 1)
                for (int c = 0; c < CPU_SETSIZE; c++)
                    if (CPU_ISSET(c, &own))
                        me->pinned[t] = (int16_t)c;
        }
#pragma omp critical(placement_allowed)
        {
            if (got)
                CPU_OR(&allowed, &allowed, &own);
            else
                known = 0;
        }
    }
    me->online = (int32_t)cpus_online();
    if (known) {
        me->allowed_set = allowed;
        me->allowed = CPU_COUNT(&allowed);
        format_cpus(&allowed, me->allowed_list, sizeof me->allowed_list);
    } else {
        CPU_ZERO(&me->allowed_set);
        for (int c = 0; c < me->online && c < CPU_SETSIZE; c++)
            CPU_SET(c, &me->allowed_set);
        me->allowed = me->online;
        snprintf(me->allowed_list, sizeof me->allowed_list, "unknown");
    }
}

/* A simulated rank (simulation.h) may run on any core of its simulated
 * host, and which one is not modelled (its CPU is -1): this machine's CPUs,
 * which SMPI runs every rank on, are not its. */
static void simulated_cpus(rank_place *me)
{
    for (int t = 0; t < SAMPLED_THREADS; t++)
        me->cpu[t] = me->pinned[t] = -1;
    me->online = me->allowed = (int32_t)cpus_online();
    CPU_ZERO(&me->allowed_set);
    for (int c = 0; c < me->online && c < CPU_SETSIZE; c++)
        CPU_SET(c, &me->allowed_set);
    format_cpus(&me->allowed_set, me->allowed_list, sizeof me->allowed_list);
}

static void survey_self(int threads, rank_place *me)
{
    memset(me, 0, sizeof *me);
    if (host_name(me->host, sizeof me->host) != 0)
        snprintf(me->host, sizeof me->host, "unknown");
    me->threads = threads;
    machine_signature(machine_self(), me->cpu_kind, sizeof me->cpu_kind);
    comm_barrier();
    if (MACLAURIN_SIMULATED)
        simulated_cpus(me);
    else
        sample_cpus(threads, me);
}

/* Rank 0: the distinct hosts, each rank's host number in host_of. */
static void list_hosts(const rank_place *all, int ranks, int *host_of, placement_summary *s)
{
    size_t used = 0;
    int full = 0;
    s->nodes = 0;
    s->cpus = 0;
    s->cpus_alike = 1;
    s->hosts[0] = '\0';
    for (int r = 0; r < ranks; r++) {
        if (strcmp(all[r].cpu_kind, all[0].cpu_kind) != 0)
            s->cpus_alike = 0;
        host_of[r] = -1;
        for (int q = 0; q < r && host_of[r] < 0; q++)
            if (strcmp(all[r].host, all[q].host) == 0)
                host_of[r] = host_of[q];
        if (host_of[r] >= 0)
            continue;
        host_of[r] = s->nodes++;
        s->cpus += all[r].online;
        if (full)
            continue;  /* more names than fit: the count stays right */
        const size_t room = sizeof s->hosts - used;
        const int n = snprintf(s->hosts + used, room, "%s%s", used ? ";" : "", all[r].host);
        if (n < 0 || (size_t)n >= room) {
            s->hosts[used] = '\0';
            full = 1;
        } else {
            used += (size_t)n;
        }
    }
}

/* Rank 0: hosts with more workers than CPUs. */
static void find_oversubscribed(const rank_place *all, int ranks, const int *host_of,
                                placement_summary *s, FILE *warnings)
{
    for (int h = 0; h < s->nodes; h++) {
        long workers = 0;
        int first = -1;
        for (int r = 0; r < ranks; r++)
            if (host_of[r] == h) {
                workers += all[r].threads;
                if (first < 0)
                    first = r;
            }
        if (workers <= all[first].online)
            continue;
        if (warnings && !(s->problems & PLACEMENT_OVERSUBSCRIBED))
            fprintf(warnings,
                    "%s: warning: %s runs %ld workers (ranks x threads) on %d CPU%s: they "
                    "time-share, and each runs at a fraction of its speed\n",
                    comm_program(), all[first].host, workers, all[first].online,
                    all[first].online == 1 ? "" : "s");
        s->problems |= PLACEMENT_OVERSUBSCRIBED;
    }
}

/* Rank 0: ranks bound to fewer CPUs than they have threads (on a host
 * with CPUs to spare for them: else it is oversubscription). */
static void find_crowded(const rank_place *all, int ranks, placement_summary *s, FILE *warnings)
{
    int first = -1, crowded = 0;
    for (int r = 0; r < ranks; r++)
        if (all[r].threads > all[r].allowed && all[r].allowed < all[r].online && crowded++ == 0)
            first = r;
    if (first < 0)
        return;
    s->problems |= PLACEMENT_CROWDED;
    if (!warnings)
        return;
    const rank_place *p = &all[first];
    /* OpenMP's own binding narrows each thread's set before we look: then
     * it, not the launcher, may be what crowds them */
    const char *bind = getenv("OMP_PROC_BIND");
    char advice[160];
    if (bind && *bind && strcmp(bind, "false") != 0)
        snprintf(advice, sizeof advice,
                 "check OMP_PROC_BIND and OMP_PLACES against the launcher's binding");
    else
        snprintf(advice, sizeof advice,
                 "give each rank its cores (mpirun --bind-to none, or --map-by slot:PE=%d)",
                 p->threads);
    fprintf(warnings, "%s: warning: rank %d on %s runs %d threads on %d allowed CPU%s (%s)%s; %s\n",
            comm_program(), first, p->host, p->threads, p->allowed, p->allowed == 1 ? "" : "s",
            p->allowed_list, crowded > 1 ? ", and so do other ranks" : "", advice);
}

typedef struct {
    int host, cpu, rank;
} worker;

static int by_host_cpu(const void *a, const void *b)
{
    const worker *x = a, *y = b;
    if (x->host != y->host)
        return (x->host > y->host) - (x->host < y->host);
    if (x->cpu != y->cpu)
        return (x->cpu > y->cpu) - (x->cpu < y->cpu);
    return (x->rank > y->rank) - (x->rank < y->rank);
}

/* Rank 0: threads pinned to one CPU (OMP_PROC_BIND in ranks not given
 * cores of their own pins every rank's first thread to the first core). */
static void find_pinned_shared(const rank_place *all, int ranks, const int *host_of,
                               placement_summary *s, FILE *warnings)
{
    size_t n = 0;
    for (int r = 0; r < ranks; r++)
        n += (size_t)(all[r].threads < SAMPLED_THREADS ? all[r].threads : SAMPLED_THREADS);
    worker *w = malloc(n ? n * sizeof *w : 1);
    if (!w)
        return;
    n = 0;
    for (int r = 0; r < ranks; r++)
        for (int t = 0; t < all[r].threads && t < SAMPLED_THREADS; t++)
            if (all[r].pinned[t] >= 0 && all[r].threads <= all[r].allowed)  /* else: crowded */
                w[n++] = (worker){ host_of[r], all[r].pinned[t], r };
    qsort(w, n, sizeof *w, by_host_cpu);
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && w[j].host == w[i].host && w[j].cpu == w[i].cpu; j++)
            ;
        if (j - i < 2)
            continue;
        if (warnings && !(s->problems & PLACEMENT_PINNED_SHARED)) {
            char whose[64];
            if (w[j - 1].rank == w[i].rank)
                snprintf(whose, sizeof whose, "of rank %d", w[i].rank);
            else
                snprintf(whose, sizeof whose, "of ranks %d%s%d", w[i].rank,
                         j - i > 2 ? " .. " : " and ", w[j - 1].rank);
            fprintf(warnings,
                    "%s: warning: %zu threads %s are pinned to CPU %d of %s: they time-share it "
                    "(check OMP_PROC_BIND and OMP_PLACES against the launcher's binding)\n",
                    comm_program(), j - i, whose, w[i].cpu, all[w[i].rank].host);
        }
        s->problems |= PLACEMENT_PINNED_SHARED;
    }
    free(w);
}

const char *placement_name(int problems)
{
    static const char *const names[8] = {
        "ok", "oversubscribed", "crowded", "oversubscribed+crowded", "pinned-shared",
        "oversubscribed+pinned-shared", "crowded+pinned-shared",
        "oversubscribed+crowded+pinned-shared",
    };
    return names[problems & 7];
}

static void print_table(FILE *out, const rank_place *all, int ranks, int nodes)
{
    fprintf(out, "%s placement: %d rank%s on %d host%s (threads' CPUs sampled with all busy)\n",
            comm_program(), ranks, ranks == 1 ? "" : "s", nodes, nodes == 1 ? "" : "s");
    for (int r = 0; r < ranks; r++) {
        char cpus[SAMPLED_THREADS * 6 + 8] = "";
        size_t used = 0;
        for (int t = 0; t < all[r].threads && t < SAMPLED_THREADS; t++)
            used += (size_t)snprintf(cpus + used, sizeof cpus - used, "%s%d", t ? "," : "",
                                     all[r].cpu[t]);
        fprintf(out, "  rank %d on %s: allowed CPUs %s (%d), %d thread%s on CPUs %s%s\n",
                r, all[r].host, all[r].allowed_list, all[r].allowed, all[r].threads,
                all[r].threads == 1 ? "" : "s", cpus,
                all[r].threads > SAMPLED_THREADS ? ",..." : "");
    }
}

void placement_survey(int threads, placement_summary *summary, FILE *table, FILE *warnings)
{
    rank_place me;
    survey_self(threads, &me);
    const int ranks = comm_size(), root = comm_rank() == 0;
    rank_place *all = root ? calloc((size_t)ranks, sizeof *all) : NULL;
    int *host_of = root ? calloc((size_t)ranks, sizeof *host_of) : NULL;
    if (root && (!all || !host_of)) {
        fprintf(stderr, "%s: out of memory\n", comm_program());
        comm_abort(1);
    }
    comm_gather(&me, sizeof me, all);
    if (root) {
        list_hosts(all, ranks, host_of, summary);
        summary->problems = 0;
        find_oversubscribed(all, ranks, host_of, summary, warnings);
        find_crowded(all, ranks, summary, warnings);
        find_pinned_shared(all, ranks, host_of, summary, warnings);
        if (table)
            print_table(table, all, ranks, summary->nodes);
    }
    free(all);
    free(host_of);
}

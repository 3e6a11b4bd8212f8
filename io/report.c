/*
 * report.c - human report and CSV rows.
 */
#include "report.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csv_columns.h"
#include "csv_tags.h"
#include "decomposition.h"
#include "reference.h"
#include "series_plan.h"
#include "simd.h"
#include "simulation.h"

/* The platform a row was measured (or predicted) on: a simulated build's
 * is named by whoever runs it; a real build's is always "real", so that no
 * environment can make a measured row look like a prediction. */
static const char *report_platform(void)
{
    if (!MACLAURIN_SIMULATED)
        return "real";
    const char *name = getenv("MACLAURIN_PLATFORM");
    const char *allowed = "abcdefghijklmnopqrstuvwxyz0123456789-_.";
    if (!name || !*name || strlen(name) >= 64 || strspn(name, allowed) != strlen(name))
        return "simulated";
    return name;
}

#ifndef MACLAURIN_BUILD_FLAGS
#define MACLAURIN_BUILD_FLAGS "unknown"
#endif

/* The columns, their order and their names are csv_columns.h's; readers
 * take columns by name, with a CSV reader (maclaurin_analysis/results.py). */
const char *const report_csv_header = CSV_RUN_HEADER;

/* The compiler that built this, named as it names itself: clang's
 * __VERSION__ is "Debian Clang 14.0.6", GCC's only "12.2.0". */
#if defined(__clang__) || !defined(__GNUC__)
#define REPORT_COMPILER __VERSION__
#else
#define REPORT_COMPILER "gcc " __VERSION__
#endif

/* The revision of the sources, written by the Makefile on every build
 * (build/git_rev.c) so that it is never a stale one. */
extern const char maclaurin_git_rev[];

/* value as one CSV field into out: quoted (RFC 4180) when it holds a
 * comma or a quote, newlines made spaces; "none" when empty. */
static void csv_field(char *out, size_t size, const char *value)
{
    if (!value || !*value)
        value = "none";
    const int quote = strpbrk(value, ",\"") != NULL;
    size_t o = 0;
    if (quote && o + 1 < size)
        out[o++] = '"';
    for (const char *c = value; *c && o + 3 < size; c++) {
        char ch = *c == '\n' || *c == '\r' ? ' ' : *c;
        if (ch == '"')
            out[o++] = '"';
        out[o++] = ch;
    }
    if (quote)
        out[o++] = '"';
    out[o] = '\0';
}

/* terms/s over the peak of the cores the workers occupy; 0 if unknown. */
static double peak_fraction(const run_facts *f, double seconds)
{
    if (f->peak <= 0)
        return 0.0;
    return (double)f->opt->terms / seconds / (f->peak * f->cores);
}

static const char *reduction_name(reduction_kind r)
{
    return r == REDUCTION_EXACT ? "exact" : "plain";
}

/* A number written into out (room for any of the row's: %.17Lg, %a) by
 * format; returns out, the field's value. */
typedef char number_field[48];
static const char *number(number_field out, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
static const char *number(number_field out, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(out, sizeof(number_field), format, args);
    va_end(args);
    return out;
}

/*
 * The row is filled column by column, each value set by its name in the
 * table (csv_columns.h), then joined in the table's order: the table alone
 * decides where a field goes.  Text that may hold a comma or a quote is
 * quoted (csv_field); what the driver itself names (hosts, placement,
 * platform) never does.
 */
void report_csv_row(char *buf, size_t size, const run_facts *f, int rep, double seconds,
                    int verified)
{
    const char *value[CSV_RUN_COUNT] = { NULL };
    number_field num[CSV_RUN_COUNT];
    char stamp[32];
    time_t now = time(NULL);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    char compiler[256], cflags[512], model[512], places[512], bind[128], job[64], library[512];
    csv_field(compiler, sizeof compiler, REPORT_COMPILER);
    csv_field(cflags, sizeof cflags, MACLAURIN_BUILD_FLAGS);
    const machine_facts *m = f->machine ? f->machine : machine_self();
    csv_field(model, sizeof model, m->model_name);
    csv_field(bind, sizeof bind, getenv("OMP_PROC_BIND"));
    csv_field(places, sizeof places, getenv("OMP_PLACES"));
    csv_field(job, sizeof job, getenv("SLURM_JOB_ID"));
    csv_field(library, sizeof library, f->library);

#define NUMBER(column, ...) (value[CSV_RUN_##column] = number(num[CSV_RUN_##column], __VA_ARGS__))
#define TEXT(column, text) (value[CSV_RUN_##column] = (text))
    TEXT(driver, f->driver);
    TEXT(series, "inv_one_minus_x");
    TEXT(kernel, f->opt->kernel->name);
    TEXT(reduction, reduction_name(f->opt->reduction));
    TEXT(simd, SIMD_ISA);
    NUMBER(x, "%.17g", f->opt->x);
    NUMBER(terms, "%llu", (unsigned long long)f->opt->terms);
    NUMBER(ranks, "%d", f->ranks);
    NUMBER(threads, "%d", f->threads);
    NUMBER(rep, "%d", rep);
    NUMBER(seconds, "%.9g", seconds);
    NUMBER(terms_per_s, "%.6g", (double)f->opt->terms / seconds);
    NUMBER(result, "%.17g", f->result);
    NUMBER(result_hex, "%a", f->result);
    NUMBER(reference, "%.17Lg", f->reference);
    NUMBER(abs_err, "%.3g", f->abs_err);
    NUMBER(bound, "%.3g", f->bound);
    NUMBER(verified, "%d", verified);
    if (f->peak > 0)
        NUMBER(peak_fraction, "%.4f", peak_fraction(f, seconds));
    else
        TEXT(peak_fraction, "");
    TEXT(host, f->host);
    TEXT(timestamp, stamp);
    TEXT(compiler, compiler);
    TEXT(cflags, cflags);
    TEXT(git_rev, maclaurin_git_rev);
    TEXT(cpu_model, model);
    NUMBER(cpus_online, "%d", f->cpus_online > 0 ? f->cpus_online : 1);
    NUMBER(nodes, "%d", f->nodes > 0 ? f->nodes : 1);
    TEXT(hosts, f->hosts[0] ? f->hosts : f->host);
    TEXT(omp_proc_bind, bind);
    TEXT(omp_places, places);
    TEXT(slurm_job_id, job);
    TEXT(mpi_library, library);
    TEXT(placement, f->placement ? f->placement : "ok");
    TEXT(platform, report_platform());
    NUMBER(simulated, "%d", MACLAURIN_SIMULATED);
    char tags[CSV_TAG_COUNT][512];  /* a tag of 200 quotes, each doubled, quoted */
    for (int t = 0; t < CSV_TAG_COUNT; t++)
        csv_field(tags[t], sizeof tags[t],
                  f->opt->tag[t] ? f->opt->tag[t] : csv_tag_default((enum csv_run_tag)t));
#define TAG(column) TEXT(column, tags[CSV_TAG_##column])
    TAG(run_id);
    TAG(mode);
    TAG(layout);
    TAG(round);
    NUMBER(oversubscribed, "%d", f->oversubscribed);
    TAG(binding);
    TEXT(cpu_vendor, m->vendor);
    TEXT(cpu_family, m->family);
    TEXT(cpu_model_number, m->model);
    TEXT(cpu_stepping, m->stepping);
    TEXT(cpu_uarch, m->uarch);
    NUMBER(hypervisor, "%d", m->hypervisor);
    TEXT(machine_id, m->id);
    NUMBER(cpu_uniform, "%d", f->cpus_alike);
    if (MACLAURIN_SIMULATED) {
        NUMBER(host_speed, "%.6g", f->host_speed);
        NUMBER(capacity, "%.6g", f->capacity);
    } else {
        TEXT(host_speed, "");
        TEXT(capacity, "");
    }
    TAG(slow_hosts);
    TEXT(handout, f->opt->reduction == REDUCTION_EXACT && f->handout ? f->handout : "static");
#undef TAG
#undef NUMBER
#undef TEXT

    /* Joined; a column left unset above is a column added to the table
     * but not written, which no row may hide. */
    size_t used = 0;
    if (size == 0)
        return;
    buf[0] = '\0';
    for (int c = 0; c < CSV_RUN_COUNT && used < size; c++) {
        assert(value[c] != NULL);
        int n = snprintf(buf + used, size - used, "%s%s", c ? "," : "", value[c] ? value[c] : "");
        used += n > 0 ? (size_t)n : 0;
    }
    if (used < size)
        snprintf(buf + used, size - used, "\n");
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double report_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, compare_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

void report_human(FILE *out, const run_facts *f, const double *seconds, int reps)
{
    const options *o = f->opt;
    double *sorted = malloc(sizeof *sorted * (size_t)reps);
    if (!sorted)
        return;
    memcpy(sorted, seconds, sizeof *sorted * (size_t)reps);
    double median = report_median(sorted, reps), best = sorted[0], worst = sorted[reps - 1];
    free(sorted);

    fprintf(out, "%s %s: sum of x^k for k = 0 .. N-1 (Maclaurin series of 1/(1-x))\n",
            f->driver, MACLAURIN_VERSION);
    fprintf(out, "  x                 %.17g\n", o->x);
    fprintf(out, "  terms N           %llu\n", (unsigned long long)o->terms);
    fprintf(out, "  ranks x threads   %d x %d\n", f->ranks, f->threads);
    fprintf(out, "  MPI library       %s\n", f->library);
    if (f->nodes > 1)
        fprintf(out, "  nodes             %d: %s\n", f->nodes, f->hosts);
    if (o->reduction == REDUCTION_EXACT && f->handout && f->handout_asks_from > 0)
        fprintf(out, "  hand-out          %s%s (nodes ask from %llu blocks a rank: %d round trips' "
                     "work, and one for each member of the busiest coordinator, measured%s)\n",
                f->handout,
                strncmp(f->handout, "across", 6) == 0 ? "" : ": too few blocks for asking to pay",
                (unsigned long long)f->handout_asks_from, DECOMPOSITION_SHARE_ROUND_TRIPS,
                o->handout_across ? "; --handout across: at any size" : "");
    if (f->placement && strcmp(f->placement, "ok") != 0)
        fprintf(out, "  placement         %s: workers time-share CPUs (see --affinity)\n",
                f->placement);
    fprintf(out, "  SIMD              %s, %d doubles per vector\n", SIMD_ISA, SIMD_LANES);
    fprintf(out, "  kernel            %s, %s reduction, blocks of %llu terms\n", o->kernel->name,
            reduction_name(o->reduction), (unsigned long long)SERIES_BLOCK_TERMS);
    fprintf(out, "  result            %.17g  (%a)\n", f->result, f->result);
    fprintf(out, "  reference         %.17Lg  (1 - x^N)/(1 - x)\n", f->reference);
    fprintf(out, "  error             %.3g\n", f->abs_err);
    fprintf(out, "  bound             %.3g  (%.3g * sum |x|^k)\n", f->bound, o->tolerance);
    if (f->verified && f->reproducible)
        fprintf(out, "  Solution verified (error/bound = %.3g%s)\n",
                f->bound > 0 ? f->abs_err / f->bound : 0.0,
                o->reduction == REDUCTION_EXACT ? ", every repetition bit-identical" : "");
    else if (!f->verified)
        fprintf(out, "  VERIFICATION FAILED: error exceeds the bound\n");
    else
        fprintf(out, "  VERIFICATION FAILED: repetitions gave different bits\n");
    if (o->warmup)
        fprintf(out, "  repetitions       %d timed, after %d untimed warm-up%s\n", reps, o->warmup,
                o->warmup == 1 ? "" : "s");
    else
        fprintf(out, "  repetitions       %d timed, no warm-up (the first includes the cold start)\n",
                reps);
    fprintf(out, "  time (s)          min %.6f  median %.6f  max %.6f\n", best, median, worst);
    fprintf(out, "  rate (terms/s)    best %.4g  median %.4g\n", (double)o->terms / best,
            (double)o->terms / median);
    if (f->peak > 0) {
        fprintf(out, "  fraction of peak  %.3f  (best; %.3g cores busy, peak %.4g lane-ops/s each, %s)\n",
                peak_fraction(f, best), f->cores, f->peak, f->peak_source);
        /* no core beats its own FMA peak: the peak was measured low */
        if (peak_fraction(f, best) > 1.0)
            fprintf(out, "  note: above 1, which no core can do: the peak was measured low (on a busy "
                         "machine?); run maclaurin_peak again\n");
    } else
        fprintf(out, "  fraction of peak  unknown  (%s)\n", f->peak_source);
    if (best < 1e-4)
        fprintf(out, "  note: under 0.1 ms per run; timer resolution and overheads dominate\n");
}

void report_version(FILE *out, const char *driver)
{
    fprintf(out, "%s %s\n", driver, MACLAURIN_VERSION);
    fprintf(out, "compiler: %s\n", REPORT_COMPILER);
    fprintf(out, "flags:    %s\n", MACLAURIN_BUILD_FLAGS);
    fprintf(out, "git:      %s\n", maclaurin_git_rev);
    fprintf(out, "simd:     %s, %d doubles per vector, %d lanes per block\n", SIMD_ISA, SIMD_LANES,
            SERIES_LANES);
    fprintf(out, "defaults: -n %llu -x %.17g\n", (unsigned long long)DEFAULT_TERMS, DEFAULT_X);
}

void report_facts(FILE *out, const char *driver, int max_threads, const char *library)
{
    const machine_facts *m = machine_self();
    /* the program and its build */
    fprintf(out, "program=%s\n", driver);
    fprintf(out, "version=%s\n", MACLAURIN_VERSION);
    fprintf(out, "csv_format=%s\n", csv_run_format_name(CSV_RUN_CURRENT));
    fprintf(out, "compiler=%s\n", REPORT_COMPILER);
    fprintf(out, "cflags=%s\n", MACLAURIN_BUILD_FLAGS);
    fprintf(out, "git_rev=%s\n", maclaurin_git_rev);
    fprintf(out, "simd=%s\n", SIMD_ISA);
    fprintf(out, "lanes=%d\n", SIMD_LANES);
    fprintf(out, "series_lanes=%d\n", SERIES_LANES);
    fprintf(out, "max_threads=%d\n", max_threads);
    fprintf(out, "simulated=%d\n", MACLAURIN_SIMULATED);
    fprintf(out, "mpi_library=%s\n", library);
    /* the problem: its defaults, its blocks, the bound, the hand-out's rule */
    fprintf(out, "default_terms=%llu\n", (unsigned long long)DEFAULT_TERMS);
    fprintf(out, "default_x=%.17g\n", DEFAULT_X);
    fprintf(out, "tolerance=%g\n", SERIES_TOLERANCE);
    fprintf(out, "block_terms=%llu\n", (unsigned long long)SERIES_BLOCK_TERMS);
    fprintf(out, "handout_round_trips=%d\n", DECOMPOSITION_ASK_ROUND_TRIPS);
    fprintf(out, "handout_share_round_trips=%d\n", DECOMPOSITION_SHARE_ROUND_TRIPS);
    /* the machine this process runs on (machine.h) */
    fprintf(out, "cpu_model=%s\n", m->model_name);
    fprintf(out, "cpu_vendor=%s\n", m->vendor);
    fprintf(out, "cpu_family=%s\n", m->family);
    fprintf(out, "cpu_model_number=%s\n", m->model);
    fprintf(out, "cpu_stepping=%s\n", m->stepping);
    fprintf(out, "cpu_uarch=%s\n", m->uarch);
    fprintf(out, "hypervisor=%d\n", m->hypervisor);
    fprintf(out, "cpus_online=%ld\n", m->cpus_online);
    fprintf(out, "machine_id=%s\n", m->id);
}

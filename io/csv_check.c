/*
 * csv_check.c - the results-file checker: field by field, as report.c
 * writes them (report_csv_row).
 */
#include "csv_check.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv_fields.h"
#include "report.h"

#define FIELDS 21       /* the run's own columns, as in every version */
#define PROVENANCE 14    /* then compiler .. mpi_library (1.1), placement .. simulated (1.2) */
#define FIELD_MAX 64  /* longer than any number report.c prints */


static int one_of(field f, const char *const *words)
{
    for (; *words; words++)
        if (strlen(*words) == f.len && memcmp(*words, f.text, f.len) == 0)
            return 1;
    return 0;
}

/* Non-empty, and every byte in the set. */
static int made_of(field f, const char *set)
{
    if (f.len == 0)
        return 0;
    for (size_t i = 0; i < f.len; i++)
        if (f.text[i] == '\0' || !strchr(set, f.text[i]))
            return 0;
    return 1;
}

/* A whole number of at most 19 digits in [min, 2^63 - 1]. */
static int whole(field f, uint64_t min)
{
    if (f.len > 19 || !made_of(f, "0123456789") || (f.len > 1 && f.text[0] == '0'))
        return 0;
    uint64_t v = 0;
    for (size_t i = 0; i < f.len; i++)
        v = v * 10 + (uint64_t)(f.text[i] - '0');
    return v >= min && v <= INT64_MAX;
}

/* A number as printf prints one (%g, %a, %Lg, or inf and nan). */
static int number(field f, long double *value)
{
    char buf[FIELD_MAX];
    if (f.len == 0 || f.len >= sizeof buf || !made_of(f, "0123456789+-.abcdefinpx"))
        return 0;
    memcpy(buf, f.text, f.len);
    buf[f.len] = '\0';
    char *end;
    *value = strtold(buf, &end);
    return *end == '\0';
}

static int timestamp(field f)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    if (f.len != sizeof shape - 1)
        return 0;
    for (size_t i = 0; i < f.len; i++)
        if (shape[i] == 'd' ? f.text[i] < '0' || f.text[i] > '9' : f.text[i] != shape[i])
            return 0;
    return 1;
}

/* result_hex is result to the bit: the same value, or both nan. */
static int same_double(long double a, long double b)
{
    double x = (double)a, y = (double)b;
    return (isnan(x) && isnan(y)) || memcmp(&x, &y, sizeof x) == 0;
}

/* The driver's 21 fields, as report_csv_row writes them. */
static const char *check_driver_fields(const field *f)
{
    static const char *const drivers[] = { "maclaurin_serial", "maclaurin_omp", "maclaurin_mpi", NULL };
    static const char *const reductions[] = { "exact", "plain", NULL };
    static const char *const flags[] = { "0", "1", NULL };
    static const char *const series[] = { "inv_one_minus_x", NULL };
    long double x, v, result, hex;
    if (!one_of(f[0], drivers))
        return "driver is not maclaurin_serial, _omp or _mpi";
    if (!one_of(f[1], series))
        return "series is not inv_one_minus_x";
    if (!made_of(f[2], "abcdefghijklmnopqrstuvwxyz"))
        return "kernel is not a name";
    if (!one_of(f[3], reductions))
        return "reduction is not exact or plain";
    if (!made_of(f[4], "abcdefghijklmnopqrstuvwxyz0123456789"))
        return "simd is not a name";
    if (!number(f[5], &x) || !(fabsl(x) < 1.0L))
        return "x is not a number with |x| < 1";
    if (!whole(f[6], 1))
        return "terms is not a whole number from 1 to 2^63-1";
    if (!whole(f[7], 1) || !whole(f[8], 1))
        return "ranks or threads is not a positive whole number";
    if (!whole(f[9], 0))
        return "rep is not a whole number";
    if (!number(f[10], &v) || !(v >= 0))
        return "seconds is not a number >= 0";
    if (!number(f[11], &v))
        return "terms_per_s is not a number";
    if (!number(f[12], &result) || !number(f[13], &hex) || !same_double(result, hex))
        return "result and result_hex are not the same number";
    if (!number(f[14], &v) || !number(f[15], &v) || !number(f[16], &v))
        return "reference, abs_err or bound is not a number";
    if (!one_of(f[17], flags))
        return "verified is not 0 or 1";
    if (f[18].len > 0 && !number(f[18], &v))
        return "peak_fraction is neither empty nor a number";
    if (!made_of(f[19], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_"))
        return "host is not a host name";
    if (!timestamp(f[20]))
        return "timestamp is not YYYY-MM-DDTHH:MM:SSZ";
    return NULL;
}


/* The provenance columns after them (report.c writes them). */
static const char *check_provenance_fields(const field *f)
{
    if (f[0].len == 0)
        return "compiler is empty";
    if (!made_of(f[2], "0123456789abcdefghijklmnopqrstuvwxyz-"))
        return "git_rev is not a revision";
    if (f[3].len == 0)
        return "cpu_model is empty";
    if (!whole(f[4], 1) || !whole(f[5], 1))
        return "cores or nodes is not a positive whole number";
    if (!made_of(f[6], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_;"))
        return "hosts is not host names separated by ;";
    if (!(made_of(f[9], "0123456789") || (f[9].len == 4 && memcmp(f[9].text, "none", 4) == 0)))
        return "slurm_job_id is neither a number nor none";
    if (f[10].len == 0)
        return "mpi_library is empty";
    if (!made_of(f[11], "abcdefghijklmnopqrstuvwxyz-+"))
        return "placement is not ok or problems joined by +";
    if (!made_of(f[12], "abcdefghijklmnopqrstuvwxyz0123456789-_."))
        return "platform is not a name";
    if (!(f[13].len == 1 && (f[13].text[0] == '0' || f[13].text[0] == '1')))
        return "simulated is not 0 or 1";
    return NULL;
}

#define EXTRA_MAX 64   /* provenance columns after the driver's */

/*
 * A bench or compare row split into exactly `count` fields, the first five
 * of which, the run and the machine, the two kinds share.
 */
static const char *split_machine_row(const char *line, size_t len, field *f, size_t count)
{
    size_t n;
    const char *why = split_fields(line, len, f, count, &n);
    if (why)
        return why;
    if (n != count)
        return "not as many fields as the header names";
    if (!timestamp(f[0]))
        return "timestamp is not YYYY-MM-DDTHH:MM:SSZ";
    if (!made_of(f[1], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_"))
        return "host is not a host name";
    if (f[2].len == 0)
        return "cpu is empty";
    if (!whole(f[3], 1))
        return "cores is not a positive whole number";
    if (!made_of(f[4], "0123456789abcdefghijklmnopqrstuvwxyz-"))
        return "git is not a revision";
    return NULL;
}

/* One of `bench`'s rows (scripts/bench): a metric of one run of it. */
static const char bench_header[] = "timestamp,host,cpu,cores,git,simd,metric,value,target,met\n";
static const char *check_bench_row(const char *line, size_t len)
{
    static const char *const verdicts[] = { "", "yes", "NO", "n/a", NULL };
    field f[10];
    long double v;
    const char *why = split_machine_row(line, len, f, 10);
    if (why)
        return why;
    if (!made_of(f[5], "abcdefghijklmnopqrstuvwxyz0123456789"))
        return "simd is not a name";
    if (f[6].len == 0)
        return "metric is empty";
    if (!number(f[7], &v))
        return "value is not a number";
    if (f[8].len > 0 && !(f[8].len > 2 && (memcmp(f[8].text, ">=", 2) == 0 || memcmp(f[8].text, "<=", 2) == 0) &&
                          number((field){ f[8].text + 2, f[8].len - 2 }, &v)))
        return "target is neither empty nor >=number or <=number";
    if (!one_of(f[9], verdicts))
        return "met is not yes, NO, n/a or empty";
    return NULL;
}

/*
 * One of `compare`'s rows (scripts/lib/compare_data.py writes them): a
 * timed run of one peer, its answer checked against the closed form.
 */
static const char compare_header[] =
    "timestamp,host,cpu,cores,git,peer,workers,x,terms,rep,seconds,terms_per_s,"
    "result,reference,rel_err,bound,verified,toolchain\n";
static const char *check_compare_row(const char *line, size_t len)
{
    static const char *const flags[] = { "0", "1", NULL };
    field f[18];
    long double v, x, result, ref, rel_err, bound;
    const char *why = split_machine_row(line, len, f, 18);
    if (why)
        return why;
    if (!made_of(f[5], "abcdefghijklmnopqrstuvwxyz0123456789_"))
        return "peer is not a name";
    if (!whole(f[6], 1) || !whole(f[8], 1))
        return "workers or terms is not a positive whole number";
    if (!number(f[7], &x) || !(fabsl(x) < 1.0L))
        return "x is not a number with |x| < 1";
    if (!whole(f[9], 0))
        return "rep is not a whole number";
    if (!number(f[10], &v) || !(v > 0) || !number(f[11], &v) || !(v > 0))
        return "seconds or terms_per_s is not a number > 0";
    if (!number(f[12], &result) || !number(f[13], &ref) || !number(f[14], &rel_err) ||
        !(rel_err >= 0) || !number(f[15], &bound) || !(bound > 0))
        return "result, reference, rel_err or bound is not a number (rel_err >= 0, bound > 0)";
    if (!one_of(f[16], flags) || (f[16].text[0] == '1') != (rel_err <= bound))
        return "verified is not 0 or 1, or disagrees with rel_err <= bound";
    if (f[17].len == 0)
        return "toolchain is empty";
    return NULL;
}

/*
 * A row of the run's 21 fields and `extra` more after them: a sweep's
 * columns, or this version's provenance, which are checked as the drivers
 * write them where `provenance` (they come first, then any others).
 */
static const char *check_run_row(const char *line, size_t len, size_t extra, int provenance)
{
    field f[FIELDS + EXTRA_MAX];
    size_t n;
    const char *why = split_fields(line, len, f, FIELDS + extra, &n);
    if (why)
        return why;
    if (n != FIELDS + extra)
        return "fewer fields than the header names";
    if ((why = check_driver_fields(f)))
        return why;
    return provenance ? check_provenance_fields(f + FIELDS) : NULL;
}

const char *csv_check_row(const char *line, size_t len)
{
    return check_run_row(line, len, PROVENANCE, 1);
}

/* The first version's header: the run's own columns only. */
static const char v1_header[] =
    "driver,series,kernel,reduction,simd,x,terms,ranks,threads,rep,seconds,terms_per_s,"
    "result,result_hex,reference,abs_err,bound,verified,peak_fraction,host,timestamp\n";

/*
 * Which kind of file a header line (newline included) opens: the bench's
 * rows, compare's, or rows of the run's 21 columns (as the first version wrote them)
 * followed by `*extra` more named in lower case: this version's provenance
 * (then `*provenance` is set), a sweep's columns, or both.  KIND_NONE when
 * neither.
 */
enum { KIND_NONE, KIND_RUN, KIND_BENCH, KIND_COMPARE };
static int header_kind(const char *line, size_t len, size_t *extra, int *provenance)
{
    const size_t current_len = strlen(report_csv_header), v1_len = sizeof v1_header - 1;
    *extra = 0;
    *provenance = 0;
    if (len == sizeof bench_header - 1 && memcmp(line, bench_header, len) == 0)
        return KIND_BENCH;
    if (len == sizeof compare_header - 1 && memcmp(line, compare_header, len) == 0)
        return KIND_COMPARE;
    if (len < v1_len || memcmp(line, v1_header, v1_len - 1) != 0)
        return KIND_NONE;
    if (len > v1_len && line[v1_len - 1] != ',')
        return KIND_NONE;
    for (size_t i = v1_len - 1; i < len - 1; i++) {
        if (line[i] == ',') {
            if (++*extra > EXTRA_MAX || line[i + 1] == ',' || line[i + 1] == '\n')
                return KIND_NONE;
        } else if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789_", line[i]) || line[i] == '\0') {
            return KIND_NONE;
        }
    }
    *provenance = len >= current_len && memcmp(line, report_csv_header, current_len - 1) == 0 &&
                  (len == current_len || line[current_len - 1] == ',');
    return KIND_RUN;
}

const char *csv_check_file(const char *data, size_t size, size_t *rows, size_t *bad_line)
{
    *rows = 0;
    *bad_line = 1;
    if (size == 0)
        return NULL;
    int kind = KIND_NONE, provenance = 0;
    size_t extra = 0, header_len = 0;
    for (size_t start = 0; start < size; (*bad_line)++) {
        const char *newline = memchr(data + start, '\n', size - start);
        if (!newline)
            return "last line has no newline (a torn row)";
        size_t len = (size_t)(newline - (data + start)) + 1;
        if (start == 0) {
            kind = header_kind(data, len, &extra, &provenance);
            if (kind == KIND_NONE)
                return "first line is not the header";
            header_len = len;
            start += len;
            continue;
        }
        if (len == header_len && memcmp(data + start, data, len) == 0)
            return "header repeated";
        const char *line = data + start, *why;
        if (kind == KIND_BENCH)
            why = check_bench_row(line, len - 1);
        else if (kind == KIND_COMPARE)
            why = check_compare_row(line, len - 1);
        else
            why = check_run_row(line, len - 1, extra, provenance);
        if (why)
            return why;
        (*rows)++;
        start += len;
    }
    return NULL;
}

/*
 * csv_check.c - the results-file checker: each column as report.c writes
 * it, found by its name in the file's header through the tables of
 * csv_columns.h (no column is known here by its position).
 */
#include "csv_check.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv_columns.h"
#include "csv_fields.h"
#include "csv_tags.h"

#define FIELD_MAX 64  /* longer than any number report.c prints */

/* What report.c and the scripts write in the columns that several kinds
 * of row share: a host name (hosts: several, ';' between), a revision, a
 * name, a flag. */
#define NAME_CHARS "abcdefghijklmnopqrstuvwxyz0123456789"
#define HOST_CHARS NAME_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZ.-_"
#define WORD_CHARS HOST_CHARS  /* a CPU's vendor, numbers, microarchitecture, machine id */
#define REVISION_CHARS NAME_CHARS "-"
static const char *const zero_one[] = { "0", "1", NULL };

static int field_is(field f, const char *name)
{
    return f.len == strlen(name) && memcmp(f.text, name, f.len) == 0;
}

static int one_of(field f, const char *const *words)
{
    for (; *words; words++)
        if (field_is(f, *words))
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

/* The launcher's columns (csv_tags.h), where the file has them. */
static const char *check_tags(const field *col)
{
    static const enum csv_run_column column_of[] = {
#define TAG_COLUMN_(name) CSV_RUN_##name,
        CSV_RUN_TAGS(TAG_COLUMN_)
#undef TAG_COLUMN_
    };
    static char why[160];
    for (int t = 0; t < CSV_TAG_COUNT; t++) {
        const field f = col[column_of[t]];
        if (!f.text)
            continue;
        char value[256];
        if (f.len >= sizeof value) {
            snprintf(why, sizeof why, "%s is longer than 255 characters", csv_tag_name(t));
            return why;
        }
        csv_field_unquote(f, value);
        const char *bad = csv_tag_value_why(t, value, strlen(value));
        if (bad) {
            snprintf(why, sizeof why, "%s is %s", csv_tag_name(t), bad);
            return why;
        }
    }
    return NULL;
}

/*
 * The columns of 1.4 on (a study's, the machine's, the simulated hosts',
 * the hand-out's), where the file has them.  A measured row leaves
 * host_speed and capacity empty, a simulated one fills both.
 */
#define COL(name) col[CSV_RUN_##name]
#define HAS(name) (COL(name).text != NULL)
static const char *check_study_fields(const field *col)
{
    static const char *const handouts[] = { "across-groups", "across-nodes", "within-node", "static", NULL };
    long double v;
    const char *why = check_tags(col);
    if (why)
        return why;
    if (HAS(oversubscribed) && !one_of(COL(oversubscribed), zero_one))
        return "oversubscribed is not 0 or 1";
    if (HAS(cpu_vendor) && !(made_of(COL(cpu_vendor), WORD_CHARS) && made_of(COL(cpu_family), WORD_CHARS) &&
                             made_of(COL(cpu_model_number), WORD_CHARS) &&
                             made_of(COL(cpu_stepping), WORD_CHARS) && made_of(COL(cpu_uarch), WORD_CHARS)))
        return "cpu_vendor, cpu_family, cpu_model_number, cpu_stepping or cpu_uarch is not a word";
    if (HAS(hypervisor) && (!one_of(COL(hypervisor), zero_one) || !one_of(COL(cpu_uniform), zero_one)))
        return "hypervisor or cpu_uniform is not 0 or 1";
    if (HAS(machine_id) && !made_of(COL(machine_id), WORD_CHARS))
        return "machine_id is not a word";
    if (HAS(host_speed)) {
        const int simulated = field_is(COL(simulated), "1");
        if (simulated && !(number(COL(host_speed), &v) && v > 0 && number(COL(capacity), &v) && v > 0))
            return "a simulated row's host_speed or capacity is not a number > 0";
        if (!simulated && (COL(host_speed).len || COL(capacity).len))
            return "a measured row's host_speed or capacity is not empty";
    }
    if (HAS(handout) && !one_of(COL(handout), handouts))
        return "handout is not across-groups, across-nodes, within-node or static";
    return NULL;
}
#undef COL
#undef HAS

/*
 * A driver's row, column by column (col[] indexed by csv_columns.h's enum):
 * each column the file's format has, as report_csv_row writes it; those it
 * has not (an older format's) are absent, their text NULL, and pass.
 */
#define COL(name) col[CSV_RUN_##name]
#define HAS(name) (COL(name).text != NULL)
static const char *check_run_fields(const field *col)
{
    static const char *const drivers[] = { "maclaurin_serial", "maclaurin_omp", "maclaurin_mpi", NULL };
    static const char *const reductions[] = { "exact", "plain", NULL };
    static const char *const series[] = { "inv_one_minus_x", NULL };
    static const char *const nones[] = { "none", NULL };
    long double x, v, result, hex;
    /* the first format's columns, which every format has */
    if (!one_of(COL(driver), drivers))
        return "driver is not maclaurin_serial, _omp or _mpi";
    if (!one_of(COL(series), series))
        return "series is not inv_one_minus_x";
    if (!made_of(COL(kernel), "abcdefghijklmnopqrstuvwxyz"))
        return "kernel is not a name";
    if (!one_of(COL(reduction), reductions))
        return "reduction is not exact or plain";
    if (!made_of(COL(simd), NAME_CHARS))
        return "simd is not a name";
    if (!number(COL(x), &x) || !(fabsl(x) < 1.0L))
        return "x is not a number with |x| < 1";
    if (!whole(COL(terms), 1))
        return "terms is not a whole number from 1 to 2^63-1";
    if (!whole(COL(ranks), 1) || !whole(COL(threads), 1))
        return "ranks or threads is not a positive whole number";
    if (!whole(COL(rep), 0))
        return "rep is not a whole number";
    if (!number(COL(seconds), &v) || !(v >= 0))
        return "seconds is not a number >= 0";
    if (!number(COL(terms_per_s), &v))
        return "terms_per_s is not a number";
    if (!number(COL(result), &result) || !number(COL(result_hex), &hex) || !same_double(result, hex))
        return "result and result_hex are not the same number";
    if (!number(COL(reference), &v) || !number(COL(abs_err), &v) || !number(COL(bound), &v))
        return "reference, abs_err or bound is not a number";
    if (!one_of(COL(verified), zero_one))
        return "verified is not 0 or 1";
    if (COL(peak_fraction).len > 0 && !number(COL(peak_fraction), &v))
        return "peak_fraction is neither empty nor a number";
    if (!made_of(COL(host), HOST_CHARS))
        return "host is not a host name";
    if (!timestamp(COL(timestamp)))
        return "timestamp is not YYYY-MM-DDTHH:MM:SSZ";
    /* the provenance, where the format has it */
    if (HAS(compiler) && (COL(compiler).len == 0 || COL(cflags).len == 0))
        return "compiler or cflags is empty";
    if (HAS(omp_proc_bind) && (COL(omp_proc_bind).len == 0 || COL(omp_places).len == 0))
        return "omp_proc_bind or omp_places is empty (none when unset)";
    if (HAS(git_rev) && !made_of(COL(git_rev), REVISION_CHARS))
        return "git_rev is not a revision";
    if (HAS(cpu_model) && COL(cpu_model).len == 0)
        return "cpu_model is empty";
    if ((HAS(cpus_online) && !whole(COL(cpus_online), 1)) || (HAS(nodes) && !whole(COL(nodes), 1)))
        return "cpus_online or nodes is not a positive whole number";
    if (HAS(hosts) && !made_of(COL(hosts), HOST_CHARS ";"))
        return "hosts is not host names separated by ;";
    if (HAS(slurm_job_id) && !made_of(COL(slurm_job_id), "0123456789") && !one_of(COL(slurm_job_id), nones))
        return "slurm_job_id is neither a number nor none";
    if (HAS(mpi_library) && COL(mpi_library).len == 0)
        return "mpi_library is empty";
    if (HAS(placement) && !made_of(COL(placement), "abcdefghijklmnopqrstuvwxyz-+"))
        return "placement is not ok or problems joined by +";
    if (HAS(platform) && !made_of(COL(platform), NAME_CHARS "-_."))
        return "platform is not a name";
    if (HAS(simulated) && !one_of(COL(simulated), zero_one))
        return "simulated is not 0 or 1";
    return check_study_fields(col);
}
#undef COL
#undef HAS

/*
 * A bench or compare row split into exactly `count` fields (its header's),
 * whose first columns, the run and the machine, the two kinds share
 * (CSV_MACHINE_COLUMNS): both tables begin with them, so their enums agree.
 */
#define MACHINE(name) f[CSV_MACHINE_##name]
static const char *split_machine_row(const char *line, size_t len, field *f, size_t count)
{
    size_t n;
    const char *why = split_fields(line, len, f, count, &n);
    if (why)
        return why;
    if (n != count)
        return "not as many fields as the header names";
    if (!timestamp(MACHINE(timestamp)))
        return "timestamp is not YYYY-MM-DDTHH:MM:SSZ";
    if (!made_of(MACHINE(host), HOST_CHARS))
        return "host is not a host name";
    if (MACHINE(cpu).len == 0)
        return "cpu is empty";
    if (!whole(MACHINE(cores), 1))
        return "cores is not a positive whole number";
    if (!made_of(MACHINE(git), REVISION_CHARS))
        return "git is not a revision";
    return NULL;
}
#undef MACHINE

/* The CPU's columns (CSV_CPU_COLUMNS), from `first` on, where the row has
 * them (a format before 1.1 has not). */
static const char *check_cpu_fields(const field *f, size_t count, size_t first)
{
    if (count <= first)
        return NULL;
    for (size_t i = first; i < first + 5; i++)
        if (!made_of(f[i], WORD_CHARS))
            return "cpu_vendor, cpu_family, cpu_model_number, cpu_stepping or cpu_uarch is not a word";
    if (!one_of(f[first + 5], zero_one))
        return "hypervisor is not 0 or 1";
    if (!made_of(f[first + 6], WORD_CHARS))
        return "machine_id is not a word";
    return NULL;
}

/* One of `bench`'s rows (scripts/bench): a metric of one run of it. */
#define BENCH(name) f[CSV_BENCH_##name]
static const char *check_bench_row(const char *line, size_t len, size_t count)
{
    static const char *const verdicts[] = { "", "yes", "NO", "n/a", NULL };
    field f[CSV_BENCH_COUNT];
    long double v;
    const char *why = split_machine_row(line, len, f, count);
    if (why)
        return why;
    if (!made_of(BENCH(simd), NAME_CHARS))
        return "simd is not a name";
    if (BENCH(metric).len == 0)
        return "metric is empty";
    if (!number(BENCH(value), &v))
        return "value is not a number";
    const field target = BENCH(target);
    if (target.len > 0 &&
        !(target.len > 2 && (memcmp(target.text, ">=", 2) == 0 || memcmp(target.text, "<=", 2) == 0) &&
          number((field){ target.text + 2, target.len - 2 }, &v)))
        return "target is neither empty nor >=number or <=number";
    if (!one_of(BENCH(met), verdicts))
        return "met is not yes, NO, n/a or empty";
    return check_cpu_fields(f, count, CSV_BENCH_cpu_vendor);
}
#undef BENCH

/*
 * One of `compare`'s rows (analysis/maclaurin_analysis/peers.py writes them): a
 * timed run of one peer, its answer checked against the closed form.
 */
#define COMPARE(name) f[CSV_COMPARE_##name]
static const char *check_compare_row(const char *line, size_t len, size_t count)
{
    field f[CSV_COMPARE_COUNT];
    long double v, x, result, ref, rel_err, bound;
    const char *why = split_machine_row(line, len, f, count);
    if (why)
        return why;
    if (!made_of(COMPARE(peer), NAME_CHARS "_"))
        return "peer is not a name";
    if (!whole(COMPARE(workers), 1) || !whole(COMPARE(terms), 1))
        return "workers or terms is not a positive whole number";
    if (!number(COMPARE(x), &x) || !(fabsl(x) < 1.0L))
        return "x is not a number with |x| < 1";
    if (!whole(COMPARE(rep), 0))
        return "rep is not a whole number";
    if (!number(COMPARE(seconds), &v) || !(v > 0) || !number(COMPARE(terms_per_s), &v) || !(v > 0))
        return "seconds or terms_per_s is not a number > 0";
    if (!number(COMPARE(result), &result) || !number(COMPARE(reference), &ref) ||
        !number(COMPARE(rel_err), &rel_err) || !(rel_err >= 0) || !number(COMPARE(bound), &bound) ||
        !(bound > 0))
        return "result, reference, rel_err or bound is not a number (rel_err >= 0, bound > 0)";
    if (!one_of(COMPARE(verified), zero_one) || (COMPARE(verified).text[0] == '1') != (rel_err <= bound))
        return "verified is not 0 or 1, or disagrees with rel_err <= bound";
    if (COMPARE(toolchain).len == 0)
        return "toolchain is empty";
    return check_cpu_fields(f, count, CSV_COMPARE_cpu_vendor);
}
#undef COMPARE

/*
 * What a file's header says about its rows: their kind, how many fields
 * they have and, for the drivers' rows, where each column of the table is
 * among them (-1 where the file's layout has no such column).
 */
enum { KIND_NONE, KIND_RUN, KIND_BENCH, KIND_COMPARE };
typedef struct {
    int kind;
    size_t fields;
    int at[CSV_RUN_COUNT];
} layout;

/* A driver's row: its columns found through the layout, then checked. */
static const char *check_run_row(const char *line, size_t len, const layout *l)
{
    field f[CSV_RUN_COUNT], col[CSV_RUN_COUNT];
    size_t n;
    const char *why = split_fields(line, len, f, l->fields, &n);
    if (why)
        return why;
    if (n != l->fields)
        return "fewer fields than the header names";
    for (int c = 0; c < CSV_RUN_COUNT; c++)
        col[c] = l->at[c] >= 0 ? f[l->at[c]] : (field){ NULL, 0 };
    return check_run_fields(col);
}

const char *csv_check_row(const char *line, size_t len)
{
    layout current = { KIND_RUN, CSV_RUN_COUNT, { 0 } };
    for (int c = 0; c < CSV_RUN_COUNT; c++)
        current.at[c] = c;
    return check_run_row(line, len, &current);
}

/* The drivers' column that `name` names in a file of `format`, or -1. */
static int run_column_named(field name, enum csv_run_format format)
{
    for (int c = 0; c < CSV_RUN_COUNT; c++)
        if (field_is(name, csv_run_name(c, format)))
            return c;
    return -1;
}

/*
 * Whether names[start .. n) are `extra` ("a,b,c"), each a drivers' column
 * under its name in `format` not already placed; places them in l->at.
 */
static int place_extra(const field *names, size_t start, size_t n, const char *extra,
                       enum csv_run_format format, layout *l)
{
    size_t i = start;
    for (const char *e = extra; *e; i++) {
        const size_t len = strcspn(e, ",");
        if (i == n || names[i].len != len || memcmp(names[i].text, e, len) != 0)
            return 0;
        const int c = run_column_named(names[i], format);
        if (c < 0 || l->at[c] >= 0)
            return 0;
        l->at[c] = (int)i;
        e += len + (e[len] == ',');
    }
    return i == n;
}

/*
 * The drivers' header: the names of one of the formats (csv_columns.h),
 * the newest that matches, in their order; or one of the legacy layouts,
 * a format's names then the sweep's (CSV_RUN_LEGACY_LAYOUTS).  No other
 * column is allowed.  Returns whether it is one, and sets where each
 * column is in its rows.
 */
static int format_prefix(const field *names, size_t n, enum csv_run_format format, layout *l,
                         size_t *used)
{
    size_t i = 0;
    for (int c = 0; c < CSV_RUN_COUNT; c++) {
        l->at[c] = -1;
        if (csv_run_since(c) > format)
            continue;
        if (i == n || !field_is(names[i], csv_run_name(c, format)))
            return 0;
        l->at[c] = (int)i++;
    }
    *used = i;
    return 1;
}

static int run_layout(const field *names, size_t n, layout *l)
{
    size_t used;
    l->fields = n;
    for (int format = CSV_RUN_CURRENT; format >= 0; format--)
        if (format_prefix(names, n, format, l, &used) && used == n)
            return 1;
#define LEGACY_(label, format, extra)                                                   \
    if (format_prefix(names, n, format, l, &used) && place_extra(names, used, n, extra, format, l)) \
        return 1;
    CSV_RUN_LEGACY_LAYOUTS(LEGACY_)
#undef LEGACY_
    return 0;
}

/* Whether a header line (newline included) is a bench or compare table's
 * in one of their formats; sets the row's field count. */
#define TABLE_HEADER_(COLUMNS, KIND)                                                          \
    static int KIND##_header(const char *line, size_t len, size_t *fields)                    \
    {                                                                                         \
        static const enum csv_table_format since[] = { COLUMNS(TABLE_SINCE_) };               \
        static const char *const names[] = { COLUMNS(TABLE_NAME_) };                          \
        for (int format = CSV_TABLE_CURRENT; format >= 0; format--) {                         \
            char header[2048];                                                                \
            size_t used = 0, count = 0;                                                       \
            for (size_t c = 0; c < sizeof names / sizeof names[0]; c++)                       \
                if (since[c] <= (enum csv_table_format)format && used < sizeof header) {      \
                    used += (size_t)snprintf(header + used, sizeof header - used, "%s%s",    \
                                             count++ ? "," : "", names[c]);                  \
                }                                                                             \
            if (used + 1 < sizeof header && used + 1 == len && memcmp(header, line, used) == 0 && \
                line[used] == '\n') {                                                         \
                *fields = count;                                                              \
                return 1;                                                                     \
            }                                                                                 \
        }                                                                                     \
        return 0;                                                                             \
    }
#define TABLE_SINCE_(name, since, meaning) since,
#define TABLE_NAME_(name, since, meaning) #name,
TABLE_HEADER_(CSV_BENCH_COLUMNS, bench)
TABLE_HEADER_(CSV_COMPARE_COLUMNS, compare)
#undef TABLE_SINCE_
#undef TABLE_NAME_
#undef TABLE_HEADER_

/*
 * Which kind of file a header line (newline included) opens: the bench's
 * rows, compare's, or the drivers' rows (run_layout).
 */
static int header_layout(const char *line, size_t len, layout *l)
{
    field names[CSV_RUN_COUNT + 1];
    size_t n;
    l->kind = KIND_NONE;
    if (bench_header(line, len, &l->fields))
        l->kind = KIND_BENCH;
    else if (compare_header(line, len, &l->fields))
        l->kind = KIND_COMPARE;
    /* a name is never quoted: the header is bare names and commas */
    else if (!memchr(line, '"', len) && !split_fields(line, len - 1, names, CSV_RUN_COUNT + 1, &n) &&
             run_layout(names, n, l))
        l->kind = KIND_RUN;
    return l->kind;
}

const char *csv_check_file(const char *data, size_t size, size_t *rows, size_t *bad_line)
{
    *rows = 0;
    *bad_line = 1;
    if (size == 0)
        return NULL;
    layout l = { KIND_NONE, 0, { 0 } };
    size_t header_len = 0;
    for (size_t start = 0; start < size; (*bad_line)++) {
        const char *newline = memchr(data + start, '\n', size - start);
        if (!newline)
            return "last line has no newline (a torn row)";
        size_t len = (size_t)(newline - (data + start)) + 1;
        if (start == 0) {
            if (header_layout(data, len, &l) == KIND_NONE)
                return "first line is not the header of a known format (maclaurin_csvcheck --columns)";
            header_len = len;
            start += len;
            continue;
        }
        if (len == header_len && memcmp(data + start, data, len) == 0)
            return "header repeated";
        const char *line = data + start, *why;
        if (l.kind == KIND_BENCH)
            why = check_bench_row(line, len - 1, l.fields);
        else if (l.kind == KIND_COMPARE)
            why = check_compare_row(line, len - 1, l.fields);
        else
            why = check_run_row(line, len - 1, &l);
        if (why)
            return why;
        (*rows)++;
        start += len;
    }
    return NULL;
}

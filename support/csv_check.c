/*
 * csv_check.c - the results-file checker: field by field, as report.c
 * writes them (report_csv_row).
 */
#include "csv_check.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

#define FIELDS 21
#define FIELD_MAX 64  /* longer than any number report.c prints */

typedef struct {
    const char *text;
    size_t len;
} field;

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

const char *csv_check_row(const char *line, size_t len)
{
    static const char *const drivers[] = { "maclaurin_serial", "maclaurin_omp", "maclaurin_mpi", NULL };
    static const char *const reductions[] = { "exact", "plain", NULL };
    static const char *const flags[] = { "0", "1", NULL };
    static const char *const series[] = { "inv_one_minus_x", NULL };
    field f[FIELDS];
    size_t n = 0;
    for (size_t start = 0;;) {
        const char *comma = memchr(line + start, ',', len - start);
        size_t end = comma ? (size_t)(comma - line) : len;
        if (n == FIELDS)
            return "more than 21 fields";
        f[n++] = (field){ line + start, end - start };
        if (!comma)
            break;
        start = end + 1;
    }
    if (n != FIELDS)
        return "fewer than 21 fields";

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

const char *csv_check_file(const char *data, size_t size, size_t *rows, size_t *bad_line)
{
    const size_t header_len = strlen(report_csv_header);  /* newline included */
    *rows = 0;
    *bad_line = 1;
    if (size == 0)
        return NULL;
    for (size_t start = 0; start < size; (*bad_line)++) {
        const char *newline = memchr(data + start, '\n', size - start);
        if (!newline)
            return "last line has no newline (a torn row)";
        size_t len = (size_t)(newline - (data + start)) + 1;
        int is_header = len == header_len && memcmp(data + start, report_csv_header, len) == 0;
        if (start == 0 && !is_header)
            return "first line is not the header";
        if (start > 0 && is_header)
            return "header repeated";
        const char *why = start == 0 ? NULL : csv_check_row(data + start, len - 1);
        if (why)
            return why;
        *rows += start > 0;
        start += len;
    }
    return NULL;
}

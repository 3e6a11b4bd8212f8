/*
 * fuzz_options.c - libFuzzer target: the command line and the number parsers.
 *
 * The input, split at NUL bytes, is argv[1..].  options_parse must return
 * 0 with every field in range, or 2 with one line naming the program; it
 * must agree with itself for a serial (1 thread) and a threaded driver.
 * Each argument also goes to the number parsers, checked against slow,
 * independent readings of the same grammar: a count is an exact decimal
 * digits[.digits][e[+-]digits] whose value is a whole number in 1..2^63-1,
 * and x is what strtod reads, finite and |x| < 1.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "options.h"

#define COUNT_MAX 9223372036854775807ull
#define MAX_ARGS 32

/*
 * The reference reading of a count, done on strings with no arithmetic
 * that could overflow, unlike options_parse_count: not in the grammar, a
 * fraction, zero, or a whole number (its decimal digits in out, without
 * leading zeros; "huge" when longer than out).
 */
typedef enum { NOT_A_NUMBER, FRACTION, ZERO, WHOLE } count_kind;

static count_kind reference_count(const char *text, char *out, size_t out_size)
{
    const char *s = text + (*text == '+');
    char digits[4096];
    size_t n = 0, frac = 0;
    int seen_digit = 0, seen_point = 0;
    for (; isdigit((unsigned char)*s) || (*s == '.' && !seen_point); s++) {
        if (*s == '.') {
            seen_point = 1;
            continue;
        }
        seen_digit = 1;
        frac += seen_point;
        if (n > 0 || *s != '0')  /* a leading zero only keeps its place */
            digits[n++] = *s;
    }
    if (!seen_digit)
        return NOT_A_NUMBER;
    long long exponent = 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        int negative = *s == '-';
        s += *s == '+' || *s == '-';
        if (!isdigit((unsigned char)*s))
            return NOT_A_NUMBER;
        for (; isdigit((unsigned char)*s); s++)
            if (exponent < 1000000000)
                exponent = exponent * 10 + (*s - '0');
        exponent = negative ? -exponent : exponent;
    }
    if (*s != '\0')
        return NOT_A_NUMBER;
    /* value = digits * 10^shift */
    long long shift = exponent - (long long)frac;
    while (n > 0 && shift < 0 && digits[n - 1] == '0') {
        n--;
        shift++;
    }
    if (n == 0)
        return ZERO;
    if (shift < 0)
        return FRACTION;
    if ((long long)n + shift >= (long long)out_size)
        snprintf(out, out_size, "huge");
    else {
        memcpy(out, digits, n);
        memset(out + n, '0', (size_t)shift);
        out[n + shift] = '\0';
    }
    return WHOLE;
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Is the first decimal (no leading zeros, or "huge") above the second? */
static int decimal_above(const char *a, const char *b)
{
    if (strcmp(a, "huge") == 0)
        return 1;
    size_t la = strlen(a), lb = strlen(b);
    return la != lb ? la > lb : strcmp(a, b) > 0;
}

static void check_count(const char *text)
{
    uint64_t v = 0;
    const char *why = options_parse_count(text, COUNT_MAX, &v);
    char want[64], got[32];
    count_kind kind = reference_count(text, want, sizeof want);
    if (!why) {
        snprintf(got, sizeof got, "%llu", (unsigned long long)v);
        require(kind == WHOLE && strcmp(got, want) == 0, "count '%s' read as %s, reference %s",
                text, got, kind == WHOLE ? want : "rejects it");
        uint64_t again = 0;
        require(!options_parse_count(got, COUNT_MAX, &again) && again == v,
                "count %s does not read back", got);
        return;
    }
    /* Rejected: for the reason the reference finds. */
    int agree = kind == NOT_A_NUMBER ? starts_with(why, "not an integer") ||
                                           starts_with(why, "must be positive") ||
                                           starts_with(why, "empty value")
                : kind == FRACTION ? starts_with(why, "not a whole number")
                : kind == ZERO     ? starts_with(why, "must be at least 1")
                                   : starts_with(why, "too large") &&
                                         decimal_above(want, "9223372036854775807");
    require(agree, "count '%s' rejected as '%s', reference kind %d (%s)", text, why, (int)kind,
            kind == WHOLE ? want : "-");
}

static void check_x(const char *text)
{
    double x = 0.0;
    const char *why = options_parse_x(text, &x);
    char *end;
    double ref = strtod(text, &end);
    int valid = *text && !isspace((unsigned char)*text) && *end == '\0' && isfinite(ref) &&
                fabs(ref) < 1.0;
    if (!why)
        require(valid && memcmp(&x, &ref, sizeof x) == 0, "-x '%s' read as %a", text, x);
    else
        require(!valid, "-x '%s' rejected (%s) but strtod reads %a", text, why, ref);
}

/* options_parse on a fresh copy of argv (getopt_long permutes it). */
static int parse(options *opt, int argc, char *const *args, int threads_max, char *err)
{
    char *argv[MAX_ARGS + 2];
    memcpy(argv, args, sizeof(char *) * (size_t)(argc + 1));
    err[0] = '\0';
    return options_parse(opt, argc, argv, "prog", threads_max, err, 256);
}

static void check_parsed(const options *o, int rc, const char *err, int threads_max)
{
    if (rc != 0) {
        require(rc == 2, "options_parse returned %d", rc);
        require(strncmp(err, "prog: ", 6) == 0 && !strchr(err, '\n'), "message '%s'", err);
        return;
    }
    require(o->terms >= 1 && o->terms <= COUNT_MAX, "terms");
    require(isfinite(o->x) && fabs(o->x) < 1, "x");
    require(o->threads >= 0 && o->threads <= threads_max, "threads");
    require(o->repeat >= 1 && o->repeat <= MAX_REPEAT, "repeat");
    require(o->kernel != NULL, "kernel");
    require(isfinite(o->tolerance) && o->tolerance > 0, "tolerance");
    require(!o->csv_path || *o->csv_path, "csv path");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *copy = malloc(size + 1);
    memcpy(copy, data, size);
    copy[size] = '\0';
    char *args[MAX_ARGS + 2] = { "prog" };
    int argc = 1;
    for (char *p = copy; p <= copy + size && argc <= MAX_ARGS; p += strlen(p) + 1)
        args[argc++] = p;
    args[argc] = NULL;

    for (int i = 1; i < argc; i++) {
        check_count(args[i]);
        check_x(args[i]);
    }
    options threaded, serial;
    char err_threaded[256], err_serial[256];
    int rc_threaded = parse(&threaded, argc, args, MAX_THREADS, err_threaded);
    int rc_serial = parse(&serial, argc, args, 1, err_serial);
    check_parsed(&threaded, rc_threaded, err_threaded, MAX_THREADS);
    check_parsed(&serial, rc_serial, err_serial, 1);
    /* A line the serial driver takes, the threaded one takes the same way. */
    if (rc_serial == 0)
        require(rc_threaded == 0 && threaded.terms == serial.terms &&
                    memcmp(&threaded.x, &serial.x, sizeof serial.x) == 0 &&
                    threaded.repeat == serial.repeat && threaded.threads == serial.threads,
                "serial and threaded parses differ");
    free(copy);
    return 0;
}

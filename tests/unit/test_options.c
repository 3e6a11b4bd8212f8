/*
 * test_options.c - the command line: good values parse exactly, and every
 * bad one is refused with exit status 2 and one line naming the program,
 * the option, the value and the reason.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "options.h"

#define MAX_ARGS 24

/* Parse a NULL-terminated list of arguments after the program name. */
static int parse(options *opt, char *err, int threads_max, const char *const *args)
{
    char *argv[MAX_ARGS + 2] = { "prog" };
    int argc = 1;
    for (; args[argc - 1]; argc++)
        argv[argc] = (char *)args[argc - 1];
    argv[argc] = NULL;
    err[0] = '\0';
    return options_parse(opt, argc, argv, "prog", threads_max, err, 256);
}

#define PARSE(opt, err, ...) parse(opt, err, 4096, (const char *const[]){ __VA_ARGS__, NULL })

static void defaults(void **state)
{
    (void)state;
    options o;
    char err[256];
    assert_int_equal(parse(&o, err, 4096, (const char *const[]){ NULL }), 0);
    assert_true(o.terms == DEFAULT_TERMS);
    assert_true(o.x == DEFAULT_X);
    assert_int_equal(o.threads, 0);
    assert_int_equal(o.repeat, 3);
    assert_int_equal(o.warmup, 1);
    assert_null(o.csv_path);
    assert_string_equal(o.kernel->name, "simd");
    assert_int_equal(o.reduction, REDUCTION_EXACT);
    assert_int_equal(o.action, ACTION_RUN);
    assert_true(o.tolerance == 2e-14);
}

static void exact_counts(void **state)
{
    (void)state;
    const struct { const char *text; uint64_t value; } good[] = {
        { "12800000", 12800000 }, { "1e10", 10000000000ull }, { "1.28e7", 12800000 },
        { "1E3", 1000 }, { "+5", 5 }, { "007", 7 }, { "2.500e3", 2500 }, { "1", 1 },
        { "9223372036854775807", 9223372036854775807ull },
        { "9.223372036854775807e18", 9223372036854775807ull }, { "1000e-3", 1 },
        { "1.0000000000000000000000000000000000000000000000000000000000000000000000e3", 1000 },
        { "000000000000000000000000000000000000000000000000000000000000000000000042", 42 },
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        uint64_t v = 0;
        const char *why = options_parse_count(good[i].text, INT64_MAX, &v);
        if (why || v != good[i].value)
            fail_msg("'%s': %s, %llu", good[i].text, why ? why : "ok", (unsigned long long)v);
    }
}

static void bad_counts(void **state)
{
    (void)state;
    const struct { const char *text, *why; } bad[] = {
        { "", "empty value" }, { "abc", "not an integer" }, { "12abc", "not an integer" },
        { "-5", "must be positive" }, { "-", "not an integer" }, { "0", "must be at least 1" },
        { "0e5", "must be at least 1" }, { "1.5", "not a whole number" },
        { "1e-3", "not a whole number" }, { "9223372036854775808", "too large" },
        { "1e19", "too large" }, { "1e100000", "too large" }, { " 5", "not an integer" },
        { "0x10", "not an integer" }, { "1e", "not an integer" }, { ".", "not an integer" },
        { "1..2", "not an integer" }, { "5 ", "not an integer" },
        /* Found by fuzz_options: a non-zero digit past the 64th significant
         * one, in the fraction, was called "too large". */
        { "10.000000000000000000000000000000000000000000000000000000000000000000001",
          "not a whole number" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint64_t v;
        const char *why = options_parse_count(bad[i].text, INT64_MAX, &v);
        if (!why || strncmp(why, bad[i].why, strlen(bad[i].why)) != 0)
            fail_msg("'%s': got '%s', want '%s'", bad[i].text, why ? why : "accepted", bad[i].why);
    }
}

static void x_values(void **state)
{
    (void)state;
    double x;
    assert_null(options_parse_x("0.5", &x));
    assert_true(x == 0.5);
    assert_null(options_parse_x("-0.9999999999", &x));
    assert_null(options_parse_x("0x1p-1", &x));
    assert_true(x == 0.5);
    assert_null(options_parse_x("1e-320", &x));
    const char *bad[] = { "1", "-1", "1.0000001", "-1.5", "nan", "inf", "-inf", "", "abc",
                          "0.5x", " 0.5", "1e400" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (!options_parse_x(bad[i], &x))
            fail_msg("-x '%s' accepted", bad[i]);
}

/* A full command line that must fail with exactly this message. */
static void refused(const char *const *args, int threads_max, const char *message)
{
    options o;
    char err[256];
    int rc = parse(&o, err, threads_max, args);
    if (rc != 2 || strcmp(err, message) != 0)
        fail_msg("rc %d, message '%s'; want 2, '%s'", rc, err, message);
    assert_null(strchr(err, '\n'));
}

#define REFUSED(message, ...) refused((const char *const[]){ __VA_ARGS__, NULL }, 4096, message)

static void bad_command_lines(void **state)
{
    (void)state;
    REFUSED("prog: invalid --terms 'abc': not an integer", "--terms", "abc");
    REFUSED("prog: invalid --terms '-3': must be positive", "-n", "-3");
    REFUSED("prog: invalid --terms '0': must be at least 1", "-n", "0");
    REFUSED("prog: invalid --terms '2.5': not a whole number", "--terms=2.5");
    REFUSED("prog: invalid --terms '99999999999999999999': too large (at most 2^63-1 = "
            "9223372036854775807)", "-n", "99999999999999999999");
    REFUSED("prog: invalid -x '1': |x| must be less than 1 for the series to converge", "-x", "1");
    REFUSED("prog: invalid -x '-1': |x| must be less than 1 for the series to converge", "-x", "-1");
    REFUSED("prog: invalid -x 'nan': not a number (nan)", "-x", "nan");
    REFUSED("prog: invalid -x 'inf': not finite", "-x", "inf");
    REFUSED("prog: invalid -x '': empty value", "-x", "");
    REFUSED("prog: invalid --threads '0': must be at least 1", "-t", "0");
    REFUSED("prog: invalid --threads '-2': must be positive", "--threads", "-2");
    REFUSED("prog: invalid --threads '100000': too large (at most 4096)", "-t", "100000");
    REFUSED("prog: invalid --repeat '0': must be at least 1", "-r", "0");
    REFUSED("prog: invalid --repeat 'many': not an integer", "--repeat", "many");
    REFUSED("prog: invalid --warmup '-1': must be 0 or more", "--warmup", "-1");
    REFUSED("prog: invalid --warmup 'none': not an integer", "--warmup", "none");
    REFUSED("prog: invalid --warmup '2000000': too large (at most 1000000)", "--warmup=2000000");
    REFUSED("prog: option '--warmup' needs a value", "--warmup");
    REFUSED("prog: invalid --kernel 'fast': not one of simd, scalar, pow", "-k", "fast");
    REFUSED("prog: invalid --reduction 'sloppy': not exact or plain", "--reduction", "sloppy");
    REFUSED("prog: invalid --handout 'always': not auto or across", "--handout", "always");
    REFUSED("prog: invalid --csv '': empty file name", "--csv", "");
    REFUSED("prog: invalid --tolerance '0': must be a positive, finite number", "--tolerance", "0");
    REFUSED("prog: invalid --tolerance 'tight': not a number", "--tolerance", "tight");
    REFUSED("prog: unknown option '--frobnicate' (see --help)", "--frobnicate");
    REFUSED("prog: unknown option '--frobnicate' (see --help)", "--frobnicate=3");
    REFUSED("prog: unknown option '-z' (see --help)", "-z");
    REFUSED("prog: option '--terms' needs a value", "--terms");
    REFUSED("prog: option '-n' needs a value", "-n");
    REFUSED("prog: option '--csv' needs a value", "--csv");
    REFUSED("prog: unexpected argument 'extra' (see --help)", "-n", "5", "extra");
    /* Found by fuzz_options: a newline in an argument made two lines. */
    REFUSED("prog: unknown option '-?' (see --help)", "-\n");
    REFUSED("prog: invalid --terms '1?2': not an integer", "-n", "1\n2");
    REFUSED("prog: unknown option '--a?b' (see --help)", "--a\tb");
    /* the launcher's columns: a known name, and a value its rule takes (csv_tags.c) */
    REFUSED("prog: invalid --tag 'mode': not NAME=VALUE", "--tag", "mode");
    REFUSED("prog: invalid --tag 'host=vm': no such column to tag (one of run_id, mode, layout, round, "
            "binding, slow_hosts)", "--tag", "host=vm");
    REFUSED("prog: invalid --tag 'mode=medium': not strong, weak or none", "--tag", "mode=medium");
    REFUSED("prog: invalid --tag 'layout=cyclic': not packed, spread or none", "--tag", "layout=cyclic");
    REFUSED("prog: invalid --tag 'round=01': not a whole number from 0 to 9999999", "--tag", "round=01");
    REFUSED("prog: invalid --tag 'run_id=a b': not 1 to 96 letters, digits, '.', '-' or '_'", "--tag",
            "run_id=a b");
    REFUSED("prog: invalid --tag 'binding=': empty", "--tag", "binding=");
    REFUSED("prog: invalid --tag 'binding=a?b': not printable ASCII", "--tag", "binding=a\tb");
    REFUSED("prog: invalid --tag 'slow_hosts=1:0.5': not K:S with K >= 2 and 0 < S <= 1 (such as "
            "4:0.5), or none", "--tag", "slow_hosts=1:0.5");
    REFUSED("prog: invalid --tag 'slow_hosts=4:0': not K:S with K >= 2 and 0 < S <= 1 (such as 4:0.5), "
            "or none", "--tag", "slow_hosts=4:0");
    REFUSED("prog: invalid --tag 'slow_hosts=4:1.5': not K:S with K >= 2 and 0 < S <= 1 (such as "
            "4:0.5), or none", "--tag", "slow_hosts=4:1.5");
    refused((const char *const[]){ "-t", "2", NULL }, 1,
            "prog: invalid --threads '2': this driver runs one thread, so -t takes only 1 (for "
            "more threads, use maclaurin_omp or maclaurin_mpi)");
}

static void good_command_line(void **state)
{
    (void)state;
    options o;
    char err[256];
    assert_int_equal(PARSE(&o, err, "-n", "1.28e7", "-x", "-0.5", "-t", "3", "-r", "7", "--csv",
                           "-", "-k", "scalar", "--reduction=plain"),
                     0);
    assert_true(o.terms == 12800000 && o.x == -0.5 && o.threads == 3 && o.repeat == 7);
    assert_string_equal(o.csv_path, "-");
    assert_int_equal(o.warmup, 1);
    assert_string_equal(o.kernel->name, "scalar");
    assert_int_equal(o.reduction, REDUCTION_PLAIN);
    assert_int_equal(PARSE(&o, err, "--warmup", "0"), 0);
    assert_int_equal(o.warmup, 0);
    assert_int_equal(PARSE(&o, err, "--warmup=2e1"), 0);
    assert_int_equal(o.warmup, 20);
    assert_int_equal(PARSE(&o, err, "--version"), 0);
    assert_int_equal(o.action, ACTION_VERSION);
    assert_int_equal(PARSE(&o, err, "--facts"), 0);
    assert_int_equal(o.action, ACTION_FACTS);
    assert_int_equal(PARSE(&o, err, "--tag", "mode=weak", "--tag", "slow_hosts=4:0.5", "--tag",
                           "binding=mpirun --map-by slot:PE=2, \"x\"", "--tag", "round=12"),
                     0);
    assert_string_equal(o.tag[CSV_TAG_mode], "weak");
    assert_string_equal(o.tag[CSV_TAG_slow_hosts], "4:0.5");
    assert_string_equal(o.tag[CSV_TAG_binding], "mpirun --map-by slot:PE=2, \"x\"");
    assert_string_equal(o.tag[CSV_TAG_round], "12");
    assert_null(o.tag[CSV_TAG_layout]);   /* not given: the row says none */
    assert_string_equal(csv_tag_default(CSV_TAG_layout), "none");
    assert_string_equal(csv_tag_default(CSV_TAG_round), "0");
    assert_int_equal(PARSE(&o, err, "-h"), 0);
    assert_int_equal(o.action, ACTION_HELP);
}

/* The usage text of a driver of threads_max threads, in buf. */
static void usage_text(char *buf, size_t size, int threads_max)
{
    FILE *out = fmemopen(buf, size, "w");
    assert_non_null(out);
    options_usage(out, "prog", threads_max);
    assert_int_equal(fclose(out), 0);
}

/* The help offers for -t only what the driver accepts: a one-thread driver
 * (maclaurin_serial) says -t takes only 1, in its refusal's words, and
 * offers no OpenMP threads; -t 1 parses there and -t 2 is refused. */
static void usage_describes_threads(void **state)
{
    (void)state;
    static char text[8192];
    options o;
    char err[256];
    const char *reason;

    usage_text(text, sizeof text, 1);
    if (strstr(text, "OpenMP threads"))
        fail_msg("a one-thread driver's help offers OpenMP threads:\n%s", text);
    assert_non_null(strstr(text, "  -t, --threads 1      this driver runs one thread, so -t takes only 1\n"));
    assert_int_equal(parse(&o, err, 1, (const char *const[]){ "-t", "1", NULL }), 0);
    assert_int_equal(o.threads, 1);
    assert_int_equal(parse(&o, err, 1, (const char *const[]){ "-t", "2", NULL }), 2);
    reason = strstr(err, "': ");
    assert_non_null(reason);
    reason += 3;
    /* the refusal's reason, up to its parenthesis, is the help's line */
    char first[128];
    snprintf(first, sizeof first, "%.*s", (int)strcspn(reason, "("), reason);
    first[strlen(first) - 1] = '\0';  /* the space before "(" */
    if (!strstr(text, first))
        fail_msg("refusal '%s' is not in the help:\n%s", err, text);

    usage_text(text, sizeof text, 4096);
    assert_non_null(strstr(text, "  -t, --threads T      OpenMP threads per process, 1 .. 4096"));
    assert_null(strstr(text, "takes only 1"));
    assert_int_equal(PARSE(&o, err, "-t", "4096"), 0);
    assert_int_equal(o.threads, 4096);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults),
        cmocka_unit_test(exact_counts),
        cmocka_unit_test(bad_counts),
        cmocka_unit_test(x_values),
        cmocka_unit_test(bad_command_lines),
        cmocka_unit_test(good_command_line),
        cmocka_unit_test(usage_describes_threads),
    };
    return cmocka_run_group_tests_name("options", tests, NULL, NULL);
}

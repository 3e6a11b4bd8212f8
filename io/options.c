/*
 * options.c - getopt_long parsing and validation of the command line.
 *
 * Every rejection is one line naming the program, the option, the value and
 * the reason; the caller decides where (and on which rank) it is printed.
 */
#include "options.h"

#include "reference.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT_MAX 9223372036854775807ull  /* 2^63 - 1 */

static const char *skip_digits(const char *s)
{
    while (isdigit((unsigned char)*s))
        s++;
    return s;
}

const char *options_parse_count(const char *text, uint64_t max, uint64_t *value)
{
    if (*text == '\0')
        return "empty value";
    const char *s = text;
    if (*s == '-')
        return isdigit((unsigned char)s[1]) ? "must be positive" : "not an integer";
    if (*s == '+')
        s++;

    /* digits [. digits] [e [+-] digits], as digit string * 10^exponent */
    const char *int_begin = s, *int_end = skip_digits(s);
    const char *frac_begin = int_end, *frac_end = int_end;
    s = int_end;
    if (*s == '.') {
        frac_begin = s + 1;
        frac_end = skip_digits(frac_begin);
        s = frac_end;
    }
    if (int_end == int_begin && frac_end == frac_begin)
        return "not an integer";
    long exponent = 0;
    if (*s == 'e' || *s == 'E') {
        const char *e = s + 1;
        int sign = 1;
        if (*e == '+' || *e == '-')
            sign = *e++ == '-' ? -1 : 1;
        if (!isdigit((unsigned char)*e))
            return "not an integer";
        for (; isdigit((unsigned char)*e); e++)
            if (exponent < 100000)
                exponent = exponent * 10 + (*e - '0');
        exponent *= sign;
        s = e;
    }
    if (*s != '\0')
        return "not an integer";

    /*
     * The value is D * 10^scale, D the significant digits (leading zeros
     * dropped).  It is whole when the zeros that end D make up for a
     * negative scale, and then has significant + scale digits; at most 19
     * of those are not trailing zeros, so the first 64 of D are plenty.
     */
    char digits[64];
    size_t significant = 0, trailing_zeros = 0;
    long scale = exponent - (long)(frac_end - frac_begin);
    for (const char *p = int_begin; p < frac_end; p++) {
        if (p == int_end)
            p = frac_begin;  /* jump over the decimal point */
        if (p >= frac_end)
            break;
        if (significant == 0 && *p == '0')
            continue;
        if (significant < sizeof digits)
            digits[significant] = *p;
        significant++;
        trailing_zeros = *p == '0' ? trailing_zeros + 1 : 0;
    }
    if (significant == 0)
        return "must be at least 1";
    if (scale + (long)trailing_zeros < 0)
        return "not a whole number";
    if ((long)significant + scale > 19)
        goto too_large;
    unsigned __int128 v = 0;
    for (size_t i = 0; i < significant - trailing_zeros; i++)
        v = v * 10 + (unsigned)(digits[i] - '0');
    for (long i = 0; i < scale + (long)trailing_zeros; i++)
        v *= 10;
    if (v > max)
        goto too_large;
    *value = (uint64_t)v;
    return NULL;
too_large:
    return max == COUNT_MAX ? "too large (at most 2^63-1 = 9223372036854775807)" : "too large";
}

const char *options_parse_x(const char *text, double *value)
{
    if (*text == '\0')
        return "empty value";
    if (isspace((unsigned char)*text))
        return "not a number";
    char *end;
    errno = 0;
    double x = strtod(text, &end);
    if (*end != '\0' || end == text)
        return "not a number";
    if (isnan(x))
        return "not a number (nan)";
    if (isinf(x))
        return "not finite";
    if (fabs(x) >= 1.0)
        return "|x| must be less than 1 for the series to converge";
    *value = x;
    return NULL;
}

/* A relative tolerance: finite, positive. */
static const char *parse_tolerance(const char *text, double *value)
{
    char *end;
    if (*text == '\0')
        return "empty value";
    double t = strtod(text, &end);
    if (*end != '\0' || isspace((unsigned char)*text))
        return "not a number";
    if (!isfinite(t) || t <= 0.0)
        return "must be a positive, finite number";
    *value = t;
    return NULL;
}

/* The message quotes what the user typed: control characters in it (a
 * newline in an argument, say) are shown as '?' so it stays one line. */
static int reject(char *err, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
    for (char *c = err; *c; c++)
        if (iscntrl((unsigned char)*c))
            *c = '?';
    return 2;
}

/* What a one-thread driver says of -t, in its usage text and in its
 * refusal of any other count: the same words in both. */
#define THREADS_ONE_ONLY "this driver runs one thread, so -t takes only 1"
#define THREADS_FOR_MORE "(for more threads, use maclaurin_omp or maclaurin_mpi)"

/* A bounded count option: --threads, --repeat, --warmup. */
static const char *parse_small(const char *text, int max, int *value)
{
    uint64_t v;
    const char *why = options_parse_count(text, (uint64_t)max, &v);
    if (why && strcmp(why, "too large") == 0)
        return max == MAX_THREADS ? "too large (at most 4096)" : "too large (at most 1000000)";
    if (why)
        return why;
    *value = (int)v;
    return NULL;
}

/* The option as the user wrote it: "--terms" (without any "=value"), or "-n". */
static const char *option_as_typed(const char *arg, int short_option)
{
    static char text[64];
    if (strncmp(arg, "--", 2) == 0)
        snprintf(text, sizeof text, "%.*s", (int)strcspn(arg, "="), arg);
    else
        snprintf(text, sizeof text, "-%c", short_option ? short_option : '?');
    return text;
}

/* "run_id, mode, ..." for the usage text. */
static const char *tag_names(void)
{
    static char names[128];
    size_t used = 0;
    for (int t = 0; t < CSV_TAG_COUNT && used < sizeof names; t++)
        used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", t ? ", " : "",
                                 csv_tag_name(t));
    return names;
}

/* --tag NAME=VALUE into opt->tag, or why not. */
static const char *parse_tag(const char *text, options *opt)
{
    const char *eq = strchr(text, '=');
    if (!eq)
        return "not NAME=VALUE";
    const int tag = csv_tag_find(text, (size_t)(eq - text));
    if (tag < 0) {
        static char why[192];
        snprintf(why, sizeof why, "no such column to tag (one of %s)", tag_names());
        return why;
    }
    const char *why = csv_tag_value_why(tag, eq + 1, strlen(eq + 1));
    if (why)
        return why;
    opt->tag[tag] = eq + 1;
    return NULL;
}

/* The -t entry of the usage text, for a driver that runs up to threads_max
 * threads.  A one-thread build (maclaurin_serial, the SMPI maclaurin_mpi)
 * says that -t takes only 1, in the words its refusal of -t 2 uses, rather
 * than offer OpenMP threads it would refuse. */
static void usage_threads(FILE *out, int threads_max)
{
    if (threads_max == 1)
        fprintf(out,
                "  -t, --threads 1      " THREADS_ONE_ONLY "\n"
                "                       " THREADS_FOR_MORE "\n");
    else
        fprintf(out,
                "  -t, --threads T      OpenMP threads per process, 1 .. %d (default:\n"
                "                       OMP_NUM_THREADS, else the cores each process may use)\n",
                threads_max);
}

void options_usage(FILE *out, const char *prog, int threads_max)
{
    fprintf(out,
            "Usage: %s [options]\n"
            "Sum the Maclaurin series of 1/(1-x), x^k for k = 0 .. N-1, term by term, and\n"
            "verify the sum against the closed form (1 - x^N)/(1 - x).\n"
            "\n"
            "  -n, --terms N        number of terms, 1 .. 2^63-1; digits or an exact form\n"
            "                       such as 1e10 or 1.28e7 (default 3e10)\n"
            "  -x X                 the point, finite with |x| < 1 (default 0.9999999999)\n",
            prog);
    usage_threads(out, threads_max);
    fprintf(out,
            "  -r, --repeat R       timed repetitions after the warm-up (default 3)\n"
            "      --warmup W       untimed sums before the timed ones, 0 or more (default 1;\n"
            "                       0 for a problem too large to sum twice)\n"
            "      --csv FILE       append one row per timed repetition to FILE ('-' for\n"
            "                       standard output; the report then goes to stderr)\n"
            "  -k, --kernel NAME    block kernel: %s (default simd)\n"
            "      --reduction R    exact (bitwise reproducible, default) or plain\n"
            "      --handout H      the exact sum across nodes: auto (nodes ask for work\n"
            "                       where the measured round trip pays, default) or across\n"
            "                       (they ask whatever the job's size)\n"
            "      --tolerance REL  verify |error| <= REL * sum |x|^k (default 2e-14)\n"
            "      --affinity       print each rank's host, allowed CPUs and its threads'\n"
            "                       CPUs before the run\n"
            "  -q, --quiet          print nothing but errors\n"
            "      --tag NAME=VALUE record VALUE in the CSV's NAME column, one of %s\n"
            "                       (what a study's launcher knows; scripts/sweep sets them)\n"
            "  -h, --help           this text\n"
            "      --version        version and build facts\n"
            "      --facts          the same and the machine's, as NAME=VALUE lines for scripts\n"
            "\n"
            "Exit status: 0 verified, 1 verification failure or runtime error, 2 usage error,\n"
            "130 or 143 stopped by SIGINT or SIGTERM (no row is written for the repetition\n"
            "under way).\n",
            series_kernel_names(), tag_names());
}

int options_parse(options *opt, int argc, char **argv, const char *prog, int threads_max,
                  char *err, size_t err_size)
{
    enum { OPT_CSV = 256, OPT_REDUCTION, OPT_TOLERANCE, OPT_VERSION, OPT_AFFINITY, OPT_TAG, OPT_FACTS, OPT_WARMUP, OPT_HANDOUT };
    static const struct option longopts[] = {
        { "terms", required_argument, NULL, 'n' },
        { "threads", required_argument, NULL, 't' },
        { "repeat", required_argument, NULL, 'r' },
        { "warmup", required_argument, NULL, OPT_WARMUP },
        { "kernel", required_argument, NULL, 'k' },
        { "csv", required_argument, NULL, OPT_CSV },
        { "reduction", required_argument, NULL, OPT_REDUCTION },
        { "handout", required_argument, NULL, OPT_HANDOUT },
        { "tolerance", required_argument, NULL, OPT_TOLERANCE },
        { "quiet", no_argument, NULL, 'q' },
        { "affinity", no_argument, NULL, OPT_AFFINITY },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, OPT_VERSION },
        { "tag", required_argument, NULL, OPT_TAG },
        { "facts", no_argument, NULL, OPT_FACTS },
        { NULL, 0, NULL, 0 },
    };
    *opt = (options){
        .action = ACTION_RUN,
        .terms = DEFAULT_TERMS,
        .x = DEFAULT_X,
        .repeat = 3,
        .warmup = 1,
        .kernel = series_kernel_find("simd"),
        .reduction = REDUCTION_EXACT,
        .tolerance = SERIES_TOLERANCE,
    };
    const char *why;
    int c;
    optind = 0;  /* full re-initialisation, so the parser can run again */
    opterr = 0;  /* our messages, not getopt's */
    while ((c = getopt_long(argc, argv, ":n:x:t:r:k:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'n':
            if ((why = options_parse_count(optarg, COUNT_MAX, &opt->terms)))
                return reject(err, err_size, "%s: invalid --terms '%s': %s", prog, optarg, why);
            break;
        case 'x':
            if ((why = options_parse_x(optarg, &opt->x)))
                return reject(err, err_size, "%s: invalid -x '%s': %s", prog, optarg, why);
            break;
        case 't':
            if ((why = parse_small(optarg, MAX_THREADS, &opt->threads)))
                return reject(err, err_size, "%s: invalid --threads '%s': %s", prog, optarg, why);
            if (opt->threads > threads_max && threads_max == 1)
                return reject(err, err_size,
                              "%s: invalid --threads '%s': " THREADS_ONE_ONLY " " THREADS_FOR_MORE,
                              prog, optarg);
            if (opt->threads > threads_max)
                return reject(err, err_size,
                              "%s: invalid --threads '%s': this driver runs at most %d threads",
                              prog, optarg, threads_max);
            break;
        case 'r':
            if ((why = parse_small(optarg, MAX_REPEAT, &opt->repeat)))
                return reject(err, err_size, "%s: invalid --repeat '%s': %s", prog, optarg, why);
            break;
        case OPT_WARMUP:
            /* the one count that may be 0: the count parser's "at least 1" is its zero */
            if ((why = parse_small(optarg, MAX_REPEAT, &opt->warmup)) &&
                strcmp(why, "must be at least 1") == 0)
                why = NULL, opt->warmup = 0;
            if (why)
                return reject(err, err_size, "%s: invalid --warmup '%s': %s", prog, optarg,
                              strcmp(why, "must be positive") == 0 ? "must be 0 or more" : why);
            break;
        case 'k':
            if (!(opt->kernel = series_kernel_find(optarg)))
                return reject(err, err_size, "%s: invalid --kernel '%s': not one of %s", prog,
                              optarg, series_kernel_names());
            break;
        case OPT_CSV:
            if (*optarg == '\0')
                return reject(err, err_size, "%s: invalid --csv '': empty file name", prog);
            opt->csv_path = optarg;
            break;
        case OPT_REDUCTION:
            if (strcmp(optarg, "exact") == 0)
                opt->reduction = REDUCTION_EXACT;
            else if (strcmp(optarg, "plain") == 0)
                opt->reduction = REDUCTION_PLAIN;
            else
                return reject(err, err_size, "%s: invalid --reduction '%s': not exact or plain",
                              prog, optarg);
            break;
        case OPT_HANDOUT:
            if (strcmp(optarg, "auto") == 0 || strcmp(optarg, "across") == 0)
                opt->handout_across = strcmp(optarg, "across") == 0;
            else
                return reject(err, err_size, "%s: invalid --handout '%s': not auto or across", prog,
                              optarg);
            break;
        case OPT_TOLERANCE:
            if ((why = parse_tolerance(optarg, &opt->tolerance)))
                return reject(err, err_size, "%s: invalid --tolerance '%s': %s", prog, optarg, why);
            break;
        case 'q':
            opt->quiet = 1;
            break;
        case OPT_AFFINITY:
            opt->affinity = 1;
            break;
        case 'h':
            opt->action = ACTION_HELP;
            break;
        case OPT_VERSION:
            opt->action = ACTION_VERSION;
            break;
        case OPT_FACTS:
            opt->action = ACTION_FACTS;
            break;
        case OPT_TAG:
            if ((why = parse_tag(optarg, opt)))
                return reject(err, err_size, "%s: invalid --tag '%s': %s", prog, optarg, why);
            break;
        case ':':
            return reject(err, err_size, "%s: option '%s' needs a value", prog,
                          option_as_typed(argv[optind - 1], optopt));
        default:
            return reject(err, err_size, "%s: unknown option '%s' (see --help)", prog,
                          option_as_typed(argv[optind - 1], optopt));
        }
    }
    if (optind < argc)
        return reject(err, err_size, "%s: unexpected argument '%s' (see --help)", prog,
                      argv[optind]);
    return 0;
}

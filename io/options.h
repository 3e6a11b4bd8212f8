/*
 * options.h - the command line shared by all three drivers.
 */
#ifndef MACLAURIN_OPTIONS_H
#define MACLAURIN_OPTIONS_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "csv_tags.h"
#include "series_kernels.h"

#define DEFAULT_X 0.9999999999            /* 1 - 1e-10: every term matters */
#define DEFAULT_TERMS 30000000000ull      /* x^N = e^-3; a core's time: docs/performance.md */
#define MAX_THREADS 4096
#define MAX_REPEAT 1000000

typedef enum { ACTION_RUN, ACTION_HELP, ACTION_VERSION, ACTION_FACTS } options_action;
typedef enum { REDUCTION_EXACT, REDUCTION_PLAIN } reduction_kind;

typedef struct {
    options_action action;
    uint64_t terms;
    double x;
    int threads;                  /* 0: not given (use the default) */
    int repeat;
    int warmup;                   /* untimed sums before the timed ones, 0 or more */
    const char *csv_path;         /* NULL: no CSV; "-": standard output */
    int quiet;
    int affinity;                 /* print where each rank's threads run */
    const series_kernel *kernel;
    reduction_kind reduction;
    int handout_across;           /* --handout across: nodes ask at any size (0: auto, where it pays) */
    double tolerance;             /* verify |error| <= tolerance * sum |x|^k */
    const char *tag[CSV_TAG_COUNT];  /* --tag NAME=VALUE: the value, or NULL (csv_tag_default) */
} options;

/*
 * Parse argv into *opt.  Returns 0, or 2 with a one-line message
 * ("prog: invalid --terms 'abc': not an integer") in err.  Prints nothing,
 * so that under MPI only rank 0 need speak.  threads_max is the largest
 * --threads the driver supports (1 for the serial driver).
 */
int options_parse(options *opt, int argc, char **argv, const char *prog, int threads_max,
                  char *err, size_t err_size);

/* Print the usage text of a driver that runs up to threads_max threads
 * (options_parse's): -t is described as that driver takes it. */
void options_usage(FILE *stream, const char *prog, int threads_max);

/*
 * Parse a count: plain digits or an exact decimal form such as 1e10 or
 * 1.28e7, between 1 and max.  Returns NULL, or why the text is not one.
 */
const char *options_parse_count(const char *text, uint64_t max, uint64_t *value);

/* Parse x: finite with |x| < 1.  Returns NULL, or why not. */
const char *options_parse_x(const char *text, double *value);

#endif

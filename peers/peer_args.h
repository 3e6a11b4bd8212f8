/*
 * peer_args.h - the command line every C peer takes, and the line it prints.
 *
 *   PEER N X REPEAT   sum x^k for k = 0 .. N-1, REPEAT times, timed
 *
 * Each repetition prints "SECONDS RESULT" on one line; scripts/compare
 * verifies RESULT against the closed form, so a peer never judges itself.
 * Kept apart from the peers' sums so that each peer's file reads as the
 * textbook program it stands for.
 */
#ifndef PEER_ARGS_H
#define PEER_ARGS_H

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

struct peer_args {
    long long n;
    double x;
    int repeat;
};

/* 0 and the arguments, or 2 (a usage error) after one line on stderr. */
static inline int peer_args(int argc, char **argv, struct peer_args *a)
{
    char *end1, *end2, *end3;
    if (argc != 4)
        goto usage;
    errno = 0;
    a->n = strtoll(argv[1], &end1, 10);
    a->x = strtod(argv[2], &end2);
    long r = strtol(argv[3], &end3, 10);
    if (errno || *end1 || *end2 || *end3 || a->n < 1 || !(fabs(a->x) < 1.0) || r < 1 || r > 1000)
        goto usage;
    a->repeat = (int)r;
    return 0;
usage:
    fprintf(stderr, "usage: %s N X REPEAT  (N >= 1 terms, |X| < 1, 1 <= REPEAT <= 1000)\n", argv[0]);
    return 2;
}

static inline void peer_print(double seconds, double result)
{
    printf("%.9f %.17g\n", seconds, result);
    fflush(stdout);
}

#endif

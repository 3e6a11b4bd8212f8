/*
 * pow_loop.c - the textbook C loop: each term from pow, added in order.
 *
 *     for (k = 0; k < n; k++) s += pow(x, k);
 *
 * Built with -O3 -march=native and nothing that changes the arithmetic (no
 * -ffast-math), as a C programmer compiles it: the sum stays in program
 * order, so the compiler calls pow once a term and vectorises nothing.
 */
#include <math.h>
#include <time.h>

#include "peer_args.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    struct peer_args a;
    if (peer_args(argc, argv, &a))
        return 2;
    for (int r = 0; r < a.repeat; r++) {
        double start = now();
        double s = 0.0;
        for (long long k = 0; k < a.n; k++)
            s += pow(a.x, (double)k);
        peer_print(now() - start, s);
    }
    return 0;
}

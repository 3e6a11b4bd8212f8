/*
 * maclaurin_peak.c - measure this core's double-precision FMA lane rate.
 *
 * The kernel does one multiply and one add per term in the same vector
 * width; on cores with two FMA pipes and separate add pipes (AMD Zen) its
 * terms/s can reach this rate, so kernel terms/s / peak is its fraction of
 * the hardware limit.  Where multiplies and adds share the FMA ports
 * (Intel's cores), --mix measures the lower limit that mix really has.
 * Best of several timed runs (noise only slows a run down), after a
 * warm-up that brings the clock up.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fma_peak.h"
#include "peak_cache.h"
#include "report.h"
#include "series_plan.h"
#include "simd.h"
#include "wall_clock.h"

/* What one probe runs, and how much work its iterations are. */
typedef struct {
    double (*run)(uint64_t iterations);
    uint64_t (*work)(uint64_t iterations);
} probe;

static const probe fma_probe = { fma_peak_run, fma_peak_lane_ops };
static const probe muladd_probe = { muladd_peak_run, muladd_peak_lane_terms };

/* Work per second (lane-operations, or lane-terms) over one run. */
static double measure(const probe *p, uint64_t iterations, double *sink)
{
    double start = wall_seconds();
    *sink += p->run(iterations);
    return (double)p->work(iterations) / (wall_seconds() - start);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "runs", required_argument, NULL, 'r' },
        { "seconds", required_argument, NULL, 's' },
        { "no-cache", no_argument, NULL, 'N' },
        { "value", no_argument, NULL, 'v' },
        { "mix", no_argument, NULL, 'm' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int runs = 7, write_cache = 1, value_only = 0, mix = 0, c;
    double seconds = 0.1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "r:s:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'r':
            runs = atoi(optarg);
            if (runs < 1 || runs > 1000) {
                fprintf(stderr, "maclaurin_peak: invalid --runs '%s': want 1 .. 1000\n", optarg);
                return 2;
            }
            break;
        case 's': {
            char *end;
            seconds = strtod(optarg, &end);
            if (*end != '\0' || !(seconds >= 0.01 && seconds <= 100)) {
                fprintf(stderr, "maclaurin_peak: invalid --seconds '%s': want 0.01 .. 100\n",
                        optarg);
                return 2;
            }
            break;
        }
        case 'N':
            write_cache = 0;
            break;
        case 'v':
            value_only = 1;
            break;
        case 'm':
            mix = 1;
            write_cache = 0;  /* the cache holds the FMA peak only */
            break;
        case 'h':
            printf("Usage: maclaurin_peak [--runs R] [--seconds S] [--no-cache] [--value] [--mix]\n"
                   "Measure this core's double-precision FMA lane rate (best of R runs, 7 by\n"
                   "default, of about S seconds, 0.1 by default) and store it where the\n"
                   "drivers find it (see README).  --mix measures instead the rate of the\n"
                   "kernel's inner loop alone, one multiply and one add per lane-term: the\n"
                   "limit of that mix on this core (the FMA rate where adds have pipes of\n"
                   "their own, half of it where they share the FMA ports); not cached.\n");
            return 0;
        default:
            fprintf(stderr, "maclaurin_peak: unknown option '%s' (see --help)\n", argv[optind - 1]);
            return 2;
        }
    }

    /* Size a run to about `seconds`, warming the core up on the way. */
    const probe *p = mix ? &muladd_probe : &fma_probe;
    double sink = 0.0;
    uint64_t iterations = 1u << 16;
    double rate;
    while ((rate = measure(p, iterations, &sink)) * 0.05 > (double)p->work(iterations))
        iterations *= 2;
    iterations = (uint64_t)(rate * seconds / (double)p->work(1)) + 1;
    double best = 0.0;
    for (int r = 0; r < runs; r++) {
        double rate = measure(p, iterations, &sink);
        if (rate > best)
            best = rate;
    }
    if (sink == 42.0)  /* never true; keeps the result alive */
        puts("");

    if (value_only) {
        printf("%.6g\n", best);
    } else if (mix) {
        printf("maclaurin_peak %s: %s, %d doubles per vector, the kernel's inner loop alone "
               "(%d running powers and sums)\n",
               MACLAURIN_VERSION, SIMD_ISA, SIMD_LANES, SERIES_LANES);
        printf("  multiply+add      %.4g lane-terms/s per core (best of %d runs)\n", best, runs);
    } else {
        printf("maclaurin_peak %s: %s, %d doubles per vector, %d independent FMA chains\n",
               MACLAURIN_VERSION, SIMD_ISA, SIMD_LANES, FMA_PEAK_CHAINS);
        printf("  peak              %.4g lane-ops/s per core (best of %d runs)\n", best, runs);
    }
    if (write_cache) {
        char path[1024] = "";
        peak_cache_path(path, sizeof path);
        if (peak_cache_write(best) != 0) {
            fprintf(stderr, "maclaurin_peak: cannot write the cache '%s': %s\n", path,
                    strerror(errno));
            return 1;
        }
        if (!value_only)
            printf("  cached in         %s\n", path);
    }
    return 0;
}

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
#include "version.h"
#include "series_plan.h"
#include "simd.h"
#include "wall_clock.h"

/* What one probe runs (with `chains` independent chains where it takes a
 * count), and how much work its iterations are. */
typedef struct {
    double (*run)(int chains, uint64_t iterations);
    uint64_t (*work)(int chains, uint64_t iterations);
} probe;

static double fma_run(int chains, uint64_t iterations)
{
    (void)chains;
    return fma_peak_run(iterations);
}
static uint64_t fma_work(int chains, uint64_t iterations)
{
    (void)chains;
    return fma_peak_lane_ops(iterations);
}
static const probe fma_probe = { fma_run, fma_work };
static const probe muladd_probe = { muladd_peak_run, muladd_peak_lane_terms };

/* Work per second (lane-operations, or lane-terms) over one run. */
static double measure(const probe *p, int chains, uint64_t iterations, double *sink)
{
    double start = wall_seconds();
    *sink += p->run(chains, iterations);
    return (double)p->work(chains, iterations) / (wall_seconds() - start);
}

/* Best of `runs` runs of about `seconds` each, after a warm-up that sizes
 * them and brings the clock up. */
static double best_rate(const probe *p, int chains, int runs, double seconds, double *sink)
{
    uint64_t iterations = 1u << 16;
    double rate;
    while ((rate = measure(p, chains, iterations, sink)) * 0.05 >
           (double)p->work(chains, iterations))
        iterations *= 2;
    iterations = (uint64_t)(rate * seconds / (double)p->work(chains, 1)) + 1;
    double best = 0.0;
    for (int r = 0; r < runs; r++) {
        rate = measure(p, chains, iterations, sink);
        if (rate > best)
            best = rate;
    }
    return best;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "runs", required_argument, NULL, 'r' },
        { "seconds", required_argument, NULL, 's' },
        { "no-cache", no_argument, NULL, 'N' },
        { "value", no_argument, NULL, 'v' },
        { "mix", no_argument, NULL, 'm' },
        { "chains", required_argument, NULL, 'c' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int runs = 7, write_cache = 1, value_only = 0, mix = 0, only_chains = 0, c;
    double seconds = 0.1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "r:s:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'r': {
            char *end;
            errno = 0;
            long value = strtol(optarg, &end, 10);
            runs = end != optarg && *end == '\0' && errno == 0 && value >= 1 && value <= 1000
                       ? (int)value : 0;
            if (runs == 0) {
                fprintf(stderr, "maclaurin_peak: invalid --runs '%s': want 1 .. 1000\n", optarg);
                return 2;
            }
            break;
        }
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
        case 'c': {
            const int *counts;
            const int n = muladd_peak_chain_counts(&counts);
            char *end;
            long value = strtol(optarg, &end, 10);
            for (int i = 0; i < n && !only_chains; i++)
                if (end != optarg && *end == '\0' && value == counts[i])
                    only_chains = counts[i];
            if (!only_chains) {
                fprintf(stderr, "maclaurin_peak: invalid --chains '%s': want one of", optarg);
                for (int i = 0; i < n; i++)
                    fprintf(stderr, " %d", counts[i]);
                fprintf(stderr, "\n");
                return 2;
            }
            mix = 1;
            write_cache = 0;
            break;
        }
        case 'm':
            mix = 1;
            write_cache = 0;  /* the cache holds the FMA peak only */
            break;
        case 'h':
            printf("Usage: maclaurin_peak [--runs R] [--seconds S] [--no-cache] [--value]\n"
                   "                      [--mix [--chains C]]\n"
                   "Measure this core's double-precision FMA lane rate (best of R runs, 7 by\n"
                   "default, of about S seconds, 0.1 by default) and store it where the\n"
                   "drivers find it (see README).  --mix measures instead the rate of the\n"
                   "kernel's inner loop alone, one multiply and one add per lane-term, with\n"
                   "4 to 12 independent chains, as the registers allow (S seconds over all of\n"
                   "them): the best is the limit of that mix on this core (the FMA rate where\n"
                   "adds have pipes of their own, half of it where they share the FMA ports);\n"
                   "not cached.  --chains C: that chain count only.\n");
            return 0;
        default:
            fprintf(stderr, "maclaurin_peak: unknown option '%s' (see --help)\n", argv[optind - 1]);
            return 2;
        }
    }

    double sink = 0.0, best = 0.0;
    int best_chains = 0;
    if (mix) {
        const int *counts;
        int n = muladd_peak_chain_counts(&counts);
        if (only_chains) {
            counts = &only_chains;
            n = 1;
        }
        if (!value_only)
            printf("maclaurin_peak %s: %s, %d doubles per vector, the kernel's inner loop alone "
                   "(one multiply and one add per lane-term)\n",
                   MACLAURIN_VERSION, SIMD_ISA, SIMD_LANES);
        for (int i = 0; i < n; i++) {
            /* --seconds is the run's length over all the chain counts */
            double rate = best_rate(&muladd_probe, counts[i], runs, seconds / n, &sink);
            if (!value_only)
                printf("  %2d chains         %.4g lane-terms/s\n", counts[i], rate);
            if (rate > best) {
                best = rate;
                best_chains = counts[i];
            }
        }
    } else {
        best = best_rate(&fma_probe, 0, runs, seconds, &sink);
    }
    if (sink == 42.0)  /* never true; keeps the result alive */
        puts("");

    if (value_only) {
        printf("%.6g\n", best);
    } else if (mix) {
        printf("  multiply+add      %.4g lane-terms/s per core (%d chains, best of %d runs)\n",
               best, best_chains, runs);
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

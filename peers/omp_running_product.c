/*
 * omp_running_product.c - the textbook OpenMP loop: a running product and
 * reduction(+:s).
 *
 * Each thread takes one contiguous range of k, starts its power with one
 * pow(x, lo), then multiplies by x once a term; OpenMP adds the threads'
 * partial sums.  The product costs one multiply a term instead of a pow,
 * and its rounding error grows with the length of a range (about k ulps
 * after k products), which is why scripts/compare's bound is loose.
 */
#include <math.h>
#include <omp.h>

#include "peer_args.h"

int main(int argc, char **argv)
{
    struct peer_args a;
    if (peer_args(argc, argv, &a))
        return 2;
    for (int r = 0; r < a.repeat; r++) {
        double start = omp_get_wtime();
        double s = 0.0;
#pragma omp parallel reduction(+ : s)
        {
            long long t = omp_get_thread_num(), nt = omp_get_num_threads();
            long long lo = a.n / nt * t + (t < a.n % nt ? t : a.n % nt);
            long long hi = lo + a.n / nt + (t < a.n % nt);
            double p = pow(a.x, (double)lo);
            for (long long k = lo; k < hi; k++) {
                s += p;
                p *= a.x;
            }
        }
        peer_print(omp_get_wtime() - start, s);
    }
    return 0;
}

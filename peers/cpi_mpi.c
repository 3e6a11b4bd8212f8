/*
 * cpi_mpi.c - the series as MPICH's examples/cpi.c computes pi: rank 0
 * broadcasts n, each rank sums every size-th term from its own rank on,
 * MPI_Reduce adds the ranks' sums on rank 0, timed there with MPI_Wtime.
 *
 * As in cpi.c, each term is computed from its index alone (there f at the
 * midpoint of interval i, here pow(x, i)), since a rank's terms are not
 * neighbours.  Only rank 0 prints.
 */
#include <math.h>
#include <mpi.h>

#include "peer_args.h"

int main(int argc, char **argv)
{
    int myid, numprocs, status = 0;
    struct peer_args a = { 0 };
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &myid);
    MPI_Comm_size(MPI_COMM_WORLD, &numprocs);
    if (myid == 0)
        status = peer_args(argc, argv, &a);
    MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (status) {
        MPI_Finalize();
        return status;
    }
    MPI_Bcast(&a.n, 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
    MPI_Bcast(&a.x, 1, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    MPI_Bcast(&a.repeat, 1, MPI_INT, 0, MPI_COMM_WORLD);
    for (int r = 0; r < a.repeat; r++) {
        MPI_Barrier(MPI_COMM_WORLD);
        double startwtime = MPI_Wtime();
        double mysum = 0.0, sum;
        for (long long i = myid; i < a.n; i += numprocs)
            mysum += pow(a.x, (double)i);
        MPI_Reduce(&mysum, &sum, 1, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
        if (myid == 0)
            peer_print(MPI_Wtime() - startwtime, sum);
    }
    MPI_Finalize();
    return 0;
}

/*
 * pingpong.c - one-way small-message latency from rank 0 to each rank named
 * on the command line: half the mean round trip of an 8-byte message over
 * 100 round trips, in microseconds, one line a peer ("0 -> 16: 1.021 us").
 * Built with smpicc by tests/simulate/run_simulate_tests, which checks that
 * the platforms in platforms/ give the latencies their comments state.
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

enum { ROUND_TRIPS = 100 };

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    double word = 0.0;
    for (int i = 1; i < argc; i++) {
        const int peer = atoi(argv[i]);
        if (peer <= 0 || peer >= size)
            continue;
        MPI_Barrier(MPI_COMM_WORLD);
        if (rank == 0) {
            const double start = MPI_Wtime();
            for (int k = 0; k < ROUND_TRIPS; k++) {
                MPI_Send(&word, 1, MPI_DOUBLE, peer, 0, MPI_COMM_WORLD);
                MPI_Recv(&word, 1, MPI_DOUBLE, peer, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            }
            printf("0 -> %d: %.3f us\n", peer, (MPI_Wtime() - start) / (2.0 * ROUND_TRIPS) * 1e6);
        } else if (rank == peer) {
            for (int k = 0; k < ROUND_TRIPS; k++) {
                MPI_Recv(&word, 1, MPI_DOUBLE, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                MPI_Send(&word, 1, MPI_DOUBLE, 0, 0, MPI_COMM_WORLD);
            }
        }
    }
    MPI_Finalize();
    return 0;
}

/*
 * comm_mpi.c - MPI ranks: exact reduction with MPI_Reduce over int64 digits.
 */
#include <mpi.h>
#include <stdio.h>
#include <string.h>

#include "comm.h"

static int local_size = 1;

int comm_init(int *argc, char ***argv, char *err, size_t err_size)
{
    /* Only the main thread calls MPI; the OpenMP threads only compute. */
    int provided;
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm node;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
    MPI_Comm_size(node, &local_size);
    MPI_Comm_free(&node);
    if (provided < MPI_THREAD_FUNNELED) {
        snprintf(err, err_size, "the MPI library gives thread level %d, below MPI_THREAD_FUNNELED",
                 provided);
        return 1;
    }
    return 0;
}

int comm_finish(int code)
{
    MPI_Finalize();
    return code;
}

int comm_rank(void)
{
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank;
}

int comm_size(void)
{
    int size;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    return size;
}

int comm_local_size(void) { return local_size; }

void comm_barrier(void)
{
    MPI_Barrier(MPI_COMM_WORLD);
}

void comm_reduce_exact(exact_acc *acc)
{
    /* Normalised digits are below 2^32, so summing them over up to 2^30
     * ranks cannot overflow; integer addition makes the result independent
     * of the order in which MPI combines ranks. */
    exact_acc_normalise(acc);
    void *send = comm_rank() == 0 ? MPI_IN_PLACE : (void *)acc;
    MPI_Reduce(send, acc, EXACT_ACC_WORDS, MPI_INT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
}

static double reduce_double(double value, MPI_Op op)
{
    double result = 0.0;
    MPI_Reduce(&value, &result, 1, MPI_DOUBLE, op, 0, MPI_COMM_WORLD);
    return result;
}

double comm_reduce_sum(double value) { return reduce_double(value, MPI_SUM); }
double comm_reduce_max(double value) { return reduce_double(value, MPI_MAX); }

int comm_broadcast_int(int value)
{
    MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return value;
}

int comm_max_int(int value)
{
    int result;
    MPI_Allreduce(&value, &result, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return result;
}

void comm_library_version(char *buf, size_t size)
{
    char version[MPI_MAX_LIBRARY_VERSION_STRING];
    int length;
    MPI_Get_library_version(version, &length);
    version[strcspn(version, "\n")] = '\0';
    snprintf(buf, size, "%s", version);
}

void comm_abort(int code)
{
    MPI_Abort(MPI_COMM_WORLD, code);
}

/*
 * comm_mpi.c - MPI ranks: exact reduction with MPI_Reduce over int64 digits,
 * and the job-wide counter the ranks take their blocks from.
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
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

/*
 * The counter lives in a one-word window on rank 0; every rank takes from it
 * with MPI_Fetch_and_op in one passive-target epoch (lock_all), so rank 0
 * need not take part.  On one node the fetch-and-add goes through shared
 * memory; across nodes, where the network cannot do it alone, it may wait
 * until rank 0 next enters MPI, which it does between its own takes.
 */
static MPI_Win counter_win = MPI_WIN_NULL;

void comm_counter_open(uint64_t first)
{
    uint64_t *value;
    const MPI_Aint bytes = comm_rank() == 0 ? (MPI_Aint)sizeof *value : 0;
    MPI_Win_allocate(bytes, sizeof *value, MPI_INFO_NULL, MPI_COMM_WORLD, &value, &counter_win);
    MPI_Win_lock_all(MPI_MODE_NOCHECK, counter_win);
    if (comm_rank() == 0) {
        /* a local store, then MPI_Win_sync and a barrier: the pattern that
         * makes it what every rank's first fetch sees, in either memory model */
        *value = first;
        MPI_Win_sync(counter_win);
    }
    MPI_Barrier(MPI_COMM_WORLD);
}

uint64_t comm_counter_take(uint64_t n)
{
    uint64_t taken;
    MPI_Fetch_and_op(&n, &taken, MPI_UINT64_T, 0, 0, MPI_SUM, counter_win);
    MPI_Win_flush(0, counter_win);
    return taken;
}

void comm_counter_close(void)
{
    MPI_Win_unlock_all(counter_win);
    MPI_Win_free(&counter_win);
}

#define HOST_NAME_CHARS 256

void comm_hosts(const char *host, char *list, size_t size, int *nodes)
{
    int rank, ranks;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    char mine[HOST_NAME_CHARS] = "";
    snprintf(mine, sizeof mine, "%s", host);
    char *all = rank == 0 ? calloc((size_t)ranks, HOST_NAME_CHARS) : NULL;
    if (rank == 0 && !all)
        MPI_Abort(MPI_COMM_WORLD, 1);
    MPI_Gather(mine, HOST_NAME_CHARS, MPI_CHAR, all, HOST_NAME_CHARS, MPI_CHAR, 0, MPI_COMM_WORLD);
    if (rank != 0)
        return;
    size_t used = 0;
    int full = 0;
    *nodes = 0;
    list[0] = '\0';
    for (int r = 0; r < ranks; r++) {
        const char *name = all + (size_t)r * HOST_NAME_CHARS;
        int seen = 0;
        for (int q = 0; q < r && !seen; q++)
            seen = strncmp(name, all + (size_t)q * HOST_NAME_CHARS, HOST_NAME_CHARS) == 0;
        if (seen)
            continue;
        ++*nodes;
        if (full)
            continue;  /* more names than fit: the count stays right */
        int n = snprintf(list + used, size - used, "%s%s", used ? ";" : "", name);
        if (n < 0 || (size_t)n >= size - used) {
            list[used] = '\0';
            full = 1;
        } else {
            used += (size_t)n;
        }
    }
    free(all);
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

/*
 * comm_mpi.c - MPI ranks: exact reduction with MPI_Reduce over int64 digits,
 * the job's nodes, each node's pool its ranks take their blocks from, and
 * the messages that refill the pools across nodes.
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comm.h"
#include "shared_region.h"
#include "simulation.h"

/* The program, for its messages (comm_init). */
static const char *program_name = "maclaurin";
static MPI_Comm node_comm = MPI_COMM_NULL;
/* the hand-out's questions and answers, apart from every other message:
 * the nodes' first processes, each one's rank its node's index */
static MPI_Comm handout_comm = MPI_COMM_NULL;
static comm_node_facts node;

/* Every node's processes, by node index, on each node's first process
 * (find_nodes): from an MPI_Allgather among them, not MPI_Exscan, which
 * SimGrid SMPI (mk/simulate.mk) runs as every rank sending to every higher
 * one, p^2 messages and hours of simulation at 4,096 ranks; one path for
 * every build keeps the simulated one from drifting. */
static int *node_ranks;

/* The job's nodes (comm.h), from the shared-memory split and one gather
 * among the nodes' first processes, which stay together in handout_comm,
 * where each one's rank is its node's index. */
static void find_nodes(void)
{
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node_comm);
    MPI_Comm_size(node_comm, &node.ranks);
    MPI_Comm_rank(node_comm, &node.local_rank);
    MPI_Comm_split(MPI_COMM_WORLD, node.local_rank == 0 ? 0 : MPI_UNDEFINED, rank, &handout_comm);
    int facts[3] = {0, 0, 0};  /* count, index, ranks before */
    if (handout_comm != MPI_COMM_NULL) {
        MPI_Comm_size(handout_comm, &facts[0]);
        MPI_Comm_rank(handout_comm, &facts[1]);
        node_ranks = malloc((size_t)facts[0] * sizeof *node_ranks);
        if (!node_ranks)
            MPI_Abort(MPI_COMM_WORLD, 1);
        MPI_Allgather(&node.ranks, 1, MPI_INT, node_ranks, 1, MPI_INT, handout_comm);
        for (int i = 0; i < facts[1]; i++)
            facts[2] += node_ranks[i];
    }
    MPI_Bcast(facts, 3, MPI_INT, 0, node_comm);
    node.count = facts[0];
    node.index = facts[1];
    node.ranks_before = facts[2];
}

int comm_init(int *argc, char ***argv, const char *program, char *err, size_t err_size)
{
    program_name = program;
    /* Only the main thread calls MPI; the OpenMP threads only compute
     * (an SMPI build has none: simulation.h). */
    int provided;
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    find_nodes();
    if (provided < NEEDED_THREAD_LEVEL) {
        snprintf(err, err_size, "the MPI library gives thread level %d, below %s", provided,
                 NEEDED_THREAD_LEVEL_NAME);
        return 1;
    }
    return 0;
}

const char *comm_program(void) { return program_name; }

static void pool_free(void);

int comm_finish(int code)
{
    pool_free();
    if (node_comm != MPI_COMM_NULL)
        MPI_Comm_free(&node_comm);
    if (handout_comm != MPI_COMM_NULL)
        MPI_Comm_free(&handout_comm);
    free(node_ranks);
    node_ranks = NULL;
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

const comm_node_facts *comm_node(void) { return &node; }

const int *comm_node_ranks(void) { return node_ranks; }

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
 * The node's pool: in this process's memory for a process alone on its
 * node, else in a region of POSIX shared memory (shared_region.h) that the
 * node's first process creates on the first open and every process keeps
 * until comm_finish.  A node where that fails gets no pool, and says so
 * once.
 */
static node_pool own_pool;
static shared_region region;
static enum { POOL_UNTRIED, POOL_SHARED, POOL_NONE } pool_state;

static void pool_attach(void)
{
    char name[SHARED_REGION_NAME_MAX] = "", err[256] = "";
    if (node.local_rank == 0 &&
        shared_region_create(&region, sizeof(node_pool), name, err, sizeof err) != 0)
        name[0] = '\0';
    MPI_Bcast(name, sizeof name, MPI_CHAR, 0, node_comm);
    int ok = name[0] != '\0';
    if (ok && node.local_rank != 0 &&
        shared_region_open(&region, sizeof(node_pool), name, err, sizeof err) != 0)
        ok = 0;
    MPI_Allreduce(MPI_IN_PLACE, &ok, 1, MPI_INT, MPI_LAND, node_comm);
    if (node.local_rank == 0 && name[0])
        shared_region_unlink(name);
    if (!ok) {
        if (err[0])
            fprintf(stderr, "%s: warning: %s: this node's %d processes split their blocks statically\n",
                    program_name, err, node.ranks);
        shared_region_close(&region);
    }
    pool_state = ok ? POOL_SHARED : POOL_NONE;
}

static void pool_free(void)
{
    shared_region_close(&region);
    pool_state = POOL_UNTRIED;
}

node_pool *comm_pool_open(void)
{
    if (node.ranks == 1)
        return &own_pool;
    if (pool_state == POOL_UNTRIED)
        pool_attach();
    return pool_state == POOL_SHARED ? region.base : NULL;
}

void comm_node_barrier(void)
{
    if (node.ranks > 1)
        MPI_Barrier(node_comm);
}

/* The hand-out's messages (handout_messages.h), as arrays of 64-bit
 * words, a question and an answer tag for each level; a rank has at most
 * one question of its own outstanding at each level. */
static int question_tag(handout_level level) { return 1 + 2 * (int)level; }
static int answer_tag(handout_level level) { return 2 + 2 * (int)level; }
static MPI_Request answer_request[HANDOUT_LEVELS] = {MPI_REQUEST_NULL, MPI_REQUEST_NULL};
static handout_answer answer_buffer[HANDOUT_LEVELS];

void comm_ask(handout_level level, int to, const handout_question *question)
{
    MPI_Irecv(&answer_buffer[level], (int)HANDOUT_ANSWER_WORDS, MPI_UINT64_T, to, answer_tag(level),
              handout_comm, &answer_request[level]);
    MPI_Send(question, (int)HANDOUT_QUESTION_WORDS, MPI_UINT64_T, to, question_tag(level), handout_comm);
}

int comm_answered(handout_level level, handout_answer *answer, int wait)
{
    int done = 1;
    if (wait)
        MPI_Wait(&answer_request[level], MPI_STATUS_IGNORE);
    else
        MPI_Test(&answer_request[level], &done, MPI_STATUS_IGNORE);
    if (done)
        *answer = answer_buffer[level];
    return done;
}

int comm_question(handout_level level, handout_question *question, int *from, int wait)
{
    /* waiting, a receive from any node, not MPI_Probe: SMPI runs a probe as
     * iprobes that cost no simulated time (smpi/iprobe:0, simulation.py),
     * and the clock would stand still */
    MPI_Status status;
    int here = 1;
    if (!wait)
        MPI_Iprobe(MPI_ANY_SOURCE, question_tag(level), handout_comm, &here, &status);
    if (!here)
        return 0;
    MPI_Recv(question, (int)HANDOUT_QUESTION_WORDS, MPI_UINT64_T, wait ? MPI_ANY_SOURCE : status.MPI_SOURCE,
             question_tag(level), handout_comm, &status);
    *from = status.MPI_SOURCE;
    return 1;
}

void comm_answer(handout_level level, int to, const handout_answer *answer)
{
    MPI_Send(answer, (int)HANDOUT_ANSWER_WORDS, MPI_UINT64_T, to, answer_tag(level), handout_comm);
}

void comm_gather(const void *mine, size_t bytes, void *all)
{
    MPI_Gather(mine, (int)bytes, MPI_BYTE, all, (int)bytes, MPI_BYTE, 0, MPI_COMM_WORLD);
}

void comm_library_version(char *buf, size_t size)
{
    char version[MPI_MAX_LIBRARY_VERSION_STRING];
    int length;
    MPI_Get_library_version(version, &length);
    version[strcspn(version, "\n")] = '\0';
    /* one line of single spaces: MPICH's reads "MPICH Version:<TAB>4.0.2" */
    size_t o = 0;
    for (const char *c = version; *c && o + 1 < size; c++) {
        const char ch = *c == '\t' ? ' ' : *c;
        if (ch != ' ' || (o > 0 && buf[o - 1] != ' '))
            buf[o++] = ch;
    }
    buf[o] = '\0';
}

void comm_abort(int code)
{
    MPI_Abort(MPI_COMM_WORLD, code);
}

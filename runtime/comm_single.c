/*
 * comm_single.c - the one-process environment of the serial and OpenMP drivers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comm.h"

static const char *program_name = "maclaurin";

int comm_init(int *argc, char ***argv, const char *program, char *err, size_t err_size)
{
    (void)argc, (void)argv, (void)err, (void)err_size;
    program_name = program;
    return 0;
}

const char *comm_program(void) { return program_name; }

int comm_finish(int code) { return code; }
int comm_rank(void) { return 0; }
int comm_size(void) { return 1; }
const comm_node_facts *comm_node(void)
{
    static const comm_node_facts one = {.count = 1, .index = 0, .ranks = 1};
    return &one;
}
void comm_barrier(void) {}
void comm_reduce_exact(exact_acc *acc) { (void)acc; }
double comm_reduce_sum(double value) { return value; }
double comm_reduce_max(double value) { return value; }
int comm_broadcast_int(int value) { return value; }
int comm_max_int(int value) { return value; }

/* One process is its node's only one: its pool is its own, and it never
 * asks another node for work (decomposition.c asks only with 2 nodes or
 * more), so the hand-out's messages are never sent. */
static node_pool own_pool;
node_pool *comm_pool_open(void) { return &own_pool; }
static const int own_ranks[1] = {1};
const int *comm_node_ranks(void) { return own_ranks; }
void comm_node_barrier(void) {}

static void no_other_node(void)
{
    fprintf(stderr, "%s: internal error: a hand-out message with no other node\n", program_name);
    abort();
}
void comm_ask(handout_level level, int to, const handout_question *question)
{
    (void)level, (void)to, (void)question, no_other_node();
}
int comm_answered(handout_level level, handout_answer *answer, int wait)
{
    (void)level, (void)answer, (void)wait, no_other_node();
    return 0;
}
int comm_question(handout_level level, handout_question *question, int *from, int wait)
{
    (void)level, (void)question, (void)from, (void)wait, no_other_node();
    return 0;
}
void comm_answer(handout_level level, int to, const handout_answer *answer)
{
    (void)level, (void)to, (void)answer, no_other_node();
}

void comm_gather(const void *mine, size_t bytes, void *all)
{
    memcpy(all, mine, bytes);
}

void comm_library_version(char *buf, size_t size)
{
    snprintf(buf, size, "none (single process)");
}

void comm_abort(int code)
{
    exit(code);
}

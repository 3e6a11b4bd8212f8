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

static uint64_t counter;
int comm_counter_open(void)
{
    counter = 0;
    return 1;
}
uint64_t comm_counter_take(uint64_t n)
{
    uint64_t taken = counter;
    counter += n;
    return taken;
}
void comm_counter_close(void) {}

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

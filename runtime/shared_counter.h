/*
 * shared_counter.h - one 64-bit counter in POSIX shared memory, taken from
 * by the processes of one node with a hardware fetch-and-add.
 *
 * Why not an MPI window: a take here is one atomic instruction, served
 * whether or not any other process is inside MPI, and it needs no one-sided
 * component (Debian's Open MPI disables osc/pt2pt, and osc/sm is gone when
 * a user selects --mca osc pt2pt).  One process creates the counter under a
 * fresh name, the others open that name, and the creator unlinks it once
 * all have it, so nothing is left in /dev/shm after start-up.
 */
#ifndef MACLAURIN_SHARED_COUNTER_H
#define MACLAURIN_SHARED_COUNTER_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define SHARED_COUNTER_NAME_MAX 64

typedef struct {
    _Atomic uint64_t *value;
} shared_counter;

/* Create a counter (at 0) under a new name, written to name; 0, or -1 with
 * a message in err. */
int shared_counter_create(shared_counter *c, char name[SHARED_COUNTER_NAME_MAX], char *err,
                          size_t err_size);

/* Open the counter another process created; 0, or -1 with a message. */
int shared_counter_open(shared_counter *c, const char *name, char *err, size_t err_size);

/* Remove the name (the memory stays until every process has closed it). */
void shared_counter_unlink(const char *name);

void shared_counter_close(shared_counter *c);

static inline void shared_counter_set(shared_counter *c, uint64_t value)
{
    atomic_store_explicit(c->value, value, memory_order_relaxed);
}

/* The counter's value before adding n. */
static inline uint64_t shared_counter_take(shared_counter *c, uint64_t n)
{
    return atomic_fetch_add_explicit(c->value, n, memory_order_relaxed);
}

#endif

/*
 * shared_region.h - a small region of POSIX shared memory, mapped by the
 * processes of one node: where a node's pool (node_pool.h) lives, so that
 * its processes take their blocks with atomic instructions on one cache
 * line instead of messages.
 *
 * Why not an MPI window: a take is one atomic instruction, served whether
 * or not any other process is inside MPI, and it needs no one-sided
 * component (Debian's Open MPI disables osc/pt2pt, and osc/sm is gone when
 * a user selects --mca osc pt2pt).  One process creates the region under a
 * fresh name, the others open that name, and the creator unlinks it once
 * all have it, so nothing is left in /dev/shm after start-up.
 */
#ifndef MACLAURIN_SHARED_REGION_H
#define MACLAURIN_SHARED_REGION_H

#include <stddef.h>

#define SHARED_REGION_NAME_MAX 64

typedef struct {
    void *base;   /* NULL when not mapped */
    size_t bytes;
} shared_region;

/* Create a region of `bytes` zero bytes under a new name, written to name;
 * 0, or -1 with a message in err. */
int shared_region_create(shared_region *r, size_t bytes, char name[SHARED_REGION_NAME_MAX],
                         char *err, size_t err_size);

/* Map the region another process created; 0, or -1 with a message. */
int shared_region_open(shared_region *r, size_t bytes, const char *name, char *err,
                       size_t err_size);

/* Remove the name (the memory stays until every process has closed it). */
void shared_region_unlink(const char *name);

void shared_region_close(shared_region *r);

#endif

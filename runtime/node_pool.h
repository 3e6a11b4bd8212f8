/*
 * node_pool.h - the blocks one node holds, taken by its processes with
 * atomic instructions (in shared memory: shared_region.h), and refilled by
 * the node's leader from the job's coordinator (decomposition.h).
 *
 * The pool holds at most two chunks of blocks: the current one, which the
 * processes are taking ranges from, and the next, which the leader has
 * received and which the first process to find the current one used up
 * makes current.  One 64-bit word says which chunk is current (its
 * generation, 16 bits) and how many of its blocks are taken (48 bits); a
 * process takes a range with one compare-and-swap on that word, after
 * reading the chunk's bounds from its slot (generation g in slot g % 2).
 * The swap succeeds only if the generation is unchanged since the word was
 * read, and a slot is rewritten only for generation g + 2, after g + 1 has
 * become current; so bounds read before a successful swap are the taken
 * range's own, and every block of every chunk is taken exactly once.  (The
 * argument fails only if 65,536 chunks arrive between one process's read
 * and its swap: a node gets at most some hundreds in a run.)
 *
 * Lock-free: a process never waits for another's take, only for the leader
 * when the node has used up all it holds.
 */
#ifndef MACLAURIN_NODE_POOL_H
#define MACLAURIN_NODE_POOL_H

#include <stdatomic.h>
#include <stdint.h>

typedef struct {
    _Atomic uint64_t word;      /* generation << 48 | blocks taken of its chunk */
    _Atomic uint64_t first[2];  /* generation g's chunk: blocks first[g % 2] .. */
    _Atomic uint64_t count[2];  /* .. + count[g % 2] - 1 of the job */
    _Atomic uint64_t ready;     /* the newest generation received (current or next) */
    _Atomic uint64_t final;     /* 1: no chunk comes after `ready` */
    _Atomic uint64_t done;      /* blocks the node's processes have summed */
    _Atomic uint64_t given;     /* blocks the node has received this round, all its chunks */
} node_pool;

_Static_assert(ATOMIC_LLONG_LOCK_FREE == 2,
               "a pool shared between processes needs lock-free 64-bit atomics");

/* The size of a range to take from a chunk of `count` blocks of which
 * `taken` are taken, among `ranks` processes (decomposition_range_size). */
typedef uint64_t (*node_pool_rule)(uint64_t count, uint64_t taken, unsigned ranks);

/* Start a round with one chunk (generation 0); final: it is all there will
 * be.  Only while no process takes (between the node's barriers). */
void node_pool_reset(node_pool *p, uint64_t first, uint64_t count, int final);

enum node_pool_state { NODE_POOL_TAKEN, NODE_POOL_EMPTY, NODE_POOL_DONE };

/* A range for this process, of at most `most` blocks: NODE_POOL_TAKEN with
 * blocks [*first, *first + *count); NODE_POOL_EMPTY when what the node
 * holds is all taken but more may come (try again later); NODE_POOL_DONE
 * when all is taken and nothing more will come. */
enum node_pool_state node_pool_take(node_pool *p, unsigned ranks, node_pool_rule rule,
                                    uint64_t most, uint64_t *first, uint64_t *count);

/* The leader's question: whether to ask for the next chunk now: none held
 * beyond the current one, more may come, and what the node holds and has
 * not summed (its chunks' blocks not taken, and the ranges its processes
 * have taken and not yet summed) is at most half of the current chunk.
 * Summed, not taken: a node's many processes take their first ranges of
 * a chunk at once, and a question asked then would report nothing summed,
 * so that the coordinator could not yet tell a slow node from a fast one. */
int node_pool_wants_more(node_pool *p);

/* The leader adds the chunk it was given (count > 0; only when
 * node_pool_wants_more said so), or says that none will come (count 0). */
void node_pool_add(node_pool *p, uint64_t first, uint64_t count);

/* A process has summed n more blocks; and the node's count so far. */
static inline void node_pool_summed(node_pool *p, uint64_t n) { atomic_fetch_add(&p->done, n); }
static inline uint64_t node_pool_done(node_pool *p) { return atomic_load(&p->done); }

#endif

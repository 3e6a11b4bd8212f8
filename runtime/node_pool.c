/*
 * node_pool.c - the blocks one node holds (node_pool.h).
 *
 * Every access is sequentially consistent: a take is rare (some tens a
 * process in a run) next to the blocks it hands out, and the argument in
 * node_pool.h is simplest stated over one order of all of them.
 */
#include "node_pool.h"

#include <assert.h>

#define GEN_SHIFT 48
#define TAKEN_MASK (((uint64_t)1 << GEN_SHIFT) - 1)
#define GEN_MASK ((uint64_t)0xffff)

static uint64_t generation(uint64_t word) { return word >> GEN_SHIFT; }

void node_pool_reset(node_pool *p, uint64_t first, uint64_t count, int final)
{
    atomic_store(&p->first[0], first);
    atomic_store(&p->count[0], count);
    atomic_store(&p->ready, 0);
    atomic_store(&p->final, (uint64_t)(final != 0));
    atomic_store(&p->done, 0);
    atomic_store(&p->given, count);
    atomic_store(&p->word, 0);
}

enum node_pool_state node_pool_take(node_pool *p, unsigned ranks, node_pool_rule rule,
                                    uint64_t most, uint64_t *first, uint64_t *count)
{
    for (;;) {
        /* final before ready before the word: final is set after the last
         * chunk's ready, so a final read first sees the last ready */
        const uint64_t final = atomic_load(&p->final);
        const uint64_t ready = atomic_load(&p->ready) & GEN_MASK;
        const uint64_t word = atomic_load(&p->word);
        const uint64_t gen = generation(word), taken = word & TAKEN_MASK;
        const uint64_t chunk = atomic_load(&p->count[gen & 1]);
        const uint64_t base = atomic_load(&p->first[gen & 1]);
        if (taken < chunk) {
            uint64_t range = rule(chunk, taken, ranks);
            if (range > most)
                range = most;
            if (range > chunk - taken)
                range = chunk - taken;
            uint64_t expected = word;
            if (atomic_compare_exchange_strong(&p->word, &expected, word + range)) {
                *first = base + taken;
                *count = range;
                return NODE_POOL_TAKEN;
            }
            continue;
        }
        if (ready == ((gen + 1) & GEN_MASK)) {
            /* the next chunk is here: make it current, untaken */
            uint64_t expected = word;
            atomic_compare_exchange_strong(&p->word, &expected, ((gen + 1) & GEN_MASK) << GEN_SHIFT);
            continue;
        }
        /* what was read must still hold: the word unchanged since */
        if (atomic_load(&p->word) != word)
            continue;
        return final && ready == gen ? NODE_POOL_DONE : NODE_POOL_EMPTY;
    }
}

int node_pool_wants_more(node_pool *p)
{
    if (atomic_load(&p->final))
        return 0;
    const uint64_t word = atomic_load(&p->word), gen = generation(word);
    if ((atomic_load(&p->ready) & GEN_MASK) != gen)
        return 0;  /* the next chunk is already here */
    const uint64_t chunk = atomic_load(&p->count[gen & 1]);
    const uint64_t given = atomic_load(&p->given), done = atomic_load(&p->done);
    return done >= given || 2 * (given - done) <= chunk;
}

void node_pool_add(node_pool *p, uint64_t first, uint64_t count)
{
    if (count == 0) {
        atomic_store(&p->final, 1);
        return;
    }
    /* at most one chunk waits behind the current one: a second would
     * take the current one's slot, and no take would ever reach it
     * (ready is read first: a take that makes the waiting chunk current
     * between the two reads cannot make a right add fail this) */
    assert((atomic_load(&p->ready) & GEN_MASK) == generation(atomic_load(&p->word)));
    const uint64_t next = (atomic_load(&p->ready) + 1) & GEN_MASK;
    atomic_store(&p->first[next & 1], first);
    atomic_store(&p->count[next & 1], count);
    atomic_fetch_add(&p->given, count);
    atomic_store(&p->ready, next);
}

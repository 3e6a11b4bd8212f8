/*
 * test_node_pool.c - a node's pool (node_pool.h) in a shared region
 * (shared_region.h), between real processes: one state at a time as the
 * rules say (take, at most so many blocks, empty, the next chunk made
 * current, done, and when the leader should ask for more: half the
 * current chunk taken); then
 * several processes taking one-block ranges at once while the parent, as
 * the leader, adds chunks scattered over the job whenever the pool wants
 * more, so that chunks change under the takers thousands of times: every
 * block of every chunk is taken exactly once, and none outside them.  The
 * region's name is gone once unlinked, and the mapping outlives it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "node_pool.h"
#include "shared_region.h"

#define TAKERS 3
#define CHUNKS 3000
#define JOB ((uint64_t)CHUNKS * 64)  /* blocks; chunk k lies in [64k, 64k + 64) */

static uint64_t one_block(uint64_t count, uint64_t taken, unsigned ranks)
{
    (void)count, (void)taken, (void)ranks;
    return 1;
}

static uint64_t half_left(uint64_t count, uint64_t taken, unsigned ranks)
{
    (void)ranks;
    return (count - taken + 1) / 2;
}

static void states_follow_the_rules(void **state)
{
    (void)state;
    node_pool p;
    uint64_t first, count;
    node_pool_reset(&p, 100, 10, 0);
    assert_false(node_pool_wants_more(&p));  /* all 10 left */
    assert_int_equal(node_pool_take(&p, 2, half_left, UINT64_MAX, &first, &count), NODE_POOL_TAKEN);
    assert_int_equal(first, 100);
    assert_int_equal(count, 5);
    assert_false(node_pool_wants_more(&p));  /* half taken, none summed */
    node_pool_summed(&p, 5);
    assert_true(node_pool_wants_more(&p));   /* half summed */
    assert_int_equal(node_pool_take(&p, 2, half_left, UINT64_MAX, &first, &count), NODE_POOL_TAKEN);
    assert_int_equal(first, 105);
    assert_int_equal(count, 3);
    for (uint64_t next = 108; next < 110; next += count) {
        assert_int_equal(node_pool_take(&p, 2, half_left, UINT64_MAX, &first, &count), NODE_POOL_TAKEN);
        assert_int_equal(first, next);
    }
    assert_int_equal(node_pool_take(&p, 2, half_left, UINT64_MAX, &first, &count), NODE_POOL_EMPTY);
    node_pool_summed(&p, 5);
    assert_int_equal(node_pool_done(&p), 10);
    /* at most `most` blocks a take */
    node_pool_reset(&p, 100, 10, 0);
    assert_int_equal(node_pool_take(&p, 1, half_left, 3, &first, &count), NODE_POOL_TAKEN);
    assert_int_equal(count, 3);
    assert_false(node_pool_wants_more(&p));  /* 3 of 10 taken */
    assert_int_equal(node_pool_take(&p, 1, half_left, 3, &first, &count), NODE_POOL_TAKEN);
    assert_int_equal(first, 103);
    assert_false(node_pool_wants_more(&p));  /* 6 of 10 taken, none summed */
    node_pool_summed(&p, 4);
    assert_false(node_pool_wants_more(&p));  /* 6 unsummed */
    node_pool_summed(&p, 2);
    assert_true(node_pool_wants_more(&p));   /* 4 unsummed */
    node_pool_reset(&p, 100, 10, 0);
    assert_int_equal(node_pool_take(&p, 2, half_left, 3, &first, &count), NODE_POOL_TAKEN);
    assert_int_equal(node_pool_take(&p, 2, half_left, 3, &first, &count), NODE_POOL_TAKEN);
    assert_int_equal(node_pool_take(&p, 2, half_left, UINT64_MAX, &first, &count), NODE_POOL_TAKEN);
    assert_int_equal(first, 106);
    assert_int_equal(count, 2);                /* half of the 4 left */
    for (uint64_t next = 108; next < 110; next += count) {
        assert_int_equal(node_pool_take(&p, 2, half_left, UINT64_MAX, &first, &count), NODE_POOL_TAKEN);
        assert_int_equal(first, next);
    }
    assert_int_equal(node_pool_take(&p, 2, half_left, UINT64_MAX, &first, &count), NODE_POOL_EMPTY);
    node_pool_add(&p, 7, 4);
    assert_false(node_pool_wants_more(&p));  /* the next one is held */
    assert_int_equal(node_pool_take(&p, 2, one_block, UINT64_MAX, &first, &count), NODE_POOL_TAKEN);
    assert_int_equal(first, 7);
    assert_int_equal(count, 1);
    node_pool_add(&p, 0, 0);                 /* nothing more will come */
    assert_false(node_pool_wants_more(&p));
    assert_int_equal(node_pool_take(&p, 2, half_left, UINT64_MAX, &first, &count), NODE_POOL_TAKEN);
    assert_int_equal(first, 8);
    assert_int_equal(count, 2);
    assert_int_equal(node_pool_take(&p, 2, half_left, UINT64_MAX, &first, &count), NODE_POOL_TAKEN);
    assert_int_equal(first, 10);
    assert_int_equal(node_pool_take(&p, 2, half_left, UINT64_MAX, &first, &count), NODE_POOL_DONE);
    /* a round given all at once is done when taken */
    node_pool_reset(&p, 0, 3, 1);
    assert_false(node_pool_wants_more(&p));
    assert_int_equal(node_pool_take(&p, 1, half_left, UINT64_MAX, &first, &count), NODE_POOL_TAKEN);
    assert_int_equal(node_pool_take(&p, 1, half_left, UINT64_MAX, &first, &count), NODE_POOL_TAKEN);
    assert_int_equal(node_pool_take(&p, 1, half_left, UINT64_MAX, &first, &count), NODE_POOL_DONE);
}

/* A taker's loop, in a child: marks every block it takes; exit status 0,
 * or what went wrong. */
static int take_until_done(node_pool *p, unsigned char *seen)
{
    for (;;) {
        uint64_t first, count;
        const enum node_pool_state s = node_pool_take(p, TAKERS + 1, one_block, UINT64_MAX, &first, &count);
        if (s == NODE_POOL_DONE)
            return 0;
        if (s == NODE_POOL_EMPTY)
            continue;
        if (count != 1 || first >= JOB)
            return 4;
        if (__atomic_fetch_add(&seen[first], 1, __ATOMIC_RELAXED) != 0)
            return 5;
        node_pool_summed(p, count);
    }
}

static void every_block_taken_once_across_processes(void **state)
{
    (void)state;
    shared_region r = {0};
    char name[SHARED_REGION_NAME_MAX], err[256];
    assert_int_equal(shared_region_create(&r, sizeof(node_pool), name, err, sizeof err), 0);
    node_pool *p = r.base;
    unsigned char *seen = mmap(NULL, JOB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    unsigned char *inside = calloc(JOB, 1);
    assert_true(seen != MAP_FAILED);
    assert_non_null(inside);
    /* chunk k: blocks 64k + (k % 7) .. of length 1 + k % 50 */
    node_pool_reset(p, 0, 1, 0);
    inside[0] = 1;
    pid_t pids[TAKERS];
    for (int t = 0; t < TAKERS; t++) {
        pids[t] = fork();
        assert_true(pids[t] >= 0);
        if (pids[t] == 0) {
            shared_region mine = {0};
            if (shared_region_open(&mine, sizeof(node_pool), name, err, sizeof err) != 0)
                _exit(3);
            _exit(take_until_done(mine.base, seen));
        }
    }
    for (uint64_t k = 1; k < CHUNKS;) {
        if (!node_pool_wants_more(p))
            continue;
        const uint64_t first = 64 * k + k % 7, count = 1 + k % 50;
        for (uint64_t b = first; b < first + count; b++)
            inside[b] = 1;
        node_pool_add(p, first, count);
        k++;
    }
    while (!node_pool_wants_more(p))
        ;
    node_pool_add(p, 0, 0);
    assert_int_equal(take_until_done(p, seen), 0);
    for (int t = 0; t < TAKERS; t++) {
        int status;
        assert_int_equal(waitpid(pids[t], &status, 0), pids[t]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    uint64_t handed = 0;
    for (uint64_t b = 0; b < JOB; b++) {
        assert_int_equal(seen[b], inside[b]);
        handed += inside[b];
    }
    assert_int_equal(node_pool_done(p), handed);
    shared_region_unlink(name);
    shared_region_close(&r);
    munmap(seen, JOB);
    free(inside);
}

static void unlinked_name_cannot_be_opened(void **state)
{
    (void)state;
    shared_region r = {0}, other = {0};
    char name[SHARED_REGION_NAME_MAX], err[256] = "";
    assert_int_equal(shared_region_create(&r, sizeof(node_pool), name, err, sizeof err), 0);
    node_pool *p = r.base;
    assert_int_equal(atomic_load(&p->word), 0);  /* created zeroed */
    node_pool_reset(p, 41, 5, 1);
    assert_int_equal(shared_region_open(&other, sizeof(node_pool), name, err, sizeof err), 0);
    uint64_t first, count;
    assert_int_equal(node_pool_take(other.base, 1, one_block, UINT64_MAX, &first, &count), NODE_POOL_TAKEN);
    assert_int_equal(first, 41);
    assert_int_equal(node_pool_take(p, 1, one_block, UINT64_MAX, &first, &count), NODE_POOL_TAKEN);
    assert_int_equal(first, 42);
    shared_region_close(&other);
    assert_null(other.base);
    shared_region_unlink(name);
    assert_int_equal(shared_region_open(&other, sizeof(node_pool), name, err, sizeof err), -1);
    assert_non_null(strstr(err, name));
    /* the mapping outlives the name */
    assert_int_equal(node_pool_take(p, 1, one_block, UINT64_MAX, &first, &count), NODE_POOL_TAKEN);
    assert_int_equal(first, 43);
    shared_region_close(&r);
    assert_null(r.base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(states_follow_the_rules),
        cmocka_unit_test(every_block_taken_once_across_processes),
        cmocka_unit_test(unlinked_name_cannot_be_opened),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

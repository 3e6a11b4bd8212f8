/*
 * test_shared_counter.c - the node counter between real processes: every
 * value is taken exactly once when several processes take at once, the
 * name is gone once unlinked, and a second open of an unlinked name fails.
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

#include "shared_counter.h"

#define TAKERS 3
#define TAKES 200000  /* per process, one value at a time */

static void every_value_taken_once_across_processes(void **state)
{
    (void)state;
    shared_counter c = {0};
    char name[SHARED_COUNTER_NAME_MAX], err[256];
    assert_int_equal(shared_counter_create(&c, name, err, sizeof err), 0);
    /* one byte per value, set by whichever process took it */
    const size_t values = (size_t)TAKERS * TAKES;
    unsigned char *seen = mmap(NULL, values, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                               -1, 0);
    assert_true(seen != MAP_FAILED);
    pid_t pids[TAKERS];
    for (int p = 0; p < TAKERS; p++) {
        pids[p] = fork();
        assert_true(pids[p] >= 0);
        if (pids[p] == 0) {
            shared_counter mine = {0};
            if (shared_counter_open(&mine, name, err, sizeof err) != 0)
                _exit(3);
            for (int i = 0; i < TAKES; i++) {
                const uint64_t v = shared_counter_take(&mine, 1);
                if (v >= values || seen[v])
                    _exit(4);
                seen[v] = 1;
            }
            shared_counter_close(&mine);
            _exit(0);
        }
    }
    for (int p = 0; p < TAKERS; p++) {
        int status;
        assert_int_equal(waitpid(pids[p], &status, 0), pids[p]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    assert_int_equal(shared_counter_take(&c, 0), values);
    for (size_t v = 0; v < values; v++)
        assert_int_equal(seen[v], 1);
    shared_counter_unlink(name);
    shared_counter_close(&c);
    munmap(seen, values);
}

static void unlinked_name_cannot_be_opened(void **state)
{
    (void)state;
    shared_counter c = {0}, other = {0};
    char name[SHARED_COUNTER_NAME_MAX], err[256] = "";
    assert_int_equal(shared_counter_create(&c, name, err, sizeof err), 0);
    shared_counter_set(&c, 41);
    assert_int_equal(shared_counter_open(&other, name, err, sizeof err), 0);
    assert_int_equal(shared_counter_take(&other, 1), 41);
    assert_int_equal(shared_counter_take(&c, 1), 42);
    shared_counter_close(&other);
    shared_counter_unlink(name);
    assert_int_equal(shared_counter_open(&other, name, err, sizeof err), -1);
    assert_non_null(strstr(err, name));
    assert_int_equal(shared_counter_take(&c, 0), 43);  /* the mapping outlives the name */
    shared_counter_close(&c);
    assert_null(c.value);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_value_taken_once_across_processes),
        cmocka_unit_test(unlinked_name_cannot_be_opened),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

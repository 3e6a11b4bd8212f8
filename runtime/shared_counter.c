/*
 * shared_counter.c - one 64-bit counter in POSIX shared memory.
 */
#include "shared_counter.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

_Static_assert(ATOMIC_LLONG_LOCK_FREE == 2,
               "a counter shared between processes needs a lock-free 64-bit atomic");

static int map(shared_counter *c, int fd, const char *name, char *err, size_t err_size)
{
    void *p = mmap(NULL, sizeof *c->value, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    const int saved = errno;
    close(fd);
    if (p == MAP_FAILED) {
        snprintf(err, err_size, "mmap of shared memory %s: %s", name, strerror(saved));
        return -1;
    }
    c->value = p;
    return 0;
}

int shared_counter_create(shared_counter *c, char name[SHARED_COUNTER_NAME_MAX], char *err,
                          size_t err_size)
{
    /* The process id and the time make the name unique on this node; a name
     * left by a process killed before it could unlink is never reused. */
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    snprintf(name, SHARED_COUNTER_NAME_MAX, "/maclaurin-%ld-%lld%09ld", (long)getpid(),
             (long long)now.tv_sec, now.tv_nsec);
    const int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        snprintf(err, err_size, "shm_open %s: %s", name, strerror(errno));
        return -1;
    }
    if (ftruncate(fd, sizeof *c->value) != 0) {
        snprintf(err, err_size, "ftruncate of shared memory %s: %s", name, strerror(errno));
        close(fd);
        shm_unlink(name);
        return -1;
    }
    if (map(c, fd, name, err, err_size) != 0) {
        shm_unlink(name);
        return -1;
    }
    shared_counter_set(c, 0);
    return 0;
}

int shared_counter_open(shared_counter *c, const char *name, char *err, size_t err_size)
{
    const int fd = shm_open(name, O_RDWR, 0);
    if (fd < 0) {
        snprintf(err, err_size, "shm_open %s: %s", name, strerror(errno));
        return -1;
    }
    return map(c, fd, name, err, err_size);
}

void shared_counter_unlink(const char *name)
{
    shm_unlink(name);
}

void shared_counter_close(shared_counter *c)
{
    if (c->value)
        munmap((void *)c->value, sizeof *c->value);
    c->value = NULL;
}

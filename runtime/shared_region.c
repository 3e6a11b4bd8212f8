/*
 * shared_region.c - a small region of POSIX shared memory.
 */
#include "shared_region.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static int map(shared_region *r, size_t bytes, int fd, const char *name, char *err,
               size_t err_size)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    const int saved = errno;
    close(fd);
    if (p == MAP_FAILED) {
        snprintf(err, err_size, "mmap of shared memory %s: %s", name, strerror(saved));
        return -1;
    }
    r->base = p;
    r->bytes = bytes;
    return 0;
}

int shared_region_create(shared_region *r, size_t bytes, char name[SHARED_REGION_NAME_MAX],
                         char *err, size_t err_size)
{
    /* The process id and the time make the name unique on this node; a name
     * left by a process killed before it could unlink is never reused. */
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    snprintf(name, SHARED_REGION_NAME_MAX, "/maclaurin-%ld-%lld%09ld", (long)getpid(),
             (long long)now.tv_sec, now.tv_nsec);
    const int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        snprintf(err, err_size, "shm_open %s: %s", name, strerror(errno));
        return -1;
    }
    /* ftruncate zero-fills */
    if (ftruncate(fd, (off_t)bytes) != 0) {
        snprintf(err, err_size, "ftruncate of shared memory %s: %s", name, strerror(errno));
        close(fd);
        shm_unlink(name);
        return -1;
    }
    if (map(r, bytes, fd, name, err, err_size) != 0) {
        shm_unlink(name);
        return -1;
    }
    return 0;
}

int shared_region_open(shared_region *r, size_t bytes, const char *name, char *err,
                       size_t err_size)
{
    const int fd = shm_open(name, O_RDWR, 0);
    if (fd < 0) {
        snprintf(err, err_size, "shm_open %s: %s", name, strerror(errno));
        return -1;
    }
    return map(r, bytes, fd, name, err, err_size);
}

void shared_region_unlink(const char *name)
{
    shm_unlink(name);
}

void shared_region_close(shared_region *r)
{
    if (r->base)
        munmap(r->base, r->bytes);
    r->base = NULL;
    r->bytes = 0;
}

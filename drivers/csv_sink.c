/*
 * csv_sink.c - one locked, atomic append per row.
 *
 * What a results file can suffer, and what is done about it, under the lock:
 *  - a writer killed (SIGKILL) inside its write(): Linux copies a write to a
 *    file page by page and gives up between pages on a fatal signal, so a
 *    row that straddles a page boundary can be cut short.  The next writer
 *    finds the file not ending in a newline and truncates the torn tail
 *    before it appends, so a torn row never merges with the next one and a
 *    torn header is written again whole;
 *  - a write that fails part-way (ENOSPC, EIO): the file is truncated back
 *    to where the row began;
 *  - the file removed during the run (its directory deleted, say): the rows
 *    would go on into an unlinked file nobody can read, so the append fails
 *    with ENOENT instead.
 */
#include "csv_sink.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

int csv_sink_open(csv_sink *sink, const char *path, char *why, size_t why_size)
{
    *sink = (csv_sink){ .fd = -1 };
    if (strcmp(path, "-") == 0) {
        sink->fd = STDOUT_FILENO;
        sink->is_stdout = 1;
        return 0;
    }
    /* Read access only serves the torn-tail check; a write-only file still works. */
    sink->fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (sink->fd < 0 && errno == EACCES)
        sink->fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (sink->fd < 0) {
        snprintf(why, why_size, "cannot open for appending: %s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(sink->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(why, why_size, "is a directory");
        close(sink->fd);
        sink->fd = -1;
        return -1;
    }
    return 0;
}

static int write_all(int fd, const char *data, size_t size)
{
    while (size > 0) {
        ssize_t n = write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += n;
        size -= (size_t)n;
    }
    return 0;
}

/* The length of the file up to and including its last newline (0 if none):
 * anything after it is a row cut short by a writer that died. */
static off_t whole_lines_length(int fd, off_t size)
{
    char buf[4096];
    for (off_t end = size; end > 0;) {
        size_t chunk = end < (off_t)sizeof buf ? (size_t)end : sizeof buf;
        if (end == size)
            chunk = 1;  /* almost always the last byte is a newline */
        ssize_t n = pread(fd, buf, chunk, end - (off_t)chunk);
        if (n != (ssize_t)chunk)
            return size;  /* cannot read (a write-only file): leave it as it is */
        for (size_t i = chunk; i-- > 0;)
            if (buf[i] == '\n')
                return end - (off_t)chunk + (off_t)i + 1;
        end -= (off_t)chunk;
    }
    return 0;
}

static int lock(int fd)
{
    int rc;
    while ((rc = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
        ;
    return rc == 0;  /* pipes and ttys cannot be locked */
}

int csv_sink_append(csv_sink *sink, const char *header, const char *row)
{
    int locked = lock(sink->fd);
    struct stat st;
    int regular = !sink->is_stdout && fstat(sink->fd, &st) == 0 && S_ISREG(st.st_mode);
    off_t size = 0;
    int rc = -1;
    if (regular && st.st_nlink == 0) {
        errno = ENOENT;  /* removed since it was opened */
        goto out;
    }
    if (regular) {
        size = whole_lines_length(sink->fd, st.st_size);
        if (size < st.st_size && ftruncate(sink->fd, size) != 0)
            goto out;
    }
    /* A pipe or terminal has no size to tell: its first row gets the header. */
    int need_header = regular ? size == 0 : !sink->header_done;
    size_t header_len = need_header ? strlen(header) : 0, row_len = strlen(row);
    char *line = malloc(header_len + row_len);
    if (!line)
        goto out;
    memcpy(line, header, header_len);
    memcpy(line + header_len, row, row_len);
    rc = write_all(sink->fd, line, header_len + row_len);
    free(line);
    if (rc == 0 && need_header)
        sink->header_done = 1;
    if (rc != 0 && regular) {
        int saved = errno;
        if (ftruncate(sink->fd, size) != 0) {
            /* left as it is for the next writer's torn-tail check */
        }
        errno = saved;
    }
out:
    if (locked) {
        int saved = errno;
        flock(sink->fd, LOCK_UN);
        errno = saved;
    }
    return rc;
}

void csv_sink_close(csv_sink *sink)
{
    if (sink->fd >= 0 && !sink->is_stdout)
        close(sink->fd);
    sink->fd = -1;
}

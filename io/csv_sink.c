/*
 * csv_sink.c - one locked, atomic append per row.
 *
 * What a results file can suffer, and what is done about it, under the lock:
 *  - a writer killed (SIGKILL) inside its write(): Linux copies a write to a
 *    file page by page and gives up between pages on a fatal signal, so a
 *    row that straddles a page boundary can be cut short.  The next writer
 *    finds the file not ending in a newline and truncates the torn tail
 *    before it appends, so a torn row never merges with the next one and a
 *    torn header is written again whole (only in a file that begins with
 *    the header: another file given by mistake is never cut);
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

int csv_sink_open(csv_sink *sink, const char *path, const char *header, char *why,
                  size_t why_size)
{
    *sink = (csv_sink){ .fd = -1 };
    if (strcmp(path, "-") == 0) {
        sink->fd = STDOUT_FILENO;
        sink->is_stdout = 1;
        return 0;
    }
    /*
     * A regular file (or a new one) is opened for reading too, for the
     * torn-tail check; a pipe or device exactly as for writing, so that a
     * reader going away still gives SIGPIPE instead of a full pipe.
     */
    const int flags = O_APPEND | O_CREAT | O_CLOEXEC;
    struct stat before;
    int regular = stat(path, &before) != 0 || S_ISREG(before.st_mode);
    sink->fd = open(path, (regular ? O_RDWR : O_WRONLY) | flags, 0644);
    if (sink->fd < 0 && regular && errno == EACCES)  /* write-only: no check */
        sink->fd = open(path, O_WRONLY | flags, 0644);
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
    /* Rows go only under their own header: a file that begins otherwise
     * (another version's columns, another file) is refused, not mixed. */
    if (regular && S_ISREG(st.st_mode) && st.st_size > 0) {
        const size_t header_len = strlen(header);
        const size_t head = (size_t)st.st_size < header_len ? (size_t)st.st_size : header_len;
        char buf[1024];
        if (head <= sizeof buf && pread(sink->fd, buf, head, 0) == (ssize_t)head &&
            memcmp(buf, header, head) != 0) {
            snprintf(why, why_size, "its first line is not this version's header "
                                    "(another version's columns?): give a new file");
            close(sink->fd);
            sink->fd = -1;
            return -1;
        }
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

/*
 * The length of the file without a torn row at its end: up to and
 * including the last newline.  Only our own results file is cut, one that
 * begins with the header (or a piece of it, a torn header), and only a
 * tail shorter than any row can be: anything else is left as it is.
 */
#define TORN_MAX 4096  /* report.c writes rows of under 1024 bytes */
static off_t whole_rows_length(int fd, off_t size, const char *header)
{
    char buf[TORN_MAX];
    const off_t header_len = (off_t)strlen(header);
    const size_t head = (size_t)(size < header_len ? size : header_len);
    if (pread(fd, buf, head, 0) != (ssize_t)head || memcmp(buf, header, head) != 0)
        return size;            /* not ours, or not readable */
    if (size <= header_len)
        return size == header_len ? size : 0;
    if (pread(fd, buf, 1, size - 1) == 1 && buf[0] == '\n')
        return size;            /* the usual case: ends in a whole row */
    off_t from = size - TORN_MAX > header_len ? size - TORN_MAX : header_len;
    size_t n = (size_t)(size - from);
    if (pread(fd, buf, n, from) != (ssize_t)n)
        return size;
    for (size_t i = n; i-- > 0;)
        if (buf[i] == '\n')
            return from + (off_t)i + 1;
    return from == header_len ? header_len : size;
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
        size = whole_rows_length(sink->fd, st.st_size, header);
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

/*
 * csv_sink.c - one locked, atomic append per row.
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

int csv_sink_append(csv_sink *sink, const char *header, const char *row)
{
    int locked = flock(sink->fd, LOCK_EX) == 0;  /* pipes and ttys cannot be locked */
    int need_header;
    if (sink->is_stdout) {
        need_header = !sink->header_done;
    } else {
        struct stat st;
        need_header = fstat(sink->fd, &st) == 0 && st.st_size == 0;
    }
    size_t header_len = need_header ? strlen(header) : 0, row_len = strlen(row);
    char *line = malloc(header_len + row_len);
    int rc = -1;
    if (line) {
        memcpy(line, header, header_len);
        memcpy(line + header_len, row, row_len);
        rc = write_all(sink->fd, line, header_len + row_len);
        free(line);
    }
    if (rc == 0 && need_header)
        sink->header_done = 1;
    int saved = errno;
    if (locked)
        flock(sink->fd, LOCK_UN);
    errno = saved;
    return rc;
}

void csv_sink_close(csv_sink *sink)
{
    if (sink->fd >= 0 && !sink->is_stdout)
        close(sink->fd);
    sink->fd = -1;
}

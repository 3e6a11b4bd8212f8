/*
 * csv_sink.h - appending rows to a results file safely.
 */
#ifndef MACLAURIN_CSV_SINK_H
#define MACLAURIN_CSV_SINK_H

#include <stddef.h>

typedef struct {
    int fd;
    int is_stdout;
    int header_done;   /* not a regular file: header already written */
} csv_sink;

/* Open path for appending ("-": standard output); a regular file that is
 * not empty must begin with header (or a piece of it, a torn header).
 * Returns 0, or -1 with the reason in why. */
int csv_sink_open(csv_sink *sink, const char *path, const char *header, char *why,
                  size_t why_size);

/*
 * Append one row (ending in a newline), preceded by the header if the file
 * is empty.  The row goes out in one write() on an O_APPEND descriptor
 * under an exclusive flock, so rows from concurrent writers never
 * interleave and only the first writer of an empty file writes the header.
 * A torn row left by a killed writer is removed first, a failed write is
 * undone, and a file removed since it was opened fails with ENOENT (see
 * csv_sink.c).  Returns 0, or -1 with errno set.
 */
int csv_sink_append(csv_sink *sink, const char *header, const char *row);

void csv_sink_close(csv_sink *sink);

#endif

/*
 * csv_check.h - is a results file exactly what csv_sink writes?
 *
 * The reader behind maclaurin_csvcheck, which the crash-safety tests use to
 * prove that killed and concurrent writers leave well-formed files, and a
 * fuzzing target.  A file passes when it is empty, or its first line is a
 * header, every other line is a complete row of the right fields, and
 * every line ends in a newline.  The headers known are those of
 * csv_columns.h: the drivers' (this version's or an older format's),
 * either followed by more columns named in lower case (a sweep's: any
 * text, RFC 4180 quoting), the bench's (scripts/bench) and compare's
 * (analysis/maclaurin_analysis/peers.py).
 */
#ifndef MACLAURIN_CSV_CHECK_H
#define MACLAURIN_CSV_CHECK_H

#include <stddef.h>

/* One driver row of this version's format, without its newline: NULL, or
 * why it is not one. */
const char *csv_check_row(const char *line, size_t len);

/*
 * A whole file's bytes: NULL with the number of rows in *rows, or why not
 * with the 1-based number of the first bad line in *bad_line.
 */
const char *csv_check_file(const char *data, size_t size, size_t *rows, size_t *bad_line);

#endif

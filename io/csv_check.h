/*
 * csv_check.h - is a results file exactly what csv_sink writes?
 *
 * The reader behind maclaurin_csvcheck, which the crash-safety tests use to
 * prove that killed and concurrent writers leave well-formed files, and a
 * fuzzing target.  A file passes when it is empty, or its first line is a
 * header, every other line is a complete row of the right fields, and
 * every line ends in a newline.  Four headers are known: the drivers'
 * (report_csv_header), the drivers' followed by more columns named in
 * lower case (a sweep's provenance, any text, RFC 4180 quoting), the
 * bench's (scripts/bench) and compare's (scripts/lib/compare_data.py).
 */
#ifndef MACLAURIN_CSV_CHECK_H
#define MACLAURIN_CSV_CHECK_H

#include <stddef.h>

/* One driver row, without its newline: NULL, or why it is not one. */
const char *csv_check_row(const char *line, size_t len);

/*
 * A whole file's bytes: NULL with the number of rows in *rows, or why not
 * with the 1-based number of the first bad line in *bad_line.
 */
const char *csv_check_file(const char *data, size_t size, size_t *rows, size_t *bad_line);

#endif

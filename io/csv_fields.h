/*
 * csv_fields.h - one CSV line cut into its fields (RFC 4180 quoting), for
 * the results-file checker and the CSV-to-TSV converter the scripts read
 * results through.
 */
#ifndef MACLAURIN_CSV_FIELDS_H
#define MACLAURIN_CSV_FIELDS_H

#include <stddef.h>

/* A field's text inside the line; a quoted field's without its quotes, its
 * "" pairs still doubled (csv_field_unquote undoes them). */
typedef struct {
    const char *text;
    size_t len;
} field;

/*
 * Split a line (no newline) into at most max fields: a field that starts
 * with a double quote runs to the next lone one ("" inside stands for one
 * quote) and must be followed by a comma or the end.  Returns NULL with
 * the count in *n, or why the line is not CSV.
 */
const char *split_fields(const char *line, size_t len, field *f, size_t max, size_t *n);

/* The field's value into out (size >= f.len + 1): "" pairs made single. */
void csv_field_unquote(field f, char *out);

#endif

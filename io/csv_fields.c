/*
 * csv_fields.c - one CSV line cut into its fields (RFC 4180 quoting).
 */
#include "csv_fields.h"

#include <string.h>

/*
 * Split a line (no newline) into at most max fields, RFC 4180 style: a
 * field that starts with a double quote runs to the next lone one (""
 * inside stands for one quote) and must be followed by a comma or the
 * end.  A quoted field's text excludes its quotes.  Returns NULL, or why.
 */
const char *split_fields(const char *line, size_t len, field *f, size_t max, size_t *n)
{
    *n = 0;
    for (size_t start = 0;;) {
        size_t end;
        field one;
        if (start < len && line[start] == '"') {
            end = start + 1;
            while (end < len && !(line[end] == '"' && (end + 1 == len || line[end + 1] != '"')))
                end += line[end] == '"' ? 2 : 1;
            if (end >= len)
                return "a quoted field has no closing quote";
            one = (field){ line + start + 1, end - start - 1 };
            end++;
            if (end < len && line[end] != ',')
                return "text after a closing quote";
        } else {
            const char *comma = memchr(line + start, ',', len - start);
            end = comma ? (size_t)(comma - line) : len;
            one = (field){ line + start, end - start };
            if (memchr(one.text, '"', one.len))
                return "a quote inside an unquoted field";
        }
        if (*n == max)
            return "more fields than the header names";
        f[(*n)++] = one;
        if (end == len)
            return NULL;
        start = end + 1;
    }
}

void csv_field_unquote(field f, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < f.len; i++) {
        out[o++] = f.text[i];
        if (f.text[i] == '"' && i + 1 < f.len && f.text[i + 1] == '"')
            i++;
    }
    out[o] = '\0';
}

/*
 * maclaurin_csv2tsv.c - results CSV to tab-separated text, for the scripts.
 *
 * Usage: maclaurin_csv2tsv [FILE]   (standard input without FILE)
 * Each line's fields, RFC 4180 quoting undone ("" to "), separated by tabs;
 * a tab or carriage return inside a value becomes a space.  The analysis
 * scripts read results through this, so that quoted values with commas in
 * them (an MPI library's description) survive.  A line that is not CSV
 * (an unclosed quote, a row torn by a killed writer) is written empty, and
 * the scripts leave it out as incomplete; the last line is written even
 * without its newline.  Exit status: 0, 1 when the file cannot be read, 2
 * usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_fields.h"

#define MAX_FIELDS 256

static void write_line(const char *line, size_t len, FILE *out)
{
    static field f[MAX_FIELDS];
    size_t n;
    if (split_fields(line, len, f, MAX_FIELDS, &n) == NULL) {
        char *value = malloc(len + 1);
        if (!value)
            exit(1);
        for (size_t i = 0; i < n; i++) {
            csv_field_unquote(f[i], value);
            for (char *c = value; *c; c++)
                if (*c == '\t' || *c == '\r')
                    *c = ' ';
            fputs(value, out);
            if (i + 1 < n)
                fputc('\t', out);
        }
        free(value);
    }
    fputc('\n', out);
}

int main(int argc, char **argv)
{
    if (argc > 2 || (argc == 2 && argv[1][0] == '-' && argv[1][1] != '\0')) {
        fprintf(stderr, "usage: maclaurin_csv2tsv [FILE]\n");
        return 2;
    }
    FILE *in = argc == 2 && strcmp(argv[1], "-") != 0 ? fopen(argv[1], "r") : stdin;
    if (!in) {
        fprintf(stderr, "maclaurin_csv2tsv: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, in)) > 0) {
        size_t len = (size_t)got;
        if (line[len - 1] == '\n')
            len--;
        write_line(line, len, stdout);
    }
    free(line);
    int failed = ferror(in);
    if (in != stdin)
        fclose(in);
    if (failed) {
        fprintf(stderr, "maclaurin_csv2tsv: %s: read error\n", argc == 2 ? argv[1] : "stdin");
        return 1;
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

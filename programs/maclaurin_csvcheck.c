/*
 * maclaurin_csvcheck.c - check results files: one header, whole rows only.
 *
 * Usage: maclaurin_csvcheck FILE...
 * Prints "FILE: N rows, well-formed" for each good file, "FILE:LINE: why"
 * on stderr for a bad one.  Exit status: 0 all good, 1 a bad or unreadable
 * file, 2 usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_check.h"

/* The whole file in memory (results files are small); NULL on error. */
static char *read_all(const char *path, size_t *size)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *data = malloc(cap);
    while (data) {
        n += fread(data + n, 1, cap - n, in);
        if (n < cap)
            break;
        char *bigger = realloc(data, cap *= 2);
        if (!bigger)
            free(data);
        data = bigger;
    }
    int failed = ferror(in);
    fclose(in);
    if (failed) {
        free(data);
        errno = EIO;
        return NULL;
    }
    *size = n;
    return data;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: maclaurin_csvcheck FILE...\n");
        return 2;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        size_t size, rows, line;
        char *data = read_all(argv[i], &size);
        if (!data) {
            fprintf(stderr, "maclaurin_csvcheck: %s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        const char *why = csv_check_file(data, size, &rows, &line);
        free(data);
        if (why) {
            fprintf(stderr, "%s:%zu: %s\n", argv[i], line, why);
            status = 1;
        } else {
            printf("%s: %zu rows, well-formed\n", argv[i], rows);
        }
    }
    return status;
}

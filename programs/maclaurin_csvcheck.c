/*
 * maclaurin_csvcheck.c - check results files: one header, whole rows only;
 * and say what the columns are.
 *
 * Usage: maclaurin_csvcheck FILE...
 *        maclaurin_csvcheck --header KIND     the header line of KIND's files
 *        maclaurin_csvcheck --columns [KIND]  their columns, a Markdown list
 * KIND: run (the drivers', the default), bench or compare.
 * Prints "FILE: N rows, well-formed" for each good file, "FILE:LINE: why"
 * on stderr for a bad one ("FILE: is a directory, ..." for a directory,
 * with the files in it to give instead).  Exit status: 0 all good, 1 a bad
 * or unreadable file or a directory, 2 usage.  The scripts take the headers from --header, and the
 * documents' column lists are --columns' output (the CLI suite compares
 * them), so that csv_columns.h's tables are the only copy.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv_check.h"
#include "csv_columns.h"

static const char usage[] =
    "usage: maclaurin_csvcheck FILE...\n"
    "       maclaurin_csvcheck --header run|bench|compare\n"
    "       maclaurin_csvcheck --columns [run|bench|compare]\n";

/* One of the drivers' columns: its name, then the format that added it
 * where that is not the first, and its earlier names. */
static void print_run_column(enum csv_run_column column, const char *meaning)
{
    char notes[256] = "";
    size_t used = 0;
    const enum csv_run_format since = csv_run_since(column);
    if (since != CSV_1_0)
        used += (size_t)snprintf(notes, sizeof notes, "from %s", csv_run_format_name(since));
#define RENAMED(name, old, from)                                                             \
    if (column == CSV_RUN_##name && used < sizeof notes)                                     \
        used += (size_t)snprintf(notes + used, sizeof notes - used, "%s`%s` before %s",      \
                                 used ? "; " : "", #old, csv_run_format_name(from));
    CSV_RUN_RENAMES(RENAMED)
#undef RENAMED
    printf("- `%s`%s%s%s: %s\n", csv_run_name(column, CSV_RUN_CURRENT), *notes ? " (" : "", notes,
           *notes ? ")" : "", meaning);
}

/* --columns KIND: a Markdown list, one column an item, in the file's order. */
static int print_columns(const char *kind)
{
#define RUN_ITEM(name, since, meaning) print_run_column(CSV_RUN_##name, meaning);
#define ITEM(name, since, meaning)                                                      \
    printf("- `%s`%s%s%s: %s\n", #name, since != CSV_TABLE_1_0 ? " (from " : "",           \
           since != CSV_TABLE_1_0 ? csv_table_format_name(since) : "", since != CSV_TABLE_1_0 ? ")" : "", \
           meaning);
    if (strcmp(kind, "run") == 0) {
        CSV_RUN_COLUMNS(RUN_ITEM)
    } else if (strcmp(kind, "bench") == 0) {
        CSV_BENCH_COLUMNS(ITEM)
    } else if (strcmp(kind, "compare") == 0) {
        CSV_COMPARE_COLUMNS(ITEM)
    } else {
        fprintf(stderr, "maclaurin_csvcheck: invalid --columns '%s': not run, bench or compare\n", kind);
        return 2;
    }
#undef RUN_ITEM
#undef ITEM
    return 0;
}

/* --header KIND: the header line that KIND's files begin with. */
static int print_header(const char *kind)
{
    const char *header = strcmp(kind, "run") == 0       ? CSV_RUN_HEADER
                         : strcmp(kind, "bench") == 0   ? CSV_BENCH_HEADER
                         : strcmp(kind, "compare") == 0 ? CSV_COMPARE_HEADER
                                                        : NULL;
    if (!header) {
        fprintf(stderr, "maclaurin_csvcheck: invalid --header '%s': not run, bench or compare\n", kind);
        return 2;
    }
    fputs(header, stdout);
    return 0;
}

/* The whole file in memory (results files are small); NULL on error, with
 * errno set (EISDIR for a directory, which fopen opens and fread fails). */
static char *read_all(const char *path, size_t *size)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return NULL;
    struct stat st;
    if (fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(in);
        errno = EISDIR;
        return NULL;
    }
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
    int failed = ferror(in) ? (errno ? errno : EIO) : 0;
    fclose(in);
    if (failed || !data) {
        free(data);
        errno = failed ? failed : ENOMEM;
        return NULL;
    }
    *size = n;
    return data;
}

int main(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        fputs(usage, stdout);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--header") == 0)
        return print_header(argv[2]);
    if ((argc == 2 || argc == 3) && strcmp(argv[1], "--columns") == 0)
        return print_columns(argc == 3 ? argv[2] : "run");
    if (argc < 2 || argv[1][0] == '-') {
        fputs(usage, stderr);
        return 2;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        size_t size, rows, line;
        char *data = read_all(argv[i], &size);
        if (!data && errno == EISDIR) {
            /* a results directory given for its files: say what to give */
            int len = (int)strlen(argv[i]);
            while (len > 1 && argv[i][len - 1] == '/')
                len--;
            fprintf(stderr,
                    "maclaurin_csvcheck: %s: is a directory, not a CSV file (give the files "
                    "in it: maclaurin_csvcheck %.*s%s*.csv)\n",
                    argv[i], len, argv[i], len > 0 && argv[i][len - 1] == '/' ? "" : "/");
            status = 1;
            continue;
        }
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

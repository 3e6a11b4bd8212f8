/*
 * fuzz_csv_check.c - libFuzzer target: the results-file reader.
 *
 * Any bytes: csv_check_file must not crash, and a file it accepts has one
 * row per line after the header.  And the writer against the reader: a row
 * that report_csv_row writes from facts taken from the input (any doubles,
 * nan and inf included, any counts, any bytes as CPU model and MPI library,
 * any printable text as the launcher's binding)
 * must be accepted, alone and after the header.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "csv_check.h"
#include "report.h"

/* What the driver may put in a row, read from the input. */
typedef struct {
    double x, seconds, result, abs_err, bound, peak;
    long double reference;
    uint64_t terms;
    uint32_t ranks, threads, rep;
    uint8_t kernel, reduction, verified, host_len;
    char host[24];
    char model[40], library[40];  /* any bytes: the writer must quote them */
} fuzz_facts;

static void writer_against_reader(const uint8_t *data, size_t size)
{
    static const series_kernel kernels[] = { { "simd", NULL, "" }, { "scalar", NULL, "" },
                                             { "pow", NULL, "" } };
    static const char *const drivers[] = { "maclaurin_serial", "maclaurin_omp", "maclaurin_mpi" };
    fuzz_facts in;
    if (size < sizeof in)
        return;
    memcpy(&in, data, sizeof in);

    /* What options_parse and the driver guarantee about them. */
    options opt = {
        .terms = in.terms % 9223372036854775807ull + 1,
        .x = isfinite(in.x) ? fmod(in.x, 1.0) : 0.5,
        .kernel = &kernels[in.kernel % 3],
        .reduction = in.reduction % 2 ? REDUCTION_PLAIN : REDUCTION_EXACT,
    };
    run_facts f = {
        .driver = drivers[in.rep % 3],
        .opt = &opt,
        .ranks = (int)(in.ranks % 1000000) + 1,
        .threads = (int)(in.threads % 4096) + 1,
        .result = in.result,
        .reference = in.reference,
        .abs_err = in.abs_err,
        .bound = in.bound,
        .peak = in.peak,
    };
    size_t host_len = 1 + in.host_len % (sizeof in.host - 1);
    static const char host_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_";
    for (size_t i = 0; i < host_len; i++)
        f.host[i] = host_chars[(uint8_t)in.host[i] % (sizeof host_chars - 1)];
    /* this machine, but any bytes as its CPU's name */
    machine_facts machine = *machine_self();
    memcpy(machine.model_name, in.model, sizeof in.model);
    machine.model_name[sizeof in.model - 1] = '\0';
    f.machine = &machine;
    memcpy(f.library, in.library, sizeof in.library);
    f.library[sizeof in.library - 1] = '\0';
    /* a launcher's binding: any printable ASCII, which is what --tag takes */
    char binding[sizeof in.library];
    for (size_t i = 0; i < sizeof binding; i++)
        binding[i] = (char)(0x20 + (uint8_t)in.library[i] % 95);
    binding[sizeof binding - 1] = '\0';
    opt.tag[CSV_TAG_binding] = binding;
    const double seconds = isfinite(in.seconds) ? fabs(in.seconds) : 1.0;

    static char row[REPORT_ROW_MAX], file[REPORT_ROW_MAX + 1024];
    report_csv_row(row, sizeof row, &f, (int)(in.rep % 1000000), seconds, in.verified % 2);
    size_t len = strlen(row);
    require(len > 0 && row[len - 1] == '\n', "row without a newline: %s", row);
    const char *why = csv_check_row(row, len - 1);
    require(!why, "row written by report_csv_row refused (%s): %s", why, row);
    snprintf(file, sizeof file, "%s%s", report_csv_header, row);
    size_t rows, line;
    why = csv_check_file(file, strlen(file), &rows, &line);
    require(!why && rows == 1, "file refused at line %zu (%s): %s", line, why ? why : "", file);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t rows, line, newlines = 0;
    if (!csv_check_file((const char *)data, size, &rows, &line)) {
        for (size_t i = 0; i < size; i++)
            newlines += data[i] == '\n';
        require(size == 0 ? rows == 0 : rows + 1 == newlines, "%zu rows in %zu lines", rows,
                newlines);
        require(size == 0 || data[size - 1] == '\n', "accepted a file not ending in a newline");
    }
    writer_against_reader(data, size);
    return 0;
}

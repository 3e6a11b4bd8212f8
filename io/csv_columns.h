/*
 * csv_columns.h - the columns of every CSV file maclaurin writes, one table
 * each: the drivers' rows (report.c), the bench's (scripts/bench) and
 * compare's (analysis/maclaurin_analysis/peers.py).
 *
 * Everything that knows a column gets it from here: the header lines, the
 * drivers' row writer (one field per column, by its enum), the checker
 * (maclaurin_csvcheck: columns found by name), the scripts (they take the
 * headers from `maclaurin_csvcheck --header KIND`) and the column lists in
 * docs/usage.md and docs/compare.md (`maclaurin_csvcheck --columns KIND`,
 * which the CLI suite compares with the documents).  A column is added or
 * renamed here and nowhere else by hand: for the drivers', with a new
 * format in CSV_RUN_FORMATS where the coming release has none yet; then
 * the documents' lists are pasted from --columns.
 *
 * Each table is an X-macro list: X(name, ...) once per column, in the
 * order of the file.  The meaning is one line of Markdown.
 */
#ifndef MACLAURIN_CSV_COLUMNS_H
#define MACLAURIN_CSV_COLUMNS_H

/*
 * The drivers' formats: one for each release whose header differed, oldest
 * first, each named by that release; the header itself is the version mark
 * (a file holds no other), so a format is its list of column names.  Older
 * formats stay here for as long as files of them may exist: the checker
 * accepts each of them, the drivers append only under the newest.
 */
#define CSV_RUN_FORMATS(X) \
    X(CSV_1_0, "1.0")      \
    X(CSV_1_1, "1.1")      \
    X(CSV_1_2, "1.2")      \
    X(CSV_1_3, "1.3")      \
    X(CSV_1_4, "1.4")

#define CSV_FORMAT_ENUM_(id, label) id,
enum csv_run_format { CSV_RUN_FORMATS(CSV_FORMAT_ENUM_) CSV_RUN_FORMAT_COUNT };
#define CSV_RUN_CURRENT (CSV_RUN_FORMAT_COUNT - 1)

/*
 * X(name, since, meaning): what identifies a machine's CPU, read from
 * /proc/cpuinfo (runtime/machine.c), in the drivers', bench and compare
 * rows alike: each table gives the format that added them to it.  A
 * driver's row describes rank 0's host, the one that ran the process (of
 * a simulated row: the machine that ran the simulation, not a simulated
 * host, which platform and host_speed name).
 */
#define CSV_CPU_COLUMNS(X, since)                                                               \
    X(cpu_vendor, since, "the CPU's vendor (`AuthenticAMD`, `GenuineIntel`, ...)")              \
    X(cpu_family, since, "its family number (`unknown` where the system does not say)")         \
    X(cpu_model_number, since, "its model number (`unknown` likewise)")                         \
    X(cpu_stepping, since, "its stepping (`unknown` likewise)")                                 \
    X(cpu_uarch, since,                                                                         \
      "its microarchitecture where vendor, family and model say it (`zen3`, `zen5`, "           \
      "`sapphire-rapids`, ...), else `unknown`")                                                \
    X(hypervisor, since, "1 when the host is a virtual machine (its CPU flags say so), else 0") \
    X(machine_id, since,                                                                        \
      "the machine: vendor, family.model.stepping, CPUs online and a hash of the host name "    \
      "(`amd-26.2.0-2cpu-1a2b3c`), so that two hosts of one name are told apart")

/*
 * X(name, since, meaning): the drivers' columns under their current names,
 * each from the format that added it.  Columns are only ever added at the
 * end, so that every older format is a prefix of this list (under the
 * names it used: CSV_RUN_RENAMES).
 */
#define CSV_RUN_COLUMNS(X)                                                                        \
    X(driver, CSV_1_0, "the program: `maclaurin_serial`, `maclaurin_omp` or `maclaurin_mpi`")     \
    X(series, CSV_1_0, "the series summed: `inv_one_minus_x`, x^k for k = 0 .. N-1")              \
    X(kernel, CSV_1_0, "the block kernel (`--kernel`): `simd`, `scalar` or `pow`")                \
    X(reduction, CSV_1_0, "`exact` (the same bits on any layout) or `plain` (`--reduction`)")     \
    X(simd, CSV_1_0, "the build's vector instructions: `avx512`, `avx2`, `sse2`, `neon`, ...")    \
    X(x, CSV_1_0, "the point x (`%.17g`)")                                                        \
    X(terms, CSV_1_0, "N, the number of terms")                                                   \
    X(ranks, CSV_1_0, "MPI ranks (1 for the serial and OpenMP drivers)")                          \
    X(threads, CSV_1_0, "OpenMP threads in each rank")                                            \
    X(rep, CSV_1_0, "the timed repetition, from 0 (after the untimed warm-up, if any)")                   \
    X(seconds, CSV_1_0, "the slowest rank's time, from a barrier to the reduction's end")         \
    X(terms_per_s, CSV_1_0, "terms / seconds")                                                    \
    X(result, CSV_1_0, "the sum (`%.17g`)")                                                       \
    X(result_hex, CSV_1_0, "the same sum to the bit (`%a`)")                                      \
    X(reference, CSV_1_0, "the closed form (1 - x^N)/(1 - x), in long double")                    \
    X(abs_err, CSV_1_0, "|result - reference|")                                                   \
    X(bound, CSV_1_0, "the error allowed: the tolerance times the sum of |x|^k")                  \
    X(verified, CSV_1_0, "1 when abs_err <= bound, else 0")                                       \
    X(peak_fraction, CSV_1_0,                                                                     \
      "terms/s over the measured FMA peak of the cores the workers occupy (empty when unknown)")  \
    X(host, CSV_1_0, "rank 0's host name")                                                        \
    X(timestamp, CSV_1_0, "when the row was written, UTC (`YYYY-MM-DDTHH:MM:SSZ`)")               \
    X(compiler, CSV_1_1, "the compiler, as it names itself")                                      \
    X(cflags, CSV_1_1, "the build's `CFLAGS`")                                                    \
    X(git_rev, CSV_1_1, "the sources' revision (`-dirty` with uncommitted changes)")              \
    X(cpu_model, CSV_1_1, "rank 0's CPU, as /proc/cpuinfo names it")                              \
    X(cpus_online, CSV_1_1,                                                                       \
      "the CPUs online on each host the ranks ran on, summed over the hosts (a simulated host's " \
      "cores; in 1.1, rank 0's host only)")                                                       \
    X(nodes, CSV_1_1, "how many distinct hosts the ranks ran on")                                 \
    X(hosts, CSV_1_1, "their names, `;` between, in rank order")                                  \
    X(omp_proc_bind, CSV_1_1, "`OMP_PROC_BIND` as the run saw it (`none` when unset)")            \
    X(omp_places, CSV_1_1, "`OMP_PLACES` as the run saw it (`none` when unset)")                  \
    X(slurm_job_id, CSV_1_1, "`SLURM_JOB_ID` (`none` outside Slurm)")                             \
    X(mpi_library, CSV_1_1,                                                                       \
      "the MPI library's own description, quoted where it holds commas (`none (single process)` " \
      "without MPI)")                                                                             \
    X(placement, CSV_1_2,                                                                         \
      "`ok`, or what makes workers time-share CPUs, `+` between: `oversubscribed` (a host has "   \
      "more workers than CPUs), `crowded` (a rank is bound to fewer CPUs than it has threads), "  \
      "`pinned-shared` (threads of two ranks pinned to one CPU)")                                 \
    X(platform, CSV_1_2, "`real` for a measured run, else the simulated platform's name")         \
    X(simulated, CSV_1_2, "0 for a measurement, 1 for a simulator's prediction")                 \
    X(run_id, CSV_1_4, "the study the row belongs to (`--tag run_id=`; `none` for a lone run)")   \
    X(mode, CSV_1_4, "`strong` or `weak` scaling (`--tag mode=`; `none` for a lone run)")         \
    X(layout, CSV_1_4,                                                                            \
      "how the launcher spread the ranks over nodes: `packed`, `spread` (`--tag layout=`; "       \
      "`none` when not chosen)")                                                                  \
    X(round, CSV_1_4,                                                                             \
      "the study's round, from 0: every configuration is launched once a round (`--tag round=`)") \
    X(oversubscribed, CSV_1_4, "1 when some host ran more workers than it has CPUs, else 0")      \
    X(binding, CSV_1_4, "how the launcher pinned the workers (`--tag binding=`; `none` unset)")   \
    CSV_CPU_COLUMNS(X, CSV_1_4)                                                                   \
    X(cpu_uniform, CSV_1_4, "1 when every rank's host has rank 0's CPU, 0 when they differ")      \
    X(host_speed, CSV_1_4,                                                                        \
      "a simulated row: the terms/s of a core of rank 0's simulated host (empty when measured)")  \
    X(slow_hosts, CSV_1_4,                                                                        \
      "a simulated row: `K:S`, every K-th host at S times the speed (`--tag slow_hosts=`), "      \
      "else `none`")                                                                              \
    X(capacity, CSV_1_4,                                                                          \
      "a simulated row: the ranks' hosts' speeds summed, over as many at rank 0's speed "         \
      "(1 when balanced; empty when measured)")                                                   \
    X(handout, CSV_1_4,                                                                           \
      "how the blocks were shared: `across-groups` (nodes ask their group's head, heads ask "     \
      "rank 0), `across-nodes` (nodes ask rank 0), in both ranks take from their node's pool; "   \
      "`within-node` (each node's share from its pool) or `static` (fixed ranges)")

/*
 * X(name, old, from): a column's earlier name, used by the formats before
 * `from`.  cpus_online was `cores`, though it counts the CPUs online
 * (hardware threads, not cores) on every host.
 */
#define CSV_RUN_RENAMES(X) X(cpus_online, cores, CSV_1_3)

/*
 * X(name): the columns that only whoever launches a run knows (the study,
 * its round, how it laid out and pinned the ranks, the simulated slow
 * hosts), given to the drivers as `--tag NAME=VALUE`; a column not given
 * reads `none` (round: 0).  The drivers write them, so that no script
 * appends a column to a row.
 */
#define CSV_RUN_TAGS(X) X(run_id) X(mode) X(layout) X(round) X(binding) X(slow_hosts)

/*
 * X(label, format, "extra,columns"): the layouts of files written when the
 * sweeps appended their own columns to the drivers' (before 1.4): the
 * format's columns, then these, by their names then.  Only
 * maclaurin_csvcheck reads them; nothing writes them any more.
 */
#define CSV_RUN_LEGACY_LAYOUTS(X)                                                               \
    X("1.0 with a sweep's columns", CSV_1_0,                                                    \
      "run_id,mode,oversubscribed,binding,omp_proc_bind,omp_places,mpi_library,compiler,"       \
      "cflags,git_rev,cpu_model,cores,slurm_job_id")                                            \
    X("1.2 with a sweep's columns", CSV_1_2, "run_id,mode,oversubscribed,binding")              \
    X("1.3 with a sweep's columns", CSV_1_3, "run_id,mode,oversubscribed,binding")

#define CSV_RUN_ENUM_(name, ...) CSV_RUN_##name,
enum csv_run_column { CSV_RUN_COLUMNS(CSV_RUN_ENUM_) CSV_RUN_COUNT };

/*
 * The bench's and compare's formats, which the two share: columns are only
 * ever added at the end of their tables, so that each older format is a
 * prefix, and the header is the version mark, as for the drivers' rows.
 */
#define CSV_TABLE_FORMATS(X) \
    X(CSV_TABLE_1_0, "1.0")  \
    X(CSV_TABLE_1_1, "1.1")
enum csv_table_format { CSV_TABLE_FORMATS(CSV_FORMAT_ENUM_) CSV_TABLE_FORMAT_COUNT };
#define CSV_TABLE_CURRENT (CSV_TABLE_FORMAT_COUNT - 1)

/*
 * X(name, since, meaning): the machine and revision that bench and compare
 * rows both begin with (the checker reads them alike), then each one's own.
 */
#define CSV_MACHINE_COLUMNS(X)                                                       \
    X(timestamp, CSV_TABLE_1_0, "when the run started, UTC (`YYYY-MM-DDTHH:MM:SSZ`)") \
    X(host, CSV_TABLE_1_0, "the host's name")                                         \
    X(cpu, CSV_TABLE_1_0, "its CPU, as /proc/cpuinfo names it")                       \
    X(cores, CSV_TABLE_1_0, "the CPUs this process may use (`nproc`)")                \
    X(git, CSV_TABLE_1_0, "the sources' revision (`-dirty` with uncommitted changes)")

#define CSV_BENCH_COLUMNS(X)                                                            \
    CSV_MACHINE_COLUMNS(X)                                                              \
    X(simd, CSV_TABLE_1_0, "the build's vector instructions")                           \
    X(metric, CSV_TABLE_1_0, "what was measured")                                       \
    X(value, CSV_TABLE_1_0, "its value (`%.4g`)")                                       \
    X(target, CSV_TABLE_1_0, "`>=T` or `<=T`, or empty where the metric has no target") \
    X(met, CSV_TABLE_1_0, "`yes`, `NO`, `n/a` (no such target on this machine) or empty") \
    CSV_CPU_COLUMNS(X, CSV_TABLE_1_1)

#define CSV_COMPARE_COLUMNS(X)                                                     \
    CSV_MACHINE_COLUMNS(X)                                                         \
    X(peer, CSV_TABLE_1_0, "the program compared (docs/compare.md lists them)")    \
    X(workers, CSV_TABLE_1_0, "its threads or processes")                          \
    X(x, CSV_TABLE_1_0, "the point x")                                             \
    X(terms, CSV_TABLE_1_0, "N, the number of terms")                              \
    X(rep, CSV_TABLE_1_0, "the round, from 0")                                     \
    X(seconds, CSV_TABLE_1_0, "the run's time")                                    \
    X(terms_per_s, CSV_TABLE_1_0, "terms / seconds")                               \
    X(result, CSV_TABLE_1_0, "the peer's sum")                                     \
    X(reference, CSV_TABLE_1_0, "the closed form, in 50-digit decimal arithmetic") \
    X(rel_err, CSV_TABLE_1_0, "|result - reference| / |reference|")                \
    X(bound, CSV_TABLE_1_0, "the relative error allowed")                          \
    X(verified, CSV_TABLE_1_0, "1 when rel_err <= bound, else 0")                  \
    X(toolchain, CSV_TABLE_1_0, "the compiler and flags, the interpreter, or the MPI library") \
    CSV_CPU_COLUMNS(X, CSV_TABLE_1_1)

#define CSV_MACHINE_ENUM_(name, ...) CSV_MACHINE_##name,
enum csv_machine_column { CSV_MACHINE_COLUMNS(CSV_MACHINE_ENUM_) CSV_MACHINE_COUNT };
#define CSV_BENCH_ENUM_(name, ...) CSV_BENCH_##name,
enum csv_bench_column { CSV_BENCH_COLUMNS(CSV_BENCH_ENUM_) CSV_BENCH_COUNT };
#define CSV_COMPARE_ENUM_(name, ...) CSV_COMPARE_##name,
enum csv_compare_column { CSV_COMPARE_COLUMNS(CSV_COMPARE_ENUM_) CSV_COMPARE_COUNT };

/*
 * The header lines, newline included, as string constants: each name after
 * a comma, and the first comma skipped (indexing, not adding to the
 * literal, which clang's -Wstring-plus-int would take for a mistake).
 */
#define CSV_COMMA_NAME_(name, ...) "," #name
#define CSV_HEADER_OF_(COLUMNS) (&(COLUMNS(CSV_COMMA_NAME_) "\n")[1])
#define CSV_RUN_HEADER CSV_HEADER_OF_(CSV_RUN_COLUMNS)
#define CSV_BENCH_HEADER CSV_HEADER_OF_(CSV_BENCH_COLUMNS)
#define CSV_COMPARE_HEADER CSV_HEADER_OF_(CSV_COMPARE_COLUMNS)

/* A drivers' column's name in a format: its earlier name before a rename. */
static inline const char *csv_run_name(enum csv_run_column column, enum csv_run_format format)
{
#define CSV_NAME_STRING_(name, ...) #name,
    static const char *const names[] = { CSV_RUN_COLUMNS(CSV_NAME_STRING_) };
#undef CSV_NAME_STRING_
#define CSV_RENAMED_(name, old, from)                \
    if (column == CSV_RUN_##name && format < (from)) \
        return #old;
    CSV_RUN_RENAMES(CSV_RENAMED_)
#undef CSV_RENAMED_
    return names[column];
}

/* The first format that has a drivers' column. */
static inline enum csv_run_format csv_run_since(enum csv_run_column column)
{
#define CSV_SINCE_(name, since, meaning) since,
    static const enum csv_run_format since[] = { CSV_RUN_COLUMNS(CSV_SINCE_) };
#undef CSV_SINCE_
    return since[column];
}

/* A format's name, the release that wrote it first ("1.2"). */
static inline const char *csv_run_format_name(enum csv_run_format format)
{
#define CSV_FORMAT_NAME_(id, label) label,
    static const char *const labels[] = { CSV_RUN_FORMATS(CSV_FORMAT_NAME_) };
#undef CSV_FORMAT_NAME_
    return labels[format];
}

/* A bench or compare format's name ("1.1"). */
static inline const char *csv_table_format_name(enum csv_table_format format)
{
#define CSV_FORMAT_NAME_(id, label) label,
    static const char *const labels[] = { CSV_TABLE_FORMATS(CSV_FORMAT_NAME_) };
#undef CSV_FORMAT_NAME_
    return labels[format];
}

#endif

# scripts/lib/bench.sh - what scripts/bench and scripts/bench_mpi share:
# the machine's facts, the results file, interleaved runs and their ratios.
# Sourced from the repository root, after setting BEST's default if wanted.
# Environment: PAIRS (rounds per ratio, default 5), BEST (runs of each side
# per round, default 5), BENCH_HOST (the name in the rows, default the host
# name), BENCH_OUT (the CSV, default results/bench-<machine id>.csv),
# MACLAURIN_GIT_REV (the revision, where the tree's .git is missing or stale).

bin=${MACLAURIN_BIN:-.}  # where the programs were built (make BINDIR=...)

PAIRS=${PAIRS:-5}
BEST=${BEST:-5}
host=${BENCH_HOST:-$(hostname -s)}   # BENCH_HOST: a name for machines all called "vm"
cores=$(nproc)
stamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)
# the build, the default problem and the machine, as the driver states them
# (its --facts: the CPU is read one way, by the programs)
facts=$($bin/maclaurin_omp --facts) || { echo "bench: $bin/maclaurin_omp --facts failed (make builds it)" >&2; exit 1; }
fact() { sed -n "s/^$1=//p" <<<"$facts"; }
cpu=$(fact cpu_model) simd=$(fact simd) N=$(fact default_terms) X=$(fact default_x)
# the revision the programs were built from (-dirty: not a commit)
rev=${MACLAURIN_GIT_REV:-$(fact git_rev)}
# one file a machine (many are called "vm"): its id says which
out=${BENCH_OUT:-results/bench-$(fact machine_id).csv}

# the analysis (analysis/maclaurin_analysis): the median, columns by name
PROG=bench LIB=$PWD/scripts/lib
. scripts/lib/analysis.sh
median() { analysis median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4g\n", a / b }'; }

# column NAME of every row of a driver's CSV on stdin
column() { analysis column - "$1"; }

# median seconds of one driver invocation: seconds PROGRAM ARGS...
seconds() { "$@" -q --csv - | column seconds | median; }
one_rate() { "$@" -q -r 1 --csv - | column terms_per_s; }
one_seconds() { "$@" -q -r 1 --csv - | column seconds; }

# interleaved max|min CMD...: runs the commands (strings of shell function
# calls, each printing one number) in turn, BEST times over, and prints the
# best value of each, in order, on one line: the largest for max (rates),
# the smallest for min (seconds).  Every other pass runs them in reverse
# (A B, B A, A B, ...), so that neither side always follows the other.
interleaved() {
    local best=$1 i j k cmd v
    shift
    local cmds=("$@")
    for ((i = 0; i < BEST; i++)); do
        for ((k = 0; k < $#; k++)); do
            j=$(( i % 2 ? $# - 1 - k : k ))
            cmd=${cmds[j]}
            v=$(eval "$cmd") && [ -n "$v" ] || {
                echo "bench: failed: $cmd" >&2
                kill -TERM $$
                exit 1
            }
            echo "$j $v"
        done
    done | awk -v best="$best" -v n=$# '
        !($1 in b) || (best == "max" ? $2 > b[$1] : $2 < b[$1]) { b[$1] = $2 }
        END { for (j = 0; j < n; j++) printf "%s%s", b[j], (j < n - 1) ? " " : "\n" }'
}

# paired max|min FIRST SECOND: median over PAIRS rounds of FIRST / SECOND,
# each round's two sides the best of BEST interleaved runs
paired() {
    local i a b
    for ((i = 0; i < PAIRS; i++)); do
        read -r a b < <(interleaved "$1" "$2" "$3")
        ratio "$a" "$b"
    done | median
}

# The file's columns, named by the one table of them (io/csv_columns.h),
# which maclaurin_csvcheck prints: the header, and the order of each row.
bench_header=$("$bin"/maclaurin_csvcheck --header bench) ||
    { echo "bench: $bin/maclaurin_csvcheck --header bench failed (make builds it)" >&2; exit 1; }
IFS=, read -r -a bench_columns <<<"$bench_header"

# Each row is printed and appended to $out as soon as it is measured, so an
# interrupted bench keeps what it had measured.  Its fields are set by
# column name and written in the header's order.
row() {  # row METRIC VALUE [TARGET MET]
    local value name line="" sep=""
    value=$(awk -v v="$2" 'BEGIN { printf "%.4g", v }')
    printf '  %-48s %-12s %-10s %s\n' "$1" "$value" "${3:-}" "${4:-}"
    local -A field=([timestamp]=$stamp [host]=$host [cpu]="\"$cpu\"" [cores]=$cores [git]=$rev
                    [simd]=$simd [metric]="\"$1\"" [value]=$value [target]=${3:-} [met]=${4:-})
    for name in cpu_vendor cpu_family cpu_model_number cpu_stepping cpu_uarch hypervisor machine_id; do
        field[$name]=$(fact "$name")
    done
    for name in "${bench_columns[@]}"; do
        [[ -v field[$name] ]] || { echo "bench: no value for the column '$name'" >&2; exit 1; }
        line+=$sep${field[$name]}
        sep=,
    done
    echo "$line" >>"$out"
}
meets() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == ">=") ? v >= t : v <= t; print ok ? "yes" : "NO" }'; }

# The file's header, once; never rows of this format under another's.
bench_open() {
    mkdir -p "$(dirname "$out")"
    [ -s "$out" ] || echo "$bench_header" >"$out"
    [ "$(head -n 1 "$out")" = "$bench_header" ] ||
        { echo "bench: $out has another format's columns: move it away, or set BENCH_OUT" >&2; exit 1; }
}

# tests/csv.sh - the tests' one way to read a results CSV: columns by name,
# through a real CSV reader (RFC 4180: a CPU model, an MPI library or a
# sanitizer build's cflags may hold a comma).  Sourced by every harness.
#
# csv_values FILE NAME[,NAME...] [COLUMN=VALUE...]: the named columns
# (tab-separated) of each whole data row of FILE whose COLUMNs equal the
# VALUEs (numbers compared as numbers), one row a line.  FILE - is stdin.
csv_values() {
    (PROG=csv_values LIB=$TESTS_CSV_LIB && . "$LIB/analysis.sh" && analysis column "$@")
}
TESTS_CSV_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib" && pwd)

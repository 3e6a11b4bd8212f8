# tests/csv.sh - the tests' one way to read a results CSV: columns by name,
# through a real CSV reader (RFC 4180: a CPU model, an MPI library or a
# sanitizer build's cflags may hold a comma).  Sourced by every harness
# (through tests/lib.sh); the only CSV reader in the tests.  Tests name
# the columns they read and never count them.
#
# csv_values FILE NAME[,NAME...] [COLUMN=VALUE...]: the named columns
# (tab-separated) of each whole data row of FILE whose COLUMNs equal the
# VALUEs (numbers compared as numbers), one row a line.  FILE - is stdin.
csv_values() {
    (PROG=csv_values LIB=$TESTS_CSV_LIB && . "$LIB/analysis.sh" &&
        analysis_in "${TESTS_CSV_PY:-$(analysis_python)}" column "$@")
}

# csv_field FILE NAME [ROW]: the value of column NAME in data row ROW
# (default 1, the first) of FILE.
csv_field() { csv_values "$1" "$2" | sed -n "${3:-1}p"; }

TESTS_CSV_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib" && pwd)
# The interpreter, found once a harness (a read is then one Python start,
# not a search for one each time): the one the analysis itself takes (with
# numpy and matplotlib, analysis.sh), else any Python 3; where none is
# found here, each read searches again and says why it failed.  The
# analysis's is Debian's where the first python3 on PATH is a pyenv or
# venv build without them, and such a build may load more at each start
# (a site-packages .pth: 0.28 CPU-s a read here against 0.08), which the
# suites' hundreds of reads add up.
TESTS_CSV_PY=$(PROG=csv_values LIB=$TESTS_CSV_LIB && . "$LIB/analysis.sh" &&
    { analysis_python numpy matplotlib 2>/dev/null || analysis_python 2>/dev/null; }) || TESTS_CSV_PY=

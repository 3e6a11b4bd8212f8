# tests/lib.sh - a tiny harness for the command-line and MPI tests.
#
# check NAME COMMAND...   runs COMMAND; passes when it exits 0 and called
#                         fail nowhere (a fail mid-way counts, even where
#                         the function goes on and ends with status 0).
# skip NAME WHY           says that a test does not run here, and why (a tool
#                         this machine lacks, a build it cannot test); counted
#                         as skipped, never as passed.
# finish                  prints "N passed, N failed, K skipped", adds them to
#                         the run's tally (tests/tally.sh), and exits non-zero
#                         on failure.
# Helpers: run_capture (stdout, stderr and status of a command into files).
#
# $BIN is where the programs under test are: MACLAURIN_BIN, default the
# repository root; make sanitize sets it to its ASan+UBSan build, and sets
# MACLAURIN_SANITIZED=1 so that the slowest checks can skip themselves.

BIN=${MACLAURIN_BIN:-.}
passed=0
failed=0
skipped=0
. "$(dirname "${BASH_SOURCE[0]}")/tally.sh"
TEST_TMP=$(mktemp -d)
trap 'rm -rf "$TEST_TMP"' EXIT

check() {
    local name=$1
    shift
    check_failed=0
    if "$@" && [ "$check_failed" = 0 ]; then
        passed=$((passed + 1))
        echo "[  PASS  ] $name"
    else
        failed=$((failed + 1))
        echo "[  FAIL  ] $name"
    fi
}

skip() {
    skipped=$((skipped + 1))
    echo "[  SKIP  ] $1 ($2)"
}

fail() {
    echo "    $*" >&2
    check_failed=1
    return 1
}

# run_capture CMD...: status in $status, output in $TEST_TMP/out and $TEST_TMP/err
run_capture() {
    set +e
    "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
    status=$?
    set -e
}

# The value of column NAME in data row ROW (1 = first row) of a CSV file.
. "$(dirname "${BASH_SOURCE[0]}")/csv.sh"
csv_field() { csv_values "$1" "$2" | sed -n "${3}p"; }

finish() {
    echo "$passed passed, $failed failed, $skipped skipped"
    tally_record "$passed" "$failed" "$skipped"
    [ "$failed" -eq 0 ]
}

# tests/lib.sh - the one harness library, sourced by every suite: what a
# check is, what fail means, and the closing counts.
#
# check NAME COMMAND...   runs COMMAND; passes when it exits 0 and called
#                         fail nowhere (a fail mid-way counts, even where
#                         the function goes on and ends with status 0).
# fail MESSAGE...         says why the current check failed (on stderr) and
#                         marks it failed; returns 1, so that
#                         `... || fail "why" || return 1` ends the check
#                         early, and the check goes on otherwise.  The only
#                         definition of fail in the tests: it never exits
#                         and never counts anything by itself.
# skip NAME WHY           says that a test does not run here, and why (a tool
#                         this machine lacks, a build it cannot test); counted
#                         as skipped, never as passed.
# count_pass NAME, count_fail NAME
#                         count one named test that check does not run (a
#                         suite's own runner, a step of its set-up or
#                         clean-up), printed as check prints it.
# finish                  prints "N passed, N failed, K skipped", adds them to
#                         the run's tally (tests/tally.sh), and returns
#                         non-zero on failure.
# Helpers: run_capture (stdout, stderr and status of a command into files);
# csv_values and csv_field (tests/csv.sh: columns of a results file by name).
#
# A suite that sets its own EXIT trap removes $TEST_TMP in it.
#
# $BIN is where the programs under test are: MACLAURIN_BIN, default the
# repository root; make sanitize sets it to its ASan+UBSan build, and sets
# MACLAURIN_SANITIZED=1 so that the slowest checks can skip themselves.

BIN=${MACLAURIN_BIN:-.}
passed=0
failed=0
skipped=0
check_failed=0
. "$(dirname "${BASH_SOURCE[0]}")/tally.sh"
TEST_TMP=$(mktemp -d)
trap 'rm -rf "$TEST_TMP"' EXIT

check() {
    local name=$1 check_started=$SECONDS
    shift
    check_failed=0
    if "$@" && [ "$check_failed" = 0 ]; then
        count_pass "$name"
    else
        count_fail "$name"
    fi
    # MACLAURIN_CHECK_SECONDS=1: each check's wall time, to find the slow ones
    [ -z "${MACLAURIN_CHECK_SECONDS:-}" ] || echo "           ($((SECONDS - check_started)) s)"
}

count_pass() {
    passed=$((passed + 1))
    echo "[  PASS  ] $1"
}

count_fail() {
    failed=$((failed + 1))
    echo "[  FAIL  ] $1"
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

. "$(dirname "${BASH_SOURCE[0]}")/csv.sh"

# The default problem's bits (3e10 terms at the default x), as the README
# promises them for every build, ISA, thread, rank and node count.
DEFAULT_PROBLEM_HEX=0x1.1b2f7d06e25a9p+33

finish() {
    echo "$passed passed, $failed failed, $skipped skipped"
    tally_record "$passed" "$failed" "$skipped"
    [ "$failed" -eq 0 ]
}

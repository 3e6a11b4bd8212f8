# helpers.sh - assertions and fixtures for tests/scripts (sourced in each test's subshell).
# fail and csv_values come from tests/lib.sh, which run_script_tests sources:
# a failed assertion says why and marks the test failed (fail), returns 1,
# and the test goes on unless it returns there (`assert_eq ... || return 1`).

TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/script-test.XXXXXX")
trap 'rm -rf "$TEST_TMP"' EXIT
export TMPDIR=$TEST_TMP   # so leftovers of the scripts under test can be seen
# the bench measures the peak and caches it: never into the user's cache,
# where a peak measured on a loaded machine would make real runs read > 1
export MACLAURIN_PEAK_CACHE=$TEST_TMP/peak-cache
DATA=tests/scripts/data

assert_eq() { [ "$1" = "$2" ] || fail "${3:-value}: expected '$2', got '$1'"; }
assert_contains() { [[ $1 == *"$2"* ]] || fail "${3:-text} lacks '$2': $1"; }
assert_status() {   # assert_status EXPECTED ACTUAL WHAT
    [ "$2" = "$1" ] || fail "${3:-command}: exit status $2, expected $1"
}

# Whole-file checks every sweep output must pass: one header, the first line;
# every line as many fields as the header; ends in a newline.
assert_well_formed() {
    local file=$1 headers bad
    headers=$(grep -c '^driver,' "$file")
    assert_eq "$headers" 1 "header lines in $file"
    head -n 1 "$file" | grep -q '^driver,' || fail "$file does not start with its header"
    # the reader leaves out a row of the wrong field count: so must be none
    assert_eq "$(csv_values "$file" driver | wc -l)" "$(($(wc -l <"$file") - 1))" "whole rows of $file"
    [ -z "$(tail -c 1 "$file")" ] || fail "$file does not end in a newline (a partial row)"
}

# A folder with fake drivers (tests/scripts/fake_driver) as maclaurin_omp and maclaurin_mpi.
fake_bin_dir() {
    mkdir -p "$TEST_TMP/bin" "$TEST_TMP/trace"
    cp tests/scripts/fake_driver "$TEST_TMP/bin/maclaurin_omp"
    cp tests/scripts/fake_driver "$TEST_TMP/bin/maclaurin_mpi"
    export FAKE_TRACE=$TEST_TMP/trace
    echo "$TEST_TMP/bin"
}

# Wait up to $2 seconds for file $1 to exist; a failure when it does not.
wait_for_file() {
    local deadline=$((SECONDS + $2))
    while [ ! -e "$1" ]; do
        [ "$SECONDS" -lt "$deadline" ] || { fail "timed out waiting for $1"; return 1; }
        sleep 0.05
    done
}

# Whether a process whose command line contains TEXT runs (without procps).
running() {
    local cmdline
    for cmdline in /proc/[0-9]*/cmdline; do
        [[ $(tr '\0' ' ' <"$cmdline" 2>/dev/null) == *"$1"* ]] && return 0
    done
    return 1
}

# tests/scripts/test_bench.sh - scripts/bench end to end, with the real drivers
# and probe, at its smallest (one round, one run a side, 3e8 terms: some
# seconds on 2 cores).  Checks the table and the CSV rows, never the speed itself, apart
# from orderings no machine can break.

# has_metric CSV METRIC: a row of CSV whose metric starts with METRIC
has_metric() { csv_values "$1" metric | awk -v m="$2" 'index($0, m) == 1 { found = 1 } END { exit !found }'; }

test_bench_prints_and_appends_every_row() {
    local out=$TEST_TMP/bench.csv status rows expected metric v before
    before=$(ls -A)
    PAIRS=1 BEST=1 BENCH_N=3e8 BENCH_HOST=smoke BENCH_OUT=$out scripts/bench >"$TEST_TMP/table" 2>"$TEST_TMP/err"
    status=$?
    # nothing left in the working directory (an awk print > N once made files)
    assert_eq "$(ls -A)" "$before" "files in $PWD after the bench"
    assert_status 0 "$status" "bench (stderr: $(cat "$TEST_TMP/err"))"
    assert_eq "$(head -n 1 "$out")" "$("$BIN"/maclaurin_csvcheck --header bench)" "header of $out"
    # 10 rows, 2 more with a second core (speedup, efficiency), 1 more on 2 to
    # 4 cores (against each core's own rate), 3 more on x86-64 (AVX2 build
    # against its peak and its mix limit, and the mix against the peak)
    local cores per_core=0
    cores=$(nproc)
    [ "$cores" -gt 1 ] && [ "$cores" -le 4 ] && per_core=1
    expected=10
    [ "$cores" -gt 1 ] && expected=$((expected + 2))
    expected=$((expected + per_core))
    [ "$(uname -m)" = x86_64 ] && expected=$((expected + 3))
    rows=$(tail -n +2 "$out" | grep -c .)
    assert_eq "$rows" "$expected" "rows in $out"
    # every row whole and well-typed; each of them this host, a positive value,
    # and a verdict wherever there is a target (n/a: the FMA-peak target,
    # where the mix cannot reach it)
    ./maclaurin_csvcheck "$out" >/dev/null || fail "$out is not well-formed"
    v=$(csv_values "$out" host,value,target,met | awk -F'\t' '$1 != "smoke" || !($2 > 0) ||
        ($3 != "" && $4 != "yes" && $4 != "NO" && $4 != "n/a")')
    assert_eq "$v" "" "malformed rows"
    # (the rows measured at BENCH_N name it, not the default problem)
    local metrics=("simd kernel / peak, 1 thread, 3e8 terms" "simd kernel: mix limit / peak" "simd kernel / mix limit"
                   "scalar kernel / peak" "pow kernel / peak"
                   "exact / plain" "seed problem" "time x=0.5 / x=0.9999999 (3e8 terms)")
    [ "$per_core" -eq 0 ] || metrics+=("$cores threads / sum of each core")
    for metric in "${metrics[@]}"; do
        has_metric "$out" "$metric" || fail "no row for '$metric' in $out"
        assert_contains "$(cat "$TEST_TMP/table")" "$metric" "bench's table"
    done
    # a progress line as each of the four parts begins, with the time left
    assert_eq "$(grep -c '^bench: .* elapsed, about [0-9]*m[0-9]*s left)$' "$TEST_TMP/err")" 4 \
        "progress lines on stderr: $(cat "$TEST_TMP/err")"
    # orderings with margins of 10x and more on any machine: the vector kernel
    # beats the scalar running power, which beats pow per term.  No bound on
    # kernel / peak itself: make test runs this beside other suites, and a
    # best-of-1 peak run slowed by them has read 2.75 (CI stop 38).
    value() { csv_values "$out" metric,value | awk -F'\t' -v m="$1" 'index($1, m) == 1 { print $2 }'; }
    awk -v s="$(value "simd kernel / peak")" -v c="$(value "scalar kernel / peak")" \
        -v p="$(value "pow kernel / peak")" 'BEGIN { exit !(s > c && c > p) }' ||
        fail "implausible kernel rows: $(grep 'kernel /' "$out")"
    # n/a only for the FMA-peak target, and only where the mix is under 0.9 of the peak
    v=$(csv_values "$out" metric,met | awk -F'\t' '$2 == "n/a" && $1 !~ / \/ peak, 1 thread/')
    assert_eq "$v" "" "n/a on a row other than kernel / peak"
    if awk -v m="$(value "simd kernel: mix limit / peak")" 'BEGIN { exit !(m >= 0.9) }'; then
        assert_eq "$(csv_values "$out" metric,met | awk -F'\t' 'index($1, "simd kernel / peak") == 1 && $2 == "n/a" { n++ }
            END { print n + 0 }')" 0 "n/a where the mix reaches the peak"
    fi
}

# scripts/bench_mpi at its smallest (one round, one run a side, 1e9 terms):
# a row per hand-out metric that can run here, each with a verdict, a
# well-formed file, and nothing left of its namespace nodes, its cgroup or
# its busy loop.
test_bench_mpi_prints_and_appends_every_row() {
    [ "$(nproc)" -ge 2 ] || { echo "    (skipped: bench_mpi needs 2 cores)"; return 0; }
    local out=$TEST_TMP/bench_mpi.csv status expected=9 links_before metric
    links_before=$(ip -o link show 2>/dev/null | grep -c . || true)
    PAIRS=1 BEST=1 BENCH_N=1e9 BENCH_HOST=smoke BENCH_OUT=$out OMPI_ALLOW_RUN_AS_ROOT=1 \
        OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 scripts/bench_mpi >"$TEST_TMP/table" 2>"$TEST_TMP/err"
    status=$?
    assert_status 0 "$status" "bench_mpi (stderr: $(cat "$TEST_TMP/err"))"
    [ -x build/mpich/maclaurin_mpi ] || expected=$((expected - 1))
    # as root: the namespace nodes' row, the two of node 2's CPU shared,
    # and with a cgroup cpu controller the two of node 2 at half a CPU
    if [ "$(id -u)" -ne 0 ]; then
        expected=$((expected - 5))
    elif ! grep -qw cpu /sys/fs/cgroup/cgroup.controllers 2>/dev/null && [ ! -d /sys/fs/cgroup/cpu ]; then
        expected=$((expected - 2))
    fi
    assert_eq "$(tail -n +2 "$out" | grep -c .)" "$expected" "rows in $out: $(cat "$out")"
    for metric in "mpi exact / plain time, shared memory" "mpi exact / plain time, btl tcp" \
                  "mpi plain / exact time, rank 1's core shared"; do
        has_metric "$out" "$metric" || fail "no row for '$metric' in $out"
    done
    [ "$(csv_values "$out" met | awk '$0 != "yes" && $0 != "NO" { print "row " NR ": met \"" $0 "\"" }')" = "" ] ||
        fail "a row without a verdict: $(cat "$out")"
    ./maclaurin_csvcheck "$out" >/dev/null || fail "$out is not well-formed"
    assert_eq "$(ip -o link show 2>/dev/null | grep -c . || true)" "$links_before" "links after bench_mpi"
    ! pgrep -f "while :; do :; done" >/dev/null || fail "the busy loop outlived bench_mpi"
    [ -z "$(find /sys/fs/cgroup -maxdepth 2 -name 'maclaurin-bench-*' 2>/dev/null)" ] ||
        fail "the slowed node's cgroup outlived bench_mpi"
}

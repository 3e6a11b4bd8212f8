# test_sweep.sh - scripts/sweep: options, resume, interrupts, failures, provenance.
# Real drivers where the test is about what they write (tiny N, 1-2 repetitions);
# fake_driver where the test needs a run to be slow or to fail on purpose.

SWEEP=scripts/sweep

# Rows of OUT per configuration, as "threads:count" (fake-driver sweeps vary threads only).
rows_per_threads() {
    csv_values "$1" threads | sort -n | uniq -c | awk '{ printf "%s%s:%s", (NR > 1 ? " " : ""), $2, $1 }'
}

test_bad_options_exit_2_with_one_line() {
    local args expect status
    : >"$TEST_TMP/exists.csv"
    echo "driver,other" >"$TEST_TMP/foreign.csv"
    printf 'driver,other\nmaclaurin_omp,1\nmaclau' >"$TEST_TMP/cut.csv"
    while IFS='|' read -r expect args; do
        eval "$SWEEP $args" >/dev/null 2>"$TEST_TMP/err"
        status=$?
        assert_status 2 "$status" "sweep $args"
        assert_eq "$(grep -c . "$TEST_TMP/err")" 1 "stderr lines of sweep $args: $(cat "$TEST_TMP/err")"
        assert_contains "$(cat "$TEST_TMP/err")" "$expect" "stderr of sweep $args"
    done <<EOF2
invalid --mode 'medium'|--mode medium --dry-run
invalid --terms 'many': not an integer|--terms many --dry-run
invalid --terms '0'|--terms 0 --dry-run
invalid -x '1.5'|-x 1.5 --dry-run
invalid --kernel 'fast'|--kernel fast --dry-run
invalid --reduction 'sloppy'|--reduction sloppy --dry-run
invalid --repeat '0'|--repeat 0 --dry-run
invalid --threads '1,two'|--threads 1,two --dry-run
invalid --ranks '0'|--ranks 0 --dry-run
invalid --threads '1,$(($(nproc) + 1))': $(($(nproc) + 1)) is more than the $(nproc) cores|--threads 1,$(($(nproc) + 1)) --dry-run
invalid --parallelism 'gpu'|--series gpu --dry-run
invalid --bind 'sockets'|--bind sockets --dry-run
unknown option '--fast'|--fast
option '--out' needs a value|--out
option '--resume' takes no value|--resume=yes
--resume needs --out|--resume
already exists (--resume completes it)|--series omp --threads 1 --terms 1e6 --repeat 1 --out $TEST_TMP/foreign.csv
its columns differ|--series omp --threads 1 --terms 1e6 --repeat 1 --out $TEST_TMP/foreign.csv --resume
last line is cut short|--series omp --threads 1 --terms 1e6 --repeat 1 --out $TEST_TMP/cut.csv --resume
EOF2
}

test_plan_follows_the_cores_and_oversubscription_is_opt_in() {
    local plan cores=$(nproc)
    plan=$(taskset -c 0 $SWEEP --dry-run 2>/dev/null) || fail "dry run on 1 core"
    assert_eq "$plan" "strong omp: maclaurin_omp 1x1, N=6000000000
strong mpi: maclaurin_mpi 1x1, N=6000000000" "plan on 1 core"
    plan=$($SWEEP --dry-run --mode weak --terms 1e6 --series omp --threads "1,$((cores + 1))" --oversubscribe)
    assert_contains "$plan" "weak omp: maclaurin_omp 1x$((cores + 1)), N=$((cores + 1))000000, oversubscribed" "weak plan"
    assert_contains "$plan" "weak omp: maclaurin_omp 1x1, N=1000000" "weak plan"
    [ "$cores" -ge 2 ] || return 0
    plan=$($SWEEP --dry-run --threads 1,2 --ranks 1,2 2>"$TEST_TMP/err")
    assert_contains "$(cat "$TEST_TMP/err")" "skipping hybrid 2x2" "stderr"
    [[ $plan != *2x2* ]] || fail "2x2 planned without --oversubscribe on $cores cores"
}

test_openmp_sweep_needs_no_mpi_driver() {
    # A node without MPI: only maclaurin_omp is there.
    local bin=$TEST_TMP/omp-only out=$TEST_TMP/omp-only.csv status
    mkdir -p "$bin" && cp maclaurin_omp "$bin/"
    $SWEEP --bin-dir "$bin" --series omp --threads 1 --terms 1e6 --repeat 1 --out "$out" 2>"$TEST_TMP/err"
    assert_status 0 $? "OpenMP-only sweep without maclaurin_mpi: $(cat "$TEST_TMP/err")"
    assert_eq "$(rows_per_threads "$out")" "1:1" "rows"
    $SWEEP --bin-dir "$bin" --series omp,mpi --dry-run >/dev/null 2>"$TEST_TMP/err"
    status=$?
    assert_status 2 "$status" "an MPI series without maclaurin_mpi"
    assert_contains "$(cat "$TEST_TMP/err")" "no executable maclaurin_mpi" "stderr"
}

test_resume_skips_complete_configurations() {
    # 2 rounds of omp 1x1 and mpi 1x1, then 2 rounds of those, omp 1x2 and hybrid 1x2:
    # only the launches not yet in the file run, under the same run id
    local out=$TEST_TMP/r.csv before after
    $SWEEP --terms 1e6 --repeat 2 --threads 1 --ranks 1 --out "$out" 2>"$TEST_TMP/err1" ||
        fail "first sweep: $(cat "$TEST_TMP/err1")" || return 1
    assert_eq "$(($(wc -l <"$out") - 1))" 4 "rows after 2 rounds of omp 1x1 and mpi 1x1"
    head -n 5 "$out" >"$TEST_TMP/first_rows"
    $SWEEP --terms 1e6 --repeat 2 --threads 1,2 --ranks 1 --out "$out" --resume 2>"$TEST_TMP/err2" ||
        fail "resumed sweep: $(cat "$TEST_TMP/err2")"
    assert_eq "$(grep -c 'already in' "$TEST_TMP/err2")" 4 "launches skipped"
    assert_contains "$(cat "$TEST_TMP/err2")" "round 1: strong omp: maclaurin_omp 1x2" "progress"
    head -n 5 "$out" | cmp -s - "$TEST_TMP/first_rows" || fail "the first rows changed"
    assert_well_formed "$out"
    assert_eq "$(csv_values "$out" driver | sort | uniq -c | awk '{ print $1 $2 }' | tr '\n' ' ')" \
        "4maclaurin_mpi 4maclaurin_omp " "rows per driver (hybrid 1x2 joins)"
    assert_eq "$(csv_values "$out" round threads=2 driver=maclaurin_omp | sort | tr '\n' ' ')" "0 1 " "omp 1x2 rounds"
    assert_eq "$(csv_values "$out" run_id | sort -u | wc -l)" 1 "one study, one run id"
    before=$(cksum <"$out")
    $SWEEP --terms 1e6 --repeat 2 --threads 1,2 --ranks 1 --out "$out" --resume 2>"$TEST_TMP/err3" ||
        fail "third sweep: $(cat "$TEST_TMP/err3")"
    assert_eq "$(cksum <"$out")" "$before" "a complete sweep resumed"
    assert_eq "$(grep -c 'already in' "$TEST_TMP/err3")" 8 "launches skipped"
}

test_rounds_launch_every_configuration_once_in_a_shuffled_order() {
    # every round holds each configuration once, the base case included, and
    # the order within rounds varies (6 rounds of 3: all alike 1 time in 6^5)
    local out=$TEST_TMP/rounds.csv bin r orders
    bin=$(fake_bin_dir)
    FAKE_SLEEP=0 $SWEEP --bin-dir "$bin" --series omp --threads 1,2,3 --oversubscribe --terms 1e3 --repeat 6 \
        --out "$out" 2>"$TEST_TMP/err" || fail "sweep: $(cat "$TEST_TMP/err")" || return 1
    for r in 0 1 2 3 4 5; do
        assert_eq "$(csv_values "$out" threads round="$r" | sort | tr '\n' ' ')" "1 2 3 " "round $r"
    done
    assert_eq "$(csv_values "$out" rep | sort -u)" 0 "one timed repetition a launch"
    orders=$(for r in 0 1 2 3 4 5; do csv_values "$out" threads round="$r" | tr -d '\n'; echo; done | sort -u | wc -l)
    [ "$orders" -gt 1 ] || fail "every round ran in the same order"
}

test_rows_carry_provenance_and_progress_is_reported() {
    local out=$TEST_TMP/p.csv
    SLURM_JOB_ID=4242 $SWEEP --terms 1e6 --repeat 1 --threads 1 --ranks 1 --out "$out" 2>"$TEST_TMP/err" ||
        fail "sweep: $(cat "$TEST_TMP/err")"
    assert_eq "$(grep -cE '^sweep: \[[12]/2\] .*: took [0-9.]+ s; elapsed [0-9.]+ s, about [0-9]+ s left$' "$TEST_TMP/err")" 2 "progress lines"
    assert_eq "$(csv_values "$out" mode | sort -u)" strong "mode"
    assert_eq "$(csv_values "$out" slurm_job_id | sort -u)" 4242 "Slurm job id"
    assert_eq "$(csv_values "$out" cpus_online | sort -u)" "$(nproc)" "cpus_online"
    assert_eq "$(csv_values "$out" run_id | sort -u | wc -l)" 1 "one run id"
    # the build's revision; rows in results/ are data and do not make it dirty
    local rev
    rev=$(git describe --always --abbrev=12)
    [ -z "$(git status --porcelain --untracked-files=no -- . ':(exclude)results')" ] || rev+=-dirty
    assert_eq "$(csv_values "$out" git_rev | sort -u)" "$rev" "git revision"
    assert_eq "$(csv_values "$out" omp_proc_bind | sort -u)" close "OMP_PROC_BIND"
    assert_eq "$(csv_values "$out" omp_places | sort -u)" cores "OMP_PLACES"
    assert_contains "$(csv_values "$out" binding driver=maclaurin_mpi)" "--bind-to core" "MPI binding"
    assert_contains "$(csv_values "$out" compiler | sort -u)" gcc "compiler"
    [ -n "$(csv_values "$out" cpu_model)" ] || fail "no CPU model"
    if mpirun --version 2>/dev/null | grep -q "Open MPI"; then
        # whole, commas included (quoted in the CSV, read back by a CSV reader)
        assert_contains "$(csv_values "$out" mpi_library driver=maclaurin_mpi)" \
            "Open MPI v" "MPI library"
        assert_contains "$(csv_values "$out" mpi_library driver=maclaurin_mpi)" \
            ", package: " "MPI library, commas kept"
    fi
    assert_eq "$(csv_values "$out" oversubscribed | sort -u)" 0 "oversubscribed"
    ./maclaurin_csvcheck "$out" >/dev/null || fail "maclaurin_csvcheck rejects the sweep's CSV"
}

test_oversubscribed_rows_are_marked_and_unpinned() {
    local out=$TEST_TMP/o.csv t=$(($(nproc) + 1))
    $SWEEP --series omp --threads "$t" --oversubscribe --terms 1e6 --repeat 1 --out "$out" 2>"$TEST_TMP/err" ||
        fail "sweep: $(cat "$TEST_TMP/err")"
    assert_eq "$(csv_values "$out" oversubscribed)" 1 "oversubscribed"
    assert_eq "$(csv_values "$out" threads)" "$t" "threads"
    assert_eq "$(csv_values "$out" omp_proc_bind)" false "OMP_PROC_BIND"
}

# Start a sweep of 3 slow fake configurations x 3 rounds in its own process
# group, send SIGNAL to the group once 2 launches are in, check what is
# left, then --resume.
interrupt_and_resume() {   # interrupt_and_resume SIGNAL EXPECTED-STATUS
    local bin out=$TEST_TMP/i.csv pid status deadline
    bin=$(fake_bin_dir)
    export FAKE_TRACE=$TEST_TMP/trace FAKE_SLEEP=0.3
    setsid env --default-signal=INT $SWEEP --bin-dir "$bin" --series omp --threads 1,2,3 --oversubscribe \
        --terms 1e3 --repeat 3 --out "$out" 2>"$TEST_TMP/err" &
    pid=$!
    deadline=$((SECONDS + 20))
    # 2 launches are in and the 3rd has started (the first start is the
    # sweep's probe for the header): the signal comes while the sweep waits
    until [ -f "$out" ] && [ "$(wc -l <"$out")" -ge 3 ] && [ "$(cat "$FAKE_TRACE/started" 2>/dev/null | wc -l)" -ge 4 ]; do
        [ "$SECONDS" -lt "$deadline" ] || { kill -KILL -- "-$pid"; fail "no 2 launches landed"; return 1; }
        sleep 0.02
    done
    kill "-$1" -- "-$pid"
    wait "$pid"
    status=$?
    assert_status "$2" "$status" "interrupted sweep"
    assert_contains "$(cat "$TEST_TMP/err")" "interrupted by SIG$1 after 2 of 9 launches" "stderr"
    assert_well_formed "$out"
    assert_eq "$(($(wc -l <"$out") - 1))" 2 "rows after the interrupt"
    sleep 0.3
    ! running "$bin/maclaurin_omp" || fail "the interrupted driver still runs"
    [ -z "$(find "$TEST_TMP" -maxdepth 1 -name 'sweep.*')" ] || fail "temporary files left: $(ls "$TEST_TMP")"
    FAKE_SLEEP=0 $SWEEP --bin-dir "$bin" --series omp --threads 1,2,3 --oversubscribe --terms 1e3 --repeat 3 \
        --out "$out" --resume 2>"$TEST_TMP/err" || fail "resume: $(cat "$TEST_TMP/err")"
    assert_well_formed "$out"
    assert_eq "$(rows_per_threads "$out")" "1:3 2:3 3:3" "rows after --resume"
}

test_sigterm_to_the_group_leaves_whole_configurations() { interrupt_and_resume TERM 143; }
test_sigint_to_the_group_leaves_whole_configurations() { interrupt_and_resume INT 130; }

test_interrupting_the_real_driver_leaves_no_partial_row() {
    local out=$TEST_TMP/real.csv pid rows before status driver="maclaurin_omp -n 20000000000 "
    setsid env --default-signal=INT $SWEEP --series omp --threads 1,2 --terms 2e10 --repeat 4 \
        --out "$out" 2>"$TEST_TMP/err" &
    pid=$!
    local deadline=$((SECONDS + 30))
    # a launch is in and the next one's driver runs: the signal comes mid-run,
    # as a user's ^C (pgrep: one look at /proc, quick enough under load)
    until [ -f "$out" ] && before=$(($(wc -l <"$out") - 1)) && [ "$before" -ge 1 ] && pgrep -f "$driver" >/dev/null; do
        [ "$SECONDS" -lt "$deadline" ] ||
            { kill -TERM -- "-$pid"; fail "no launch landed with the next one running"; return 1; }
        sleep 0.02
    done
    kill -INT -- "-$pid"
    wait "$pid"
    status=$?
    assert_status 130 "$status" "interrupted sweep: $(tail -n 2 "$TEST_TMP/err")"
    assert_contains "$(cat "$TEST_TMP/err")" "interrupted by SIGINT after" "stderr"
    assert_well_formed "$out"
    rows=$(($(wc -l <"$out") - 1))
    # the running launch may have landed between the look and the signal
    [ "$rows" -ge "$before" ] && [ "$rows" -le $((before + 1)) ] && [ "$rows" -lt 8 ] ||
        fail "rows after the interrupt: $rows, $before before it"
    sleep 0.3
    ! running "$driver" || fail "the driver still runs"
}

# A quick sweep of the fake drivers on 1 and 2 threads, 2 rounds, into
# OUT, which must exit with STATUS; its stderr in $TEST_TMP/err.
fake_sweep() {   # fake_sweep STATUS OUT [OPTION...]
    local expect=$1 out=$2 bin status
    shift 2
    bin=$(fake_bin_dir)
    FAKE_SLEEP=0 $SWEEP --bin-dir "$bin" --series omp --threads 1,2 --terms 1e3 --repeat 2 \
        --out "$out" "$@" 2>"$TEST_TMP/err"
    status=$?
    assert_status "$expect" "$status" "fake sweep $*: $(cat "$TEST_TMP/err")"
}

test_failed_verification_fails_the_sweep_and_names_it() {
    local out=$TEST_TMP/v.csv
    FAKE_FAIL_THREADS=2 fake_sweep 1 "$out"
    assert_contains "$(cat "$TEST_TMP/err")" "FAILED verification: round 0: strong omp: maclaurin_omp 1x2" "stderr"
    assert_contains "$(tail -n 3 "$TEST_TMP/err")" "2 of 4 launches failed" "summary"
    assert_eq "$(csv_values "$out" verified threads=2 | tr '\n' ' ')" "0 0 " "kept, marked unverified"
    fake_sweep 0 "$out" --resume
    assert_eq "$(grep -c 'already in' "$TEST_TMP/err")" 2 "--resume re-runs the failed launches only"
    assert_eq "$(csv_values "$out" verified threads=2 | tr '\n' ' ')" "0 0 1 1 " "rows of the re-run"
}

test_a_crashed_run_fails_the_sweep_and_adds_nothing() {
    local out=$TEST_TMP/c.csv
    FAKE_CRASH_THREADS=2 fake_sweep 1 "$out"
    assert_contains "$(cat "$TEST_TMP/err")" "FAILED round 1: strong omp: maclaurin_omp 1x2, N=1000: exit status 1, 0 of 1 rows: maclaurin_omp: crashed on purpose" "stderr"
    assert_eq "$(rows_per_threads "$out")" "1:2" "rows"
}

# runner.sh - what scripts/sweep and scripts/simulate share: they plan the
# configurations, this runs them.  Sourced; expects $PROG and $LIB.
#
# A planner (the analysis package's sweep-plan, simulate-plan) sets COUNT
# (and UNITS, what it counts: default configurations) and the script
# defines, for configuration I (0 .. COUNT-1):
#   describe I     one line in words
#   config_key I   its identity, as `analysis done` prints it (--resume)
#   out_of I       the CSV its rows go to
#   cost_ms I      a prior guess of its milliseconds, for the time left
#   run_config I   runs it with runner_run; 0 when its rows are in and verified
#   progress_note I (optional) text for its progress line
#   OUTS           (an array) every CSV it writes
# and calls runner_start, runner_open_outputs and runner_loop.
# Each configuration's rows are appended to its CSV only when it has ended
# (append_rows), so an interrupted run leaves whole configurations only.

# What both scripts use: mpirun's flags and pinning, the analysis.
. "$LIB/analysis.sh"
. "$LIB/open_mpi.sh"
. "$LIB/sweep_launch.sh"

# runner_open_outputs HEADER-FILE OUT...: each OUT a CSV this run may add to
# (new, or with RESUME=1 whole rows under the same header).  Fills $WORK/done
# with the keys of the configurations complete in them (DONE_FIRST's columns first).
runner_open_outputs() {
    cp "$1" "$WORK/header"
    shift
    analysis_in "$RUNNER_PY" done --header "$WORK/header" $([ "$RESUME" = 0 ] || echo --resume) \
        --first ${DONE_FIRST:-} -- "$@" >"$WORK/done" || exit
}

# Append the rows in file $1 to CSV $2: one write under flock, the header
# first into an empty file, deaf to INT and TERM.
append_rows() {
    cat "$WORK/header" "$1" >"$WORK/with_header"
    (
        trap '' INT TERM
        exec 9>>"$2"
        flock -x 9
        if [ -s "$2" ]; then cat "$1"; else cat "$WORK/with_header"; fi >&9
    )
}

# runner_run I COMMAND...: runs configuration I's COMMAND (a driver, told -r
# ROWS, its --tag columns and --csv itself), checks that it wrote ROWS rows
# (RUN_ROWS, else $REPEAT) under the driver's header ($WORK/driver_header),
# appends them to out_of I, and says what failed.  Sets UNVERIFIED, BEST
# (the fastest repetition's seconds) and BITS (its result_hex).
runner_run() {
    local i=$1 status rows=0 why desc want=${RUN_ROWS:-$REPEAT}
    shift
    rm -f "$WORK/run.csv"
    "$@" --csv "$WORK/run.csv" >"$WORK/run.out" 2>"$WORK/run.err" &
    CHILD=$!
    wait "$CHILD"
    status=$?
    CHILD=
    why=$(grep -v '^\[' "$WORK/run.err" | tail -n 1)   # SimGrid's own lines start with [
    if head -n 1 "$WORK/run.csv" 2>/dev/null | cmp -s - "$WORK/driver_header"; then
        read -r rows UNVERIFIED BEST BITS < <(analysis_in "$RUNNER_PY" run-summary "$WORK/run.csv" --fields rows,unverified,best,bits)
    fi
    if [ "$rows" != "$want" ]; then
        [ "$status" = 124 ] && why="more than --timeout ${TIMEOUT:-} s"
        echo "$PROG: FAILED $(describe "$i"): exit status $status, $rows of $want rows${why:+: $why}" >&2
        return 1
    fi
    if [ "$status" -ne 0 ] && [ "$UNVERIFIED" = 0 ]; then
        echo "$PROG: FAILED $(describe "$i"): exit status $status though every row verified${why:+: $why}" >&2
        return 1
    fi
    tail -n +2 "$WORK/run.csv" >"$WORK/rows"
    append_rows "$WORK/rows" "$(out_of "$i")"
    if [ "$UNVERIFIED" != 0 ]; then
        desc=$(describe "$i")
        echo "$PROG: FAILED verification: $desc: $UNVERIFIED of $want rows not verified (kept in $(out_of "$i") with verified=0)${why:+: $why}" >&2
        return 1
    fi
}

now_us() { echo "${EPOCHREALTIME/./}"; }

on_signal() {   # $1: INT or TERM
    trap '' INT TERM
    if [ -n "$CHILD" ]; then kill -TERM "$CHILD" 2>/dev/null; wait "$CHILD" 2>/dev/null; fi
    rm -rf "$WORK"
    echo "$PROG: interrupted by SIG$1 after ${DONE:-0} of ${COUNT:-0} ${UNITS:-configurations}; their rows are kept (--resume finishes it)" >&2
    [ "$1" = INT ] && exit 130 || exit 143
}

# runner_start: the scratch folder, the signal handlers and the analysis' interpreter (RUNNER_PY).
runner_start() {
    RUNNER_PY=$(analysis_python) || exit 1
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/$PROG.XXXXXX") || exit 1
    DONE=0 CHILD=
    trap 'rm -rf "$WORK"' EXIT
    # At most one $(...) a command from here on: bash 5.2 runs a trap pending from
    # the first in its parse of a second, a syntax error there: the signal is lost.
    trap 'on_signal INT' INT
    trap 'on_signal TERM' TERM
}

# runner_loop: every configuration not already done, a progress line each (k of
# n, its time, elapsed, the time left from the guesses, cost_ms: `analysis
# progress`).  Returns 1 naming every configuration that failed.
runner_loop() {
    local i started note start desc failed=()
    for ((i = 0; i < COUNT; i++)); do
        if grep -qxF "$(config_key "$i")" "$WORK/done"; then echo -; else cost_ms "$i"; fi
    done >"$WORK/costs"
    start=$(now_us)
    for ((i = 0; i < COUNT; i++)); do
        if grep -qxF "$(config_key "$i")" "$WORK/done"; then
            DONE=$((DONE + 1))
            desc=$(describe "$i")
            echo "$PROG: [$DONE/$COUNT] $desc: already in $(out_of "$i"), skipped" >&2
            continue
        fi
        started=$(now_us) UNVERIFIED= BEST=- BITS=-
        run_config "$i" || failed+=("$(describe "$i")")
        DONE=$((DONE + 1))
        note=$(! declare -F progress_note >/dev/null || progress_note "$i")
        desc=$(describe "$i")
        echo "$PROG: [$DONE/$COUNT] $desc: ${note:+$note; }$(analysis_in "$RUNNER_PY" progress "$start" \
            --costs "$WORK/costs" --index "$i" --started "$started")" >&2
    done
    if [ ${#failed[@]} -gt 0 ]; then
        echo "$PROG: ${#failed[@]} of $COUNT ${UNITS:-configurations} failed:" >&2
        printf "$PROG:   %s\n" "${failed[@]}" >&2
        return 1
    fi
    echo "$PROG: done in $(analysis_in "$RUNNER_PY" progress "$start") s: ${OUTS[*]}" >&2
}

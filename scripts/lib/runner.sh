# runner.sh - what scripts/sweep and scripts/simulate share: they plan the
# configurations, this runs them.  Sourced; expects $PROG and $LIB.
#
# A planner sets COUNT (and UNITS, what it counts: default configurations)
# and defines, for configuration I (0 .. COUNT-1):
#   describe I     one line in words
#   config_key I   its identity, as `analysis done` prints it (--resume)
#   out_of I       the CSV its rows go to
#   cost_ms I      a prior guess of its milliseconds, for the time left
#   run_config I   runs it with runner_run; 0 when its rows are in and verified
#   progress_note I (optional) text for its progress line
#   OUTS           (an array) every CSV it writes
# and calls runner_options, then runner_start, runner_open_outputs and runner_loop.
# Each configuration writes its rows into a temporary file; only when it has
# finished are they appended to its CSV, in one write under flock, with
# signals held off, so an interrupted run leaves whole configurations only.

# What both planners launch and record runs with: the programs, mpirun's
# flags and pinning, the analysis.
. "$LIB/analysis.sh"
. "$LIB/programs.sh"
. "$LIB/open_mpi.sh"
. "$LIB/sweep_launch.sh"

die_usage() { echo "$PROG: $*" >&2; exit 2; }

# runner_options "OPTIONS-WITH-A-VALUE" "FLAGS" ARGS...: calls the planner's
# set_option NAME VALUE for each option given (--name=value too).
runner_options() {
    local with_value=" $1 " flags=" $2 " option value has_value
    shift 2
    while [ $# -gt 0 ]; do
        option=$1 value= has_value=0
        case $option in --*=*) value=${option#*=} option=${option%%=*} has_value=1 ;; esac
        if [[ $with_value == *" $option "* ]]; then
            if [ "$has_value" = 0 ]; then
                [ $# -ge 2 ] || die_usage "option '$option' needs a value"
                value=$2
                shift
            fi
        elif [[ $flags == *" $option "* ]]; then
            [ "$has_value" = 0 ] || die_usage "option '$option' takes no value"
        else
            die_usage "unknown option '$option' (see --help)"
        fi
        set_option "$option" "$value"
        shift
    done
}

# runner_counts LIST MAX OPTION: LIST (comma-separated counts, each 1 .. MAX)
# space-separated without repeats; an error line and status 2 otherwise.
runner_counts() {
    local item out=() seen=" " items
    [[ $1 =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "$PROG: invalid $3 '$1': not a comma-separated list of counts" >&2; return 2; }
    IFS=, read -ra items <<<"$1"
    for item in "${items[@]}"; do
        item=$((10#$item))
        [ "$item" -ge 1 ] && [ "$item" -le "$2" ] || { echo "$PROG: invalid $3 '$1': $item is not 1 .. $2" >&2; return 2; }
        [[ $seen == *" $item "* ]] || { out+=("$item"); seen+="$item "; }
    done
    echo "${out[*]}"
}

# runner_repeat MAX: REPEAT checked (1 .. MAX) and made plain digits.
runner_repeat() {
    [[ $REPEAT =~ ^[0-9]+$ ]] && [ "$((10#$REPEAT))" -ge 1 ] && [ "$((10#$REPEAT))" -le "$1" ] ||
        die_usage "invalid --repeat '$REPEAT': not a count 1 .. $1"
    REPEAT=$((10#$REPEAT))
}

# runner_terms N: N (digits or an exact form such as 6e9) as digits; the
# drivers have already said whether they accept it.
runner_terms() { awk -v n="$1" 'BEGIN { printf "%.0f", n + 0 }'; }
# runner_x_key X: x as the keys of complete configurations write it (%.17g).
runner_x_key() { awk -v x="$1" 'BEGIN { printf "%.17g", x + 0 }'; }
# runner_scaled TERMS W: TERMS x W (weak scaling), refused above 2^53.
runner_scaled() {
    [ "$1" -le $(((1 << 53) / $2)) ] || die_usage "invalid --terms: $1 x $2 terms is above 2^53"
    echo $(($1 * $2))
}

# runner_open_outputs HEADER-FILE OUT...: each OUT a CSV this run may add to:
# new, or (with RESUME=1) holding whole rows under the same header.  Fills
# $WORK/done with the keys of the configurations already complete in them
# (the columns named in DONE_FIRST first).
runner_open_outputs() {
    local out
    cp "$1" "$WORK/header"
    shift
    : >"$WORK/done"
    for out in "$@"; do
        if [ -s "$out" ] && [ "$RESUME" = 0 ]; then
            die_usage "invalid --out '$out': already exists (--resume completes it)"
        fi
        mkdir -p "$(dirname "$out")" || die_usage "invalid --out '$out': cannot create its folder"
        touch "$out" 2>/dev/null && [ -f "$out" ] || die_usage "invalid --out '$out': cannot write it"
        # only a SIGKILL in the middle of an append can cut a row short; never append to it
        if [ -s "$out" ] && [ -n "$(tail -c 1 "$out")" ]; then
            die_usage "invalid --out '$out': its last line is cut short (a killed append?); remove that line first"
        fi
        if [ -s "$out" ] && ! head -n 1 "$out" | cmp -s - "$WORK/header"; then
            die_usage "invalid --out '$out': its columns differ from this run's (a different driver version?)"
        fi
        if [ "$RESUME" = 1 ] && [ -s "$out" ]; then
            analysis done "$out" ${DONE_FIRST:-} >>"$WORK/done" || exit 1
        fi
    done
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
    local i=$1 status rows why want=${RUN_ROWS:-$REPEAT}
    shift
    rm -f "$WORK/run.csv"
    "$@" --csv "$WORK/run.csv" >"$WORK/run.out" 2>"$WORK/run.err" &
    CHILD=$!
    wait "$CHILD"
    status=$?
    CHILD=
    rows=$(($(wc -l <"$WORK/run.csv" 2>/dev/null || echo 1) - 1))
    why=$(grep -v '^\[' "$WORK/run.err" | tail -n 1)   # SimGrid's own lines start with [
    if [ "$rows" -ne "$want" ] || ! head -n 1 "$WORK/run.csv" | cmp -s - "$WORK/driver_header"; then
        [ "$status" = 124 ] && why="more than --timeout ${TIMEOUT:-} s"
        echo "$PROG: FAILED $(describe "$i"): exit status $status, $rows of $want rows${why:+: $why}" >&2
        return 1
    fi
    read -r UNVERIFIED BEST BITS _ < <(analysis run-summary "$WORK/run.csv")
    if [ "$status" -ne 0 ] && [ "$UNVERIFIED" = 0 ]; then
        echo "$PROG: FAILED $(describe "$i"): exit status $status though every row verified${why:+: $why}" >&2
        return 1
    fi
    tail -n +2 "$WORK/run.csv" >"$WORK/rows"
    append_rows "$WORK/rows" "$(out_of "$i")"
    if [ "$UNVERIFIED" != 0 ]; then
        echo "$PROG: FAILED verification: $(describe "$i"): $UNVERIFIED of $want rows not verified (kept in $(out_of "$i") with verified=0)${why:+: $why}" >&2
        return 1
    fi
}

now_us() { echo "${EPOCHREALTIME/./}"; }
seconds_since() {   # seconds_since MICROSECONDS: to a tenth, e.g. 12.3
    local d=$((($(now_us) - $1) / 100000))
    echo "$((d / 10)).$((d % 10))"
}

on_signal() {   # $1: INT or TERM
    trap '' INT TERM
    if [ -n "$CHILD" ]; then kill -TERM "$CHILD" 2>/dev/null; wait "$CHILD" 2>/dev/null; fi
    rm -rf "$WORK"
    echo "$PROG: interrupted by SIG$1 after $DONE of $COUNT ${UNITS:-configurations}; their rows are kept (--resume finishes it)" >&2
    [ "$1" = INT ] && exit 130 || exit 143
}

# runner_start: the scratch folder and the signal handlers, before any run.
runner_start() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/$PROG.XXXXXX") || exit 1
    DONE=0 CHILD=
    trap 'rm -rf "$WORK"' EXIT
    trap 'on_signal INT' INT
    trap 'on_signal TERM' TERM
}

# runner_loop: every configuration not already done, a progress line each
# (k of n, its time, elapsed, and the time left: the prior guesses of what
# is left, scaled by the time spent over the guesses for the work done).
# Returns 1 naming every configuration that failed.
runner_loop() {
    local i k c started note start remaining=0 spent=0 elapsed_us left failed=()
    for ((i = 0; i < COUNT; i++)); do
        grep -qxF "$(config_key "$i")" "$WORK/done" || remaining=$((remaining + $(cost_ms "$i")))
    done
    start=$(now_us)
    for ((i = 0; i < COUNT; i++)); do
        k=$((i + 1))
        if grep -qxF "$(config_key "$i")" "$WORK/done"; then
            DONE=$((DONE + 1))
            echo "$PROG: [$k/$COUNT] $(describe "$i"): already in $(out_of "$i"), skipped" >&2
            continue
        fi
        started=$(now_us) UNVERIFIED= BEST=- BITS=-
        run_config "$i" || failed+=("$(describe "$i")")
        DONE=$((DONE + 1))
        c=$(cost_ms "$i")
        spent=$((spent + c)) remaining=$((remaining - c))
        elapsed_us=$(($(now_us) - start))
        left=$((spent > 0 ? elapsed_us / 1000 * remaining / spent / 1000 : 0))
        note=$(! declare -F progress_note >/dev/null || progress_note "$i")
        echo "$PROG: [$k/$COUNT] $(describe "$i"): ${note:+$note; }took $(seconds_since "$started") s; elapsed $(seconds_since "$start") s, about $left s left" >&2
    done
    if [ ${#failed[@]} -gt 0 ]; then
        echo "$PROG: ${#failed[@]} of $COUNT ${UNITS:-configurations} failed:" >&2
        printf "$PROG:   %s\n" "${failed[@]}" >&2
        return 1
    fi
    echo "$PROG: done in $(seconds_since "$start") s: ${OUTS[*]}" >&2
}

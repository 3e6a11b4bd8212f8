# shellcheck shell=bash
# scripts/slurm/lib.sh - what the batch scripts share: a scaling study inside a Slurm job.
#
# Sourced by the batch scripts inside a Slurm job, in the directory it was
# submitted from.  slurm_study STUDY (strong, weak or hybrid) checks that
# the build runs on the compute nodes, measures one core's rate there, asks
# `maclaurin_analysis plan` for the layouts, their terms and the launches
# (every layout once a round, in shuffled order), and launches them.  The
# environment variables (MACLAURIN_*) are docs/slurm.md's table.  A run
# fails when the driver exits non-zero, its row is missing or not verified,
# or it ran on other nodes than its layout takes; the study goes on, and
# the job exits 1 at the end.  Rows a failed run did write stay in the CSV
# with verified=0.  The plan and each run's verdict go to the job's log as
# key=value lines; what a row needs (build, hosts, binding) the driver
# writes into the CSV itself.

slurm_die() {
    echo "maclaurin: $*" >&2
    exit 1
}

slurm_record() { printf '%s=%s\n' "$1" "$2"; }

slurm_pick_launcher() {
    case "${MACLAURIN_LAUNCHER:-auto}" in
    srun | mpirun)
        slurm_launcher=$MACLAURIN_LAUNCHER slurm_launcher_why="MACLAURIN_LAUNCHER=$MACLAURIN_LAUNCHER" ;;
    auto)
        if grep -qw -- "$slurm_srun_mpi" <<<"$(srun --mpi=list 2>&1 || true)"; then
            slurm_launcher=srun slurm_launcher_why="srun --mpi=list offers $slurm_srun_mpi"
        elif command -v mpirun >/dev/null 2>&1; then
            slurm_launcher=mpirun slurm_launcher_why="srun --mpi=list lacks $slurm_srun_mpi"
        else
            slurm_die "srun offers no --mpi=$slurm_srun_mpi and there is no mpirun"
        fi ;;
    *) slurm_die "MACLAURIN_LAUNCHER must be auto, srun or mpirun, not '$MACLAURIN_LAUNCHER'" ;;
    esac
}

# The helpers shared with the other scripts (Open MPI's flags, the analysis),
# from the repository's scripts/lib or an installed copy.
slurm_lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$slurm_lib_dir/../lib/open_mpi.sh"
PROG=slurm LIB=$slurm_lib_dir/../lib
. "$LIB/analysis.sh"

slurm_setup() {
    [ -n "${SLURM_JOB_ID:-}" ] || slurm_die "not inside a Slurm job: submit with sbatch (or maclaurin-submit)"
    slurm_study_name=$1 slurm_mode=strong
    [ "$1" != weak ] || slurm_mode=weak
    # maclaurin-submit names the build (MACLAURIN_BIN); a bare sbatch finds
    # it in the directory it was submitted from, or on PATH
    slurm_driver=${MACLAURIN_BIN:-$PWD}/maclaurin_mpi
    [ -x "$slurm_driver" ] || slurm_driver=$(command -v maclaurin_mpi || echo "$slurm_driver")
    [ -x "$slurm_driver" ] || slurm_die "$slurm_driver not found: run make in $PWD first (or module load maclaurin)"
    slurm_cflags=$("$slurm_driver" --facts | sed -n 's/^cflags=//p')
    # found once: the study asks it after every run
    slurm_py=$(analysis_python) ||
        slurm_die "the job needs Python 3.6 or later (standard library only) on the compute nodes"

    slurm_csv=${MACLAURIN_CSV:-${MACLAURIN_RESULTS:-$PWD/results}/slurm-$SLURM_JOB_ID.csv}
    if [ -z "${MACLAURIN_CSV:-}" ] && [ -s "$slurm_csv" ]; then
        slurm_die "$slurm_csv already exists (Slurm reused job id $SLURM_JOB_ID?): move it away"
    fi
    mkdir -p "$(dirname "$slurm_csv")" || slurm_die "cannot create the results directory $(dirname "$slurm_csv")"
    slurm_rounds=${MACLAURIN_REPEAT:-7} slurm_target=${MACLAURIN_TARGET:-0.5}
    [[ "$slurm_rounds" =~ ^[1-9][0-9]*$ ]] || slurm_die "MACLAURIN_REPEAT must be a positive integer, not '$slurm_rounds'"
    read -r -a slurm_extra_args <<<"${MACLAURIN_ARGS:-}"
    slurm_srun_mpi=${MACLAURIN_SRUN_MPI:-pmix}
    slurm_nodes=${SLURM_JOB_NUM_NODES:-1}
    # A core's hardware threads share its vector units: a study fills cores.
    slurm_threads_per_core=$(lscpu 2>/dev/null | sed -n 's/^Thread(s) per core: *\([0-9]*\)$/\1/p')
    slurm_distribution=${MACLAURIN_DISTRIBUTION:-spread} slurm_layout_tag=spread
    case "$slurm_distribution" in
    spread) ;;
    pack) slurm_layout_tag=packed ;;
    *) slurm_die "MACLAURIN_DISTRIBUTION must be spread or pack, not '$slurm_distribution'" ;;
    esac
    slurm_user_proc_bind=${OMP_PROC_BIND:-}
    export OMP_PLACES=${OMP_PLACES:-cores}
    slurm_pick_launcher
    slurm_runs=0 slurm_failed=0
    slurm_scratch=$(mktemp -d "${TMPDIR:-/tmp}/maclaurin-job-$SLURM_JOB_ID.XXXXXX")
    trap 'rm -rf "$slurm_scratch"' EXIT

    local launcher_facts=("srun_mpi=$slurm_srun_mpi" "cpu_bind=${MACLAURIN_CPU_BIND:-cores}")
    [ "$slurm_launcher" = srun ] ||
        launcher_facts=("mpirun=$(mpirun --version 2>&1 | head -n 1)" "mpirun_bind=${MACLAURIN_MPIRUN_BIND:-core}")
    printf '%s\n' "script=$slurm_study_name" "job_id=$SLURM_JOB_ID" "job_name=${SLURM_JOB_NAME:-}" \
        "nodelist=${SLURM_JOB_NODELIST:-}" "nodes=$slurm_nodes" "ntasks=${SLURM_NTASKS:-1}" \
        "cpus_per_task=${SLURM_CPUS_PER_TASK:-1}" "cpus_per_node=${SLURM_JOB_CPUS_PER_NODE:-1}" \
        "threads_per_core=${slurm_threads_per_core:-unknown}" "overcommit=${SLURM_OVERCOMMIT:-0}" \
        "partition=${SLURM_JOB_PARTITION:-}" "distribution=$slurm_distribution" "launcher=$slurm_launcher" \
        "launcher_reason=$slurm_launcher_why" "${launcher_facts[@]}" \
        "omp_proc_bind=${slurm_user_proc_bind:-close (false when oversubscribed)}" "omp_places=$OMP_PLACES" \
        "driver=$slurm_driver" "build=$slurm_cflags" "rounds=$slurm_rounds" "target_seconds=$slurm_target" \
        "extra_args=${MACLAURIN_ARGS:-}" "csv=$(realpath -m "$slurm_csv")" "started=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}

# The build must run on every node before anything is measured: a build
# for the login node's CPU (make's -march=native) can stop with SIGILL on
# compute nodes of another generation.  One rank a node, a tiny problem.
slurm_check_build() {
    local out=$slurm_scratch/check status
    slurm_launch_command "$slurm_nodes" 1 0 "$slurm_nodes" spread
    if "${slurm_command[@]}" "$slurm_driver" -n 1e6 -r 1 -q >"$out" 2>&1; then status=0; else status=$?; fi
    slurm_record build_check "$status"
    [ "$status" -ne 0 ] || return 0
    cat "$out" >&2
    if [ "$status" -eq 132 ] || grep -qi "illegal instruction" "$out"; then
        slurm_die "maclaurin_mpi (built with $slurm_cflags) stops" \
            "with an illegal instruction on the compute nodes: their CPU lacks the build's instruction set." \
            "Rebuild for them and install again: make ARCH=x86-64-v3 (AVX2) or ARCH=x86-64-v4 (AVX-512) (docs/install.md)"
    fi
    slurm_die "maclaurin_mpi does not run on the job's $slurm_nodes node(s) (status $status, its output above)"
}

# One core's rate on the first compute node: a 1x1 run of
# MACLAURIN_CALIBRATION_TERMS (default 2e9, a few tenths of a second on
# any core this decade), 3 repetitions, into the scratch folder.  With N
# given (MACLAURIN_TERMS) nothing is sized, and nothing is calibrated.
slurm_calibrate() {
    slurm_calibration=""
    [ -z "${MACLAURIN_TERMS:-}" ] || return 0
    slurm_calibration=$slurm_scratch/calibration.csv
    export OMP_NUM_THREADS=1 OMP_PROC_BIND=${slurm_user_proc_bind:-close}
    slurm_launch_command 1 1 0 1 pack
    "${slurm_command[@]}" "$slurm_driver" -n "${MACLAURIN_CALIBRATION_TERMS:-2e9}" -r 3 -q \
        --csv "$slurm_calibration" "${slurm_extra_args[@]}" >&2 ||
        slurm_die "the calibration run on one core failed (its output above)"
}

# The plan (`maclaurin_analysis plan`): the cores of the allocation, the
# layouts and their terms into the log, the launches into $slurm_scratch/schedule;
# refused (with the submit line to use) when the job's time limit is too short.
slurm_plan() {
    local threads=${SLURM_CPUS_PER_TASK:-1} left key value
    local args=("$slurm_study_name" --cpus-per-node "${SLURM_JOB_CPUS_PER_NODE:-1}"
                --threads-per-core "${slurm_threads_per_core:-1}" --threads "$threads" --nodes "$slurm_nodes"
                --rounds "$slurm_rounds" --target "$slurm_target" --distribution "$slurm_distribution"
                --schedule "$slurm_scratch/schedule")
    [ -z "$slurm_calibration" ] || args+=(--calibration "$slurm_calibration")
    [ -z "${MACLAURIN_TERMS:-}" ] || args+=(--terms "$MACLAURIN_TERMS")
    [ -z "${MACLAURIN_LAYOUTS:-}" ] || args+=(--layouts "$MACLAURIN_LAYOUTS")
    left=$(squeue -h -j "$SLURM_JOB_ID" -o %L 2>/dev/null) && [ -n "$left" ] && args+=(--time-left "$left")
    analysis_in "$slurm_py" plan "${args[@]}" >"$slurm_scratch/plan" || slurm_die "no plan for the study (above)"
    while IFS='=' read -r key value; do slurm_record "plan.$key" "$value"; done <"$slurm_scratch/plan"
}

slurm_study() {
    local launch
    slurm_setup "$1"
    slurm_check_build
    slurm_calibrate
    slurm_plan
    # on fd 3: srun and mpirun read stdin
    while read -r -a launch <&3; do slurm_run_layout "${launch[@]}"; done 3<"$slurm_scratch/schedule"
    slurm_finish
}

# slurm_launch_command RANKS THREADS OVERSUBSCRIBED NODES DISTRIBUTION: the
# launcher's command line into slurm_command, the ranks spread or packed
# over NODES.  Oversubscribed runs (more threads than allocated cores) are
# not pinned, so that the operating system can spread them; they check
# correctness only.
slurm_launch_command() {
    local ranks=$1 threads=$2 oversubscribed=$3 nodes=$4 distribution=$5
    if [ "$slurm_launcher" = srun ]; then
        local bind=${MACLAURIN_CPU_BIND:-cores} order=cyclic
        [ "$oversubscribed" = 0 ] || bind=none
        [ "$distribution" = spread ] || order=block
        # --nodes: srun would otherwise take every node of the job, whatever the layout;
        # --kill-on-bad-exit: a rank that dies ends the step, as mpirun does, not the time limit
        slurm_command=(srun --mpi="$slurm_srun_mpi" --ntasks="$ranks" --cpus-per-task="$threads" --kill-on-bad-exit=1
                       --cpu-bind="verbose,$bind" --nodes="$nodes" --distribution=$order)
        slurm_binding="srun --cpu-bind=$bind --distribution=$order"
        return
    fi
    local flags
    mapfile -t flags < <(open_mpi_flags "$oversubscribed")
    slurm_command=(mpirun -np "$ranks" --report-bindings -x OMP_NUM_THREADS -x OMP_PROC_BIND -x OMP_PLACES "${flags[@]}")
    if [ "$oversubscribed" = 1 ]; then
        [ "$distribution" = pack ] || slurm_command+=(--map-by node)
        slurm_command+=(--bind-to none)
        slurm_binding="mpirun --bind-to none"
    else
        # Open MPI counts one slot per Slurm task; a layout with more
        # ranks than tasks but enough cores is not oversubscribed.
        [ "$ranks" -le "${SLURM_NTASKS:-1}" ] || slurm_command+=(--oversubscribe)
        local by=node
        [ "$distribution" = spread ] || by=slot
        slurm_command+=(--map-by "$by:PE=$threads" --bind-to "${MACLAURIN_MPIRUN_BIND:-core}")
        slurm_binding="mpirun --map-by $by:PE=$threads --bind-to ${MACLAURIN_MPIRUN_BIND:-core}"
    fi
}

# slurm_run_layout ROUND RANKS THREADS TERMS NODES OVERSUBSCRIBED (a line of
# the plan's schedule): one launch, one timed repetition, its row appended
# to the CSV and checked.
slurm_run_layout() {
    local round=$1 ranks=$2 threads=$3 terms=$4 nodes=$5 oversubscribed=$6 lines_before=0 status rows verified used
    local key=run.$((++slurm_runs)) verdict=ok
    export OMP_NUM_THREADS=$threads OMP_PROC_BIND=$slurm_user_proc_bind
    [ -n "$OMP_PROC_BIND" ] || OMP_PROC_BIND=$([ "$oversubscribed" = 1 ] && echo false || echo close)
    slurm_launch_command "$ranks" "$threads" "$oversubscribed" "$nodes" "$slurm_distribution"
    # the study's columns, as the driver writes them
    slurm_command+=("$slurm_driver" --terms "$terms" --repeat 1 --tag "run_id=slurm-$SLURM_JOB_ID"
                    --tag "mode=$slurm_mode" --tag "layout=$slurm_layout_tag" --tag "round=$round"
                    --tag "binding=$slurm_binding" --csv "$slurm_csv" "${slurm_extra_args[@]}")
    echo
    printf "$key.%s\n" "layout=${ranks}x$threads" "round=$round" "terms=$terms" "oversubscribed=$oversubscribed" \
        "omp=OMP_NUM_THREADS=$OMP_NUM_THREADS OMP_PROC_BIND=$OMP_PROC_BIND OMP_PLACES=$OMP_PLACES" \
        "command=${slurm_command[*]}"
    [ ! -f "$slurm_csv" ] || lines_before=$(wc -l <"$slurm_csv")
    if "${slurm_command[@]}"; then status=0; else status=$?; fi
    # its rows, how many verified, and the nodes they ran on ("1,3": two values)
    read -r rows verified used < <(analysis_in "$slurm_py" run-summary "$slurm_csv" --after "$lines_before" --fields rows,verified,nodes)
    printf "$key.%s\n" "exit=$status" "rows=$rows" "verified_rows=$verified" "nodes_used=$used"
    if [ "$status" -ne 0 ] || [ "$rows" != 1 ] || [ "$verified" != 1 ]; then
        verdict=FAILED
    elif [ "$used" != "$nodes" ]; then
        echo "maclaurin: ${ranks}x$threads ran on $used node(s), not the $nodes a $slurm_distribution layout takes" >&2
        verdict=FAILED
    fi
    [ "$verdict" = ok ] || slurm_failed=$((slurm_failed + 1))
    slurm_record "$key.verdict" "$verdict"
}

slurm_finish() {
    echo
    slurm_record runs "$slurm_runs"
    slurm_record failed_runs "$slurm_failed"
    slurm_record finished "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    if [ "$slurm_runs" -eq 0 ] || [ "$slurm_failed" -ne 0 ]; then
        slurm_record status failed
        echo "maclaurin: $slurm_failed of $slurm_runs runs failed; see above and $slurm_csv" >&2
        exit 1
    fi
    slurm_record status ok
    echo "maclaurin: all $slurm_runs runs verified; CSV $slurm_csv"
}

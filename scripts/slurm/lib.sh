# shellcheck shell=bash
# scripts/slurm/lib.sh - what the batch scripts share: set-up, one run per layout, the verdict.
#
# Sourced by strong_scaling.sbatch and hybrid.sbatch inside a Slurm job, in
# the repository root (the directory holding maclaurin_mpi):
#   slurm_setup NAME              check the job, pick the launcher, record the facts
#   slurm_run_layout RANKS THREADS   run maclaurin_mpi once, append to the CSV, check it
#   slurm_finish                  summary; exit status 1 if any run failed
#
# Environment (all optional):
#   MACLAURIN_CSV       the CSV to append to (default results/slurm-<jobid>.csv)
#   MACLAURIN_TERMS     terms N per run (default 3e10, the drivers' default problem;
#                       a core's rate is in docs/performance.md)
#   MACLAURIN_REPEAT    timed repetitions per run (default 3); CSV rows per run
#   MACLAURIN_ARGS      more driver arguments, split on spaces (-k scalar, ...)
#   MACLAURIN_LAUNCHER  auto (default), srun or mpirun
#   MACLAURIN_SRUN_MPI  srun's --mpi plugin (default pmix; Open MPI needs pmix)
#   MACLAURIN_CPU_BIND  srun --cpu-bind type (default cores)
#   MACLAURIN_MPIRUN_BIND  mpirun --bind-to target (default core)
#   MACLAURIN_DISTRIBUTION  spread (default) or pack: how a layout's ranks go
#                       over the job's nodes.  spread: one rank per node
#                       round-robin, on min(ranks, nodes) nodes, so that every
#                       layout of 2 or more ranks crosses the network when the
#                       job has 2 or more nodes; pack: fill each node's tasks
#                       first, so small layouts stay inside one node.  Each
#                       run records the nodes its rows say it used, and fails
#                       when the launcher did not put it where it should.
#   OMP_PROC_BIND, OMP_PLACES  kept when set; else close and cores
# A run fails when the driver exits non-zero (1: verification failure or
# runtime error, 2: usage error) or its rows are missing or not verified;
# the sweep goes on, and the job exits 1 at the end.  Rows a failed run did
# write stay in the CSV with verified=0: they are what happened.

slurm_die() {
    echo "maclaurin: $*" >&2
    exit 1
}

# key=value into the job's log (results/slurm-<jobid>.out): the batch
# script's own facts (launcher, each run's layout, command and verdict).
# What a run's rows need (build, hosts, binding, job id) the driver writes
# into the CSV itself.
slurm_record() {
    printf '%s=%s\n' "$1" "$2"
}

# CPUs of the whole allocation: SLURM_JOB_CPUS_PER_NODE reads like "2(x3),4".
slurm_allocated_cpus() {
    local total=0 part count
    local IFS=,
    for part in $SLURM_JOB_CPUS_PER_NODE; do
        count=1
        [[ "$part" =~ ^([0-9]+)\(x([0-9]+)\)$ ]] && { part=${BASH_REMATCH[1]}; count=${BASH_REMATCH[2]}; }
        total=$((total + part * count))
    done
    echo "$total"
}

slurm_pick_launcher() {
    local mpi_list
    case "${MACLAURIN_LAUNCHER:-auto}" in
    srun | mpirun)
        slurm_launcher=$MACLAURIN_LAUNCHER
        slurm_launcher_why="MACLAURIN_LAUNCHER=$MACLAURIN_LAUNCHER" ;;
    auto)
        mpi_list=$(srun --mpi=list 2>&1 || true)
        if grep -qw -- "$slurm_srun_mpi" <<<"$mpi_list"; then
            slurm_launcher=srun
            slurm_launcher_why="srun --mpi=list offers $slurm_srun_mpi"
        elif command -v mpirun >/dev/null 2>&1; then
            slurm_launcher=mpirun
            slurm_launcher_why="srun --mpi=list lacks $slurm_srun_mpi"
        else
            slurm_die "srun offers no --mpi=$slurm_srun_mpi and there is no mpirun"
        fi ;;
    *) slurm_die "MACLAURIN_LAUNCHER must be auto, srun or mpirun, not '$MACLAURIN_LAUNCHER'" ;;
    esac
}

# Where this library is (the repository's scripts/slurm, or an installed copy),
# for the helpers it shares with the other scripts: Open MPI's flags, and
# the results reader (Python 3's standard library, lib/analysis.sh).
slurm_lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$slurm_lib_dir/../lib/open_mpi.sh"
PROG=slurm LIB=$slurm_lib_dir/../lib
. "$LIB/analysis.sh"

slurm_setup() {
    [ -n "${SLURM_JOB_ID:-}" ] || slurm_die "not inside a Slurm job: submit with sbatch"
    local name=$1
    slurm_driver=$PWD/maclaurin_mpi
    [ -x "$slurm_driver" ] || slurm_driver=$(command -v maclaurin_mpi || echo "$PWD/maclaurin_mpi")
    [ -x "$slurm_driver" ] || slurm_die "$slurm_driver not found: run make in $PWD first (or install)"
    analysis_python >/dev/null || slurm_die "no Python 3 to read the results with"

    slurm_csv=${MACLAURIN_CSV:-results/slurm-$SLURM_JOB_ID.csv}
    if [ -z "${MACLAURIN_CSV:-}" ] && [ -s "$slurm_csv" ]; then
        slurm_die "$slurm_csv already exists (Slurm reused job id $SLURM_JOB_ID?): move it away"
    fi
    mkdir -p "$(dirname "$slurm_csv")"

    # the driver's default problem size unless given (its --facts)
    slurm_terms=${MACLAURIN_TERMS:-$("$slurm_driver" --facts | sed -n 's/^default_terms=//p')}
    slurm_repeat=${MACLAURIN_REPEAT:-3}
    [[ "$slurm_repeat" =~ ^[1-9][0-9]*$ ]] || slurm_die "MACLAURIN_REPEAT must be a positive integer"
    read -r -a slurm_extra_args <<<"${MACLAURIN_ARGS:-}"
    slurm_srun_mpi=${MACLAURIN_SRUN_MPI:-pmix}
    slurm_cpus=$(slurm_allocated_cpus)
    slurm_nodes=${SLURM_JOB_NUM_NODES:-1}
    slurm_distribution=${MACLAURIN_DISTRIBUTION:-spread}
    case "$slurm_distribution" in
    spread | pack) ;;
    *) slurm_die "MACLAURIN_DISTRIBUTION must be spread or pack, not '$slurm_distribution'" ;;
    esac
    slurm_user_proc_bind=${OMP_PROC_BIND:-}
    export OMP_PLACES=${OMP_PLACES:-cores}
    slurm_pick_launcher
    slurm_runs=0
    slurm_failed=0

    slurm_record script "$name"
    slurm_record job_id "$SLURM_JOB_ID"
    slurm_record job_name "${SLURM_JOB_NAME:-}"
    slurm_record nodelist "${SLURM_JOB_NODELIST:-}"
    slurm_record nodes "${SLURM_JOB_NUM_NODES:-1}"
    slurm_record ntasks "${SLURM_NTASKS:-1}"
    slurm_record cpus_per_task "${SLURM_CPUS_PER_TASK:-1}"
    slurm_record cpus_allocated "$slurm_cpus"
    slurm_record overcommit "${SLURM_OVERCOMMIT:-0}"
    slurm_record partition "${SLURM_JOB_PARTITION:-}"
    slurm_record distribution "$slurm_distribution"
    slurm_record launcher "$slurm_launcher"
    slurm_record launcher_reason "$slurm_launcher_why"
    if [ "$slurm_launcher" = srun ]; then
        slurm_record srun_mpi "$slurm_srun_mpi"
        slurm_record cpu_bind "${MACLAURIN_CPU_BIND:-cores}"
    else
        slurm_record mpirun "$(mpirun --version 2>&1 | head -n 1)"
        slurm_record mpirun_bind "${MACLAURIN_MPIRUN_BIND:-core}"
    fi
    slurm_record omp_proc_bind "${slurm_user_proc_bind:-close (false when oversubscribed)}"
    slurm_record omp_places "$OMP_PLACES"
    slurm_record driver "$slurm_driver"
    slurm_record terms "$slurm_terms"
    slurm_record repeat "$slurm_repeat"
    slurm_record extra_args "${MACLAURIN_ARGS:-}"
    slurm_record csv "$(realpath -m "$slurm_csv")"
    slurm_record started "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}

# The launcher's command line for RANKS x THREADS into slurm_command.
# Oversubscribed runs (more threads than allocated CPUs) are not pinned, so
# that the operating system can spread them; they check correctness only.
slurm_launch_command() {
    local ranks=$1 threads=$2 oversubscribed=$3
    if [ "$slurm_launcher" = srun ]; then
        local bind=${MACLAURIN_CPU_BIND:-cores}
        [ "$oversubscribed" = 0 ] || bind=none
        slurm_command=(srun --mpi="$slurm_srun_mpi" --ntasks="$ranks" --cpus-per-task="$threads"
                       --cpu-bind="verbose,$bind")
        # srun would otherwise take every node of the job, whatever the layout
        local order=cyclic
        [ "$slurm_distribution" = spread ] || order=block
        slurm_command+=(--nodes="$(slurm_layout_nodes "$ranks" "$threads")" --distribution=$order)
        slurm_binding="srun --cpu-bind=$bind --distribution=$order"
    else
        local flags
        mapfile -t flags < <(open_mpi_flags "$oversubscribed")
        slurm_command=(mpirun -np "$ranks" --report-bindings
                       -x OMP_NUM_THREADS -x OMP_PROC_BIND -x OMP_PLACES "${flags[@]}")
        if [ "$oversubscribed" = 1 ]; then
            [ "$slurm_distribution" = pack ] || slurm_command+=(--map-by node)
            slurm_command+=(--bind-to none)
            slurm_binding="mpirun --bind-to none"
        else
            # Open MPI counts one slot per Slurm task; a layout with more
            # ranks than tasks but enough CPUs is not oversubscribed.
            [ "$ranks" -le "${SLURM_NTASKS:-1}" ] || slurm_command+=(--oversubscribe)
            local by=node
            [ "$slurm_distribution" = spread ] || by=slot
            slurm_command+=(--map-by "$by:PE=$threads" --bind-to "${MACLAURIN_MPIRUN_BIND:-core}")
            slurm_binding="mpirun --map-by $by:PE=$threads --bind-to ${MACLAURIN_MPIRUN_BIND:-core}"
        fi
    fi
}

# The nodes a layout of RANKS x THREADS runs on: spread, one rank per node
# first; pack, as few as hold its CPUs (the first node's CPU count each).
slurm_layout_nodes() {
    local want=$1 per_node=${SLURM_JOB_CPUS_PER_NODE:-1}
    per_node=${per_node%%[(,]*}
    [ "$slurm_distribution" = spread ] || want=$(( ($1 * $2 + per_node - 1) / per_node ))
    echo $((want < slurm_nodes ? want : slurm_nodes))
}

# Data rows of FILE after its first SKIP lines, how many say verified=1, and
# the nodes they ran on (the distinct values of their nodes column, ','
# between).  Read by a CSV reader: a CPU model or MPI library is quoted when
# it holds a comma.
slurm_count_rows() {
    [ -f "$1" ] || { echo "0 0 0"; return; }
    analysis column "$1" verified,nodes | tail -n +$(($2 > 1 ? $2 : 1)) |
        awk -F'\t' '{ rows++; ok += $1 == "1"; if (!($2 in seen)) { seen[$2] = 1; used = used (used == "" ? "" : ",") $2 } }
            END { print rows + 0, ok + 0, (used == "" ? 0 : used) }'
}

slurm_run_layout() {
    local ranks=$1 threads=$2 oversubscribed=0 lines_before status rows verified verdict=ok
    [[ "$ranks" =~ ^[1-9][0-9]*$ && "$threads" =~ ^[1-9][0-9]*$ ]] ||
        slurm_die "bad layout '$ranks x $threads': ranks and threads must be positive integers"
    [ $((ranks * threads)) -le "$slurm_cpus" ] || oversubscribed=1
    slurm_runs=$((slurm_runs + 1))
    local key=run.$slurm_runs

    export OMP_NUM_THREADS=$threads
    if [ -n "$slurm_user_proc_bind" ]; then
        export OMP_PROC_BIND=$slurm_user_proc_bind
    elif [ "$oversubscribed" = 1 ]; then
        export OMP_PROC_BIND=false
    else
        export OMP_PROC_BIND=close
    fi
    slurm_launch_command "$ranks" "$threads" "$oversubscribed"
    # the study's columns, as the driver writes them (a fixed N: strong)
    slurm_command+=("$slurm_driver" --terms "$slurm_terms" --repeat "$slurm_repeat"
                    --tag "run_id=slurm-$SLURM_JOB_ID" --tag mode=strong
                    --tag "layout=$([ "$slurm_distribution" = pack ] && echo packed || echo spread)"
                    --tag "binding=$slurm_binding" --csv "$slurm_csv" "${slurm_extra_args[@]}")

    echo
    slurm_record "$key.layout" "${ranks}x$threads"
    slurm_record "$key.oversubscribed" "$oversubscribed"
    slurm_record "$key.omp" "OMP_NUM_THREADS=$OMP_NUM_THREADS OMP_PROC_BIND=$OMP_PROC_BIND OMP_PLACES=$OMP_PLACES"
    slurm_record "$key.command" "${slurm_command[*]}"
    lines_before=0
    [ ! -f "$slurm_csv" ] || lines_before=$(wc -l <"$slurm_csv")
    if "${slurm_command[@]}"; then status=0; else status=$?; fi
    read -r rows verified used < <(slurm_count_rows "$slurm_csv" "$lines_before")
    slurm_record "$key.exit" "$status"
    slurm_record "$key.rows" "$rows"
    slurm_record "$key.verified_rows" "$verified"
    slurm_record "$key.nodes_used" "$used"
    if [ "$status" -ne 0 ] || [ "$rows" -ne "$slurm_repeat" ] || [ "$verified" -ne "$rows" ]; then
        verdict=FAILED
    elif [ "$used" != "$(slurm_layout_nodes "$ranks" "$threads")" ]; then
        echo "maclaurin: ${ranks}x$threads ran on $used node(s), not the" \
            "$(slurm_layout_nodes "$ranks" "$threads") a $slurm_distribution layout takes" >&2
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

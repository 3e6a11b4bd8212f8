# shellcheck shell=bash
# scripts/slurm/lib.sh - what the batch scripts share: a scaling study inside a Slurm job.
#
# Sourced by the batch scripts (strong_scaling, weak_scaling, hybrid) inside
# a Slurm job, in the directory it was submitted from:
#   slurm_study STUDY    strong, weak or hybrid: check that the build runs on
#                        the compute nodes, measure one core's rate there,
#                        size the problem (maclaurin_analysis plan), then run
#                        every layout once a round, in shuffled order
#
# Environment (all optional; maclaurin-submit sets the first two):
#   MACLAURIN_BIN       the directory holding maclaurin_mpi (default: the
#                       submission directory, else PATH)
#   MACLAURIN_RESULTS   where the CSV goes (default ./results, made if missing)
#   MACLAURIN_TARGET    seconds the largest layout runs a repetition (strong,
#                       hybrid), or every layout (weak); default 0.5
#   MACLAURIN_CSV       the CSV to append to (default $MACLAURIN_RESULTS/slurm-<jobid>.csv)
#   MACLAURIN_TERMS     N for every layout (strong, hybrid) or a worker (weak),
#                       instead of sizing it from a rate measured in the job
#                       (and then the job's time limit is not checked)
#   MACLAURIN_REPEAT    rounds (default 7): each launches every layout once,
#                       for one timed repetition, the 1x1 base case included
#   MACLAURIN_LAYOUTS   the layouts, as "1x1 4x1 2x2", instead of the study's
#   MACLAURIN_ARGS      more driver arguments, split on spaces (-k scalar, ...)
#   MACLAURIN_LAUNCHER  auto (default), srun or mpirun
#   MACLAURIN_SRUN_MPI  srun's --mpi plugin (default pmix; Open MPI needs pmix)
#   MACLAURIN_CPU_BIND  srun --cpu-bind type (default cores)
#   MACLAURIN_MPIRUN_BIND  mpirun --bind-to target (default core)
#   MACLAURIN_DISTRIBUTION  spread (default) or pack: how a layout's ranks go
#                       over the job's nodes.  spread: one rank per node
#                       round-robin, on min(ranks, nodes) nodes, so that every
#                       layout of 2 or more ranks crosses the network when the
#                       job has 2 or more nodes; pack: fill each node's cores
#                       first, so small layouts stay inside one node.  The
#                       CSV's layout column says which (spread or packed);
#                       a run fails when the launcher put it elsewhere.
#   OMP_PROC_BIND, OMP_PLACES  kept when set; else close and cores
# A study uses every core of its allocation (CPUs over the hardware threads
# a core), never a core's second hardware thread.  A run fails when the
# driver exits non-zero (1: verification failure or runtime error, 2: usage
# error) or its row is missing or not verified; the study goes on, and the
# job exits 1 at the end.  Rows a failed run did write stay in the CSV with
# verified=0: they are what happened.  The plan, the sizing and each run's
# verdict go to the job's log as key=value lines.

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
    [ -n "${SLURM_JOB_ID:-}" ] || slurm_die "not inside a Slurm job: submit with sbatch (or maclaurin-submit)"
    slurm_study_name=$1
    # maclaurin-submit names the build (MACLAURIN_BIN); a bare sbatch finds
    # it in the directory it was submitted from, or on PATH
    slurm_driver=${MACLAURIN_BIN:-$PWD}/maclaurin_mpi
    [ -x "$slurm_driver" ] || slurm_driver=$(command -v maclaurin_mpi || echo "$slurm_driver")
    [ -x "$slurm_driver" ] || slurm_die "$slurm_driver not found: run make in $PWD first (or module load maclaurin)"
    analysis_python >/dev/null ||
        slurm_die "the job needs Python 3.6 or later (standard library only) on the compute nodes"

    slurm_results=${MACLAURIN_RESULTS:-$PWD/results}
    slurm_csv=${MACLAURIN_CSV:-$slurm_results/slurm-$SLURM_JOB_ID.csv}
    if [ -z "${MACLAURIN_CSV:-}" ] && [ -s "$slurm_csv" ]; then
        slurm_die "$slurm_csv already exists (Slurm reused job id $SLURM_JOB_ID?): move it away"
    fi
    mkdir -p "$(dirname "$slurm_csv")" || slurm_die "cannot create the results directory $(dirname "$slurm_csv")"

    slurm_rounds=${MACLAURIN_REPEAT:-7}
    [[ "$slurm_rounds" =~ ^[1-9][0-9]*$ ]] || slurm_die "MACLAURIN_REPEAT must be a positive integer, not '$slurm_rounds'"
    slurm_target=${MACLAURIN_TARGET:-0.5}
    read -r -a slurm_extra_args <<<"${MACLAURIN_ARGS:-}"
    slurm_srun_mpi=${MACLAURIN_SRUN_MPI:-pmix}
    slurm_cpus=$(slurm_allocated_cpus)
    slurm_nodes=${SLURM_JOB_NUM_NODES:-1}
    # A core's hardware threads share its vector units: a study fills cores.
    slurm_threads_per_core=$(lscpu 2>/dev/null | sed -n 's/^Thread(s) per core: *\([0-9]*\)$/\1/p')
    slurm_cores=$((slurm_cpus / ${slurm_threads_per_core:-1}))
    ((slurm_cores >= 1)) || slurm_cores=1
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
    slurm_scratch=$(mktemp -d "${TMPDIR:-/tmp}/maclaurin-job-$SLURM_JOB_ID.XXXXXX")
    trap 'rm -rf "$slurm_scratch"' EXIT

    slurm_record script "$slurm_study_name"
    slurm_record job_id "$SLURM_JOB_ID"
    slurm_record job_name "${SLURM_JOB_NAME:-}"
    slurm_record nodelist "${SLURM_JOB_NODELIST:-}"
    slurm_record nodes "$slurm_nodes"
    slurm_record ntasks "${SLURM_NTASKS:-1}"
    slurm_record cpus_per_task "${SLURM_CPUS_PER_TASK:-1}"
    slurm_record cpus_allocated "$slurm_cpus"
    slurm_record threads_per_core "${slurm_threads_per_core:-unknown}"
    slurm_record cores "$slurm_cores"
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
    slurm_record build "$("$slurm_driver" --facts | sed -n 's/^cflags=//p')"
    slurm_record rounds "$slurm_rounds"
    slurm_record target_seconds "$slurm_target"
    slurm_record extra_args "${MACLAURIN_ARGS:-}"
    slurm_record csv "$(realpath -m "$slurm_csv")"
    slurm_record started "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}

# The build must run on every node before anything is measured: a build
# for the login node's CPU (make's -march=native) can stop with SIGILL on
# compute nodes of another generation.  One rank a node, a tiny problem.
slurm_check_build() {
    local out=$slurm_scratch/check status
    slurm_launch_command "$slurm_nodes" 1 0 spread
    if "${slurm_command[@]}" "$slurm_driver" -n 1e6 -r 1 -q >"$out" 2>&1; then status=0; else status=$?; fi
    slurm_record build_check "$status"
    [ "$status" -ne 0 ] || return 0
    cat "$out" >&2
    if [ "$status" -eq 132 ] || grep -qi "illegal instruction" "$out"; then
        slurm_die "maclaurin_mpi (built with $("$slurm_driver" --facts | sed -n 's/^cflags=//p')) stops" \
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
    slurm_launch_command 1 1 0 pack
    "${slurm_command[@]}" "$slurm_driver" -n "${MACLAURIN_CALIBRATION_TERMS:-2e9}" -r 3 -q \
        --csv "$slurm_calibration" "${slurm_extra_args[@]}" >&2 ||
        slurm_die "the calibration run on one core failed (its output above)"
}

# The plan: layouts and terms, as `maclaurin_analysis plan` prints them,
# refused when the job's time limit is too short for it.
slurm_plan() {
    local args=("$slurm_study_name" --cores "$slurm_cores" --threads "${SLURM_CPUS_PER_TASK:-1}"
                --nodes "$slurm_nodes" --rounds "$slurm_rounds" --target "$slurm_target") left key value status
    [ -z "$slurm_calibration" ] || args+=(--calibration "$slurm_calibration")
    [ "$slurm_study_name" != hybrid ] || args[4]=1
    [ -z "${MACLAURIN_TERMS:-}" ] || args+=(--terms "$MACLAURIN_TERMS")
    left=$(squeue -h -j "$SLURM_JOB_ID" -o %L 2>/dev/null) && [ -n "$left" ] && args+=(--time-left "$left")
    if analysis plan "${args[@]}" >"$slurm_scratch/plan"; then status=0; else status=$?; fi
    if [ "$status" -eq 4 ]; then
        slurm_die "submit it with a longer --time, or let maclaurin-submit set one:" \
            "maclaurin-submit $slurm_study_name -N $slurm_nodes -n $((slurm_cores / ${SLURM_CPUS_PER_TASK:-1}))" \
            "$([ "${SLURM_CPUS_PER_TASK:-1}" = 1 ] || echo "-c $SLURM_CPUS_PER_TASK")"
    fi
    [ "$status" -eq 0 ] || slurm_die "no plan for the study (above)"
    while IFS='=' read -r key value; do
        case "$key" in
        layouts) read -r -a slurm_layouts <<<"$value" ;;
        terms) read -r -a slurm_layout_terms <<<"$value" ;;
        esac
        slurm_record "plan.$key" "$value"
    done <"$slurm_scratch/plan"
    if [ -n "${MACLAURIN_LAYOUTS:-}" ]; then
        read -r -a slurm_layouts <<<"$MACLAURIN_LAYOUTS"
        slurm_record plan.layouts_given "$MACLAURIN_LAYOUTS"
    fi
}

# The terms of layout RxT in the plan (a layout given in MACLAURIN_LAYOUTS
# and not planned: the plan's largest N, or the weak share times its workers).
slurm_terms_of() {
    local pair
    for pair in "${slurm_layout_terms[@]}"; do
        [ "${pair%%:*}" != "$1" ] || { echo "${pair#*:}"; return; }
    done
    local share=${slurm_layout_terms[0]#*:}
    if [ "$slurm_study_name" = weak ]; then
        echo $((share * ${1%%x*} * ${1#*x}))
    else
        echo "$share"
    fi
}

slurm_study() {
    local round layout
    slurm_setup "$1"
    slurm_check_build
    slurm_calibrate
    slurm_plan
    for ((round = 1; round <= slurm_rounds; round++)); do
        for layout in $(printf '%s\n' "${slurm_layouts[@]}" | shuf); do
            [[ "$layout" =~ ^[1-9][0-9]*x[1-9][0-9]*$ ]] ||
                slurm_die "bad layout '$layout' in MACLAURIN_LAYOUTS: write RANKSxTHREADS"
            slurm_run_layout "${layout%%x*}" "${layout#*x}" "$(slurm_terms_of "$layout")" "$round"
        done
    done
    slurm_finish
}

# The launcher's command line for RANKS x THREADS into slurm_command, the
# ranks spread or packed (DISTRIBUTION, default the study's).  Oversubscribed
# runs (more threads than allocated cores) are not pinned, so that the
# operating system can spread them; they check correctness only.
slurm_launch_command() {
    local ranks=$1 threads=$2 oversubscribed=$3 distribution=${4:-$slurm_distribution} nodes
    nodes=$(slurm_layout_nodes "$ranks" "$threads" "$distribution")
    if [ "$slurm_launcher" = srun ]; then
        local bind=${MACLAURIN_CPU_BIND:-cores} order=cyclic
        [ "$oversubscribed" = 0 ] || bind=none
        [ "$distribution" = spread ] || order=block
        # --nodes: srun would otherwise take every node of the job, whatever the layout
        slurm_command=(srun --mpi="$slurm_srun_mpi" --ntasks="$ranks" --cpus-per-task="$threads"
                       --cpu-bind="verbose,$bind" --nodes="$nodes" --distribution=$order)
        slurm_binding="srun --cpu-bind=$bind --distribution=$order"
    else
        local flags
        mapfile -t flags < <(open_mpi_flags "$oversubscribed")
        slurm_command=(mpirun -np "$ranks" --report-bindings
                       -x OMP_NUM_THREADS -x OMP_PROC_BIND -x OMP_PLACES "${flags[@]}")
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
    fi
}

# The nodes a layout of RANKS x THREADS runs on: spread, one rank per node
# first; pack, as few as hold its workers (the first node's cores each).
slurm_layout_nodes() {
    local want=$1 per_node=${SLURM_JOB_CPUS_PER_NODE:-1}
    per_node=${per_node%%[(,]*}
    per_node=$((per_node / ${slurm_threads_per_core:-1}))
    ((per_node >= 1)) || per_node=1
    [ "${3:-$slurm_distribution}" = spread ] || want=$(( ($1 * $2 + per_node - 1) / per_node ))
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

# slurm_run_layout RANKS THREADS TERMS ROUND: one launch, one timed
# repetition, its row appended to the CSV and checked.
slurm_run_layout() {
    local ranks=$1 threads=$2 terms=$3 round=$4 oversubscribed=0 lines_before status rows verified verdict=ok
    [ $((ranks * threads)) -le "$slurm_cores" ] || oversubscribed=1
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
    # the study's columns, as the driver writes them
    slurm_command+=("$slurm_driver" --terms "$terms" --repeat 1
                    --tag "run_id=slurm-$SLURM_JOB_ID" --tag "mode=$([ "$slurm_study_name" = weak ] && echo weak || echo strong)"
                    --tag "layout=$([ "$slurm_distribution" = pack ] && echo packed || echo spread)"
                    --tag "round=$round" --tag "binding=$slurm_binding" --csv "$slurm_csv" "${slurm_extra_args[@]}")

    echo
    slurm_record "$key.layout" "${ranks}x$threads"
    slurm_record "$key.round" "$round"
    slurm_record "$key.terms" "$terms"
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
    if [ "$status" -ne 0 ] || [ "$rows" -ne 1 ] || [ "$verified" -ne 1 ]; then
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

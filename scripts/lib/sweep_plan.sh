# sweep_plan.sh - which configurations a sweep runs.  Sourced by scripts/sweep.

# 1 2 4 ... below CORES, then CORES itself.
default_counts() {
    local cores=$1 n=1 out=()
    while [ "$n" -lt "$cores" ]; do out+=("$n"); n=$((n * 2)); done
    out+=("$cores")
    echo "${out[*]}"
}

# plan_configs fills the P_* arrays, one entry per configuration:
#   P_SERIES omp|mpi|hybrid, P_RANKS (0: the OpenMP driver without mpirun),
#   P_THREADS, P_TERMS, P_OVER (1: more workers than cores).
# OpenMP: 1 x T for T in THREADS.  MPI: R x 1 for R in RANKS.  Hybrid:
# R x T for T > 1 (R x 1 is the MPI series).  Configurations beyond the
# cores are planned only with OVERSUBSCRIBE=1.  Weak mode: TERMS per worker.
plan_configs() {
    local r t
    P_SERIES=() P_RANKS=() P_THREADS=() P_TERMS=() P_OVER=()
    for t in $THREADS; do [[ ,$SERIES, == *,omp,* ]] && plan_one omp 0 "$t"; done
    for r in $RANKS; do [[ ,$SERIES, == *,mpi,* ]] && plan_one mpi "$r" 1; done
    for r in $RANKS; do
        for t in $THREADS; do
            [ "$t" -gt 1 ] && [[ ,$SERIES, == *,hybrid,* ]] && plan_one hybrid "$r" "$t"
        done
    done
    return 0
}

plan_one() {
    local series=$1 ranks=$2 threads=$3 workers over=0
    workers=$(( (ranks > 0 ? ranks : 1) * threads ))
    [ "$workers" -gt "$CORES" ] && over=1
    if [ "$over" = 1 ] && [ "$OVERSUBSCRIBE" = 0 ]; then
        echo "sweep: skipping $series ${ranks}x$threads: $workers workers on $CORES cores (--oversubscribe runs it)" >&2
        return 0
    fi
    P_SERIES+=("$series") P_RANKS+=("$ranks") P_THREADS+=("$threads") P_OVER+=("$over")
    if [ "$MODE" = weak ]; then
        P_TERMS+=("$(runner_scaled "$TERMS" "$workers")") || exit 2
    else
        P_TERMS+=("$TERMS")
    fi
}

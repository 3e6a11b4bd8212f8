# sweep_launch.sh - the command line, pinning and environment of one configuration.
# Sourced by lib/runner.sh (the sweep and the simulation).
#
# launch_command BIN RANKS THREADS OVERSUBSCRIBED BIND sets
#   LAUNCH   the command (an array): BIN itself, or mpirun ... BIN
#   BINDING  what pins it, for the CSV ("omp-places", "mpirun core", ...)
#   OMP_BIND and OMP_PLACE_SET  the OMP_PROC_BIND and OMP_PLACES it runs with
# BIND is "cores" (pin each thread to a core; each rank to as many cores as
# it has threads) or "none".  Oversubscribed runs are never pinned: binding
# more workers than cores to cores only stacks them on the same cores.
# RANKS 0 means the OpenMP driver without mpirun.
launch_command() {
    local bin=$1 ranks=$2 threads=$3 over=$4 bind=$5
    if [ "$bind" = cores ] && [ "$over" = 0 ]; then
        OMP_BIND=close OMP_PLACE_SET=cores
    else
        OMP_BIND=false OMP_PLACE_SET=
    fi
    if [ "$ranks" = 0 ]; then
        LAUNCH=("$bin")
        BINDING=$([ "$OMP_BIND" = close ] && echo "omp threads on cores" || echo none)
        return
    fi
    local flags
    mapfile -t flags < <(open_mpi_flags "$over")
    LAUNCH=(mpirun -np "$ranks" "${flags[@]}")
    if grep -q "Open MPI" <<<"$(mpirun --version 2>/dev/null)"; then
        if [ "$OMP_BIND" = close ]; then
            LAUNCH+=(--map-by "slot:PE=$threads" --bind-to core)
            BINDING="mpirun --map-by slot:PE=$threads --bind-to core"
        else
            LAUNCH+=(--bind-to none)
            BINDING="mpirun --bind-to none"
        fi
        LAUNCH+=(-x "OMP_PROC_BIND=$OMP_BIND")
        [ -n "$OMP_PLACE_SET" ] && LAUNCH+=(-x "OMP_PLACES=$OMP_PLACE_SET")
    else
        BINDING="mpirun default"
    fi
    LAUNCH+=("$bin")
}

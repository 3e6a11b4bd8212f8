# open_mpi.sh - the flags Open MPI's mpirun needs on these machines, in one
# place (scripts/mpi_launch, the sweep, the Slurm library).  Sourced.
#
# open_mpi_flags OVERSUBSCRIBE: one flag per line: --allow-run-as-root as
# root (Open MPI refuses root otherwise), and --oversubscribe when
# OVERSUBSCRIBE is 1 (more ranks than slots: correct answers, meaningless
# timings).  Nothing when mpirun is not Open MPI's.
open_mpi_flags() {
    # read whole: grep -q stopping early would end mpirun with SIGPIPE
    grep -q "Open MPI" <<<"$(mpirun --version 2>/dev/null)" || return 0
    [ "$(id -u)" -ne 0 ] || echo --allow-run-as-root
    [ "$1" != 1 ] || echo --oversubscribe
}

# mpi_launcher.sh - which MPI library a program or a launcher belongs to, and
# the launcher that goes with an mpicc.  Sourced by scripts/mpi_launch and
# the MPI suite, so that both pick and check the launcher the same way.
#
# mpi_family TEXT          openmpi, mpich, intel or unknown, from a library's
#                          or a launcher's description of itself
# mpi_family_name FAMILY   its name in messages
# mpi_program_library PROG the mpi_library of PROG --facts (the library it
#                          runs on: MPI_Get_library_version), or nothing
# mpi_launcher_for MPICC   the launcher beside that wrapper (mpicc.mpich:
#                          mpiexec.mpich), else on PATH; nothing if none
# mpi_launcher_library L   what launcher L says it is (its --version)

mpi_family() {
    case $1 in
    *"Open MPI"* | *OpenRTE*) echo openmpi ;;
    *"Intel(R) MPI"*) echo intel ;;
    *MPICH* | *HYDRA* | *MVAPICH*) echo mpich ;;
    *) echo unknown ;;
    esac
}

mpi_family_name() {
    case $1 in
    openmpi) echo "Open MPI" ;;
    mpich) echo MPICH ;;
    intel) echo "Intel MPI" ;;
    *) echo "an unknown MPI" ;;
    esac
}

mpi_program_library() {
    # a program that knows no --facts may fail it: that says nothing
    { "$1" --facts 2>/dev/null || true; } | sed -n 's/^mpi_library=//p'
}

mpi_launcher_for() {
    local wrapper path dir suffix name
    wrapper=$(basename "$1")
    # mpicc.mpich, mpicc.openmpi: the launcher with the same suffix
    suffix=${wrapper#mpicc}
    [ "$suffix" != "$wrapper" ] || suffix=
    path=$(command -v "$1" 2>/dev/null) || path=
    dir=$(dirname "${path:-.}")
    for name in mpiexec$suffix mpirun$suffix; do
        if [ -n "$path" ] && [ -x "$dir/$name" ]; then echo "$dir/$name"; return 0; fi
    done
    for name in mpiexec$suffix mpirun$suffix; do
        command -v "$name" 2>/dev/null && return 0
    done
    return 0
}

mpi_launcher_library() {
    "$1" --version 2>&1 | sed -n 1,5p | tr '\n' ' '
}

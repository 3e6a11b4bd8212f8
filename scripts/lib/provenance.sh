# provenance.sh - facts about the build and the machine, for the sweep's rows.
# Sourced by scripts/sweep; every function prints one CSV field.

# A value as one CSV field: quoted (RFC 4180, "" for a quote) when it holds
# a comma or a quote, newlines made spaces, "none" when empty.  Read such
# files through maclaurin_csv2tsv (scripts/lib/programs.sh), never awk -F,.
csv_clean() {
    local s=$*
    s=${s//$'\n'/ }
    s=${s//$'\r'/ }
    s=${s:-none}
    case $s in
    *[,\"]*) printf '"%s"' "${s//\"/\"\"}" ;;
    *) printf '%s' "$s" ;;
    esac
}

# The source tree's revision ("-dirty" when tracked files have changes).
# MACLAURIN_GIT_REV names it for a copy whose .git is missing or stale
# (a tree rsynced to a cluster without its history).
git_revision() {
    if [ -n "${MACLAURIN_GIT_REV:-}" ]; then
        csv_clean "$MACLAURIN_GIT_REV"
    else
        csv_clean "$(git -C "$1" describe --always --dirty --abbrev=12 2>/dev/null || echo unknown)"
    fi
}

cpu_model() {
    local model
    model=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)
    csv_clean "${model:-unknown}"
}

# One line of a driver's --version ("compiler", "flags" or "simd").
driver_fact() {
    csv_clean "$("$1" --version 2>/dev/null | sed -n "s/^$2: *//p")"
}

# The MPI library a run reported ("MPI library ..." in its human report).
reported_mpi_library() {
    csv_clean "$(sed -n 's/^ *MPI library *//p' "$1" | head -n 1)"
}

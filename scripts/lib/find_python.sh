# shellcheck shell=bash
# scripts/lib/find_python.sh - which Python 3 runs the analysis.  Sourced.
#
# find_python [MODULE...] prints the path of the first interpreter that can
# import every MODULE, and returns 1 (saying why on stderr) when none can.
# MACLAURIN_PYTHON, when set, is the only one tried: a user who names an
# interpreter wants that one or an error, never a silent substitute.
# Otherwise python3 on PATH comes first, then Debian's /usr/bin/python3:
# a pyenv or virtualenv python3 on PATH often lacks numpy and matplotlib,
# which the project takes from Debian's packages (python3-numpy,
# python3-matplotlib; scripts/setup installs them), never from pip.
find_python() {
    local candidates py import="import sys"
    local m
    for m in "$@"; do import+="; import $m"; done
    if [ -n "${MACLAURIN_PYTHON:-}" ]; then
        candidates=("$MACLAURIN_PYTHON")
    else
        candidates=(python3 /usr/bin/python3)
    fi
    for py in "${candidates[@]}"; do
        py=$(command -v "$py" 2>/dev/null) || continue
        # a Python 2 named python3 would fail later in stranger ways
        if "$py" -c "$import; sys.exit(sys.version_info < (3, 7))" 2>/dev/null; then
            echo "$py"
            return 0
        fi
    done
    echo "find_python: no Python 3 among ${candidates[*]} imports: ${*:-(nothing)}" \
         "(Debian: scripts/setup python3-numpy python3-matplotlib; or set MACLAURIN_PYTHON)" >&2
    return 1
}

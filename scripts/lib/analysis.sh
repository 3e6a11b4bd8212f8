# analysis.sh - run the Python analysis (analysis/maclaurin_analysis, the
# package's own folder at the top of the checkout and of the installed
# share/maclaurin) from the scripts.  Sourced; expects $PROG (the calling
# script's name, for messages) and $LIB (this folder).
#
# analysis COMMAND ARGS...: python3 -m maclaurin_analysis COMMAND, with the
# interpreter found once a shell: $MACLAURIN_PYTHON if set, else the first
# of python3 on PATH and /usr/bin/python3 that imports numpy and
# matplotlib (the figures'; a pyenv or venv python3 first on PATH often
# lacks Debian's), else the first Python 3 at all, whose tables need only
# the standard library; a command that needs more than the interpreter has
# says so in one line (the package's __main__).  One line on stderr and
# status 1 when no Python 3 is found.

analysis_python() {   # analysis_python MODULE...: the interpreter's path
    # The modules are looked for, not imported: matplotlib's import alone
    # costs a fifth of a CPU-second, and every script's shell asks once.
    local py found missing= first= find="import sys, importlib.util as u
assert sys.version_info >= (3, 6)
missing = [m for m in sys.argv[1:] if u.find_spec(m) is None]
print(*missing[:1])
sys.exit(1 if missing else 0)"
    local candidates=(python3 /usr/bin/python3)
    [ -z "${MACLAURIN_PYTHON:-}" ] || candidates=("$MACLAURIN_PYTHON")
    for py in "${candidates[@]}"; do
        py=$(command -v "$py") || continue
        [ -n "$first" ] || first=$py
        found=$("$py" -c "$find" "$@" 2>/dev/null) && { echo "$py"; return 0; }
        [ -n "$missing" ] || missing=$found   # the first one's, for the message
    done
    if [ -z "$first" ]; then
        echo "$PROG: no Python 3 found (${candidates[*]}): install python3, or set MACLAURIN_PYTHON" >&2
    else
        echo "$PROG: ${first}: no module ${missing:-$*} (Debian: apt-get install python3-numpy python3-matplotlib; Spack: py-numpy py-matplotlib; or module load python; MACLAURIN_PYTHON names another interpreter)" >&2
    fi
    return 1
}

# The folder that holds the package: two up from scripts/lib, in a checkout
# and in an installation alike.
analysis_root() { (cd "$LIB/../../analysis" && pwd); }

analysis() {   # analysis COMMAND ARGS...: run by the interpreter found once a shell
    if [ -z "${ANALYSIS_PY:-}" ]; then
        ANALYSIS_PY=$(analysis_python numpy matplotlib 2>/dev/null) || ANALYSIS_PY=$(analysis_python) || return 1
    fi
    analysis_in "$ANALYSIS_PY" "$@"
}

analysis_in() {   # analysis_in PYTHON ARGS...: python -m maclaurin_analysis ARGS
    MACLAURIN_PROG=$PROG PYTHONPATH="$(analysis_root)${PYTHONPATH:+:$PYTHONPATH}" PYTHONDONTWRITEBYTECODE=1 \
        "$1" -m maclaurin_analysis "${@:2}"
}

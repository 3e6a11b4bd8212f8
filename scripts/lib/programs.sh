# programs.sh - where the scripts find the project's own programs.  Sourced;
# expects $LIB (this folder) and $PROG (the script's name, for messages).

# program NAME: the path of one of the project's programs: beside scripts/
# in the repository, in the bin/ of an installation, or on PATH.
program() {
    local p
    for p in "$LIB/../../$1" "$LIB/../../../../bin/$1"; do
        [ -x "$p" ] && { echo "$p"; return 0; }
    done
    command -v "$1" || { echo "$PROG: $1 not found (run make, or put it on PATH)" >&2; return 1; }
}

# program_fact PROGRAM NAME: the value of NAME in PROGRAM's --facts (the
# facts a script needs of a program, its build and its machine, printed by
# the program itself: no script restates them).
program_fact() {
    local line
    line=$("$1" --facts 2>/dev/null | grep -m 1 "^$2=") ||
        { echo "$PROG: $1 --facts says nothing of $2" >&2; return 1; }
    echo "${line#*=}"
}

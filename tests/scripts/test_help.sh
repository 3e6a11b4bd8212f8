# tests/scripts/test_help.sh - make help (mk/make_help.py): it lists every
# target the documents tell a user to type and every rule a user could
# type, needs nothing to run, derives "needs" and the suites from the
# recipes, and refuses a missing, misplaced or duplicating ## line.

# FILE TARGET for each `make [OPTION|VAR=VALUE]... TARGET...` in a code
# span or a code block of the given Markdown files (what a reader types).
doc_targets() {
    awk '
    function scan(s, file,    n, w, i, j) {
        n = split(s, w, /[ \t]+/)
        for (i = 1; i <= n; i++) {
            if (w[i] != "make") continue
            for (j = i + 1; j <= n; j++) {
                if (w[j] ~ /^-/ || w[j] ~ /^[A-Z_]+=/) continue
                if (w[j] !~ /^[a-z][a-z0-9_-]*$/) break
                print file, w[j]
            }
        }
    }
    function spans(s, file,    p, q) {
        while ((p = index(s, "`")) > 0) {
            s = substr(s, p + 1)
            if (!(q = index(s, "`"))) break
            scan(substr(s, 1, q - 1), file)
            s = substr(s, q + 1)
        }
    }
    FNR == 1 { spans(para, file); para = ""; file = FILENAME; code = 0 }
    /^[ \t]*```/ { spans(para, file); para = ""; code = !code; next }
    code { scan($0, file); next }
    /^[ \t]*$/ { spans(para, file); para = ""; next }
    { para = para " " $0 }
    END { spans(para, file) }
    ' "$@" | sort -u
}

# The targets make help lists, one a line, from its output on stdin.
listed_targets() { awk '/^  make [^ ]/ { print $2 }'; }

# FILE:LINE NAME for every plain name on a rule line of the given makefiles,
# found without mk/make_help.py's parser: a line at column 0 of names, a
# colon, and no = after it (that would set a variable).
rule_targets() {
    grep -nHE '^[A-Za-z0-9_][A-Za-z0-9_ -]*:([^=]|$)' "$@" | grep -vE '^[^:]+:[0-9]+:[^:]*:.*=' |
        awk -F: '{ n = split($3, w, " "); for (i = 1; i <= n; i++) print $1 ":" $2, w[i] }'
}

# The rule targets of the makefiles in DIR that make help neither lists nor
# marks internal, as FILE:LINE NAME.
undocumented() {
    local dir=$1
    (cd "$dir" && mk/make_help.py Makefile mk/*.mk 2>/dev/null | listed_targets) >"$TEST_TMP/known"
    (cd "$dir" && mk/make_help.py --internal Makefile mk/*.mk 2>/dev/null) >>"$TEST_TMP/known"
    (cd "$dir" && rule_targets Makefile mk/*.mk) | while read -r where name; do
        grep -qxF "$name" "$TEST_TMP/known" || echo "$where $name"
    done
}

# a copy of the makefiles and the generator (mk/make_help.py), to break
help_tree() {
    mkdir -p "$TEST_TMP/tree"
    cp -r Makefile mk "$TEST_TMP/tree/"
    echo "$TEST_TMP/tree"
}

test_make_help_lists_every_target_the_documents_name() {
    local file name docs
    # needs=@false: a recipe that checked anything with scripts/setup would fail
    make --no-print-directory help needs=@false >"$TEST_TMP/help" 2>"$TEST_TMP/err" ||
        fail "make help exited $?: $(cat "$TEST_TMP/err")" || return 1
    [ ! -s "$TEST_TMP/err" ] || fail "make help wrote to stderr: $(cat "$TEST_TMP/err")"
    listed_targets <"$TEST_TMP/help" >"$TEST_TMP/listed"
    doc_targets README.md docs/*.md >"$TEST_TMP/docs"
    # the reader of the documents is not blind: README's own commands are found
    docs=$(awk '$1 == "README.md" { print $2 }' "$TEST_TMP/docs" | tr '\n' ' ')
    for name in run test check install compare; do
        assert_contains " $docs" " $name " "the targets README.md names"
    done
    while read -r file name; do
        grep -qxF "$name" "$TEST_TMP/listed" || fail "$file says make $name; make help does not list it"
    done <"$TEST_TMP/docs"
    grep -qxF help "$TEST_TMP/listed" || fail "make help does not list itself"
    # internal steps are left out
    mk/make_help.py --internal >"$TEST_TMP/internal"
    grep -qxF unit-needs "$TEST_TMP/internal" || fail "unit-needs is not internal"
    while read -r name; do
        grep -qxF "$name" "$TEST_TMP/listed" && fail "internal $name is listed"
    done <"$TEST_TMP/internal"
    return 0
}

test_every_rule_a_user_could_type_has_a_help_line() {
    local missing
    rule_targets Makefile mk/*.mk | awk '{ print $2 }' >"$TEST_TMP/rules"
    grep -qxF check "$TEST_TMP/rules" && grep -qxF sweep-weak "$TEST_TMP/rules" ||
        fail "the rule lines were not found: $(tr '\n' ' ' <"$TEST_TMP/rules")" || return 1
    missing=$(undocumented .)
    [ -z "$missing" ] || fail "rules without a ## line (mk/make_help.py says how): $missing"
}

test_a_missing_or_misplaced_help_line_fails() {
    local tree missing
    tree=$(help_tree)
    # the ## line of check removed: named by make help, and by the rule check
    sed -i '/^## check (test):/d' "$tree/Makefile"
    (cd "$tree" && mk/make_help.py) >"$TEST_TMP/out" 2>"$TEST_TMP/err"
    assert_status 1 $? "make_help without check's line"
    assert_contains "$(cat "$TEST_TMP/err")" "check has no" "make_help's complaint"
    missing=$(undocumented "$tree")
    assert_contains "$missing" "Makefile:" "the rule check on the broken copy"
    assert_contains "$missing" " check" "the rule check on the broken copy"
    # a ## line parted from its rule by a blank line is stale
    tree=$(help_tree)
    sed -i 's/^## clean (build):.*/&\n/' "$tree/Makefile"
    (cd "$tree" && mk/make_help.py) >/dev/null 2>"$TEST_TMP/err"
    assert_status 1 $? "make_help with a stale line"
    assert_contains "$(cat "$TEST_TMP/err")" "## clean\" is not directly above its rule line" "make_help's complaint"
    # a ## line naming a target its rule does not make
    tree=$(help_tree)
    sed -i 's/^## clean (build):/## tidy (build):/' "$tree/Makefile"
    (cd "$tree" && mk/make_help.py) >/dev/null 2>"$TEST_TMP/err"
    assert_status 1 $? "make_help with a line for another target"
    assert_contains "$(cat "$TEST_TMP/err")" "## tidy is above a rule for clean" "make_help's complaint"
    # a duration in a ## line
    tree=$(help_tree)
    sed -i 's/^## clean (build):.*/& (about 2 s)/' "$tree/Makefile"
    [ -n "$(help_durations "$tree")" ] || fail "a duration in a ## line was not found"
}

# ## lines that state a duration: only a recorded timed run may give one
help_durations() {
    (cd "$1" && grep -nHiE '^##.*([0-9][ -]*(s|ms|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)\b|\b(an?|few|several) (minutes?|hours?)\b|\b(seconds|minutes|hours)\b)' \
        Makefile mk/*.mk)
}

test_help_lines_state_no_durations() {
    local found
    found=$(help_durations .)
    [ -z "$found" ] || fail "## lines with durations (measure them instead): $found"
}

# "needs" is read from the recipes: a need added to NEEDS_BUILD reaches every
# target that builds, and a [needs: ...] that repeats a checked one is refused.
test_help_needs_and_suites_come_from_the_recipes() {
    local tree suites
    make --no-print-directory help >"$TEST_TMP/help"
    entry() { awk -v t="$1" '$1 == "make" { on = ($2 == t) } on' "$2"; }
    assert_contains "$(entry unit-test "$TEST_TMP/help")" "needs: cc cmocka" "make help's unit-test"
    assert_contains "$(entry bench-mpi "$TEST_TMP/help")" "mpich root" "make help's bench-mpi"
    suites=$(sed -n 's/.*$(call run_suites,check,\(.*\))$/\1/p' Makefile)
    [ -n "$suites" ] || fail "no run_suites list for check in the Makefile" || return 1
    assert_contains "$(entry check "$TEST_TMP/help" | tr -s ' \n' '  ')" "runs: $suites" "make help's check"
    assert_contains "$(entry cli-test "$TEST_TMP/help" | tr -s ' \n' '  ')" "make check" "make help's cli-test"
    tree=$(help_tree)
    sed -i 's/^NEEDS_BUILD := .*/& zz-probe/' "$tree/Makefile"
    (cd "$tree" && mk/make_help.py) >"$TEST_TMP/probe" || fail "make_help on the probe copy failed"
    for t in all run install cli-test; do
        assert_contains "$(entry $t "$TEST_TMP/probe")" "zz-probe" "$t's needs with NEEDS_BUILD changed"
    done
    sed -i 's/^\(## run (build): .*\)$/\1 [needs: mpi]/' "$tree/Makefile"
    (cd "$tree" && mk/make_help.py) >/dev/null 2>"$TEST_TMP/err"
    assert_status 1 $? "make_help with a need written twice"
    assert_contains "$(cat "$TEST_TMP/err")" "[needs: mpi] is checked already" "make_help's complaint"
}

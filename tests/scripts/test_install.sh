# tests/scripts/test_install.sh - make install into a scratch DESTDIR: the
# programs run from bin/, and the scripts and batch scripts from
# share/maclaurin/ find their libraries and the installed programs.

test_install_puts_working_programs_scripts_and_docs_in_place() {
    local dest=$TEST_TMP/dest prefix=/usr/local root bin share p
    make --no-print-directory -s install DESTDIR="$dest" PREFIX=$prefix >"$TEST_TMP/log" 2>&1 ||
        fail "make install: $(cat "$TEST_TMP/log")" || return 1
    root=$dest$prefix bin=$dest$prefix/bin share=$dest$prefix/share/maclaurin
    for p in maclaurin_serial maclaurin_omp maclaurin_mpi maclaurin_peak maclaurin_csvcheck; do
        [ -x "$bin/$p" ] || fail "no $bin/$p"
    done
    "$bin/maclaurin_omp" -n 1e6 -r 1 -q --csv "$TEST_TMP/o.csv" || fail "installed maclaurin_omp failed"
    "$bin/maclaurin_csvcheck" "$TEST_TMP/o.csv" >/dev/null || fail "installed csvcheck rejects its own file"
    for p in README.md CHANGELOG.md LICENSE docs/design.md docs/slurm.md results/README.md results/scaling-strong.png; do
        [ -s "$root/share/doc/maclaurin/$p" ] || fail "no doc $p"
    done
    python3 tests/check_doc_links.py "$root/share/doc/maclaurin" >"$TEST_TMP/links" ||
        fail "installed docs' links that do not resolve: $(head -5 "$TEST_TMP/links")"
    # the sweep, run from share/, uses the programs in bin/ (its --dry-run
    # says where they come from)
    "$share/scripts/sweep" --dry-run --series omp --threads 1 --out "$TEST_TMP/s.csv" \
        >"$TEST_TMP/plan" 2>&1 || fail "installed sweep: $(cat "$TEST_TMP/plan")"
    assert_contains "$(cat "$TEST_TMP/plan")" "programs from $bin" "installed sweep's plan"
    "$share/scripts/scaling_table" tests/scripts/data/hand_strong.csv >"$TEST_TMP/table" ||
        fail "installed scaling_table"
    assert_contains "$(cat "$TEST_TMP/table")" "speedup" "installed scaling_table"
    # the simulation's script looks for its platforms beside it
    "$share/scripts/simulate" --help >/dev/null || fail "installed simulate --help"
    [ -s "$share/platforms/ethernet-10g.xml" ] || fail "no installed platforms"
    "$share/scripts/simulate" --platform nowhere --dry-run >/dev/null 2>"$TEST_TMP/sim.err"
    assert_contains "$(cat "$TEST_TMP/sim.err")" "no readable $share/scripts/../platforms/nowhere.xml" \
        "installed simulate's platforms"
    # the batch scripts know where their library was installed
    for p in strong_scaling weak_scaling hybrid; do
        grep -q "^lib=\${MACLAURIN_SHARE:-$prefix/share/maclaurin}/scripts/slurm/lib.sh" \
            "$share/scripts/slurm/$p.sbatch" || fail "$p.sbatch does not name $prefix/share/maclaurin"
        [ -r "$share/scripts/slurm/lib.sh" ] || fail "no slurm/lib.sh"
    done
    # the commands on PATH: submit (which needs sbatch to submit, but not to
    # refuse bad input) and the analysis
    "$bin/maclaurin-submit" strong -N 2 -n 1 >/dev/null 2>"$TEST_TMP/submit.err" &&
        fail "maclaurin-submit took fewer cores than nodes"
    assert_contains "$(cat "$TEST_TMP/submit.err")" "maclaurin-submit: invalid -n '1': fewer cores than the 2 nodes" \
        "installed maclaurin-submit"
    "$bin/maclaurin-analysis" plan weak --cores 4 >"$TEST_TMP/plan" || fail "installed maclaurin-analysis plan"
    assert_contains "$(cat "$TEST_TMP/plan")" "layouts=1x1 2x1 4x1" "installed maclaurin-analysis plan"
    "$bin/maclaurin-analysis" table tests/scripts/data/hand_strong.csv >"$TEST_TMP/table" ||
        fail "installed maclaurin-analysis table"
}

test_module_file_names_mpi_arch_and_analysis() {
    local dest=$TEST_TMP/dest module
    make --no-print-directory -s install DESTDIR="$dest" PREFIX=/opt/m MPI_MODULE=openmpi/4.1 >"$TEST_TMP/log" 2>&1 ||
        fail "make install: $(cat "$TEST_TMP/log")" || return 1
    module=$(cat "$dest"/opt/m/share/modulefiles/maclaurin/*)
    assert_contains "$module" "prereq {openmpi/4.1}" "the module's MPI prerequisite"
    assert_contains "$module" "prepend-path PYTHONPATH \$root/share/maclaurin/analysis" "the module's PYTHONPATH"
    assert_contains "$module" "setenv MACLAURIN_ARCH {native}" "the module's ARCH"
    assert_contains "$module" "set root {/opt/m}" "the module's prefix"
}

test_uninstall_removes_exactly_what_install_wrote() {
    local prefix=$TEST_TMP/prefix
    mkdir -p "$prefix/bin"
    echo mine >"$prefix/bin/mine"
    make --no-print-directory -s install PREFIX="$prefix" >"$TEST_TMP/log" 2>&1 ||
        fail "make install: $(cat "$TEST_TMP/log")" || return 1
    [ -x "$prefix/bin/maclaurin_mpi" ] && [ -L "$prefix/bin/maclaurin-submit" ] || fail "install wrote no programs"
    make --no-print-directory -s install PREFIX="$prefix" >"$TEST_TMP/log" 2>&1 || fail "a second make install"
    make --no-print-directory -s uninstall PREFIX="$prefix" >"$TEST_TMP/log" 2>&1 ||
        fail "make uninstall: $(cat "$TEST_TMP/log")" || return 1
    assert_eq "$(cd "$prefix" && find . | sort | paste -sd' ' -)" ". ./bin ./bin/mine" \
        "what is left: the user's own file and its directory"
    make --no-print-directory -s uninstall PREFIX="$prefix" >/dev/null 2>"$TEST_TMP/err" &&
        fail "a second make uninstall found something to remove"
    assert_contains "$(cat "$TEST_TMP/err")" "nothing of maclaurin is installed in $prefix" "a second uninstall"
}

# make under make test inherits the caller's variables, in MAKEFLAGS and
# in the environment (CI runs make WERROR=1 test): these checks start from
# a bare environment and set every flag themselves.
own_make() { env -i PATH="$PATH" HOME="$HOME" make --no-print-directory "$@"; }

# make ARCH=... after a build must recompile (else make install ships the
# old CPU's build): the objects depend on the flags they were made with.
test_new_flags_recompile_and_same_flags_do_not() {
    local obj=$TEST_TMP/o out
    out=$(own_make OBJDIR="$obj" "$obj/serial/kernels/reference.o" 2>&1) || fail "first build: $out"
    out=$(own_make OBJDIR="$obj" "$obj/serial/kernels/reference.o" 2>&1)
    [[ $out != *" -c kernels/reference.c"* ]] || fail "the same flags recompiled: $out"
    out=$(own_make OBJDIR="$obj" ARCH=x86-64-v3 "$obj/serial/kernels/reference.o" 2>&1)
    assert_contains "$out" "-march=x86-64-v3" "make ARCH=x86-64-v3 after a native build"
    out=$(own_make OBJDIR="$obj" ARCH=x86-64-v3 WERROR=1 "$obj/serial/kernels/reference.o" 2>&1)
    assert_contains "$out" "-Werror" "make WERROR=1 after a build without it"
}

# ARCH is remembered: make ARCH=X, then make install without it, installs
# the X build (the recipe in docs/install.md), and make ARCH=native goes back.
test_arch_is_remembered_until_changed() {
    local obj=$TEST_TMP/o out
    own_make OBJDIR="$obj" ARCH=x86-64-v3 "$obj/serial/kernels/reference.o" >/dev/null 2>&1 ||
        fail "build with ARCH=x86-64-v3" || return 1
    out=$(own_make OBJDIR="$obj" "$obj/serial/kernels/reference.o" 2>&1)
    assert_contains "$out" "make: ARCH=x86-64-v3, remembered from the last build in $obj/" "make without ARCH"
    [[ $out != *" -c kernels/reference.c"* ]] || fail "make without ARCH recompiled: $out"
    out=$(own_make OBJDIR="$obj" ARCH=native "$obj/serial/kernels/reference.o" 2>&1)
    assert_contains "$out" "-march=native" "make ARCH=native"
    out=$(own_make OBJDIR="$obj" "$obj/serial/kernels/reference.o" 2>&1)
    [[ $out != *remembered* ]] || fail "native is said to be remembered: $out"
}

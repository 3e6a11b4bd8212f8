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
    for p in README.md CHANGELOG.md LICENSE design.md performance.md; do
        [ -s "$root/share/doc/maclaurin/$p" ] || fail "no doc $p"
    done
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
    for p in strong_scaling hybrid; do
        grep -q "^MACLAURIN_SHARE=\${MACLAURIN_SHARE:-$prefix/share/maclaurin}$" \
            "$share/scripts/slurm/$p.sbatch" || fail "$p.sbatch does not name $prefix/share/maclaurin"
        [ -r "$share/scripts/slurm/lib.sh" ] || fail "no slurm/lib.sh"
    done
}

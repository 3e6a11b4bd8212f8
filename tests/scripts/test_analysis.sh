# test_analysis.sh - the scaling arithmetic on hand-made CSVs with known answers
# (see data/README.md for how each expected number follows).

analyse_fixture() {   # analyse_fixture points|fits CSV... > CSV: what scaling_table prints
    local want=$1
    shift
    if [ "$want" = fits ]; then scripts/scaling_table --format csv --fits "$@"; else scripts/scaling_table --format csv "$@"; fi
}
point() {   # point PARALLELISM WORKERS COLUMN (from $TEST_TMP/points.csv)
    csv_values "$TEST_TMP/points.csv" "$3" parallelism="$1" workers="$2"
}
fit() { csv_values "$TEST_TMP/fits.csv" serial_fraction parallelism="$1"; }

test_strong_speedup_efficiency_karp_flatt() {
    analyse_fixture points "$DATA/hand_strong.csv" >"$TEST_TMP/points.csv" 2>/dev/null
    assert_eq "$(point omp 1 t_median)" 10 "omp T1 (median of 10, 12, 8)"
    assert_eq "$(point omp 2 t_median)" 6 "omp T2 (the unverified 100 s row left out)"
    assert_eq "$(point omp 2 t_min) $(point omp 2 t_max)" "5 7" "omp T2 min and max"
    assert_eq "$(point omp 2 speedup)" 1.66667 "omp S(2)"
    # 3 repetitions: the median's interval is [min, max], covering 75%
    assert_eq "$(point omp 2 t_ci_lo) $(point omp 2 t_ci_hi) $(point omp 2 ci_level)" "5 7 0.750" "omp T2 interval"
    assert_eq "$(point omp 2 speedup_lo) $(point omp 2 speedup_hi)" "1.42857 2" "omp S(2) from the interval"
    assert_eq "$(point omp 2 efficiency)" 0.833333 "omp E(2)"
    assert_eq "$(point omp 2 karp_flatt)" 0.2 "omp Karp-Flatt(2)"
    assert_eq "$(point omp 4 t_median)" 4 "omp T4 (median of an even count)"
    assert_eq "$(point omp 4 speedup) $(point omp 4 efficiency) $(point omp 4 karp_flatt)" "2.5 0.625 0.2" "omp at 4"
    assert_eq "$(point omp 8 oversubscribed) $(point omp 8 karp_flatt)" "1 1" "omp at 8, oversubscribed"
    assert_eq "$(point omp 1 karp_flatt)" - "Karp-Flatt at p = 1 (undefined)"
    assert_eq "$(point mpi 2 karp_flatt) $(point mpi 4 karp_flatt)" "0.4 0.2" "MPI Karp-Flatt"
    assert_eq "$(point hybrid 2 speedup) $(point hybrid 2 karp_flatt)" "1.81818 0.1" "hybrid 1x2 against MPI 1x1"
}

test_amdahl_fit_least_squares() {
    analyse_fixture fits "$DATA/hand_strong.csv" >"$TEST_TMP/fits.csv" 2>/dev/null
    assert_eq "$(fit omp)" 0.2 "OpenMP Amdahl f (oversubscribed point left out)"
    assert_eq "$(fit mpi)" 0.261538 "MPI Amdahl f (least squares over 2 points)"
    assert_eq "$(fit hybrid)" 0.1 "hybrid Amdahl f"
    assert_eq "$(csv_values "$TEST_TMP/fits.csv" law parallelism=mpi)" amdahl "law"
}

test_weak_scaled_speedup_and_gustafson_fit() {
    analyse_fixture points "$DATA/hand_weak.csv" >"$TEST_TMP/points.csv"
    analyse_fixture fits "$DATA/hand_weak.csv" >"$TEST_TMP/fits.csv"
    assert_eq "$(point omp 2 size)" 1000 "terms per worker"
    assert_eq "$(point omp 2 speedup) $(point omp 2 efficiency) $(point omp 2 karp_flatt)" "1.6 0.8 0.25" "weak at 2"
    assert_eq "$(point omp 4 speedup) $(point omp 4 efficiency) $(point omp 4 karp_flatt)" "2 0.5 0.333333" "weak at 4"
    assert_eq "$(fit omp)" 0.64 "Gustafson s"
    assert_eq "$(csv_values "$TEST_TMP/fits.csv" law parallelism=omp)" gustafson "law"
}

test_unverified_rows_are_left_out_with_a_warning() {
    analyse_fixture points "$DATA/hand_strong.csv" >/dev/null 2>"$TEST_TMP/err"
    assert_contains "$(cat "$TEST_TMP/err")" "1 unverified rows left out" "stderr"
    assert_eq "$(grep -c . "$TEST_TMP/err")" 1 "warning lines"
}

test_scaling_table_prints_every_metric() {
    scripts/scaling_table "$DATA/hand_strong.csv" >"$TEST_TMP/table" 2>/dev/null ||
        fail "scaling_table exited $?"
    local row
    row=$(grep '^OpenMP threads *1x2 ' "$TEST_TMP/table") || fail "no OpenMP 1x2 row: $(cat "$TEST_TMP/table")"
    read -ra f <<<"${row#OpenMP threads}"
    assert_eq "${f[*]}" "1x2 2 3 6 5 - 7 1.667 0.833 0.200" "OpenMP 1x2 row"
    assert_contains "$(cat "$TEST_TMP/table")" "75.0% with 3 repetitions" "the interval's coverage"
    grep -q '^OpenMP threads *1x8 *8\* ' "$TEST_TMP/table" || fail "the oversubscribed row is not marked"
    assert_contains "$(cat "$TEST_TMP/table")" "Amdahl serial fraction f" "table"
    assert_contains "$(cat "$TEST_TMP/table")" "OpenMP threads 0.2 [0.0923, 0.308], MPI ranks 0.262 [0.262, 0.262], hybrid ranks x threads 0.1 [0.1, 0.1]" "fits line"
    assert_contains "$(head -n 1 "$TEST_TMP/table")" "Strong scaling on handmade" "title"
    assert_contains "$(cat "$TEST_TMP/table")" "base case: T1 = 10 s [10, 10], maclaurin_mpi 1x1" "base case named with its time"
}

test_plot_scaling_writes_a_png_and_the_fit() {
    local out
    out=$(scripts/plot_scaling "$DATA/hand_strong.csv" -o "$TEST_TMP/fig.png" 2>"$TEST_TMP/err") ||
        fail "plot_scaling exited $?: $(cat "$TEST_TMP/err")"
    assert_eq "$(head -c 8 "$TEST_TMP/fig.png" | od -An -tx1 | tr -d ' \n')" 89504e470d0a1a0a "PNG signature"
    [ "$(wc -c <"$TEST_TMP/fig.png")" -gt 20000 ] || fail "the PNG is suspiciously small"
    assert_contains "$out" "strong omp N=1000: Amdahl serial fraction f = 0.2" "stdout"
}

test_plot_scaling_overlays_two_machines() {
    sed 's/handmade/othermachine/' "$DATA/hand_strong.csv" >"$TEST_TMP/other.csv"
    scripts/plot_scaling "$DATA/hand_strong.csv" "$TEST_TMP/other.csv" -o "$TEST_TMP/both.png" \
        >"$TEST_TMP/out" 2>&1 || fail "plot_scaling exited $?: $(cat "$TEST_TMP/out")"
    assert_eq "$(grep -c 'Amdahl serial fraction' "$TEST_TMP/out")" 6 "fits printed for 3 series x 2 sources"
    [ -s "$TEST_TMP/both.png" ] || fail "no PNG"
}

test_analysis_scripts_reject_bad_input_in_one_line() {
    local cmd status others
    # the fixture without its seconds column (the others read by name)
    others=$(head -n 1 "$DATA/hand_strong.csv" | tr , '\n' | grep -vx seconds | paste -sd, -)
    { echo "$others"; csv_values "$DATA/hand_strong.csv" "$others" | tr '\t' ,; } >"$TEST_TMP/noseconds.csv"
    sed s/weak/strong/ "$DATA/hand_weak.csv" >"$TEST_TMP/as_strong.csv"
    while IFS='|' read -r expect cmd; do
        eval "$cmd" >/dev/null 2>"$TEST_TMP/err"
        status=$?
        assert_status 2 "$status" "$cmd"
        assert_eq "$(grep -c . "$TEST_TMP/err")" 1 "stderr lines of $cmd"
        assert_contains "$(cat "$TEST_TMP/err")" "$expect" "stderr of $cmd"
    done <<EOF2
invalid CSV 'nonexistent.csv'|scripts/scaling_table nonexistent.csv
no 'seconds' column|scripts/scaling_table $TEST_TMP/noseconds.csv
unknown option '--bogus'|scripts/scaling_table --bogus
no output given|scripts/plot_scaling $DATA/hand_strong.csv
invalid --mode 'medium'|scripts/plot_scaling --mode medium $DATA/hand_strong.csv -o $TEST_TMP/x.png
choose one with --mode|scripts/plot_scaling $TEST_TMP/as_strong.csv $DATA/hand_weak.csv -o $TEST_TMP/x.png
option '-o' needs a value|scripts/plot_scaling $DATA/hand_strong.csv -o
EOF2
}

test_median_interval_and_outliers_from_order_statistics() {
    # 11 repetitions on 1 worker: 1 .. 10 s and one of 100 s.  The median is
    # 6; the 95% interval is [x(2), x(10)] = [2, 10] (coverage 1 - 2 * 12 /
    # 2048 = 0.988; [x(3), x(9)] would cover only 0.935); 100 s lies beyond
    # Tukey's upper fence (quartiles 3 and 9, fence 18) and is the only outlier.
    local csv=$TEST_TMP/eleven.csv t
    echo "driver,ranks,threads,terms,x,kernel,reduction,host,seconds,verified" >"$csv"
    for t in 1 2 3 4 5 6 7 8 9 10 100; do
        echo "maclaurin_omp,1,1,1000,0.5,simd,exact,handmade,$t,1" >>"$csv"
    done
    analyse_fixture points "$csv" >"$TEST_TMP/points.csv" 2>/dev/null
    assert_eq "$(point omp 1 t_median) $(point omp 1 t_ci_lo) $(point omp 1 t_ci_hi)" "6 2 10" "median and interval"
    assert_eq "$(point omp 1 ci_level) $(point omp 1 outliers)" "0.988 1" "coverage and outliers"
    assert_eq "$(point omp 1 t_min) $(point omp 1 t_max)" "1 100" "extremes"
}

test_compare_two_studies_point_by_point() {
    # B: the hand-made study with every time doubled.  Each point's ratio is
    # 2, and its interval (B's low end over A's high end, B's high end over
    # A's low end) leaves out 1 wherever A's interval is narrower than 2x.
    local b=$TEST_TMP/b.csv
    awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "seconds") c = i; print; next }
        { $c = 2 * $c; print }' "$DATA/hand_strong.csv" >"$b"
    scripts/scaling_table --compare "$DATA/hand_strong.csv" "$b" --format csv >"$TEST_TMP/cmp.csv" 2>/dev/null ||
        fail "compare exited $?"
    assert_eq "$(head -n 1 "$TEST_TMP/cmp.csv")" "parallelism,rxt,workers,median_a,median_b,ratio,ratio_lo,ratio_hi,verdict" "header"
    assert_eq "$(grep -c '^OpenMP threads,1x2,2,6,12,2,1.429,2.8,B slower$' "$TEST_TMP/cmp.csv")" 1 \
        "OpenMP 1x2: $(cat "$TEST_TMP/cmp.csv")"
    # 1x1: A 8-12 s, B 16-24 s: the interval 1.333-3 leaves out 1
    grep -q '^OpenMP threads,1x1,1,10,20,2,1.333,3,B slower$' "$TEST_TMP/cmp.csv" || fail "OpenMP 1x1"
    scripts/scaling_table --compare "$DATA/hand_strong.csv" "$DATA/hand_strong.csv" >"$TEST_TMP/same" 2>/dev/null
    assert_eq "$(grep -c 'same within the interval' "$TEST_TMP/same")" 8 "a study against itself"
    scripts/scaling_table --compare "$DATA/hand_strong.csv" --format markdown "$b" 2>/dev/null | head -n 2 |
        tail -n 1 | grep -q '^| --- |' || fail "markdown"
    # one study's points as CSV: a source name with a comma comes back whole
    cp "$DATA/hand_strong.csv" "$TEST_TMP/a,b.csv"
    scripts/scaling_table --format csv "$TEST_TMP/a,b.csv" 2>/dev/null >"$TEST_TMP/points.csv"
    assert_eq "$(csv_values "$TEST_TMP/points.csv" source | head -n 1)" \
        "$TEST_TMP/a,b.csv" "a quoted source"
    local status=0
    scripts/scaling_table --compare "$DATA/hand_strong.csv" 2>"$TEST_TMP/err" || status=$?
    assert_status 2 "$status" "--compare with one CSV"
    assert_contains "$(cat "$TEST_TMP/err")" "--compare takes two CSVs" "stderr"
}

test_quoted_values_with_commas_survive_the_analysis() {
    # A provenance value with commas and quotes in it (an MPI library's
    # description), quoted as RFC 4180 says: the columns after it stay in
    # place, and the value arrives whole.
    local csv=$TEST_TMP/quoted.csv t
    echo "driver,ranks,threads,terms,x,kernel,reduction,host,mpi_library,seconds,verified" >"$csv"
    for t in 4 5 6; do
        echo "maclaurin_mpi,1,1,1000,0.5,simd,exact,handmade,\"Open MPI v4.1.4, package: \"\"Debian\"\"\",$t,1" >>"$csv"
    done
    analyse_fixture points "$csv" >"$TEST_TMP/points.csv" 2>"$TEST_TMP/err"
    assert_eq "$(point mpi 1 t_median) $(point mpi 1 reps)" "5 3" "median of the quoted rows"
    assert_eq "$(cat "$TEST_TMP/err")" "" "warnings"
}

# What the figure draws is what the table prints: every point of every
# panel, for a measured study, two machines overlaid, a weak study, and
# measured beside simulated (where Karp-Flatt points go grey).
figure_matches_table() {   # MODE CSV...
    local mode=$1 py
    shift
    py=$(PROG=test LIB=scripts/lib && . scripts/lib/analysis.sh && analysis_python numpy matplotlib) ||
        fail "no Python with numpy and matplotlib" || return 1
    scripts/scaling_table --format csv "$@" >"$TEST_TMP/table.csv" 2>/dev/null || fail "scaling_table"
    "$py" tests/scripts/figure_numbers.py "$mode" "$TEST_TMP/table.csv" "$@" >"$TEST_TMP/drawn" 2>&1 ||
        fail "figure against table: $(cat "$TEST_TMP/drawn")"
    assert_contains "$(cat "$TEST_TMP/drawn")" "points drawn as tabulated" "figure check"
}
test_the_figure_draws_the_numbers_in_the_table() {
    sed 's/handmade/othermachine/' "$DATA/hand_strong.csv" >"$TEST_TMP/other.csv"
    figure_matches_table strong "$DATA/hand_strong.csv"
    figure_matches_table strong "$DATA/hand_strong.csv" "$TEST_TMP/other.csv"
    figure_matches_table weak "$DATA/hand_weak.csv"
    figure_matches_table strong results/validation-measured.csv results/simulated-infiniband-hdr.csv
    figure_matches_table strong "$DATA/hand_superlinear.csv"
}

# The check above can fail: a figure drawn from other data than the table's.
test_the_figure_check_sees_a_wrong_number() {
    local py status=0
    py=$(PROG=test LIB=scripts/lib && . scripts/lib/analysis.sh && analysis_python numpy matplotlib) || fail "no Python" || return 1
    scripts/scaling_table --format csv "$DATA/hand_strong.csv" 2>/dev/null |
        sed 's/^\(.*,omp,maclaurin_omp,.*,1,2,2,3,0,4,\)6,/\16.5,/' >"$TEST_TMP/table.csv"
    grep -q ',6\.5,' "$TEST_TMP/table.csv" || fail "the doctored table lacks its change"
    "$py" tests/scripts/figure_numbers.py strong "$TEST_TMP/table.csv" "$DATA/hand_strong.csv" >"$TEST_TMP/out" 2>&1 ||
        status=$?
    assert_status 1 "$status" "a doctored table"
    assert_contains "$(cat "$TEST_TMP/out")" "time|$DATA/hand_strong.csv|handmade|omp|exact|1000||handmade (CPU not recorded)|not recorded at 2 workers: table 6.5, figure 6" "why"
}

# A Python without numpy (site-packages off: -S): the table still prints,
# the figure says in one line what is missing and where to get it.
test_tables_need_only_the_standard_library() {
    local py status=0
    py=$(command -v python3) || fail "no python3" || return 1
    printf '#!/bin/sh\nexec %s -S "$@"\n' "$py" >"$TEST_TMP/bare_python"
    chmod +x "$TEST_TMP/bare_python"
    ! "$TEST_TMP/bare_python" -c 'import numpy' 2>/dev/null || fail "numpy still importable under -S"
    MACLAURIN_PYTHON=$TEST_TMP/bare_python scripts/scaling_table "$DATA/hand_strong.csv" >"$TEST_TMP/table" 2>/dev/null ||
        fail "scaling_table without numpy"
    assert_contains "$(cat "$TEST_TMP/table")" "OpenMP threads 0.2 [0.0923, 0.308], MPI ranks 0.262" "table without numpy"
    MACLAURIN_PYTHON=$TEST_TMP/bare_python scripts/plot_scaling "$DATA/hand_strong.csv" -o "$TEST_TMP/f.png" \
        2>"$TEST_TMP/err" || status=$?
    assert_status 1 "$status" "plot_scaling without numpy"
    assert_eq "$(grep -c . "$TEST_TMP/err")" 1 "stderr lines"
    assert_contains "$(cat "$TEST_TMP/err")" "no module numpy (Debian: apt-get install python3-numpy python3-matplotlib" "stderr"
    [ ! -e "$TEST_TMP/f.png" ] || fail "a figure was written"
}

# make plot draws the files make sweep names, into files named by them,
# and never overwrites a committed figure.
test_make_plot_draws_the_sweep_just_made_and_no_committed_figure() {
    local dir=$TEST_TMP/obj status=0
    mkdir -p "$dir" "$TEST_TMP/results"
    cp "$DATA/hand_weak.csv" "$TEST_TMP/results/mine-weak.csv"
    make --no-print-directory plot OBJDIR="$dir" >/dev/null 2>"$TEST_TMP/err" || status=$?
    assert_status 2 "$status" "no sweep made yet"
    assert_contains "$(cat "$TEST_TMP/err")" "no sweep to draw" "stderr"
    echo "$TEST_TMP/results/mine-weak.csv" >"$dir/last-sweep"
    make --no-print-directory plot OBJDIR="$dir" >/dev/null 2>&1 || fail "make plot of the last sweep"
    [ -s "$TEST_TMP/results/mine-weak.png" ] && [ -s "$TEST_TMP/results/mine-weak.txt" ] ||
        fail "no figure and table named by the sweep: $(ls "$TEST_TMP/results")"
    assert_contains "$(cat "$TEST_TMP/results/mine-weak.txt")" "Weak scaling on handmade" "its table"
    status=0
    local before
    before=$(cat results/compare-vm.png results/compare-vm.txt | cksum)
    make --no-print-directory plot OBJDIR="$dir" CSV=results/compare-vm.csv >/dev/null 2>"$TEST_TMP/err" || status=$?
    assert_status 2 "$status" "a committed figure"
    assert_contains "$(cat "$TEST_TMP/err")" "results/compare-vm.png is committed" "stderr"
    assert_eq "$(cat results/compare-vm.png results/compare-vm.txt | cksum)" "$before" "the committed figure and table, untouched"
}

# The base case is the study's fastest 1-worker run, whichever driver gave
# it: here MPI 1x1 runs 12 s against OpenMP's 10 s, so MPI's speedups are
# taken against 10 s, and its 1-rank efficiency is 10/12.
test_the_base_case_is_the_fastest_one_worker_run() {
    awk -F, -v OFS=, 'NR > 1 && $6 == "maclaurin_mpi" && $5 == 1 && $4 == 1 { $2 = 12 } { print }' \
        "$DATA/hand_strong.csv" >"$TEST_TMP/slow_mpi.csv"
    analyse_fixture points "$TEST_TMP/slow_mpi.csv" >"$TEST_TMP/points.csv" 2>/dev/null
    assert_eq "$(point mpi 1 efficiency)" 0.833333 "MPI 1x1 against OpenMP 1x1"
    assert_eq "$(point mpi 2 speedup)" 1.42857 "MPI 2x1: 10 / 7"
    assert_eq "$(point mpi 2 base_driver) $(point mpi 2 base_t)" "maclaurin_omp 10" "base case named"
    assert_eq "$(point hybrid 2 base_driver)" maclaurin_omp "hybrid's base case"
}

# Efficiency above 1 beyond its interval, Karp-Flatt and the fitted
# fraction below 0 beyond theirs: flagged, with their cause, in the table
# and the figure; the intervals come from the two medians' intervals.
test_impossible_points_are_flagged_with_their_cause() {
    local csv=$DATA/hand_superlinear.csv py
    analyse_fixture points "$csv" >"$TEST_TMP/points.csv" 2>/dev/null
    analyse_fixture fits "$csv" >"$TEST_TMP/fits.csv" 2>/dev/null
    # T1 = 10 [9.5, 10.5], T2 = 4 [3.9, 4.1]: E = 1.25 [9.5/8.2, 10.5/7.8]
    assert_eq "$(point omp 2 efficiency) $(point omp 2 efficiency_lo) $(point omp 2 efficiency_hi)" \
        "1.25 1.15854 1.34615" "efficiency and its interval"
    assert_eq "$(point omp 2 flags)" "superlinear+negative-karp-flatt" "flags at 2"
    assert_eq "$(point omp 4 flags)" "-" "no flag at 4 (efficiency 0.96 [0.88, 1.05])"
    assert_eq "$(csv_values "$TEST_TMP/fits.csv" flags parallelism=omp)" negative-fraction "the fit's flag"
    # f = (0.5 (4/10 - 1/2) + 0.75 (2.6/10 - 1/4)) / (0.25 + 0.5625)
    assert_eq "$(csv_values "$TEST_TMP/fits.csv" serial_fraction parallelism=omp)" -0.0523077 "f, not clamped"
    scripts/scaling_table "$csv" >"$TEST_TMP/table" 2>/dev/null
    grep -q '^OpenMP threads *1x2 .* !$' "$TEST_TMP/table" || fail "the 1x2 row is not marked: $(cat "$TEST_TMP/table")"
    assert_contains "$(cat "$TEST_TMP/table")" "efficiency above 1 beyond its interval; Karp-Flatt below 0 beyond its interval: measured in rounds" "cause"
    py=$(PROG=test LIB=scripts/lib && . scripts/lib/analysis.sh && analysis_python numpy matplotlib) || fail "no Python" || return 1
    PYTHONPATH=analysis "$py" - "$csv" <<'EOF2' || fail "figure: see above"
import sys
from maclaurin_analysis import analyse
from maclaurin_analysis.figure import draw, numbers
fig = draw(analyse(sys.argv[1]), "strong", [sys.argv[1]])
rings = sorted(l.get_gid().split("|")[1] for ax in fig.axes for l in ax.get_lines()
               if (l.get_gid() or "").startswith("flagged|"))
if rings != ["efficiency", "karp_flatt", "speedup"]:
    sys.exit(f"ringed panels: {rings}")
text = numbers(fig)
if "impossible on any machine within its interval: OpenMP threads at 2 workers" not in text:
    sys.exit("no note under the panels:\n" + text)
EOF2
}

# A file whose rows came from two machines (or revisions) is two studies:
# drawn apart, never averaged.
test_two_machines_in_one_file_are_two_studies() {
    { echo "$(head -n 1 "$DATA/hand_strong.csv"),machine_id"
      tail -n +2 "$DATA/hand_strong.csv" | sed 's/$/,amd-26.2.1-2cpu-aaaaaa/'
      tail -n +2 "$DATA/hand_strong.csv" | sed 's/^0.9,\([0-9.]*\),/0.9,\1,/; s/$/,intel-6.143.8-2cpu-bbbbbb/' |
          awk -F, -v OFS=, '{ $2 = 2 * $2; print }'; } >"$TEST_TMP/two.csv"
    scripts/scaling_table --format csv "$TEST_TMP/two.csv" >"$TEST_TMP/points.csv" 2>/dev/null
    assert_eq "$(csv_values "$TEST_TMP/points.csv" machine | sort -u | tr '\n' ' ')" \
        "amd-26.2.1-2cpu-aaaaaa intel-6.143.8-2cpu-bbbbbb " "two machines"
    assert_eq "$(csv_values "$TEST_TMP/points.csv" t_median parallelism=omp workers=1 | sort -n | tr '\n' ' ')" "10 20 " \
        "each machine's own median, not one of both"
}

# What runs inside a Slurm job (plan, column) must run on Python 3.6 with
# the standard library: the modules it imports parse as 3.6, and it runs
# without what 3.7 and later added (math.comb, dataclasses) or numpy.
test_job_side_analysis_runs_without_newer_python() {
    local out
    out=$(python3 - <<'PY' 2>&1
import ast, pathlib
for name in ("__init__", "__main__", "results", "stats", "scaling", "plan", "runs", "commands/__init__",
             "commands/plan", "commands/column", "commands/done", "commands/run_summary", "commands/submit"):
    ast.parse(pathlib.Path("analysis/maclaurin_analysis", name + ".py").read_text(), feature_version=(3, 6))
print("parsed")
PY
) || fail "not Python 3.6: $out" || return 1
    out=$(cd analysis && python3 -c '
import math, runpy, sys
del math.comb
sys.modules["dataclasses"] = sys.modules["numpy"] = sys.modules["matplotlib"] = None
sys.argv = ["maclaurin_analysis", "plan", "weak", "--cores", "4"]
runpy.run_module("maclaurin_analysis", run_name="__main__")' 2>&1)
    assert_contains "$out" "layouts=1x1 2x1 4x1" "plan without math.comb, dataclasses or numpy"
}

# docs/scaling.md's notebook use, as written, from a directory that is not
# the repository, with the package on PYTHONPATH (as module load sets it).
test_notebook_use_works_from_any_directory() {
    local dir=$TEST_TMP/notebook code py lib
    mkdir -p "$dir/results"
    cp results/vm-20261206-212353-strong.csv "$dir/results/"
    code=$(sed -n '/^```python$/,/^```$/p' docs/scaling.md | sed '1d;$d')
    [ -n "$code" ] || fail "no python block in docs/scaling.md" || return 1
    # the interpreter the scripts would use (a pyenv python3 first on PATH may lack numpy)
    py=$(PROG=notebook LIB=scripts/lib && . scripts/lib/analysis.sh && analysis_python numpy matplotlib) ||
        fail "no Python 3 with numpy and matplotlib" || return 1
    lib=$PWD/analysis
    (cd "$dir" && PYTHONPATH=$lib MPLBACKEND=Agg "$py" -c "$code"$'\nprint(type(fig).__name__, len(study.points))') \
        >"$TEST_TMP/nb" 2>&1 ||
        fail "the notebook snippet: $(tail -3 "$TEST_TMP/nb")" || return 1
    assert_contains "$(cat "$TEST_TMP/nb")" "Figure" "the snippet's figure"
}

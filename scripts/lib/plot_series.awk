# plot_series.awk - data files and a gnuplot script for plot_scaling.
#
# awk -F'\t' -v mode=M -v work=DIR -v out=PNG -f csv_columns.awk -f plot_series.awk \
#     meta.tsv fits.tsv points.tsv > plot.gp
# Writes DIR/series_K.dat (workers, time median/min/max, speedup, efficiency
# and Karp-Flatt each with min and max) for each series of mode M and prints
# the gnuplot script for a 2x2 figure.  Colour tells the series kind (a shade
# per series of that kind), the point shape and dash the source file; a
# plain reduction beside an exact one is dashed.  Labels name what differs
# between series: the host (a simulated platform, scripts/simulate) or the
# source file, the reduction, the problem size.
function label(series) {
    return series == "omp" ? "OpenMP threads" : series == "mpi" ? "MPI ranks" : \
           series == "hybrid" ? "hybrid ranks x threads" : series
}
function colour(series, shade,    c) {   # shade: 1 for a kind's first series, 2 for its second, ...
    c = series == "omp" ? "#1f77b4 #6baed6 #08306b #17becf #9edae5 #393b79" : \
        series == "mpi" ? "#d62728 #fc9272 #67000d #ff7f0e #8c564b #e377c2" : \
        series == "hybrid" ? "#2ca02c #74c476 #00441b #bcbd22 #637939 #8c6d31" : \
        "#9467bd #bcbddc #3f007d #7f7f7f #c49c94 #dbdb8d"
    split(c, list, " ")
    return list[(shade - 1) % 6 + 1]
}
function shape(series, source_index,    base) {   # filled for the first source, open after
    base = series == "omp" ? 5 : series == "mpi" ? 7 : series == "hybrid" ? 9 : 13
    return source_index == 1 ? base : base - 1
}
function style(k,    s, dash) {   # the look of series k: point shape, colour, dash
    s = SOURCE_INDEX[S_SOURCE[k]]
    dash = index(REDUCTIONS, "|") && S_REDUCTION[k] == "plain" ? 2 : s == 1 ? 1 : 4
    return sprintf("pt %d lc '%s' dt %d", shape(S_SERIES[k], s), colour(S_SERIES[k], S_SHADE[k]), dash)
}
# 1, 2, 3, 5 times powers of ten from lo to hi, as gnuplot tics.
function log_tics(lo, hi,    t, d, m, out) {
    split("1 2 3 5", m, " ")
    for (t = 10 ^ int(log(lo) / log(10) - 1); t <= hi; t *= 10)
        for (d = 1; d <= 4; d++)
            if (t * m[d] >= lo && t * m[d] <= hi)
                out = out (out == "" ? "" : ", ") sprintf("%g", t * m[d])
    return out
}
function basename(path) { sub(/.*\//, "", path); return path }
function unique(value, list) { return index(" | " list " | ", " | " value " | ") ? list : list == "" ? value : list " | " value }
function gp_text(s) { gsub(/"/, "'", s); return s }

FNR == 1 { csv_header($0); file++; next }
file == 1 {
    SOURCE_INDEX[col("source")] = ++nsources
    MACHINES = unique(col("host") (col("cpu_model") == "-" || col("cores") == "-" ? "" : \
                                   " (" col("cpu_model") ", " col("cores") " cores)"), MACHINES)
    BUILDS = unique(col("git_rev") == "-" ? "not recorded" : "rev " col("git_rev") ", " col("compiler") " " col("cflags") ", " col("simd"), BUILDS)
    next
}
file == 2 {
    if (col("mode") == mode)
        FIT[col("source"), col("host"), col("series"), col("size"), col("x"), col("reduction")] = col("serial_fraction")
    next
}
col("mode") != mode { next }
{
    key = col("source") SUBSEP col("host") SUBSEP col("series") SUBSEP col("size") SUBSEP col("x") SUBSEP \
          col("kernel") SUBSEP col("reduction")
    if (!(key in SERIES_ID)) {
        SERIES_ID[key] = ++nseries
        S_SERIES[nseries] = col("series"); S_SOURCE[nseries] = col("source")
        S_HOST[nseries] = col("host"); S_REDUCTION[nseries] = col("reduction")
        S_SHADE[nseries] = ++KIND_SERIES[col("series")]
        HOSTS = unique(col("host"), HOSTS); REDUCTIONS = unique(col("reduction"), REDUCTIONS)
        S_FIT[nseries] = FIT[col("source"), col("host"), col("series"), col("size"), col("x"), col("reduction")]
        S_NAME[nseries] = col("source") " " col("series") " " col("size") " " col("x") " " col("kernel") " " col("reduction")
        SIZES = unique(col("size"), SIZES); XS = unique(sprintf("%.15g", col("x")), XS)
        KERNELS = unique(col("kernel") " kernel, " col("reduction") " reduction", KERNELS)
        REPS = unique(col("reps"), REPS)
    }
    k = SERIES_ID[key]
    if (col("workers") == 1)
        S_T1[k] = col("t_median")
    file_name = work "/series_" k ".dat"
    print col("workers"), col("t_median"), col("t_ci_lo"), col("t_ci_hi"), col("speedup"), col("speedup_lo"),
          col("speedup_hi"), col("efficiency"), col("efficiency_lo"), col("efficiency_hi"),
          col("karp_flatt"), col("karp_flatt_lo"), col("karp_flatt_hi") > file_name
    if (min_workers == "" || col("workers") + 0 < min_workers) min_workers = col("workers") + 0
    if (col("workers") + 0 > max_workers) max_workers = col("workers") + 0
    TICS[col("workers") + 0] = 1
    if (t_lo == "" || col("t_ci_lo") + 0 < t_lo) t_lo = col("t_ci_lo") + 0
    if (col("t_ci_hi") + 0 > t_hi) t_hi = col("t_ci_hi") + 0
    if (LEVEL == "" || col("ci_level") + 0 < LEVEL) LEVEL = col("ci_level") + 0
    if (col("cores") != "-" && col("workers") + 0 > col("cores") + 0) CORES_LINE = col("cores")
}
END {
    for (k = 1; k <= nseries; k++)
        close(work "/series_" k ".dat")
    weak = mode == "weak"
    # A label tells what differs between series: the kind, then source or N if several.
    for (k = 1; k <= nseries; k++) {
        split(S_NAME[k], part, " ")
        S_LABEL[k] = label(S_SERIES[k]) (index(HOSTS, "|") ? " - " S_HOST[k] : \
                                         nsources > 1 ? " - " basename(S_SOURCE[k]) : "") \
                     (index(REDUCTIONS, "|") ? ", " S_REDUCTION[k] : "") \
                     (index(SIZES, "|") ? (weak ? " N/worker=" : " N=") part[3] : "")
    }
    tics = ""
    for (w in TICS) tics = tics (tics == "" ? "" : ", ") w
    printf "set terminal pngcairo size 1500,1100 font 'DejaVu Sans,11' noenhanced\n"
    printf "set output \"%s\"\n", gp_text(out)
    printf "set datafile missing '-'\n"
    printf "set logscale x 2\nset xrange [%g:%g]\nset xtics (%s)\n", min_workers / 1.25, max_workers * 1.25, tics
    printf "set xlabel 'workers (ranks x threads)'\nset grid\nset key top left box opaque font ',10'\nunset key\n"
    printf "set bars small\nset pointsize 1.3\n"
    if (CORES_LINE != "")
        printf "set arrow from %s, graph 0 to %s, graph 1 nohead dt 3 lc 'gray40'\nset label 'cores' at %s, graph 0.04 offset 0.5,0 textcolor 'gray40'\n", CORES_LINE, CORES_LINE, CORES_LINE
    printf "set multiplot layout 2,2 title \"%s scaling on %s\\n%s, x = %s, %s; medians of %s repetitions, bars: the median's %.0f%% interval\\nbuild: %s\" font ',13'\n",
           weak ? "Weak" : "Strong", gp_text(MACHINES), (weak ? "N per worker = " : "N = ") SIZES, XS, KERNELS,
           REPS, 100 * LEVEL, gp_text(BUILDS)
    # Panel 1: time, log-log, ideal T1/p (strong) or T1 (weak).
    printf "set title '%s'\nset logscale y\nset ylabel 'seconds'\nset yrange [%g:%g]\nset ytics (%s)\n", weak ? "Time (ideal: constant)" : "Time (ideal: T1/p)", t_lo / 1.5, t_hi * 1.5, log_tics(t_lo / 1.5, t_hi * 1.5)
    printf "plot NaN with lines dt 2 lc 'black' title 'ideal'"
    for (k = 1; k <= nseries; k++) {
        printf ", \\\n  '%s/series_%d.dat' using 1:2:3:4 with yerrorlines lw 2 %s title '%s'",
               work, k, style(k), gp_text(S_LABEL[k])
        if (S_T1[k] != "")
            printf ", \\\n  %s%s with lines dt 2 lc '%s' notitle", S_T1[k], weak ? "" : "/x", colour(S_SERIES[k], S_SHADE[k])
    }
    printf "\nunset logscale y\nset ytics auto\n"
    # Panel 2: speedup with the ideal and the fitted law.
    # The one key, here: under the diagonal ideal, the top left stays empty.
    printf "set key\n"
    # at most the ideal, p, with room: a fitted serial fraction below 0 has a pole
    printf "set title '%s'\nset ylabel '%s'\nset yrange [0:%g]\n", weak ? "Scaled speedup p T1/Tp (Gustafson fit)" : "Speedup T1/Tp (Amdahl fit)",
           weak ? "scaled speedup" : "speedup", 1.15 * max_workers
    printf "plot x with lines dt 2 lc 'black' title 'ideal'"
    for (k = 1; k <= nseries; k++) {
        printf ", \\\n  '%s/series_%d.dat' using 1:5:6:7 with yerrorlines lw 2 %s title '%s'",
               work, k, style(k), gp_text(S_LABEL[k])
        if (S_FIT[k] != "" && S_FIT[k] != "-")
            printf ", \\\n  %s with lines dt 3 lw 1.5 lc '%s' title '  fit %s = %.3g'",
                   weak ? "x - (" S_FIT[k] ")*(x - 1)" : "1/((" S_FIT[k] ") + (1 - (" S_FIT[k] "))/x)",
                   colour(S_SERIES[k], S_SHADE[k]), weak ? "s" : "f", S_FIT[k]
    }
    # Panel 3: efficiency; panel 4: Karp-Flatt.
    printf "\nunset key"
    printf "\nset title 'Parallel efficiency %s'\nset ylabel 'efficiency'\nset yrange [0:1.2]\n", weak ? "T1/Tp" : "T1/(p Tp)"
    printf "plot 1 with lines dt 2 lc 'black' title 'ideal'"
    for (k = 1; k <= nseries; k++)
        printf ", \\\n  '%s/series_%d.dat' using 1:8:9:10 with yerrorlines lw 2 %s title '%s'",
               work, k, style(k), gp_text(S_LABEL[k])
    printf "\nset title 'Karp-Flatt metric e = (1/S - 1/p)/(1 - 1/p)'\nset ylabel 'experimental serial fraction'\nset yrange [*:*]\n"
    printf "plot 0 with lines dt 2 lc 'black' title 'ideal'"
    for (k = 1; k <= nseries; k++)
        printf ", \\\n  '%s/series_%d.dat' using 1:11:12:13 with yerrorlines lw 2 %s title '%s'",
               work, k, style(k), gp_text(S_LABEL[k])
    printf "\nunset multiplot\n"
}

# scaling_format.awk - the analysis tables (scaling.awk) as text for people.
#
# awk -F'\t' -f csv_columns.awk -f scaling_format.awk meta.tsv fits.tsv points.tsv
# One block per source, mode and problem: the machine and build, a row per
# series and worker count (the median time with its distribution-free
# interval and the count of outliers), then each series' fitted serial
# fraction.  "*"
# marks oversubscribed rows (more workers than cores), which fits leave out.
function label(series) {
    return series == "omp" ? "OpenMP threads" : series == "mpi" ? "MPI ranks" : \
           series == "hybrid" ? "hybrid ranks x threads" : series
}
function problem() {
    return col("source") "|" col("mode") "|" col("x") "|" col("kernel") "|" col("reduction") "|" col("size")
}
function end_block(    i, text) {
    if (last == "")
        return
    text = LAW[last] == "amdahl" ? "Amdahl serial fraction f" : "Gustafson serial fraction s"
    text = text " (least squares over p > 1 within the cores):"
    for (i = 1; i <= nseries; i++)
        text = text (i > 1 ? "," : "") " " label(SERIES[i]) " " FIT[last, SERIES[i]]
    print text
    nseries = 0
}
FNR == 1 { csv_header($0); file++; next }
file == 1 {
    MACHINE[col("source")] = col("host") " (" col("cpu_model") ", " col("cores") " cores), " \
        col("simd") ", " col("compiler") " " col("cflags") ", rev " col("git_rev")
    next
}
file == 2 {
    FIT[problem(), col("series")] = col("serial_fraction")
    LAW[problem()] = col("law")
    next
}
problem() != last {
    end_block()
    mode = col("mode")
    printf "%s%s scaling on %s\n", last == "" ? "" : "\n", toupper(substr(mode, 1, 1)) substr(mode, 2), MACHINE[col("source")]
    printf "%s: %s = %s, x = %s, kernel %s, %s reduction\n", col("source"), mode == "weak" ? "N per worker" : "N",
           col("size"), sprintf("%.15g", col("x")), col("kernel"), col("reduction")
    printf "%-23s %7s %8s %4s %10s %21s %3s %8s %10s %10s\n", "series", "RxT", "workers", "reps",
           "median s", "interval of median s", "out", mode == "weak" ? "scaled S" : "speedup", "efficiency",
           "Karp-Flatt"
    last = problem()
}
{
    if (!(last SUBSEP col("series") in LISTED)) {
        LISTED[last, col("series")] = 1
        SERIES[++nseries] = col("series")
    }
    over = col("oversubscribed") == "1"
    OVERSUBSCRIBED += over
    interval = sprintf("%.4g - %.4g", col("t_ci_lo"), col("t_ci_hi"))
    LEVELS[sprintf("%.1f%%", 100 * col("ci_level")) " with " col("reps") " repetitions"] = 1
    printf "%-23s %7s %7d%s %4d %10.4g %21s %3s %8.3f %10.3f %10s\n", label(col("series")),
           col("ranks") "x" col("threads"), col("workers"), over ? "*" : " ", col("reps"),
           col("t_median"), interval, (col("outliers") > 0 ? col("outliers") : ""), col("speedup"),
           col("efficiency"), col("karp_flatt") == "-" ? "-" : sprintf("%.3f", col("karp_flatt"))
}
END {
    end_block()
    text = ""
    for (l in LEVELS)
        text = text (text == "" ? "" : ", ") l
    print "interval: order statistics of the repetitions that cover the median with " \
          "probability " text "; out: repetitions beyond Tukey's fences (1.5 IQR)"
    if (OVERSUBSCRIBED)
        print "* oversubscribed: more workers than cores; left out of the fits"
}

# scaling_compare.awk - two scaling studies point by point (scaling_table --compare).
#
# awk -F'\t' -v format=text|markdown|csv -f csv_columns.awk -f csv_quote.awk \
#     -f scaling_compare.awk A.tsv B.tsv
# A.tsv and B.tsv are scaling.awk's points of each.  A point is matched by
# mode, series, x, kernel, reduction, problem size, ranks and threads.  The
# ratio is B's median time over A's; its interval runs from B's low end over
# A's high end to B's high end over A's low end, the two medians' intervals
# (stats.awk) taken together, so it covers the ratio of the true medians
# with at least the product of their coverages.  "B faster" or "B slower"
# only where the interval leaves out 1.
function key() {
    return col("mode") SUBSEP col("series") SUBSEP col("x") SUBSEP col("kernel") SUBSEP \
           col("reduction") SUBSEP col("size") SUBSEP col("ranks") SUBSEP col("threads")
}
function label(series) {
    return series == "omp" ? "OpenMP threads" : series == "mpi" ? "MPI ranks" : \
           series == "hybrid" ? "hybrid ranks x threads" : series
}
FNR == 1 { csv_header($0); file++; next }
file == 1 {
    k = key()
    A_MED[k] = col("t_median"); A_LO[k] = col("t_ci_lo"); A_HI[k] = col("t_ci_hi"); A_LEVEL[k] = col("ci_level")
    next
}
{
    k = key()
    if (!(k in A_MED)) { only_b++; next }
    matched[k] = 1
    ratio = col("t_median") / A_MED[k]
    lo = col("t_ci_lo") / A_HI[k]; hi = col("t_ci_hi") / A_LO[k]
    level = A_LEVEL[k] * col("ci_level")
    if (level < min_level || min_level == "") min_level = level
    verdict = hi < 1 ? "B faster" : lo > 1 ? "B slower" : "same within the interval"
    if (!header_done) {
        header_done = 1
        if (format == "csv")
            print "series,rxt,workers,median_a,median_b,ratio,ratio_lo,ratio_hi,verdict"
        else if (format == "markdown")
            print "| series | RxT | median A s | median B s | B / A | interval | verdict |\n| --- | --- | --- | --- | --- | --- | --- |"
        else
            printf "%-23s %7s %10s %10s %8s %17s  %s\n", "series", "RxT", "median A s", "median B s",
                   "B / A", "interval", "verdict"
    }
    rxt = col("ranks") "x" col("threads")
    if (format == "csv")
        print csv_quote(label(col("series"))) "," rxt "," col("workers") "," sprintf("%.6g", A_MED[k]) "," \
              sprintf("%.6g", col("t_median")) "," sprintf("%.4g", ratio) "," sprintf("%.4g", lo) "," \
              sprintf("%.4g", hi) "," verdict
    else if (format == "markdown")
        print "| " label(col("series")) " | " rxt " | " sprintf("%.4g", A_MED[k]) " | " sprintf("%.4g", col("t_median")) \
              " | " sprintf("%.3f", ratio) " | " sprintf("%.3f - %.3f", lo, hi) " | " verdict " |"
    else
        printf "%-23s %7s %10.4g %10.4g %8.3f %17s  %s\n", label(col("series")), rxt, A_MED[k],
               col("t_median"), ratio, sprintf("%.3f - %.3f", lo, hi), verdict
}
END {
    for (k in A_MED) if (!(k in matched)) only_a++
    if (format == "text" || format == "") {
        if (header_done)
            printf "interval: from the medians' intervals, covering at least %.1f%%\n", 100 * min_level
        else
            print "no point of B matches one of A"
    }
    if (only_a || only_b)
        printf "scaling_table: %d points only in A, %d only in B, left out\n", only_a, only_b > "/dev/stderr"
}

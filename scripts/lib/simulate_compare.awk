# simulate_compare.awk - simulate --validate's table: for each reduction and
# rank count, each platform's fastest and median repetition, and their
# ratios to the measured ones (platform "real").  Reads the rows of one
# run (-v run=RUN_ID) of a CSV through maclaurin_csv2tsv; load after
# csv_columns.awk and stats.awk.  Prints a header, then rows in any order.
FNR == 1 { csv_header($0); next }
col("run_id") != run || col("verified") != "1" { next }
{
    k = col("reduction") SUBSEP col("ranks"); p = col("platform")
    T[k, p] = T[k, p] " " col("seconds"); N[k, p]++
    if (!((k, p) in MIN) || col("seconds") + 0 < MIN[k, p]) MIN[k, p] = col("seconds") + 0
    KEYS[k] = 1; PLAT[p] = 1
}
END {
    printf "%-9s %5s  %-16s %12s %12s %9s %9s\n", "reduction", "ranks", "platform", "min (s)", "median (s)",
           "min/real", "med/real"
    for (k in KEYS) {
        if (!((k, "real") in N))
            continue
        split(k, kk, SUBSEP)
        real_min = MIN[k, "real"]; real_med = stats_median(T[k, "real"], N[k, "real"])
        for (p in PLAT) {
            if (!((k, p) in N))
                continue
            med = stats_median(T[k, p], N[k, p])
            printf "%-9s %5s  %-16s %12.6f %12.6f %9.4f %9.4f\n", kk[1], kk[2], p, MIN[k, p], med,
                   MIN[k, p] / real_min, med / real_med
        }
    }
}

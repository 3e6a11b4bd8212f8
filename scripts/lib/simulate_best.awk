# simulate_best.awk - the fastest repetition of one run (a driver's CSV
# through maclaurin_csv2tsv): its seconds and its result_hex, then the
# median seconds, on one line.  Load after csv_columns.awk and stats.awk.
FNR == 1 { csv_header($0); next }
{ times = times " " col("seconds"); n++ }
best == "" || col("seconds") + 0 < best { best = col("seconds") + 0; bits = col("result_hex") }
END { printf "%.6g %s %.6g\n", best, bits, n ? stats_median(times, n) : 0 }

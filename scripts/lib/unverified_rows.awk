# unverified_rows.awk - how many rows of a driver's CSV are not verified.
# Load after csv_columns.awk.
FNR == 1 { csv_header($0); next }
col("verified") != "1" { n++ }
END { print n + 0 }

# count_rows.awk - data rows after the first `skip` lines of a results CSV,
# and how many say verified=1 (with csv_columns.awk; see slurm_count_rows).
NR == 1 { csv_header($0); if (skip == 0) next }
NR > skip { rows++; if (col("verified") == "1") ok++ }
END { print rows + 0, ok + 0 }

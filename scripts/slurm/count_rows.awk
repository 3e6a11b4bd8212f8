# count_rows.awk - data rows after the first `skip` lines of a results CSV,
# how many say verified=1, and the nodes they ran on (the distinct values of
# their nodes column, ',' between; with csv_columns.awk; see slurm_count_rows).
NR == 1 { csv_header($0); if (skip == 0) next }
NR > skip { rows++; if (col("verified") == "1") ok++; n = col("nodes"); if (!(n in seen)) { seen[n] = 1; used = used (used == "" ? "" : ",") n } }
END { print rows + 0, ok + 0, (used == "" ? 0 : used) }

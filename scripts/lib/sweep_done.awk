# sweep_done.awk - the configurations already complete in a sweep's output CSV.
#
# Prints one key per configuration whose rows are all verified, as
#   mode|driver|ranks|threads|terms|x|kernel|reduction
# (x normalised to %.17g), the identity scripts/sweep --resume skips.
# -v first="simulated platform" puts those columns in front of the key
# (scripts/simulate: "1|ethernet-10g|mode|...", "0|real|..." for the
# measured runs of --validate).  Load after csv_columns.awk.
function config_key(    n, names, i, key) {
    key = ""
    n = split(first, names, " ")
    for (i = 1; i <= n; i++)
        key = key col(names[i]) "|"
    return key col("mode") "|" col("driver") "|" col("ranks") "|" col("threads") "|" \
           col("terms") "|" sprintf("%.17g", col("x") + 0) "|" col("kernel") "|" col("reduction")
}
FNR == 1 { csv_header($0); next }
NF != CSV_FIELDS { next }          # not a whole row: never counts as done
{
    key = config_key()
    seen[key] = 1
    if (col("verified") != "1")
        failed[key] = 1
}
END {
    for (key in seen)
        if (!(key in failed))
            print key
}

# simulate_done.awk - the configurations already complete in scripts/simulate's CSVs.
#
# Prints one key per configuration whose rows are all verified, as
#   simulated|platform|mode|driver|ranks|threads|terms|x|kernel|reduction
# (x normalised to %.17g), the identity scripts/simulate --resume skips:
# sweep_done.awk's, with whether it was simulated and on which platform in
# front ("0|real|..." for the measured runs of --validate).  Load after
# csv_columns.awk.
function config_key() {
    return col("simulated") "|" col("platform") "|" col("mode") "|" col("driver") "|" col("ranks") "|" \
           col("threads") "|" col("terms") "|" sprintf("%.17g", col("x") + 0) "|" col("kernel") "|" \
           col("reduction")
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

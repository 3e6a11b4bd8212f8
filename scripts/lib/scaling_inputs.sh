# scaling_inputs.sh - checks and analysis shared by scaling_table and plot_scaling.
# Sourced; expects $PROG (the script's name, for messages) and $LIB (this folder).

# Every CSV must be readable and have the columns the analysis needs
# (found by name); one line on stderr and status 2 otherwise.
check_csvs() {
    local csv name header
    [ $# -gt 0 ] || { echo "$PROG: no CSV given (see --help)" >&2; return 2; }
    for csv in "$@"; do
        [ -f "$csv" ] && [ -r "$csv" ] || { echo "$PROG: invalid CSV '$csv': not a readable file" >&2; return 2; }
        header=",$(head -n 1 "$csv"),"
        for name in driver ranks threads terms x kernel reduction seconds verified host; do
            [[ $header == *",$name,"* ]] ||
                { echo "$PROG: invalid CSV '$csv': no '$name' column (not a maclaurin results file)" >&2; return 2; }
        done
    done
}

# analyse DIR CSV...: DIR/points.tsv, DIR/fits.tsv and DIR/meta.tsv (see scaling.awk).
analyse() {
    local dir=$1 want
    shift
    for want in points fits meta; do
        awk -F, -v want="$want" -f "$LIB/csv_columns.awk" -f "$LIB/stats.awk" -f "$LIB/scaling.awk" "$@" \
            >"$dir/$want.tsv" 2>"$dir/warnings" || return 1
    done
    sort -u "$dir/warnings" >&2
}

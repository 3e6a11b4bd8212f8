# scaling_inputs.sh - checks and analysis shared by scaling_table and plot_scaling.
# Sourced; expects $PROG (the script's name, for messages) and $LIB (this folder).
. "$LIB/programs.sh"

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

# analyse DIR CSV...: DIR/points.tsv, DIR/fits.tsv and DIR/meta.tsv (see
# scaling.awk).  The CSVs are read through maclaurin_csv2tsv, a real CSV
# reader: quoted values with commas in them survive.
analyse() {
    local dir=$1 want csv2tsv i=0 csv tsvs=()
    shift
    csv2tsv=$(program maclaurin_csv2tsv) || return 1
    : >"$dir/names"
    for csv in "$@"; do
        i=$((i + 1))
        "$csv2tsv" "$csv" >"$dir/input.$i.tsv" || return 1
        echo "$csv" >>"$dir/names"
        tsvs+=("$dir/input.$i.tsv")
    done
    for want in points fits meta; do
        awk -F'\t' -v want="$want" -v source_names="$dir/names" -f "$LIB/csv_columns.awk" -f "$LIB/stats.awk" \
            -f "$LIB/scaling.awk" "${tsvs[@]}" >"$dir/$want.tsv" 2>"$dir/warnings" || return 1
    done
    sort -u "$dir/warnings" >&2
}

# tsv_to.awk - a tab-separated table as CSV (RFC 4180 quoting) or Markdown:
#   awk -F'\t' -v to=csv|markdown -f scripts/lib/csv_quote.awk -f scripts/lib/tsv_to.awk TABLE.tsv
{
    line = ""
    for (i = 1; i <= NF; i++)
        line = line (i > 1 ? (to == "csv" ? "," : " | ") : "") (to == "csv" ? csv_quote($i) : $i)
    print to == "csv" ? line : "| " line " |"
    if (to == "markdown" && NR == 1) {
        line = ""
        for (i = 1; i <= NF; i++) line = line "| --- "
        print line "|"
    }
}

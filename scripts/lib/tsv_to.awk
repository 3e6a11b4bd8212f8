# tsv_to.awk - a tab-separated table as CSV (RFC 4180 quoting) or Markdown:
#   awk -F'\t' -v to=csv|markdown -f scripts/lib/tsv_to.awk TABLE.tsv
function quoted(v,    out, i, c) {
    if (v !~ /[",]/) return v
    out = ""
    for (i = 1; i <= length(v); i++) { c = substr(v, i, 1); out = out (c == "\"" ? "\"\"" : c) }
    return "\"" out "\""
}
{
    line = ""
    for (i = 1; i <= NF; i++)
        line = line (i > 1 ? (to == "csv" ? "," : " | ") : "") (to == "csv" ? quoted($i) : $i)
    print to == "csv" ? line : "| " line " |"
    if (to == "markdown" && NR == 1) {
        line = ""
        for (i = 1; i <= NF; i++) line = line "| --- "
        print line "|"
    }
}

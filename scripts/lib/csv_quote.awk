# csv_quote.awk - csv_quote(v): v as one CSV field, RFC 4180: quoted, with
# each quote doubled, when it holds a comma or a quote; as it is otherwise.
# (The drivers' rows are quoted the same way, in support/report.c.)
function csv_quote(v,    out, i, c) {
    if (v !~ /[",]/)
        return v
    out = ""
    for (i = 1; i <= length(v); i++) {   # mawk has no gensub
        c = substr(v, i, 1)
        out = out (c == "\"" ? "\"\"" : c)
    }
    return "\"" out "\""
}

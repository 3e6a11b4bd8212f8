# csv_columns.awk - look CSV columns up by their header name, never by position.
#
# Load with `awk -F, -f scripts/lib/csv_columns.awk -f SCRIPT` (-F'\t' for
# the analysis's tab-separated tables).  Call csv_header() on a file's first
# line; then col("name") is that column of the current record ("" when the
# file has no such column) and has("name") tells whether it exists.  The
# drivers' and the sweep's fields never hold commas, so a plain split is exact.
function csv_header(line,    n, i, f) {
    for (i in COL)
        delete COL[i]
    n = split(line, f, FS)
    for (i = 1; i <= n; i++)
        COL[f[i]] = i
    CSV_FIELDS = n
    return n
}
function has(name) { return name in COL }
function col(name) { return (name in COL) ? $(COL[name]) : "" }

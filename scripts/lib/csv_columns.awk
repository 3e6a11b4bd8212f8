# csv_columns.awk - look CSV columns up by their header name, never by position.
#
# Load with `awk -F'\t' -f scripts/lib/csv_columns.awk -f SCRIPT` on
# tab-separated text (a results CSV through maclaurin_csv2tsv, or the
# analysis's own tables).  Call csv_header() on a file's first line; then
# col("name") is that column of the current record ("" when the file has no
# such column) and has("name") tells whether it exists.  -F, on a CSV
# splits a quoted value with a comma in it: only for files known to have
# none (a driver's own rows, read by the bench).
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

# print_column.awk - one column of a CSV, by its header name (with csv_columns.awk):
#   awk -F, -v name=seconds -f scripts/lib/csv_columns.awk -f scripts/lib/print_column.awk
NR == 1 { csv_header($0); next }
{ print col(name) }

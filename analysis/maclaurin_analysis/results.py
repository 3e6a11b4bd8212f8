"""Reading results CSVs: RFC 4180 quoting, columns found by name.

read_rows(path) gives the header and one dict a row; rows with another
number of fields than the header (cut short by a killed writer) are
counted apart, never read.  A drivers' file of an older format has its
renamed columns under their current names, so that readers know only
those.  arrays() turns chosen columns into numpy arrays for a notebook.
"""
import csv

# The drivers' columns renamed since a file may have been written: old name,
# current name (io/csv_columns.h, CSV_RUN_RENAMES; `maclaurin_csvcheck
# --columns` lists each column's earlier names).
RENAMED = (("cores", "cpus_online"),)


def current_names(header):
    """The header with a drivers' file's old column names made current
    (another file's, a bench's or compare's, is left as it is)."""
    if "driver" not in header:
        return header
    old_to_new = {old: new for old, new in RENAMED if new not in header}
    return [old_to_new.get(name, name) for name in header]


class ResultsError(Exception):
    """A file that is not a readable results CSV (one line for the user)."""


def read_rows(path):
    """(header, rows, torn): the column names, a dict per whole row, and the
    count of rows whose field count differs from the header's."""
    try:
        with open(path, newline="") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if header is None:
                return [], [], 0
            header = current_names(header)
            rows, torn = [], 0
            for fields in reader:
                if len(fields) != len(header):
                    torn += 1
                    continue
                rows.append(dict(zip(header, fields)))
            return header, rows, torn
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise ResultsError(f"invalid CSV '{path}': {e}") from None


def matches(row, where):
    """Whether row has each column = value of where (numbers compared as
    numbers, so that 2 matches 2.0)."""
    for name, want in where.items():
        have = row.get(name, "")
        if have == want:
            continue
        try:
            if float(have) == float(want):
                continue
        except ValueError:
            pass
        return False
    return True


def arrays(rows, *names):
    """numpy arrays of the named columns of rows, numeric where they parse."""
    import numpy as np

    out = []
    for name in names:
        values = [r.get(name, "") for r in rows]
        try:
            out.append(np.array([float(v) for v in values]))
        except ValueError:
            out.append(np.array(values))
    return out[0] if len(out) == 1 else tuple(out)

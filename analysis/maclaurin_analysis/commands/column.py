"""column: values of a results CSV by column name, tab-separated, one
line a row, for the scripts (read by a CSV reader: a CPU model or an MPI
library is quoted when it holds a comma).  Runs inside Slurm jobs:
Python 3.6, standard library only."""
import os
import sys

from . import Usage

HELP = "values of a results CSV by column name"
NEEDS = ()


def add_arguments(p):
    p.add_argument("file", metavar="FILE", help="the CSV, or - for stdin")
    p.add_argument("names", metavar="NAME[,NAME...]")
    p.add_argument("where", metavar="COLUMN=VALUE", nargs="*", help="only rows with these values")


def run(args):
    from ..results import ResultsError, matches, read_rows
    names = args.names.split(",")
    bad = [w for w in args.where if "=" not in w]
    if bad:
        raise Usage(f"invalid condition '{bad[0]}': write COLUMN=VALUE")
    where = dict(w.split("=", 1) for w in args.where)
    path = args.file
    if path == "-":
        import tempfile
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
            f.write(sys.stdin.read())
        path = f.name
    try:
        _, rows, _ = read_rows(path)
    except ResultsError as e:
        raise Usage(str(e)) from None
    finally:
        if args.file == "-":
            os.unlink(path)
    for r in rows:
        if matches(r, where):
            print("\t".join(r.get(n, "") for n in names))
    return 0

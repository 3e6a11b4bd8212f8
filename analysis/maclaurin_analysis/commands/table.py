"""table: the scaling study of results CSVs as a table (scripts/scaling_table)."""
import argparse
import sys

from . import PROG, Usage
from ._studies import check_files, study_of

HELP = "the scaling table of results CSVs (scripts/scaling_table)"
NEEDS = ()
OPERANDS = "csv"   # the CSVs may come before and after the options
DESCRIPTION = """\
Per source, machine, mode and problem size: workers, the median time with a
distribution-free interval and the outliers, speedup (scaled speedup for
weak scaling), efficiency, Karp-Flatt metric, and the fitted serial
fraction (Amdahl, or Gustafson for weak scaling).  Python 3.7's standard
library only; the arithmetic is maclaurin_analysis.scaling's."""
FORMATS = ("text", "markdown", "csv")


def add_arguments(parser):
    parser.description = DESCRIPTION
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--format", default="text", metavar="text|markdown|csv",
                        help="text for people (default), or the points as a markdown or CSV table")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--fits", action="store_true", help="the fitted serial fractions, one row a series")
    what.add_argument("--compare", action="store_true",
                      help="two CSVs, A and B: B's median time over A's at each matching point, with an interval")
    parser.add_argument("csv", nargs="*", metavar="CSV", help="results CSVs (make sweep, scripts/simulate, Slurm)")


def run(args):
    from .. import compare, table
    if args.format not in FORMATS:
        raise Usage(f"invalid --format '{args.format}': not text, markdown or csv")
    if args.compare and len(args.csv) != 2:
        raise Usage(f"--compare takes two CSVs, A and B, not {len(args.csv)}")
    check_files(args.csv)
    if args.compare:
        a, b = study_of(args.csv[:1]), study_of(args.csv[1:])
        print(f"A: {args.csv[0]}\nB: {args.csv[1]}", file=sys.stderr)
        rows, only_a, only_b = compare.compare(a, b)
        sys.stdout.write(compare.compare_as(args.format, rows))
        if only_a or only_b:
            print(f"{PROG}: {only_a} points only in A, {only_b} only in B, left out", file=sys.stderr)
        return 0
    study = study_of(args.csv)
    if args.fits:
        sys.stdout.write(table.fits_as(args.format, study))
    else:
        sys.stdout.write(table.text(study) if args.format == "text" else table.points_as(args.format, study))
    return 0

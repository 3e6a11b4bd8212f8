"""run-summary: one run's CSV in a line of fields, for the scripts that
launch runs (lib/runner.sh, scripts/simulate, scripts/slurm/lib.sh): by
default unverified, best, bits and median; --fields chooses others.
Runs inside Slurm jobs: Python 3.6, standard library only."""
from . import Usage

HELP = "one run's rows summed up: unverified, best, bits, median (or --fields)"
NEEDS = ()


def add_arguments(p):
    from ..runs import SUMMARY_FIELDS
    p.add_argument("file", metavar="FILE", help="the CSV (a missing file has no rows)")
    p.add_argument("--after", type=int, default=0, metavar="LINES",
                   help="only the rows after the first LINES lines (the header counts as one)")
    p.add_argument("--fields", default="unverified,best,bits,median",
                   help="of " + ", ".join(SUMMARY_FIELDS) + " (default unverified,best,bits,median)")


def run(args):
    from ..results import ResultsError
    from ..runs import SUMMARY_FIELDS, run_summary
    fields = args.fields.split(",")
    for f in fields:
        if f not in SUMMARY_FIELDS:
            raise Usage(f"invalid --fields '{args.fields}': {f} is not one of " + ", ".join(SUMMARY_FIELDS))
    try:
        summary = run_summary(args.file, args.after)
    except ResultsError as e:
        raise Usage(str(e)) from None
    print(" ".join(summary.field(f) for f in fields))
    return 0

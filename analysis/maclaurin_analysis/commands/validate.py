"""validate: simulate --validate's table, the simulated against the measured."""
HELP = "a --validate run's simulated times against the measured ones"
NEEDS = ()


def add_arguments(p):
    p.add_argument("run_id", metavar="RUN_ID", help="the run whose rows to compare (the rows' run_id)")
    p.add_argument("files", metavar="CSV", nargs="+", help="the measured and the simulated rows")


def run(args):
    import os
    from . import Usage
    from ..results import ResultsError
    from ..simulation import validation
    for p in args.files:
        if not (os.path.isfile(p) and os.access(p, os.R_OK)):
            raise Usage(f"invalid CSV '{p}': not a readable file")
    try:
        lines = validation(args.files, args.run_id)
    except ResultsError as e:
        raise Usage(str(e)) from None
    print("\n".join(lines))
    return 0

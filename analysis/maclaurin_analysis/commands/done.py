"""done: the keys of the configurations complete in a results CSV, one a
line, for --resume (scripts/sweep, scripts/simulate: lib/runner.sh)."""
from . import Usage

HELP = "the complete configurations of a results file (--resume)"
NEEDS = ()


def add_arguments(p):
    p.add_argument("file", metavar="FILE")
    p.add_argument("first", metavar="COLUMN", nargs="*", help="columns that lead each key")


def run(args):
    from ..results import ResultsError
    from ..runs import done_keys
    try:
        keys = done_keys(args.file, tuple(args.first))
    except ResultsError as e:
        raise Usage(str(e)) from None
    for k in keys:
        print(k)
    return 0

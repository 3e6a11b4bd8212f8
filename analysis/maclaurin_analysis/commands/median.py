"""median: the median of the numbers on stdin."""
import sys

from . import Usage

HELP = "the median of numbers on stdin"
NEEDS = ()


def add_arguments(parser):
    parser.description = ("The median of the whitespace-separated numbers on stdin, as %.10g; "
                          "nothing for no numbers.")


def run(args):
    from ..stats import median
    words = sys.stdin.read().split()
    try:
        values = [float(v) for v in words]
    except ValueError as e:
        raise Usage(f"median: {e}") from None
    if values:
        print(f"{median(values):.10g}")
    return 0

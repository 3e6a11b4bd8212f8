"""slowed: a --slow-hosts sweep against the ideal, as a table and a figure."""
from . import Usage
from ._studies import check_files

HELP = "a --slow-hosts sweep against its balanced twins"
NEEDS = ("numpy", "matplotlib")
OPERANDS = "csv"   # the CSVs may come before and after the options


def add_arguments(parser):
    parser.description = ("A --slow-hosts sweep (scripts/simulate) against its balanced twins (the same runs "
                          "with no host slowed, in the same CSVs): a markdown table on stdout, and with -o its "
                          "figure (numpy and matplotlib).")
    parser.add_argument("-o", "--out", metavar="OUT.png", help="the figure")
    parser.add_argument("--title", help="the figure's title (default: the CSV's name)")
    parser.add_argument("csv", nargs="*", metavar="CSV", help="simulated sweeps' CSVs, twins included")


def run(args):
    from ..results import ResultsError
    from ..slowed import SlowedError, figure, points, table
    check_files(args.csv)
    if not args.csv:
        raise Usage("slowed takes one CSV or more")
    try:
        pts = points(args.csv)
    except (SlowedError, ResultsError) as e:
        raise Usage(str(e)) from None
    print(table(pts))
    if args.out:
        from ..figure import save
        save(figure(pts, args.title or " ".join(args.csv)), args.out)
    return 0

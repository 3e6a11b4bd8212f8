"""compare: make compare, the peers side by side (scripts/compare launches
each peer; this command runs the study, checks every answer, and prints
the table and draws the figure)."""
import os
import sys

from . import PROG, Usage

HELP = "the peers side by side: make compare's study, its table and figure"
NEEDS = ("numpy", "matplotlib")   # the figure; and the numpy peer runs under this interpreter


def add_arguments(parser):
    parser.description = ("make compare: every peer at the talk's N, then at a larger N sized from its best rate "
                          "there, in rounds (each round runs every peer once, in alternating order); every answer "
                          "checked against the closed form; the table and the figure.  docs/compare.md says what "
                          "each peer is.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    r = actions.add_parser("run", help="measure every peer (scripts/compare): the CSV, its table and figure",
                           description="Measure every peer into CSV, then print the table and draw the figure; "
                           "exit 1 if a run failed or an answer is outside its bound.")
    r.add_argument("--out", help="the rows (default results/compare-<host>.csv; rewritten)")
    r.add_argument("--png", help="the figure (default: the CSV's name with .png)")
    r.add_argument("--terms", type=int, default=12800000, help="the talk's N (default 12800000)")
    r.add_argument("--seconds", type=float, default=1.0,
                   help="about how long one run of the larger N lasts (default 1)")
    r.add_argument("--rounds", type=int, default=3,
                   help="timed runs of each peer at each N; the table takes the best (default 3)")
    r.add_argument("--x", default="0.9999999999", help="the point (default maclaurin's, 0.9999999999)")
    r.add_argument("--bin-dir", default=".", help="where make put maclaurin's programs (default .)")
    r.add_argument("--peer-dir", default="build/peers", help="where make put the C peers (default build/peers)")
    r.add_argument("--cc", default="cc", help="the compiler the C peers were built with, for the rows")
    r.add_argument("--peer-cflags", default="-O3 -march=native", help="their flags, for the rows")
    r.add_argument("--launch", default="scripts/compare --launch",
                   help="the command that runs one peer (default: scripts/compare --launch)")
    t = actions.add_parser("report", help="the table of rates and ratios of a CSV, and its figure; exit 1 if a "
                                          "run was not verified")
    t.add_argument("csv", metavar="CSV")
    t.add_argument("--png", help="the figure (default: none)")


def run(args):
    from .. import peers
    if args.action == "run":
        for name in ("terms", "rounds"):
            if getattr(args, name) < 1:
                raise Usage(f"invalid --{name} '{getattr(args, name)}': not a count of at least 1")
        if not args.seconds > 0:
            raise Usage(f"invalid --seconds '{args.seconds:g}': not above 0")
        try:
            float(args.x)
        except ValueError:
            raise Usage(f"invalid --x '{args.x}': not a number") from None
        try:
            study = peers.Study(args, args.launch.split(), out=lambda line: print(line, flush=True))
            study.run()
        except peers.PeersError as e:
            print(f"{PROG}: {e}", file=sys.stderr)
            return 1
        return report(args.out, args.png or os.path.splitext(args.out)[0] + ".png")
    return report(args.csv, args.png)


def report(csv, png):
    from .. import peers
    rows = peers.load(csv)
    if not rows:
        print(f"{PROG}: {csv}: no rows", file=sys.stderr)
        return 1
    talk_n, summary = peers.summary(rows)
    print(peers.table(rows, talk_n, summary))
    if png:
        from ..figure import save
        save(peers.figure(rows, talk_n, summary, csv), png)
        print(f"figure: {png}")
    bad = [p.peer for p in summary if not p.verified]
    if bad:
        print(f"compare: NOT VERIFIED: {', '.join(bad)}", file=sys.stderr)
        return 1
    return 0

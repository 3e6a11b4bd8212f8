"""compare: make compare's rows of the peers (scripts/compare launches
them), the larger N each peer runs, the order of the rounds, and the
table and figure of the file."""
import sys

from . import PROG, Usage

HELP = "the peers side by side: rows, sizes, rounds, table and figure (make compare)"
NEEDS = ("numpy", "matplotlib")   # the figure; and the numpy peer runs under the same interpreter


def add_arguments(parser):
    parser.description = ("make compare's arithmetic: scripts/compare launches each peer and pipes its output "
                          "to `compare append`, asks `compare order` for the rounds and `compare size` for each "
                          "peer's larger N, and ends with `compare report`.  docs/compare.md says what each peer is.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    a = actions.add_parser("append", help="one row a timed run on stdin, verified against the closed form")
    a.add_argument("csv", metavar="CSV")
    a.add_argument("--header", required=True, help="the header line: maclaurin_csvcheck --header compare")
    for name in ("peer", "stamp", "host", "git"):
        a.add_argument("--" + name, required=True)
    a.add_argument("--toolchain", default="",
                   help="the peer's compiler; python or numpy: this interpreter's (not with --maclaurin)")
    for name in ("workers", "terms", "rep", "cores"):
        a.add_argument("--" + name, type=int, required=True)
    a.add_argument("--x", type=float, required=True)
    a.add_argument("--maclaurin", action="store_true", help="stdin is a maclaurin driver's CSV")
    a.add_argument("--facts", required=True, help="a maclaurin program's --facts: the machine")
    s = actions.add_parser("size", help="PEER TERMS: each peer's larger N, about SECONDS at its best rate")
    s.add_argument("csv", metavar="CSV")
    s.add_argument("--terms", type=int, required=True, help="the talk's N, measured first")
    s.add_argument("--seconds", type=float, required=True)
    s.add_argument("--peers", type=int, required=True, help="how many peers must have a row at --terms")
    o = actions.add_parser("order", help="ROUND PEER lines: every peer each round, every other round reversed")
    o.add_argument("--rounds", type=int, required=True)
    o.add_argument("peers", nargs="+", metavar="PEER")
    r = actions.add_parser("report", help="the table of rates and ratios, and the figure; exit 1 if a run "
                                          "was not verified")
    r.add_argument("csv", metavar="CSV")
    r.add_argument("--png", help="the figure (default: none)")


def run(args):
    from .. import peers
    if args.action == "order":
        if args.rounds < 1:
            raise Usage(f"invalid --rounds '{args.rounds}': not a count of at least 1")
        for r in range(args.rounds):   # a burst of load elsewhere falls on one run of each, not every run of one
            for p in (args.peers if r % 2 == 0 else args.peers[::-1]):
                print(r, p)
        return 0
    if args.action == "append":
        if args.toolchain in ("python", "numpy"):
            args.toolchain = peers.python_toolchain(args.toolchain)
        facts = dict(vars(args), machine=peers.read_facts(args.facts))
        rows = [peers.make_row(facts, *one) for one in peers.runs_of(sys.stdin, args.maclaurin)]
        if not rows:
            print(f"{PROG}: {args.peer}: no timed run on stdin", file=sys.stderr)
            return 1
        try:
            peers.append(args.csv, rows, args.header.strip().split(","))
        except peers.PeersError as e:
            print(f"{PROG}: {e}", file=sys.stderr)
            return 1
        for r in rows:
            print(f"  {r['peer']:<24} {r['workers']:>2} workers  N={r['terms']:<12.4g} "
                  f"{float(r['seconds']):8.4f} s  {float(r['terms_per_s']):9.3g} terms/s  "
                  f"rel err {r['rel_err']}{'' if r['verified'] else '  NOT VERIFIED'}")
        return 0
    rows = peers.load(args.csv)
    if not rows:
        print(f"{PROG}: {args.csv}: no rows", file=sys.stderr)
        return 1
    if args.action == "size":
        sized = [(peer, peers.larger_terms(r["terms_per_s"], terms, args.seconds))
                 for (peer, terms), r in peers.best(rows).items() if terms == args.terms]
        if len(sized) != args.peers:
            print(f"{PROG}: {len(sized)} peers have a run at N = {args.terms}, not {args.peers}", file=sys.stderr)
            return 1
        for peer, n in sized:
            print(peer, n)
        return 0
    talk_n, summary = peers.summary(rows)
    print(peers.table(rows, talk_n, summary))
    if args.png:
        from ..figure import save
        save(peers.figure(rows, talk_n, summary, args.csv), args.png)
        print(f"figure: {args.png}")
    bad = [p.peer for p in summary if not p.verified]
    if bad:
        print(f"compare: NOT VERIFIED: {', '.join(bad)}", file=sys.stderr)
        return 1
    return 0

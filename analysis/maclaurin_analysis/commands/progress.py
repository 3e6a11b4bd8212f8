"""progress: the time a run of launches has taken and has left, for the
progress lines of lib/runner.sh (scripts/sweep, scripts/simulate)."""
import time

from . import Usage

HELP = "a launch loop's progress: seconds since a start, or a launch's progress line (--costs)"
NEEDS = ()


def add_arguments(p):
    p.add_argument("start", type=int, metavar="START_US", help="when the loop started (µs since the epoch)")
    p.add_argument("--costs", metavar="FILE",
                   help="the prior guess of each launch's cost, one a line ('-': skipped); with it, "
                        "the line 'took T s; elapsed E s, about L s left'")
    p.add_argument("--index", type=int, default=0, help="the launch just finished (0, 1, ...)")
    p.add_argument("--started", type=int, metavar="US", help="when that launch started (µs since the epoch)")


def run(args):
    from ..sweep import progress
    now = time.time() * 1e6
    elapsed = (now - args.start) / 1e6
    if args.costs is None:
        print(f"{elapsed:.1f}")
        return 0
    if args.started is None:
        raise Usage("--costs needs --started")
    try:
        with open(args.costs) as f:
            costs = f.read().split()
    except OSError as e:
        raise Usage(f"invalid --costs '{args.costs}': {e.strerror}") from None
    if not 0 <= args.index < len(costs):
        raise Usage(f"invalid --index {args.index}: {len(costs)} launches")
    print(progress(costs, args.index, elapsed, (now - args.started) / 1e6).line())
    return 0

"""bench: the kernel against this machine's own limits (scripts/bench, make
bench); the measurements and their arithmetic are ..bench's."""
import os
import sys
import tempfile

HELP = "the kernel against this core's FMA peak and mix limit, threads, reductions (make bench)"
NEEDS = ()


def count(text):
    """A count of 1 or more (PAIRS, BEST)."""
    if not text.isdigit() or int(text) < 1:
        raise ValueError(text)
    return int(text)
count.__name__ = "positive integer"   # argparse names it in its message


def add_common(parser, pairs):
    """The options both benches take, their defaults from the environment."""
    env = os.environ.get
    parser.add_argument("--pairs", type=count, default=env("PAIRS", str(pairs)),
                        help=f"rounds per ratio, their median reported (PAIRS, default {pairs})")
    parser.add_argument("--best", type=count, default=env("BEST", "5"),
                        help="runs of each side per round, the best kept (BEST, default 5)")
    parser.add_argument("--host", default=env("BENCH_HOST"),
                        help="the host's name in the rows (BENCH_HOST, default the host name)")
    parser.add_argument("--out", default=env("BENCH_OUT"),
                        help="the CSV the rows are appended to (BENCH_OUT, default results/bench-<machine id>.csv)")
    parser.add_argument("--rev", default=env("MACLAURIN_GIT_REV"),
                        help="the revision (MACLAURIN_GIT_REV, default the programs' git_rev)")
    parser.add_argument("--bin", default=env("MACLAURIN_BIN", "."), metavar="DIR",
                        help="where the programs are (MACLAURIN_BIN, default .)")
    parser.add_argument("--terms", default=env("BENCH_N"),
                        help="the problem's size (BENCH_N, default the driver's default problem; "
                             "rows measured at another size name it)")


def add_arguments(parser):
    add_common(parser, pairs=5)
    parser.add_argument("--avx2-bin", metavar="DIR",
                        help="an AVX2-only build's maclaurin_omp and maclaurin_peak, measured beside the kernel")


def measure(study, args, prog):
    """Runs study(args, scratch): a failed run is one line and status 1."""
    import signal
    from .. import bench
    from ..results import ResultsError
    # killed (timeout, scancel): the busy loop and the scratch files go too
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        with tempfile.TemporaryDirectory() as scratch:
            return study(args, scratch)
    except (bench.BenchError, ResultsError, OSError) as e:
        print(f"{prog}: {e}", file=sys.stderr)
        return 1


def run(args):
    from .. import bench
    return measure(bench.kernel_bench, args, "bench")

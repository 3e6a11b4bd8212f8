"""bench-mpi: the hand-out across ranks, exact against plain, with the
launchers scripts/bench_mpi builds (make bench-mpi)."""
from . import Usage
from .bench import add_common, measure

HELP = "the hand-out across ranks, exact against plain, with scripts/bench_mpi's launchers (make bench-mpi)"
NEEDS = ()


def add_arguments(parser):
    add_common(parser, pairs=3)
    parser.add_argument("--launch", nargs=2, action="append", default=[], metavar=("NAME", "COMMAND"),
                        help="a row of exact / plain time: COMMAND (shell words) runs the MPI driver on 2 ranks")
    parser.add_argument("--slowed-core", metavar="COMMAND",
                        help="plain / exact time with COMMAND, a busy loop on rank 1's CPUs")
    parser.add_argument("--nodes", metavar="COMMAND", help="exact / plain time across 2 namespace nodes")
    parser.add_argument("--nodes-slowed", metavar="COMMAND",
                        help="exact and plain against the ideal, node 2 slowed (needs --node-rates)")
    parser.add_argument("--node-rates", nargs=2, metavar=("NODE1", "NODE2"),
                        help="maclaurin_serial on each node, run at once for the rates of --nodes-slowed")
    parser.add_argument("--nodes-shared", nargs=4, metavar=("COMMAND", "NODE1", "NODE2", "CPU"),
                        help="exact and plain against the ideal, with a busy loop on CPU, node 2's: "
                             "COMMAND runs the driver on 2 nodes, NODE1 and NODE2 maclaurin_serial on each")


def run(args):
    from .. import bench
    if bool(args.nodes_slowed) != bool(args.node_rates):
        raise Usage("--nodes-slowed and --node-rates go together")
    if not (args.launch or args.slowed_core or args.nodes or args.nodes_shared):
        raise Usage("no launcher given (--launch, --slowed-core, --nodes, --nodes-shared)")
    return measure(bench.handout_bench, args, "bench_mpi")

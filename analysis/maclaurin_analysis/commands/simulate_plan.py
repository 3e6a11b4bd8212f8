"""simulate-plan: scripts/simulate's options checked and its configurations
planned (maclaurin_analysis.simulation); the script launches them."""
import argparse
import sys

from . import Usage

HELP = "plan scripts/simulate's SMPI runs (its options; --work DIR: the plan for its loop)"
NEEDS = ()

DESCRIPTION = """\
Run maclaurin_mpi (its SMPI build) on 1, 2, 4, ... 4096 simulated ranks, one
single-core host a rank (--cores-per-node: more), on each platform, at one
host speed (--host-speed), and append every timed repetition as one row of
the driver's CSV (the study's columns given as --tag), to
results/simulated-<platform>.csv (weak: results/simulated-<platform>-weak.csv).

Progress goes to stderr, one line per configuration with its predicted time
and result bits, elapsed time and an estimate of what is left.  Exit status:
0 all verified, 1 a run failed or failed verification (named on stderr),
2 usage error, 130/143 interrupted (completed configurations stay in the CSV).
docs/simulation.md explains the platforms, the calibration and the limits."""


def add_arguments(p):
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    if prog() == "simulate":   # scripts/simulate --help
        p.prog = "scripts/simulate"
    p.description = DESCRIPTION
    a = p.add_argument
    a("--platform", default="ethernet-10g,infiniband-hdr",
      help="platform names (platforms/NAME.xml) or XML files (default %(default)s)")
    a("--mode", default="strong", help="strong: --terms in total; weak: --terms per rank")
    a("--terms", help="default: strong, the driver's default problem; weak, 3e7 per rank")
    a("--ranks", help="rank counts (default 1,2,4,...,4096)")
    a("--cores-per-node", default="1", metavar="C",
      help="C cores a simulated host, C ranks on each (default 1): they share one node's counter and "
           "talk through the host's loopback; rows name the platform <name>.<C>-core")
    a("--reduction", default="exact,plain", help="exact, plain or both (default %(default)s)")
    a("--repeat", default="5", help="timed repetitions per configuration (default %(default)s)")
    a("--warmup", default="1", help="untimed sums before the timed ones (default %(default)s; the "
                                    "predictions do not need one, a long sweep may save the time)")
    a("-x", help="the point x (default: the driver's)")
    a("--kernel", default="simd", help="the driver's --kernel (default %(default)s)")
    a("--host-speed", default="measure", metavar="HOW",
      help="a simulated core's terms/s: 'measure' (the default) this machine's single-core rate, measured "
           "once at the start (maclaurin_serial, 1e10 terms, median of 3), or with --resume the rate of "
           "the CSV's rows; 'platform' the platform file's; or a rate such as 2.6e10f")
    a("--out", help="the CSV (one platform only)")
    a("--out-dir", default="results", help="where the CSVs go (default %(default)s)")
    a("--resume", action="store_true", help="skip configurations already complete in the CSV")
    a("--slow-hosts", metavar="K:S",
      help="every K-th host (rank 0's is the first and never slow) at S times the host speed, e.g. 4:0.5; "
           "on any platform, multi-core hosts included (all of a slow host's cores); the rows say K:S in their slow_hosts "
           "column, and go to DIR/simulated-<name>.slow-1in<K>-x<S>.csv")
    a("--network-only", action="store_true",
      help="computation costs nothing (the terms are still summed): the times are the communication and "
           "waiting alone; rows name the platform <name>.network-only")
    a("--validate", action="store_true",
      help="instead of a sweep: the real maclaurin_mpi under mpirun and the simulated one on each platform, "
           "on 1 and 2 ranks (-t 1); rows into DIR/validation-measured.csv and DIR/validation-simulated.csv, "
           "and a comparison")
    a("--bin", help="the SMPI build (default build/smpi/maclaurin_mpi, or share/maclaurin/smpi/maclaurin_mpi "
                    "when installed)")
    a("--timeout", default="3600", help="seconds allowed for one configuration (default %(default)s)")
    a("--dry-run", action="store_true", help="list the configurations and stop")
    a("--work", help=argparse.SUPPRESS)   # scripts/simulate's scratch folder: write the plan there
    a("--root", help=argparse.SUPPRESS)   # where platforms/ and build/ are (scripts/..)


def run(args):
    import os
    import shutil
    from .. import simulation as s
    root = args.root or s.ROOT
    try:
        o = s.check_options(args, root)
        if args.bin is None:
            args.bin = os.path.join(root, "build", "smpi", "maclaurin_mpi")
            if not os.path.isfile(args.bin) and os.path.isfile(os.path.join(root, "smpi", "maclaurin_mpi")):
                args.bin = os.path.join(root, "smpi", "maclaurin_mpi")
        if not os.path.isfile(args.bin):
            raise s.SimulateError(f"invalid --bin '{args.bin}': no such file (make build/smpi/maclaurin_mpi)")
        if not shutil.which("smpirun"):
            raise s.SimulateError("smpirun not found (SimGrid: apt-get install libsimgrid-dev)", 1)
        import tempfile
        with tempfile.TemporaryDirectory() as scratch:
            work = args.work or scratch
            plan = s.plan(o, s.facts_of(o, work))
            for note in plan.notes:
                print(f"{prog()}: {note}", file=sys.stderr)
            if args.dry_run or not args.work:
                print(f"SMPI build {args.bin}; host speed: {args.host_speed}", file=sys.stderr)
                for c in plan.configs:
                    print(f"{plan.describe(c)} -> {plan.out(c)}")
                return 0
            print(f"{prog()}: {s.write_work(plan, work, root)}", file=sys.stderr)
    except s.SimulateError as e:
        if e.status == 2:
            raise Usage(str(e)) from None
        print(f"{prog()}: {e}", file=sys.stderr)
        return e.status
    return 0


def prog():
    import os
    return os.environ.get("MACLAURIN_PROG", "maclaurin_analysis")

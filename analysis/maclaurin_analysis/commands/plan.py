"""plan: a Slurm study sized for the machine, as key=value lines.

maclaurin-submit asks it on the login node for the job's --time; the batch
scripts ask it inside the job (scripts/slurm/lib.sh) for every layout's
terms, the nodes each must run on, and the launches in shuffled rounds
(--schedule).  Runs inside Slurm jobs: Python 3.6, standard library only.
"""
import argparse
import os
import sys

from . import Usage

PROG = os.environ.get("MACLAURIN_PROG", "maclaurin_analysis")

HELP = "a Slurm study sized for the machine (key=value lines)"
NEEDS = ()


def positive(kind, low=1):
    def parse(text):
        try:
            value = kind(float(text)) if kind is int else kind(text)
        except ValueError:
            value = None
        if value is None or value < low or value != value or value == float("inf"):
            raise argparse.ArgumentTypeError(f"invalid value '{text}': not a number of at least {low}")
        return value
    return parse


def add_arguments(p):
    p.add_argument("study", choices=("strong", "weak", "hybrid"))
    cores = p.add_mutually_exclusive_group(required=True)
    cores.add_argument("--cores", type=positive(int), help="cores to use (ranks x threads of the largest layout)")
    cores.add_argument("--cpus-per-node", metavar="TEXT",
                       help="Slurm's SLURM_JOB_CPUS_PER_NODE, e.g. '2(x3),4': the cores are these "
                            "CPUs over --threads-per-core (printed as cores=)")
    p.add_argument("--threads-per-core", type=positive(int), default=1, help="hardware threads a core (1)")
    p.add_argument("--threads", type=positive(int), default=1, help="threads a rank (strong, weak)")
    p.add_argument("--nodes", type=positive(int), default=1)
    p.add_argument("--rounds", type=positive(int), default=1)
    p.add_argument("--target", type=positive(float, 1e-6), default=0.5,
                   help="seconds the largest layout (strong, hybrid) or each (weak) runs a repetition")
    p.add_argument("--calibration", metavar="CSV", help="a 1x1 run's CSV: one core's rate")
    p.add_argument("--terms", type=positive(int), help="N for every layout (strong, hybrid) or a worker (weak)")
    p.add_argument("--time-left", metavar="L", help="squeue's %%L: exit 4 when the study needs more")
    p.add_argument("--layouts", metavar="'RxT ...'", help="these layouts instead of the study's")
    p.add_argument("--distribution", choices=("spread", "pack"), default="spread",
                   help="how a layout's ranks go over the nodes (for --schedule's nodes)")
    p.add_argument("--schedule", metavar="FILE",
                   help="write the launches to FILE, one a line: ROUND RANKS THREADS TERMS NODES "
                        "OVERSUBSCRIBED, every layout once a round, in shuffled order")


def calibrated_rate(path):
    """The median rate of a calibration CSV's verified rows."""
    from ..results import read_rows
    from .. import plan
    _, rows, _ = read_rows(path)
    rates = sorted(float(r["terms_per_s"]) for r in rows if r.get("verified") == "1")
    if not rates:
        raise plan.PlanError(f"{path}: no verified calibration row")
    return rates[len(rates) // 2]


def run(args):
    from .. import plan
    from ..results import ResultsError
    study = args.study
    try:
        cores, per_node = args.cores, args.cores
        if args.cpus_per_node is not None:
            cpus = plan.allocated_cpus(args.cpus_per_node)
            cores = max(1, sum(cpus) // args.threads_per_core)
            per_node = max(1, cpus[0] // args.threads_per_core)
        threads = 1 if study == "hybrid" else args.threads
        own = plan.layouts(study, cores, threads, args.nodes)
        chosen = plan.parse_layouts(args.layouts) if args.layouts else own
        rate = calibrated_rate(args.calibration) if args.calibration else None
        if args.terms is not None:
            terms = plan.given_terms(study, chosen, args.terms)
            why = f"N = {args.terms:.3g} as given" + (" a worker" if study == "weak" else "")
        elif rate is not None:
            terms = plan.sizes(study, own, rate, args.target, chosen)
            why = plan.describe(study, own, args.target, plan.sizes(study, own, rate, args.target), rate)
        else:
            terms = None
            why = plan.describe(study, own, args.target)
        if terms is None:
            secs = plan.seconds_before_rate(study, chosen, args.target, args.rounds)
        elif rate is not None:
            secs = plan.seconds(chosen, terms, rate, args.rounds)
        else:
            secs = None
        left = plan.parse_time_left(args.time_left) if args.time_left is not None else None
    except (plan.PlanError, ResultsError, OSError) as e:
        raise Usage(str(e)) from None
    if args.cpus_per_node is not None:
        print(f"cores={cores}")
    print("layouts=" + " ".join(f"{r}x{t}" for r, t in chosen))
    if terms is not None:
        print("terms=" + " ".join(f"{r}x{t}:{terms[(r, t)]}" for r, t in chosen))
    if rate is not None:
        print(f"rate={rate:.6g}")
    print(f"why={why}")
    if secs is not None:
        print(f"seconds={secs:.0f}")
        print(f"time_limit={plan.slurm_time(secs * plan.TIME_FACTOR)}")
        if left is not None and secs > left:
            line = f"maclaurin-submit {study} -N {args.nodes} -n {cores}" + (f" -c {threads}" if threads > 1 else "")
            print(f"{PROG}: the study needs about {plan.slurm_time(secs)} and the job has "
                  f"{plan.slurm_time(left)} left: submit it with a longer --time, or let "
                  f"maclaurin-submit set one: {line}", file=sys.stderr)
            return 4
    if args.schedule:
        if terms is None:
            raise Usage("--schedule needs the terms: --calibration or --terms")
        with open(args.schedule, "w") as f:
            for launch in plan.schedule(chosen, terms, args.rounds, cores, args.nodes, per_node,
                                        args.distribution):
                f.write(launch.line() + "\n")
    return 0

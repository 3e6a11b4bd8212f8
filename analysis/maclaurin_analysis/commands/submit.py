"""submit: maclaurin-submit (scripts/submit) - submit a scaling study sized
for the cluster, and say what it will do and where its results go.

The problem is sized inside the job, from one core's rate measured on the
compute nodes (scripts/slurm/lib.sh, `plan`), so that the largest layout
(strong, hybrid) or every layout (weak) runs at least --target seconds a
repetition; the plan fixes how long the study runs, and so --time (unless
given).  Options it does not know go to sbatch as they are.  Results go to
$MACLAURIN_RESULTS, else ./results (made when missing): the CSV and the
job's log.  Runs on a login node: Python 3.6, standard library only.
"""
import argparse
import os
import shutil
import subprocess

from . import Usage

HELP = "submit a Slurm scaling study sized for the cluster (maclaurin-submit)"
NEEDS = ()

USAGE = """maclaurin-submit strong|weak|hybrid -N NODES -n CORES [-c THREADS]
           [--target SECONDS] [--rounds R] [--pack] [-t TIME] [SBATCH-OPTION...]
  maclaurin-submit strong -N 4 -n 256 -p compute       1 .. 256 ranks over 4 nodes
  maclaurin-submit weak -N 4 -n 256 -c 4 -A myproject  1 .. 64 ranks of 4 threads
-n counts cores (ranks x threads of the largest layout), not hardware threads."""


def add_arguments(p):
    p.usage = USAGE
    p.add_argument("argv", nargs=argparse.REMAINDER, help="the study and its options, as above")


class Options(argparse.ArgumentParser):
    """maclaurin-submit's own options (the rest are sbatch's), errors as Usage."""

    def error(self, message):
        raise Usage(message)


def options():
    p = Options(prog="maclaurin-submit", add_help=False, allow_abbrev=False)
    p.add_argument("study")
    p.add_argument("-N", "--nodes", default="")
    p.add_argument("-n", "--ntasks", dest="cores", default="")
    p.add_argument("-c", "--cpus-per-task", dest="threads", default="1")
    p.add_argument("--target", default=os.environ.get("MACLAURIN_TARGET", "0.5"))
    p.add_argument("--rounds", default=os.environ.get("MACLAURIN_REPEAT", "7"))
    p.add_argument("-t", "--time")
    p.add_argument("--pack", action="store_true")
    return p


def count(text, what):
    if not text.isdigit() or int(text) < 1:
        raise Usage(what)
    return int(text)


def root():
    """The checkout, or the installation's share/maclaurin: two up from this package."""
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def run(args):
    from .. import plan
    if not args.argv or args.argv[0] in ("-h", "--help"):
        raise Usage("usage: " + USAGE.splitlines()[0] + " (see docs/slurm.md)")
    for word in args.argv:
        if word.split("=", 1)[0] in ("-o", "--output", "-e", "--error"):
            raise Usage(f"'{word.split('=', 1)[0]}' is set by maclaurin-submit: the log goes beside the CSV "
                        "(MACLAURIN_RESULTS)")
    o, sbatch_args = options().parse_known_args(args.argv)
    if o.study not in plan.STUDIES:
        raise Usage(f"unknown study '{o.study}': strong, weak or hybrid")
    nodes = count(o.nodes, f"invalid -N '{o.nodes}': give the number of nodes")
    cores = count(o.cores, f"invalid -n '{o.cores}': give the cores to use (ranks x threads)")
    threads = count(o.threads, f"invalid -c '{o.threads}': threads a rank, a positive integer")
    if cores < nodes:
        raise Usage(f"invalid -n '{cores}': fewer cores than the {nodes} nodes")
    if o.study == "hybrid" and threads != 1:
        raise Usage(f"invalid -c '{threads}': hybrid chooses the threads itself")
    if cores % threads:
        raise Usage(f"invalid -c '{threads}': it does not divide the {cores} cores")
    rounds = count(o.rounds, f"invalid --rounds '{o.rounds}': a positive integer")
    try:
        target = float(o.target)
    except ValueError:
        target = 0
    if not 0 < target < float("inf"):
        raise Usage(f"invalid --target '{o.target}': a number of seconds above 0")

    # The programs and batch scripts: this checkout's, or the installation's.
    share = root()
    local = os.path.join(share, "maclaurin_mpi")
    found = local if os.access(local, os.X_OK) else shutil.which("maclaurin_mpi")
    if not found:
        raise Usage(f"no maclaurin_mpi: run make in {share}, or module load maclaurin")
    script = os.path.join(share, "scripts", "slurm",
                          "hybrid.sbatch" if o.study == "hybrid" else f"{o.study}_scaling.sbatch")
    if not shutil.which("sbatch"):
        raise Usage("sbatch not found: is this a Slurm login node?")

    try:
        layouts = plan.layouts(o.study, cores, threads, nodes)
    except plan.PlanError as e:
        raise Usage(str(e)) from None
    seconds = plan.seconds_before_rate(o.study, layouts, target, rounds)
    time_limit = o.time or plan.slurm_time(seconds * plan.TIME_FACTOR)

    results = os.path.abspath(os.environ.get("MACLAURIN_RESULTS", "results"))
    try:
        os.makedirs(results, exist_ok=True)
    except OSError:
        raise Usage(f"cannot create the results directory {results}") from None
    env = dict(os.environ, MACLAURIN_TARGET=o.target, MACLAURIN_REPEAT=str(rounds), MACLAURIN_SHARE=share,
               MACLAURIN_BIN=os.path.dirname(os.path.abspath(found)), MACLAURIN_RESULTS=results)
    env.pop("MACLAURIN_PROG", None)
    if o.pack:
        env["MACLAURIN_DISTRIBUTION"] = "pack"
    # Slurm opens the log before the job starts and expands no variable in it.
    command = ["sbatch", "--parsable", f"--nodes={nodes}", f"--ntasks={cores // threads}",
               f"--cpus-per-task={threads}", f"--time={time_limit}", f"--output={results}/slurm-%j.out",
               *sbatch_args, script]
    print("+ " + " ".join(command), flush=True)
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, universal_newlines=True)
    if done.returncode != 0:
        return done.returncode
    job = done.stdout.strip().split(";")[0]   # "jobid;cluster" on federated clusters
    layout_text = " ".join(f"{r}x{t}" for r, t in layouts)
    how = " (as given)" if o.time else " (twice that, in whole minutes)"
    print(f"""Submitted job {job}: a {o.study}-scaling study on {nodes} node(s), {cores} cores
  layouts:  {layout_text}
  size:     {plan.describe(o.study, layouts, target)}
  rounds:   {rounds}, each running every layout once, in shuffled order
  time:     about {-(-int(round(seconds)) // 60)} min; --time={time_limit}{how}
  CSV:      {results}/slurm-{job}.csv
  log:      {results}/slurm-{job}.out (the plan, the rate measured, each run's verdict)
Follow it:  squeue -j {job}
Then draw:  maclaurin-analysis plot {results}/slurm-{job}.csv -o {o.study}-{job}.png""")
    return 0

"""sweep-plan: scripts/sweep's options checked and its launches planned
(maclaurin_analysis.sweep); with --work DIR, the plan for the script's loop
in DIR/plan.sh (shell assignments, every value quoted)."""
import argparse
import os
import re
import shlex
import subprocess
import sys
import time

from . import Usage

HELP = "plan scripts/sweep's launches (its options; --work DIR: the plan for its loop)"
NEEDS = ()

DESCRIPTION = """\
Run the OpenMP driver on 1, 2, 4, ... threads, the MPI driver on 1, 2, 4, ...
ranks (mpirun -np) and hybrid ranks x threads, in rounds: every round
launches each configuration once, in a shuffled order, and appends its one
timed repetition as a row of the drivers' CSV to --out.

Progress goes to stderr, one line per configuration.  Exit status: 0 all
verified, 1 a run failed or failed verification (named on stderr), 2 usage
error, 130/143 interrupted (completed configurations stay in --out)."""


def prog():
    return os.environ.get("MACLAURIN_PROG", "maclaurin_analysis")


def add_arguments(p):
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    if prog() == "sweep":   # scripts/sweep --help
        p.prog = "scripts/sweep"
    p.description = DESCRIPTION
    plain_error = p.error

    def error(message):   # a flag given a value: in the words of the other scripts
        flag = re.match(r"argument (-[^/: ]+).*: ignored explicit argument", message)
        plain_error(f"option '{flag.group(1)}' takes no value" if flag else message)
    p.error = error
    a = p.add_argument
    a("--mode", default="strong", help="strong: --terms in total; weak: --terms per worker (rank x thread)")
    a("--terms", default="6e9", help="terms (default %(default)s; a core's rate: docs/performance.md)")
    a("--repeat", default="7", help="rounds: timed repetitions per configuration, one a round (default 7, the "
                                    "fewest whose median has a 95%% distribution-free interval)")
    a("--threads", help="thread counts, e.g. 1,2,4 (default 1, 2, 4, ... and the core count)")
    a("--ranks", help="rank counts (default as --threads)")
    a("--parallelism", "--series", dest="parallelism", default="omp,mpi,hybrid",
      help="any of omp,mpi,hybrid (default all three); --series is its old name")
    a("-x", help="the point x (default: the driver's)")
    a("--kernel", default="simd", help="the drivers' --kernel (default %(default)s)")
    a("--reduction", default="exact", help="the drivers' --reduction (default %(default)s)")
    a("--bind", default="cores", help="cores|none: pin threads and ranks to cores (default cores)")
    a("--oversubscribe", action="store_true", help="allow more ranks x threads than cores (rows marked)")
    a("--out", help="the CSV (default results/<host>-<date>-<mode>.csv); it must not exist yet, unless --resume")
    a("--resume", action="store_true", help="skip configurations already complete in --out")
    a("--bin-dir", help="where maclaurin_omp and maclaurin_mpi are (default: the repository root)")
    a("--dry-run", action="store_true", help="list the configurations and stop")
    a("--work", help=argparse.SUPPRESS)   # scripts/sweep's scratch folder: write the plan there


def choice(value, option, allowed):
    if value not in allowed:
        raise Usage(f"invalid {option} '{value}': not {', '.join(allowed[:-1])} or {allowed[-1]}")
    return value


def program_root():
    """The checkout, or the installation's share/maclaurin (whose programs are in ../../bin)."""
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def default_bin_dir():
    import shutil
    root = program_root()
    for d in (root, os.path.join(root, "..", "..", "bin")):
        if os.access(os.path.join(d, "maclaurin_omp"), os.X_OK):
            return os.path.realpath(d)
    found = shutil.which("maclaurin_omp")
    return os.path.dirname(os.path.realpath(found)) if found else root


def driver_says(omp, args, x):
    """The driver is the authority on what N, x, kernel and reduction it
    accepts: its complaint about them, or None."""
    out = subprocess.run([omp, "-n", args.terms, "-x", x, "-k", args.kernel, "--reduction", args.reduction,
                          "--help"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, universal_newlines=True)
    if out.returncode == 0:
        return None
    first = (out.stderr.splitlines() or ["exit status %d" % out.returncode])[0]
    return first.split(": ", 1)[-1]


def fact(program, name):
    out = subprocess.run([program, "--facts"], stdout=subprocess.PIPE, universal_newlines=True)
    for line in out.stdout.splitlines():
        if line.startswith(name + "="):
            return line.split("=", 1)[1]
    raise Usage(f"{program} --facts says nothing of {name}")


def run(args):
    from .. import sweep
    mode = choice(args.mode, "--mode", ("strong", "weak"))
    choice(args.bind, "--bind", ("cores", "none"))
    parallelisms = args.parallelism.split(",")
    if not all(s in sweep.PARALLELISMS for s in parallelisms):
        raise Usage(f"invalid --parallelism '{args.parallelism}': not a comma-separated list of omp, mpi, hybrid")
    if not args.repeat.isdigit() or not 1 <= int(args.repeat) <= 10000:
        raise Usage(f"invalid --repeat '{args.repeat}': not a count 1 .. 10000")
    rounds = int(args.repeat)
    cores = len(os.sched_getaffinity(0))
    try:
        threads = sweep.counts(args.threads, 4096, "--threads") if args.threads else sweep.default_counts(cores)
        ranks = sweep.counts(args.ranks, 4096, "--ranks") if args.ranks else sweep.default_counts(cores)
    except sweep.SweepError as e:
        raise Usage(str(e)) from None
    if args.resume and not args.out and not args.dry_run:
        raise Usage("--resume needs --out FILE")
    bin_dir = args.bin_dir or default_bin_dir()
    omp, mpi = os.path.join(bin_dir, "maclaurin_omp"), os.path.join(bin_dir, "maclaurin_mpi")
    for program in [omp] + ([mpi] if {"mpi", "hybrid"} & set(parallelisms) else []):
        if not os.access(program, os.X_OK):
            raise Usage(f"invalid --bin-dir '{bin_dir}': no executable {os.path.basename(program)} (run make all)")
    x = args.x or fact(omp, "default_x")
    complaint = driver_says(omp, args, x)
    if complaint:
        raise Usage(complaint)
    if not args.oversubscribe:
        for option, values, text in (("--threads", threads, args.threads), ("--ranks", ranks, args.ranks)):
            for n in values:
                if n > cores:
                    raise Usage(f"invalid {option} '{','.join(map(str, values))}': {n} is more than "
                                f"the {cores} cores (add --oversubscribe)")
    try:
        terms = sweep.exact_terms(args.terms)
        if terms > sweep.MAX_TERMS:
            raise sweep.SweepError(f"invalid --terms: {terms} terms is above 2^53")
        plan = sweep.configs(parallelisms, threads, ranks, cores, args.oversubscribe, mode, terms,
                             lambda text: print(f"{prog()}: {text}", file=sys.stderr))
    except sweep.SweepError as e:
        raise Usage(str(e)) from None
    if not plan:
        raise Usage(f"nothing to run: no configuration of --parallelism '{args.parallelism}' fits")
    if args.dry_run or not args.work:
        print(f"programs from {bin_dir}; {rounds} rounds of these {len(plan)} configurations, "
              "each round shuffled:", file=sys.stderr)
        for c in plan:
            print(sweep.describe(c, mode))
        return 0
    out = args.out or "results/%s-%s-%s.csv" % (os.uname().nodename, time.strftime("%Y%m%d-%H%M%S"), mode)
    launches = sweep.launches(plan, rounds)
    with open(os.path.join(args.work, "plan.sh"), "w") as f:
        def scalar(name, value):
            f.write(f"{name}={shlex.quote(str(value))}\n")

        def array(name, values):
            f.write(f"{name}=(" + " ".join(shlex.quote(str(v)) for v in values) + ")\n")
        summary = f"{rounds} rounds of {len(plan)} configurations ({mode}) into {out}"
        for name, value in (("SUMMARY", summary), ("MODE", mode), ("X", x), ("KERNEL", args.kernel), ("REDUCTION", args.reduction),
                            ("BIND", args.bind), ("RESUME", int(args.resume)), ("OUT", out), ("OMP_BIN", omp),
                            ("COUNT", len(launches)), ("UNITS", "launches")):
            scalar(name, value)
        array("L_ROUND", (l.round for l in launches))
        array("L_BIN", (omp if l.config.ranks == 0 else mpi for l in launches))
        array("L_RANKS", (l.config.ranks for l in launches))
        array("L_THREADS", (l.config.threads for l in launches))
        array("L_OVER", (int(l.config.oversubscribed) for l in launches))
        array("L_TERMS", (l.config.terms for l in launches))
        array("L_KEY", (sweep.key(l, mode, x, args.kernel, args.reduction) for l in launches))
        array("L_DESC", (f"round {l.round}: {sweep.describe(l.config, mode)}" for l in launches))
        array("L_COST", (sweep.cost_ms(l.config, cores) for l in launches))
    return 0

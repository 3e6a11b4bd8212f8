"""The benchmark: the kernel against this machine's own limits (bench,
make bench) and the hand-out across ranks (bench-mpi, make bench-mpi).
scripts/bench and scripts/bench_mpi build and launch; this runs the
programs, takes every ratio and writes every row.

Every ratio comes from single runs of its two (or more) sides taken in
turn: BEST passes, forward (A B) on even passes and reversed (B A) on odd
ones, so that neither side always follows the other; each side is its best
run, the largest rate or the smallest time (noise only ever slows a run
down; STREAM reports best times for the same reason).  That round is
repeated PAIRS times and the median of its ratios reported, because on a
shared machine the absolute speed drifts between runs.

Each row is printed and appended to the CSV as soon as it is measured, so
an interrupted bench keeps what it had.  The CSV's columns are the
programs' (maclaurin_csvcheck --header bench), the machine's facts the
driver's (--facts), and a run's seconds or rate is read from its CSV by
column name.
"""
import contextlib
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from typing import Callable, NamedTuple, Sequence

from . import stats
from .results import read_rows


class BenchError(Exception):
    """A run that failed, or a file that cannot take the rows: one line."""


# ---- the arithmetic -------------------------------------------------------------

def pass_order(sides, passes):
    """The side of each run, in order: 0 1 .. n-1 on even passes, n-1 .. 0 on odd."""
    return [sides - 1 - k if i % 2 else k for i in range(passes) for k in range(sides)]


def interleaved(sides: Sequence[Callable[[], float]], passes, best=max):
    """Each side's best value (best: max for rates, min for times) over
    passes single runs of every side, taken in pass_order."""
    values = [[] for _ in sides]
    for j in pass_order(len(sides), passes):
        values[j].append(sides[j]())
    return [best(v) for v in values]


def round4(value):
    """The value as the table and the file show it (4 significant digits)."""
    return float("%.4g" % value)


def meets(value, target):
    """yes or NO: whether value meets a target such as '>=0.90' or '<=1.03'."""
    op, bound = target[:2], float(target[2:])
    if op not in (">=", "<="):
        raise ValueError("a target is >=BOUND or <=BOUND, not " + target)
    return "yes" if (value >= bound if op == ">=" else value <= bound) else "NO"


class Row(NamedTuple):
    """One metric, as printed and appended: value at 4 digits, target and verdict."""
    metric: str
    value: float
    target: str
    met: str


def row(metric, value, target="", applies=True):
    """The row of value, its verdict taken on the value as shown (n/a where
    the target does not apply)."""
    value = round4(value)
    met = "" if not target else meets(value, target) if applies else "n/a"
    return Row(metric, value, target, met)


def kernel_rows(name, rounds, chains, problem="default problem"):
    """The kernel against the FMA peak and the mix limit, from rounds of
    (kernel, peak, mix) rates.  Where the mix reaches 0.9 of the peak (a
    multiply and an add per lane each cycle, as on AMD Zen) the kernel must
    reach 0.90 of the peak; where it cannot (multiplies and adds share the
    FMA ports, as on Intel's cores) that target is n/a, and the one against
    the mix limit is the one that applies."""
    mix = row(f"{name}: mix limit / peak (its loop alone, {chains} chains)",
              stats.median([m / p for k, p, m in rounds]))
    return [row(f"{name} / peak, 1 thread, {problem}", stats.median([k / p for k, p, m in rounds]),
                ">=0.90", applies=mix.value >= 0.9),
            mix,
            row(f"{name} / mix limit", stats.median([k / m for k, p, m in rounds]), ">=0.95")]


def thread_ratios(seconds):
    """(speedup, all cores / sum of each core's own rate or None) of one
    round's times: 1 thread, all threads, then 1 thread pinned to each core."""
    one, all_cores, pinned = seconds[0], seconds[1], seconds[2:]
    own = (1 / all_cores) / sum(1 / t for t in pinned) if pinned else None
    return one / all_cores, own


def phase_estimates(pairs, best, kernel_seconds, kernel_sides, cores):
    """Estimated seconds of bench's four parts: runs times their length (the
    threads part has 2 + cores sides on up to 4 cores, the reductions use
    every core)."""
    per = pairs * best * kernel_seconds
    return [per * kernel_sides, per * 4,
            per * (2 + (cores if cores <= 4 else 0)) if cores > 1 else 0,
            per * 2 / cores + per * 0.7]


def time_left(estimates, done, spent):
    """Seconds left: the estimated rest, scaled by how fast the done part went."""
    pace = spent / done if done > 0 and spent > 0 else 1
    return int((sum(estimates) - done) * pace)


def minutes(seconds):
    return "%dm%02ds" % (seconds // 60, seconds % 60)


class Progress:
    """A line on stderr as each part begins: time spent, time left."""

    def __init__(self, estimates, clock=time.monotonic, out=None):
        self.estimates, self.clock, self.out = estimates, clock, out or sys.stderr
        self.start, self.done = clock(), 0

    def phase(self, name, index):
        spent = int(self.clock() - self.start)
        left = time_left(self.estimates, self.done, spent)
        print(f"bench: {name} ({minutes(spent)} elapsed, about {minutes(left)} left)", file=self.out, flush=True)
        self.done += self.estimates[index]


# ---- the programs ---------------------------------------------------------------

class Runs:
    """Runs of the programs; a failed one is a BenchError naming it."""

    def __init__(self, scratch):
        self.scratch = scratch

    def text(self, argv):
        try:
            return subprocess.run(argv, stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError) as e:
            raise BenchError(f"failed: {' '.join(argv)} ({e})") from None

    def number(self, argv):
        text = self.text(argv)
        try:
            return float(text)
        except ValueError:
            raise BenchError(f"not a number from {' '.join(argv)}: {text!r}") from None

    def start(self, argv, name):
        """A run started, its CSV going to a scratch file: (process, file)."""
        path = os.path.join(self.scratch, name + ".csv")
        with open(path, "w") as f:
            try:
                return subprocess.Popen(argv, stdout=f), path
            except OSError as e:
                raise BenchError(f"failed: {' '.join(argv)} ({e})") from None

    def finish(self, argv, started, column):
        """The values of column in a started run's CSV, once it has ended."""
        process, path = started
        try:
            process.wait()
        except BaseException:   # interrupted, or killed: the run goes too
            process.kill()
            raise
        if process.returncode != 0:
            raise BenchError(f"failed: {' '.join(argv)} (status {process.returncode})")
        header, rows, torn = read_rows(path)
        if column not in header or not rows or torn:
            raise BenchError(f"no whole rows with '{column}' from {' '.join(argv)}")
        return [float(r[column]) for r in rows]

    def column(self, argv, column):
        return self.finish(argv, self.start(argv, "run"), column)

    def one(self, argv, column):
        """column of a single run's one row."""
        values = self.column(argv, column)
        if len(values) != 1:
            raise BenchError(f"{len(values)} rows from {' '.join(argv)}, expected 1")
        return values[0]


def cores():
    """The CPUs this process may run on (nproc's count)."""
    return len(os.sched_getaffinity(0))


class Bench:
    """What both benches share: the settings, the machine's facts, the
    runs, and the file and table the rows go to."""

    def __init__(self, args, scratch):
        self.pairs, self.best, self.bin = args.pairs, args.best, args.bin
        self.runs = Runs(scratch)
        self.facts = dict(line.split("=", 1) for line in
                          self.runs.text([self.program("maclaurin_omp"), "--facts"]).splitlines() if "=" in line)
        self.cores = cores()
        self.host = args.host or socket.gethostname().split(".")[0]
        self.rev = args.rev or self.facts["git_rev"]
        self.out = args.out or f"results/bench-{self.facts['machine_id']}.csv"
        self.stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        self.header = self.runs.text([self.program("maclaurin_csvcheck"), "--header", "bench"]).strip()
        self.terms, self.x = self.facts["default_terms"], self.facts["default_x"]

    def program(self, name, folder=None):
        return os.path.join(folder or self.bin, name)

    def driver(self, *args, folder=None, program="maclaurin_omp"):
        return [self.program(program, folder), *args]

    def rate(self, argv):
        return self.runs.one(argv + ["-q", "-r", "1", "--csv", "-"], "terms_per_s")

    def seconds(self, argv):
        return self.runs.one(argv + ["-q", "-r", "1", "--csv", "-"], "seconds")

    def paired(self, first, second, best):
        """The median over PAIRS rounds of first / second, each round's
        sides the best of BEST runs in turn."""
        return stats.median([a / b for a, b in
                             (interleaved([first, second], self.best, best) for _ in range(self.pairs))])

    def begin(self, title, lines):
        print(f"maclaurin {title}: {self.host} ({self.facts['cpu_model']}, {self.cores} cores), "
              f"{self.facts['simd']} build, git {self.rev}, {self.stamp}")
        for line in lines:
            print(line)
        print("  %-48s %-12s %-10s %s" % ("metric", "value", "target", "met"), flush=True)
        folder = os.path.dirname(self.out)
        if folder:
            os.makedirs(folder, exist_ok=True)
        if not os.path.isfile(self.out) or os.path.getsize(self.out) == 0:
            with open(self.out, "w") as f:
                f.write(self.header + "\n")
        with open(self.out) as f:
            if f.readline().rstrip("\n") != self.header:
                raise BenchError(f"{self.out} has another format's columns: move it away, or set BENCH_OUT")

    def add(self, r: Row):
        """Prints the row and appends it, its fields in the header's order."""
        value = "%.4g" % r.value
        print("  %-48s %-12s %-10s %s" % (r.metric, value, r.target, r.met), flush=True)
        fields = dict(self.facts, timestamp=self.stamp, host=self.host, cpu=self.facts["cpu_model"],
                      cores=str(self.cores), git=self.rev, metric=r.metric, value=value,
                      target=r.target, met=r.met)
        line = []
        for name in self.header.split(","):
            if name not in fields:
                raise BenchError(f"no value for the column '{name}'")
            v = fields[name]
            if name in ("cpu", "metric") or any(c in v for c in ',"\n'):
                v = '"' + v.replace('"', '""') + '"'
            line.append(v)
        with open(self.out, "a") as f:
            f.write(",".join(line) + "\n")

    def end(self):
        print(f"  appended to {self.out}")


# ---- make bench -------------------------------------------------------------------

MIX_CHAINS = re.compile(r"multiply\+add.*\((\d+) chains")


def kernel_bench(args, scratch):
    b = Bench(args, scratch)
    n, x, cores = args.terms or b.terms, b.x, b.cores
    # a row measured at another size says so (the smoke run in make test)
    problem = "default problem" if args.terms is None else f"{n} terms"
    underflow_terms = "1e10" if args.terms is None else n
    b.begin("bench", [f"  (ratios: median over {b.pairs} rounds, each side of a ratio the best of {b.best} "
                      "runs taken in turn with the other's;", "   figures are this machine's, this run's)"])
    peak_now = b.runs.number([b.program("maclaurin_peak"), "--value"])  # also refreshes the drivers' cache
    b.add(row("peak FMA lane-ops/s per core", peak_now))
    # A peak run as long as a kernel run (a short burst against a long run
    # would flatter the peak): the kernel's best of 3 (a median would let
    # one disturbed run stretch every peak run after it)
    rates = b.runs.column(b.driver("-t", "1", "-n", n, "-x", x, "-q", "-r", "3", "--csv", "-"), "terms_per_s")
    kernel_seconds = "%.3g" % (float(n) / max(rates))

    def peak(folder=None):
        return lambda: b.runs.number([b.program("maclaurin_peak", folder), "--value", "--no-cache",
                                      "--runs", "1", "--seconds", kernel_seconds])

    # The multiply+add limit: the chain count at which it peaks is found
    # once (maclaurin_peak --mix, its summary line); the rounds then run that
    # count alone, as long as a kernel run and as often.
    def mix_chains(folder=None):
        found = MIX_CHAINS.search(b.runs.text([b.program("maclaurin_peak", folder), "--mix"]))
        if not found:
            raise BenchError("no multiply+add line from maclaurin_peak --mix")
        return found.group(1)

    def mix(chains, folder=None):
        return lambda: b.runs.number([b.program("maclaurin_peak", folder), "--chains", chains, "--value",
                                      "--runs", "1", "--seconds", kernel_seconds])

    def kernel(folder=None):
        return lambda: b.rate(b.driver("-t", "1", "-n", n, "-x", x, folder=folder))

    # Kernel, peak and mix, and the AVX2 build's three, interleaved in each
    # round, so that all see the same spells of noise.
    chains = mix_chains()
    sides = [kernel(), peak(), mix(chains)]
    if args.avx2_bin:
        avx2_chains = mix_chains(args.avx2_bin)
        sides += [kernel(args.avx2_bin), peak(args.avx2_bin), mix(avx2_chains, args.avx2_bin)]
    progress = Progress(phase_estimates(b.pairs, b.best, float(kernel_seconds), len(sides), cores))
    progress.phase("kernel, peak and mix rounds", 0)
    rounds = [interleaved(sides, b.best, max) for _ in range(b.pairs)]
    b.add(row("simd kernel terms/s, 1 thread", stats.median([r[0] for r in rounds])))
    for r in kernel_rows("simd kernel", [r[:3] for r in rounds], chains, problem):
        b.add(r)
    if args.avx2_bin:
        for r in kernel_rows("AVX2 build (x86-64-v3, tuned) kernel", [r[3:] for r in rounds], avx2_chains, problem):
            b.add(r)

    progress.phase("baselines", 1)
    scalar = lambda: b.rate(b.driver("-t", "1", "-n", "5e8", "-x", x, "-k", "scalar"))
    b.add(row("scalar kernel / peak (running power, 1 sum)", b.paired(scalar, peak(), max)))
    pow_kernel = lambda: b.rate(b.driver("-t", "1", "-n", "3e7", "-x", x, "-k", "pow"))
    b.add(row("pow kernel / peak (s += pow(x, k))", b.paired(pow_kernel, peak(), max)))

    # 1 thread against all cores.  Where cores are unequally loaded (a VM's
    # vCPUs beside other guests) an all-core run is held back by the slowest
    # core while a 1-thread run gets the fastest, so on up to 4 cores one
    # thread pinned to each core in turn runs in the same rounds: the
    # all-core rate against the sum of the cores' own rates is the scaling
    # our code loses, the machine's part taken out.
    progress.phase("threads", 2)
    if cores > 1:
        cpus = sorted(os.sched_getaffinity(0)) if cores <= 4 and shutil.which("taskset") else []
        times = [lambda: b.seconds(b.driver("-t", "1", "-n", n, "-x", x)),
                 lambda: b.seconds(b.driver("-t", str(cores), "-n", n, "-x", x))]
        times += [(lambda c: lambda: b.seconds(["taskset", "-c", str(c)] + b.driver("-t", "1", "-n", n, "-x", x)))(c)
                  for c in cpus]
        ratios = [thread_ratios(interleaved(times, b.best, min)) for _ in range(b.pairs)]
        speedup = row(f"speedup, 1 -> {cores} threads", stats.median([s for s, own in ratios]))
        b.add(speedup)
        b.add(row(f"parallel efficiency, {cores} threads", speedup.value / cores, ">=0.95"))
        if len(cpus) == cores:
            b.add(row(f"{cores} threads / sum of each core's 1-thread rate", stats.median([o for s, o in ratios])))

    progress.phase("reductions, seed problem, underflow", 3)
    exact, plain = ((lambda red: lambda: b.seconds(b.driver("-t", str(cores), "-n", n, "-x", x, "--reduction", red)))(r)
                    for r in ("exact", "plain"))
    b.add(row(f"exact / plain reduction time, {cores} threads", b.paired(exact, plain, min), "<=1.03"))
    seed = b.runs.column(b.driver("-t", str(cores), "-n", "12800000", "-x", x, "-r", "51", "-q", "--csv", "-"),
                         "seconds")
    b.add(row(f"seed problem (12.8e6 terms) seconds, {cores} thr", stats.median(seed), "<=0.001"))
    half, near_one = ((lambda v: lambda: b.seconds(b.driver("-t", "1", "-n", underflow_terms, "-x", v)))(v)
                      for v in ("0.5", "0.9999999"))
    b.add(row(f"time x=0.5 / x=0.9999999 ({underflow_terms} terms)", b.paired(half, near_one, min), "<=1.03"))
    b.end()
    return 0


# ---- make bench-mpi ---------------------------------------------------------------

RANK1_CPUS = re.compile(r"^  rank 1 on [^:]*: allowed CPUs ([0-9,-]+) ", re.M)


@contextlib.contextmanager
def busy_loop(cpus):
    """A shell's busy loop on CPUs (a taskset list) while the block runs."""
    hog = subprocess.Popen(["taskset", "-c", cpus, "sh", "-c", "while :; do :; done"])
    try:
        yield
    finally:
        hog.kill()
        hog.wait()


def handout_bench(args, scratch):
    """Exact (the hand-out) against plain (a static split) with each
    launcher scripts/bench_mpi gives: a command line that runs the MPI
    driver on 2 ranks, to which the driver's options are added."""
    b = Bench(args, scratch)
    if b.cores < 2:
        raise BenchError(f"needs 2 cores, this machine has {b.cores}")
    n, x = args.terms or b.terms, b.x
    b.begin("bench_mpi", [f"  (2 ranks x 1 thread, one per core, {n} terms; ratios of times: median over "
                          f"{b.pairs} rounds,", f"   each side the best of {b.best} runs taken in turn with the other's)"])

    def side(launcher, reduction):
        return lambda: b.seconds(launcher + ["-n", n, "-x", x, "--reduction", reduction])

    def hand_out(name, launcher):
        print(f"bench_mpi: {name}", file=sys.stderr, flush=True)
        ratio = b.paired(side(launcher, "exact"), side(launcher, "plain"), min)
        b.add(row(f"mpi exact / plain time, {name}", ratio, "<=1.03"))

    for name, launcher in args.launch:
        hand_out(name, shlex.split(launcher))

    # One core slowed: a busy loop on rank 1's CPUs (as --affinity shows
    # them).  The static split waits for that rank; the hand-out gives the
    # other more.
    if args.slowed_core:
        print("bench_mpi: one core slowed", file=sys.stderr, flush=True)
        launcher = shlex.split(args.slowed_core)
        cpus = RANK1_CPUS.search(b.runs.text(launcher + ["-n", "1e5", "-r", "1", "--affinity"]))
        if not cpus:
            raise BenchError("cannot tell rank 1's CPUs")
        with busy_loop(cpus.group(1)):
            ratio = b.paired(side(launcher, "plain"), side(launcher, "exact"), min)
        b.add(row("mpi plain / exact time, rank 1's core shared", ratio, ">=1.20"))

    if args.nodes:
        hand_out("2 namespace nodes, tcp", shlex.split(args.nodes))

    def against_ideal(name, launcher, rate_commands):
        """Exact and plain against the ideal N / (r1 + r2), the rates each
        node reaches while both sum at once, measured in turn with the two
        runs (the static split's bound is (r1 + r2) / (2 min(r1, r2)))."""
        print(f"bench_mpi: 2 namespace nodes, {name}", file=sys.stderr, flush=True)
        rate_runs = [shlex.split(c) + ["-n", "%.0f" % (float(n) / 2), "-r", "1", "-q", "--csv", "-"]
                     for c in rate_commands]
        rates = []

        def ideal():
            started = [b.runs.start(argv, f"node{i}") for i, argv in enumerate(rate_runs)]
            try:
                rates.append([b.runs.finish(argv, s, "terms_per_s")[0] for argv, s in zip(rate_runs, started)])
            finally:   # one failed: the other goes too
                for process, _ in started:
                    if process.poll() is None:
                        process.kill()
                        process.wait()
            return float(n) / sum(rates[-1])

        launcher = shlex.split(launcher)
        rounds = [interleaved([side(launcher, "exact"), side(launcher, "plain"), ideal], b.best, min)
                  for _ in range(b.pairs)]
        print(f"bench_mpi: {name}: node 2's rate / node 1's, summing at once: median "
              f"{stats.median([r2 / r1 for r1, r2 in rates]):.3f}", file=sys.stderr, flush=True)
        b.add(row(f"mpi exact / ideal time, 2 nodes, {name}", stats.median([e / t for e, p, t in rounds]), "<=1.10"))
        b.add(row(f"mpi plain / ideal time, 2 nodes, {name}", stats.median([p / t for e, p, t in rounds]), ">=1.30"))

    # Node 2 held to half a CPU by a cgroup quota.
    if args.nodes_slowed:
        against_ideal("one at half a CPU", args.nodes_slowed, args.node_rates)
    # Node 2's CPU time-sliced with a busy loop, the noisy neighbour of a
    # shared node: each node's processes on a CPU of their own (the launcher
    # and the rate runs pin them), the loop on node 2's.
    if args.nodes_shared:
        launcher, rates1, rates2, cpu = args.nodes_shared
        with busy_loop(cpu):
            against_ideal("node 2's CPU shared with a busy loop", launcher, (rates1, rates2))
    b.end()
    return 0

"""plan - a scaling study sized for the machine it runs on.

A study is a list of layouts (ranks x threads) and a problem per layout.
Its problem is sized from a per-core rate measured on the compute nodes
(a short calibration run inside the job), so that the largest layout of a
strong or hybrid study runs at least the target time a repetition, and
every layout of a weak study does.  Before the rate is known (on the login
node, where maclaurin-submit asks for the job's wall time) the plan's
duration follows from the target alone: the sizing rule fixes how long
each layout runs, whatever the rate.

This module runs inside Slurm jobs: Python 3.6 and the standard library only.
"""
import math
import random
import re

STUDIES = ("strong", "weak", "hybrid")

# Size for 20% over the target: the calibration runs one core alone, often
# at a turbo clock that all cores busy together do not hold, so a problem
# sized for exactly the target would run under it.
SIZE_MARGIN = 1.2
# What a launch costs besides its timed repetition: the launcher's start-up
# over the nodes, the untimed warm-up (as long as the repetition), MPI_Init.
LAUNCH_SECONDS = 3.0
# The calibration and the instruction-set check before the first round.
SETUP_SECONDS = 60.0
# A wall-time limit twice the estimate: a slow node, a loaded file system
# or a queue's slower nodes must not kill the study in its last round.
TIME_FACTOR = 2.0


class PlanError(Exception):
    pass


def nice_up(value):
    """value rounded up to two significant digits: 3.61e9 -> 3.7e9."""
    if value <= 1:
        return 1
    scale = 10 ** (int(math.floor(math.log10(value))) - 1)
    return int(math.ceil(value / scale - 1e-9) * scale)


def powers_then(n):
    """1, 2, 4, ... below n, then n itself."""
    out, r = [], 1
    while r < n:
        out.append(r)
        r *= 2
    out.append(n)
    return out


def layouts(study, cores, threads=1, nodes=1):
    """[(ranks, threads)] of a study on CORES cores: strong and weak go by
    powers of two of ranks with THREADS threads each, up to every core;
    hybrid takes every ranks x threads that fills the cores with a rank
    count that is a multiple of the node count.  1 x 1, the base case,
    comes first in each."""
    if study not in STUDIES:
        raise PlanError("unknown study '%s': strong, weak or hybrid" % study)
    if cores < 1 or threads < 1 or nodes < 1:
        raise PlanError("cores, threads and nodes must be positive")
    if study == "hybrid":
        out = [(r, cores // r) for r in range(cores, 0, -1) if cores % r == 0 and r % nodes == 0]
    else:
        if threads > cores:
            raise PlanError("%d threads a rank, but only %d cores" % (threads, cores))
        out = [(r, threads) for r in powers_then(cores // threads)]
    if (1, 1) in out:
        out.remove((1, 1))
    return [(1, 1)] + out


def workers(layout):
    return layout[0] * layout[1]


def parse_layouts(text):
    """[(ranks, threads)] of "1x1 4x1 2x2" (MACLAURIN_LAYOUTS)."""
    out = []
    for word in text.split():
        m = re.match(r"^([1-9][0-9]*)x([1-9][0-9]*)$", word)
        if not m:
            raise PlanError("bad layout '%s' in MACLAURIN_LAYOUTS: write RANKSxTHREADS" % word)
        out.append((int(m.group(1)), int(m.group(2))))
    if not out:
        raise PlanError("no layouts given")
    return out


def allocated_cpus(text):
    """[CPUs of each node] of Slurm's SLURM_JOB_CPUS_PER_NODE, "2(x3),4"."""
    out = []
    for part in text.split(","):
        m = re.match(r"^(\d+)(?:\(x(\d+)\))?$", part.strip())
        if not m:
            raise PlanError("cannot read the CPUs per node '%s'" % text)
        out += [int(m.group(1))] * int(m.group(2) or 1)
    return out


def layout_nodes(layout, nodes, cores_per_node, distribution):
    """The nodes a layout runs on: spread, one rank a node first; pack, as
    few as hold its workers (CORES_PER_NODE each)."""
    want = layout[0] if distribution == "spread" else -(-workers(layout) // cores_per_node)
    return min(want, nodes)


class Launch:
    """One launch of a study: a layout in a round (1, 2, ...), its terms, the
    nodes it must run on, and whether it has more workers than cores."""
    __slots__ = ("round", "ranks", "threads", "terms", "nodes", "oversubscribed")

    def __init__(self, round, ranks, threads, terms, nodes, oversubscribed):
        self.round, self.ranks, self.threads = round, ranks, threads
        self.terms, self.nodes, self.oversubscribed = terms, nodes, oversubscribed

    def line(self):
        return "%d %d %d %d %d %d" % (self.round, self.ranks, self.threads, self.terms, self.nodes,
                                      self.oversubscribed)


def schedule(plan_layouts, terms, rounds, cores, nodes, cores_per_node, distribution, rng=random):
    """Every layout once a round, each round in its own shuffled order."""
    out = []
    for r in range(1, rounds + 1):
        order = list(plan_layouts)
        rng.shuffle(order)
        out += [Launch(r, l[0], l[1], terms[l], layout_nodes(l, nodes, cores_per_node, distribution),
                       int(workers(l) > cores)) for l in order]
    return out


def sizes(study, plan_layouts, rate, target, given=None):
    """{layout: terms}: strong and hybrid one N, large enough that the
    largest layout runs TARGET seconds at RATE terms/s a core; weak, each
    worker's share sized so at one worker.  GIVEN (layouts chosen instead
    of the study's) get the N, or the share times their workers."""
    if study == "weak":
        share = nice_up(rate * target * SIZE_MARGIN)
        return {l: share * workers(l) for l in given or plan_layouts}
    widest = max(workers(l) for l in plan_layouts)
    n = nice_up(rate * widest * target * SIZE_MARGIN)
    return {l: n for l in given or plan_layouts}


def given_terms(study, plan_layouts, n):
    """{layout: terms} for N given: every layout N (strong, hybrid), or N
    a worker (weak)."""
    return {l: n * workers(l) if study == "weak" else n for l in plan_layouts}


def seconds(plan_layouts, terms, rate, rounds):
    """The study's duration at RATE terms/s a core, scaling perfectly."""
    each = sum(terms[l] / (rate * workers(l)) for l in plan_layouts)
    return rounds * (2 * each + LAUNCH_SECONDS * len(plan_layouts)) + SETUP_SECONDS


def seconds_before_rate(study, plan_layouts, target, rounds):
    """The same, before the rate is known: any rate gives it (sizes())."""
    probe = 1e10
    return seconds(plan_layouts, sizes(study, plan_layouts, probe, target), probe, rounds)


def slurm_time(secs):
    """A wall-time limit for sbatch --time: whole minutes, [D-]HH:MM:SS."""
    minutes = int(math.ceil(secs / 60.0))
    days, rest = divmod(minutes, 24 * 60)
    text = "%02d:%02d:00" % divmod(rest, 60)
    return "%d-%s" % (days, text) if days else text


def parse_time_left(text):
    """squeue's %L ("UNLIMITED", "NOT_SET", "[D-][HH:]MM:SS") in seconds,
    or None for no limit."""
    text = text.strip()
    if text in ("UNLIMITED", "NOT_SET", "INVALID", ""):
        return None
    m = re.match(r"^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+)$", text)
    if not m:
        raise PlanError("cannot read the time left '%s'" % text)
    d, h, mi, s = (int(g or 0) for g in m.groups())
    return ((d * 24 + h) * 60 + mi) * 60 + s


def describe(study, plan_layouts, target, terms=None, rate=None):
    """One sentence: what was chosen, and why.  Without TERMS, what the
    job will choose once it has measured the rate."""
    widest = max(plan_layouts, key=workers)
    if study == "weak":
        size = "each worker's share of terms" if terms is None else "%.3g terms a worker" % terms[(1, 1)]
        why = "%s, so that every layout runs at least %.3g s a repetition" % (size, target)
    else:
        size = "N" if terms is None else "N = %.3g terms" % terms[widest]
        why = ("%s, so that the largest layout, %dx%d, runs at least %.3g s a repetition"
               " (1x1, the base case, about %.3g s)"
               % (size, widest[0], widest[1], target, target * SIZE_MARGIN * workers(widest)))
    if rate is None:
        return why + ": sized in the job from the rate of one core of the compute nodes"
    return why + ", from the calibrated %.3g terms/s a core and a margin of %.2g" % (rate, SIZE_MARGIN)

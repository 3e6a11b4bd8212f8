"""Scaling metrics of sweep CSVs: points (one per parallelism and worker count),
their base case, fitted serial fractions, and the points that no machine
can produce, flagged with their cause.

Rows are grouped into studies, and never averaged across them: one source
file, machine, revision, mode and problem (x, kernel, reduction and size:
strong, the terms; weak, the terms per worker).  The machine is the row's
machine_id (format 1.4 on), else its host and CPU model; a simulated row's
is its platform, slowed hosts and host speed.  Within a study, each row's
parallelism says what its workers are (the CSV's own `series` column is
the mathematical series summed, another thing): "omp" (maclaurin_omp,
workers = threads), "mpi" (maclaurin_mpi on 1 thread a rank, workers =
ranks), "hybrid" (maclaurin_mpi with threads > 1), else the driver's name.

The base case T1 of a study is its fastest 1-worker run (the smallest
median time on 1 worker, whichever driver): every speedup and efficiency
of the study is taken against it, and every point names it.  With Tp the
median over repetitions on p workers, and [lo, hi] the medians'
distribution-free intervals (stats.interval):
  strong: speedup S = T1/Tp, efficiency E = S/p
  weak:   scaled speedup S = p T1/Tp, efficiency E = T1/Tp
  Karp-Flatt e = (1/S - 1/p) / (1 - 1/p), for p > 1
  S from p T1_lo/Tp_hi to p T1_hi/Tp_lo (strong: without p), E likewise,
  e from S's high end to its low end.
The fitted serial fraction is a least-squares fit over one parallelism's medians
on p > 1 within the cores: strong, Amdahl Tp/T1 = f + (1-f)/p, f = sum(a
y)/sum(a a) with a = 1 - 1/p, y = Tp/T1 - 1/p; weak, Gustafson S = p -
s(p-1), s = sum((p-1)(p-S))/sum((p-1)^2).  Its interval is the same fit to
the ends of the points' intervals.  Nothing is clamped.

A point is flagged where no machine could produce it: its efficiency's
interval lies wholly above 1 ("superlinear"), or its Karp-Flatt interval
wholly below 0; a fit where its fraction's interval lies wholly below 0.
A fraction whose interval holds 0 cannot be told from 0.  Each flag says
its likely cause: a study whose repetitions ran back to back (before the
sweeps ran in rounds) lets drift over its minutes fall on the base case
and not on the point; in rounds, it is noise on a shared machine.

A simulated row (simulated = 1, scripts/simulate) is never in a measured
study; its cpus_online counts the simulated hosts' cores.

Points and fits are dataclasses (Point, Fit), a source's facts a Source:
Python 3.7 on.  What a Slurm job runs (Python 3.6) never imports this.
"""
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from . import stats
from .results import read_rows, ResultsError

NEEDED = ("driver", "ranks", "threads", "terms", "x", "kernel", "reduction", "seconds", "verified", "host")
ORDER = {"omp": 1, "mpi": 2, "hybrid": 3}
LABELS = {"omp": "OpenMP threads", "mpi": "MPI ranks", "hybrid": "hybrid ranks x threads"}
META_FACTS = ("host", "cpu_model", "cpus_online", "simd", "compiler", "cflags", "git_rev", "mode", "terms", "x",
              "binding", "machine", "revision")
STUDY = ("source", "machine", "revision", "mode", "x", "kernel", "reduction", "size")

FLAG_TEXT = {
    "superlinear": "efficiency above 1 beyond its interval",
    "negative-karp-flatt": "Karp-Flatt below 0 beyond its interval",
}
CAUSE = {
    "back-to-back": "its repetitions ran back to back, not in rounds, so drift over the sweep's minutes "
                    "fell on the base case and not on this point",
    "rounds": "measured in rounds, so noise on a shared machine: an interval covering 95% misses 1 time in 20",
    "simulated": "a simulated point: the platform's model, not noise",
}


def label(parallelism):
    """What the workers are, in words: "OpenMP threads"."""
    return LABELS.get(parallelism, parallelism)


def is_simulated(row):
    return row.get("simulated", "") == "1"


def parallelism_of(driver, threads):
    if driver == "maclaurin_omp":
        return "omp"
    if driver == "maclaurin_serial":
        return "serial"
    if driver != "maclaurin_mpi":
        return driver
    return "mpi" if threads == 1 else "hybrid"


def karp_flatt(s, p):
    return (1 / s - 1 / p) / (1 - 1 / p) if p > 1 and s > 0 else None


def machine_of(row):
    """The machine a row was measured on, as a key and a label for people:
    its machine_id (format 1.4 on), else host and CPU model, never the
    host name alone; a simulated row's platform, slowed hosts and speed."""
    if is_simulated(row):
        platform = row.get("platform", "")
        slow = row.get("slow_hosts", "none")
        speed = row.get("host_speed", "")
        key = f"{platform} (simulated)"
        if slow not in ("", "none"):
            key += f", every {slow.split(':')[0]}th host at {slow.split(':')[1]}x"
        if speed:
            key += f", {float(speed):.4g} terms/s a core"
        return key
    if row.get("machine_id"):
        return row["machine_id"]
    return f"{row['host']} ({row.get('cpu_model', 'CPU not recorded')})"


def machine_label(row):
    """A measured row's machine in words: rank 0's host, CPU,
    microarchitecture, CPUs of one host, virtual or not (what the row
    records, nothing guessed): the same for every row of a study, however
    many hosts each ran on."""
    if is_simulated(row):
        return machine_of(row)
    cpu = row.get("cpu_model", "") or "CPU not recorded"
    facts = []
    if row.get("cpu_uarch", "unknown") not in ("", "unknown"):
        facts.append(row["cpu_uarch"])
    if row.get("cpu_family", "unknown") not in ("", "unknown"):
        facts.append(f"family {row['cpu_family']} model {row['cpu_model_number']}")
    if facts:
        cpu += f" ({', '.join(facts)})"
    cpus = row.get("cpus_online", "")
    nodes = row.get("nodes", "1")
    if cpus and nodes.isdigit() and int(nodes) > 1:   # cpus_online sums the hosts (format 1.2 on)
        cpus = str(int(cpus) // int(nodes))
    text = f"{row['host']}: {cpu}" + (f", {cpus} CPUs" if cpus else "")
    if row.get("hypervisor") == "1":
        text += ", a VM"
    return text


@dataclass
class Member:
    """What a point and a fit share: the study they belong to (STUDY, the
    fields in that order) and the parallelism they describe."""
    source: str
    machine: str
    revision: str
    mode: str
    x: float
    kernel: str
    reduction: str
    size: int
    host: str
    parallelism: str
    driver: str

    def study(self):
        """The study's key: source, machine, revision, mode and problem."""
        return tuple(getattr(self, k) for k in STUDY)


@dataclass
class Point(Member):
    """One parallelism at one worker count of a study: its times, and its
    metrics against the study's base case (None where undefined)."""
    ranks: int
    threads: int
    workers: int
    oversubscribed: bool
    cpus_online: Optional[int]
    simulated: bool
    t_median: float
    t_ci_lo: float
    t_ci_hi: float
    reps: int
    t_min: float
    t_max: float
    ci_level: float
    outliers: int
    speedup: float
    speedup_lo: float
    speedup_hi: float
    efficiency: float
    efficiency_lo: float
    efficiency_hi: float
    karp_flatt: Optional[float]
    karp_flatt_lo: Optional[float]
    karp_flatt_hi: Optional[float]
    base_parallelism: str
    base_driver: str
    base_rxt: str
    base_t: float
    base_lo: float
    base_hi: float
    base_reps: int
    flags: List[str]
    cause: str


@dataclass
class Fit(Member):
    """One parallelism's fitted serial fraction over a study (Amdahl's f,
    Gustafson's s), with its interval; None where no point has p > 1."""
    law: str
    t1: float
    base_parallelism: str
    base_driver: str
    points: int
    simulated: bool
    serial_fraction: Optional[float]
    fraction_lo: Optional[float]
    fraction_hi: Optional[float]
    flags: List[str]
    zero: bool
    cause: str


@dataclass
class Source:
    """A results file's facts: its rows, whether it ran in rounds, and each
    of META_FACTS, its values joined by " / " ("-" where none)."""
    source: str
    rows: int
    in_rounds: bool
    facts: Dict[str, str]


@dataclass
class Group:
    """The rows of one parallelism, driver and layout of a study (while
    the study is read)."""
    study: tuple
    host: str
    parallelism: str
    driver: str
    ranks: int
    threads: int
    workers: int
    oversubscribed: bool
    simulated: bool
    cpus_online: Optional[int]
    times: List[float] = field(default_factory=list)
    t_median: float = 0.0
    t_ci_lo: float = 0.0
    t_ci_hi: float = 0.0

    def __getattr__(self, name):   # the study's parts by name: g.source, g.mode
        if name in STUDY:
            return self.study[STUDY.index(name)]
        raise AttributeError(name)


@dataclass
class Sums:
    """A fit's least-squares sums, while the points are made."""
    aa: float = 0.0
    ay: float = 0.0
    ay_lo: float = 0.0
    ay_hi: float = 0.0
    points: int = 0


class Study:
    """The analysis of one or more results CSVs: .points (Point), .fits
    (Fit), .meta (Source, one a file) and .warnings (lines of text)."""

    def __init__(self, paths):
        self.points, self.fits, self.meta, self.warnings = [], [], [], []
        groups, facts, order = {}, {}, []
        self.labels = {}   # machine key: its label
        for path in paths:
            header, rows, torn = read_rows(path)
            for name in NEEDED:
                if name not in header:
                    raise ResultsError(f"invalid CSV '{path}': no '{name}' column (not a maclaurin results file)")
            unverified = 0
            fact = facts.setdefault(path, {"rows": 0})
            order.append(path)
            for row in rows:
                if row["verified"] != "1":
                    unverified += 1
                    continue
                self._add(path, row, groups, fact)
            if torn:
                self.warnings.append(f"scaling: {path}: {torn} incomplete rows left out")
            if unverified:
                self.warnings.append(f"scaling: {path}: {unverified} unverified rows left out")
        for path in sorted(set(order)):
            self.meta.append(Source(path, facts[path]["rows"], facts[path].get("in_rounds", False),
                                    {name: " / ".join(facts[path].get(name, [])) or "-" for name in META_FACTS}))
        self._metrics(groups)

    def _add(self, path, row, groups, fact):
        mode = row.get("mode") or "strong"
        if mode == "none":
            mode = "strong"
        ranks, threads = int(row["ranks"]), int(row["threads"])
        workers = ranks * threads
        driver = row["driver"]
        parallelism = parallelism_of(driver, threads)
        terms = float(row["terms"])
        size = round(terms / workers) if mode == "weak" else int(terms)
        simulated = is_simulated(row)
        machine = machine_of(row)
        self.labels.setdefault(machine, machine_label(row))
        revision = row.get("git_rev", "") or "not recorded"
        host = f"{row.get('platform', '')} (simulated)" if simulated else row["host"]
        x = float(row["x"])
        study = (path, machine, revision, mode, x, row["kernel"], row["reduction"], size)
        key = study + (parallelism, driver, workers, ranks)
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(
                study=study, host=host, parallelism=parallelism, driver=driver, ranks=ranks, threads=threads,
                workers=workers, oversubscribed=row.get("oversubscribed") == "1", simulated=simulated,
                cpus_online=None if simulated or not row.get("cpus_online") else int(row["cpus_online"]))
        g.times.append(float(row["seconds"]))
        fact["rows"] += 1
        if row.get("round") not in (None, "", "0"):
            fact["in_rounds"] = True
        values = dict(row, host=host, mode=mode, machine=self.labels[machine], revision=revision)
        if simulated:   # a simulated row's CPUs are its ranks
            values.pop("cpus_online", None)
        for name in META_FACTS:
            v = values.get(name, "")
            if v and v not in fact.setdefault(name, []):
                fact[name].append(v)

    def _metrics(self, groups):
        for g in groups.values():
            g.t_median = stats.median(g.times)
            g.t_ci_lo, g.t_ci_hi = stats.interval(g.times)
        # each study's base case: its fastest 1-worker run
        base = {}
        for g in groups.values():
            if g.workers == 1:
                b = base.get(g.study)
                if b is None or (g.t_median, g.driver) < (b.t_median, b.driver):
                    base[g.study] = g

        def sort_key(g):
            return g.study + (ORDER.get(g.parallelism, 4), g.parallelism, g.driver, g.workers, g.ranks)

        sums, firsts, missing = {}, {}, set()
        in_rounds = {m.source: m.in_rounds for m in self.meta}
        for g in sorted(groups.values(), key=sort_key):
            b = base.get(g.study)
            if b is None:
                if g.study not in missing:
                    self.warnings.append(f"scaling: {g.source}: {g.mode} study of {g.machine} "
                                         f"left out: no 1-worker run")
                missing.add(g.study)
                continue
            p, n = g.workers, len(g.times)
            t1, t1_lo, t1_hi = b.t_median, b.t_ci_lo, b.t_ci_hi
            scale = p if g.mode == "weak" else 1
            s = scale * t1 / g.t_median
            s_lo, s_hi = scale * t1_lo / g.t_ci_hi, scale * t1_hi / g.t_ci_lo
            flags = []
            if s_lo / p > 1:
                flags.append("superlinear")
            kf_hi = karp_flatt(s_lo, p)
            if kf_hi is not None and kf_hi < 0:
                flags.append("negative-karp-flatt")
            self.points.append(Point(
                *g.study, host=g.host, parallelism=g.parallelism, driver=g.driver, ranks=g.ranks, threads=g.threads,
                workers=p, oversubscribed=g.oversubscribed, cpus_online=g.cpus_online, simulated=g.simulated,
                t_median=g.t_median, t_ci_lo=g.t_ci_lo, t_ci_hi=g.t_ci_hi, reps=n, t_min=min(g.times),
                t_max=max(g.times), ci_level=stats.ci_level(n), outliers=stats.outliers(g.times),
                speedup=s, speedup_lo=s_lo, speedup_hi=s_hi, efficiency=s / p, efficiency_lo=s_lo / p,
                efficiency_hi=s_hi / p, karp_flatt=karp_flatt(s, p), karp_flatt_lo=karp_flatt(s_hi, p),
                karp_flatt_hi=kf_hi, base_parallelism=b.parallelism, base_driver=b.driver,
                base_rxt=f"{b.ranks}x{b.threads}", base_t=t1, base_lo=t1_lo, base_hi=t1_hi,
                base_reps=len(b.times), flags=flags,
                cause=cause_of(flags, g.simulated, in_rounds.get(g.source))))
            fkey = g.study + (ORDER.get(g.parallelism, 4), g.parallelism, g.driver)
            firsts.setdefault(fkey, (g, b))
            acc = sums.setdefault(fkey, Sums())
            if p > 1 and not g.oversubscribed:
                if g.mode == "weak":   # s falls as S rises
                    a, y, y_lo, y_hi = p - 1, p - s, p - s_hi, p - s_lo
                else:                  # f rises with Tp/T1
                    a = 1 - 1 / p
                    y = g.t_median / t1 - 1 / p
                    y_lo, y_hi = g.t_ci_lo / t1_hi - 1 / p, g.t_ci_hi / t1_lo - 1 / p
                acc.aa += a * a
                acc.ay += a * y
                acc.ay_lo += a * y_lo
                acc.ay_hi += a * y_hi
                acc.points += 1
        for key in sorted(sums):
            acc, (g, b) = sums[key], firsts[key]
            if acc.points:
                f, lo, hi = acc.ay / acc.aa, acc.ay_lo / acc.aa, acc.ay_hi / acc.aa
            else:
                f = lo = hi = None
            flags = ["negative-fraction"] if hi is not None and hi < 0 else []
            self.fits.append(Fit(
                *g.study, host=g.host, parallelism=g.parallelism, driver=g.driver,
                law="gustafson" if g.mode == "weak" else "amdahl", t1=b.t_median,
                base_parallelism=b.parallelism, base_driver=b.driver, points=acc.points, simulated=g.simulated,
                serial_fraction=f, fraction_lo=lo, fraction_hi=hi, flags=flags,
                zero=lo is not None and lo <= 0 <= hi, cause=cause_of(flags, g.simulated, in_rounds.get(g.source))))

    def fit_of(self, point):
        """The fit of a point's parallelism in its study (None if none)."""
        for f in self.fits:
            if (f.parallelism,) + f.study() == (point.parallelism,) + point.study():
                return f
        return None


def cause_of(flags, simulated, in_rounds):
    """Why a flagged point or fit is what no machine can produce ("" when not flagged)."""
    if not flags:
        return ""
    return "simulated" if simulated else "rounds" if in_rounds else "back-to-back"


def base_text(p):
    """'T1 = 0.603 s [0.601, 0.606], maclaurin_omp 1x1 (fastest on 1 worker)'."""
    return (f"T1 = {p.base_t:.4g} s [{p.base_lo:.4g}, {p.base_hi:.4g}], "
            f"{p.base_driver} {p.base_rxt}, the fastest 1-worker run of its study")


def flag_text(flags, cause):
    """A flagged point's or fit's reason, in words."""
    what = {**FLAG_TEXT, "negative-fraction": "serial fraction below 0 beyond its interval"}
    return "; ".join(what[f] for f in flags) + f": {CAUSE[cause]}" if flags else ""


def analyse(*paths):
    """The Study of the given results CSVs (a notebook's entry point)."""
    return Study(paths)

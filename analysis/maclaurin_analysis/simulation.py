"""scripts/simulate's numbers and plan: what the SMPI sweeps run, at which
host speed, on which rewritten platform, and the validation table.

scripts/simulate launches smpirun (and mpirun for --validate) and nothing
else; everything it decides is here.  `simulate-plan` checks its options,
reads the platforms (platforms/*.xml: their hosts and host speed), asks
the SMPI build for its --facts and its CSV header, settles the host speed
(measured with the real maclaurin_serial, recorded in the rows already
there, the platform's, or given), writes the platform copies and each
configuration's command line into the script's scratch folder, and
leaves the script a plan to source (plan.sh).  docs/simulation.md says why
each setting is what it is.

Desk-side: Python 3.7's standard library (dataclasses).
"""
import math
import os
import re
import shlex
import shutil
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import List, Optional

from . import stats
from .results import read_rows

# The packaged tree: this folder's parent's parent holds platforms/ and the
# programs (a checkout) or bin/ two levels further up (share/maclaurin).
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_RANKS = tuple(2 ** k for k in range(13))   # 1 .. 4096
MAX_RANKS, MAX_CORES, MAX_REPEAT = 65536, 1024, 1000
WEAK_TERMS = 3e7          # a rank's terms in a weak sweep unless --terms
CALIBRATION_TERMS = 1e10  # measure: maclaurin_serial's run, the median of 3 (about 1.2 s:
CALIBRATION_REPEAT = 3    # shorter or fastest-of runs scatter by +-5%)
FREE_SPEED = "1e30f"      # --network-only: the terms are summed, and cost the hosts nothing


def smpirun_options(ranks):
    """SimGrid SMPI's run-time settings, one smpirun option a word, for
    `ranks` ranks (docs/simulation.md says why each is there):
      simulate-computation no: the SMPI build charges each rank's host for
          its terms itself (runtime/simulation.h), at the host speed written
          into the platform's copy; the CPU time its bursts take here is not
          what a simulated host spends
      lat-/bw-factor off: the platform's latencies and bandwidths mean what
          they say (SMPI's defaults are corrections fitted to one cluster)
      async-small-thresh, send-is-detached-thresh: messages up to 64 KiB
          are eager, as in Open MPI and MPICH
      iprobe, test 0: they cost nothing (under 1 us in Open MPI and MPICH);
          SMPI's default 100 us, growing with every unanswered call, is to
          slow polling loops, and the hand-out's leaders never poll in a loop
      coll-selector ompi, bcast binomial_tree: Open MPI's collectives,
          except its k-nomial broadcast, which SMPI maps to one that crawls
          at scale; on one rank SMPI's defaults (its ompi reduce fails there)
      the log levels: no line per setting and per collective on stderr."""
    opts = ["--cfg=smpi/simulate-computation:no", "--cfg=smpi/lat-factor:0:1", "--cfg=smpi/bw-factor:0:1",
            "--cfg=smpi/async-small-thresh:65536", "--cfg=smpi/send-is-detached-thresh:65536",
            "--cfg=smpi/iprobe:0", "--cfg=smpi/test:0"]
    if ranks > 1:
        opts += ["--cfg=smpi/coll-selector:ompi", "--cfg=smpi/bcast:binomial_tree"]
    return opts + ["--log=xbt_cfg.thres:warning", "--log=smpi_config.thres:warning",
                   "--log=smpi_coll.thres:warning"]


class SimulateError(Exception):
    """A bad request (status 2) or a failed step (status 1): one line."""

    def __init__(self, message, status=2):
        super().__init__(message)
        self.status = status


# --- platforms ---------------------------------------------------------------------------------
UNITS = {"": 1.0, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18}


def speed_value(text):
    """A SimGrid speed ("2.75e10f", "27.5Gf") in flops, which for us are terms, a second."""
    m = re.fullmatch(r"\s*([0-9.]+(?:[eE][-+]?[0-9]+)?)\s*([kMGTPE]?)(?:f|flops)?\s*", text or "")
    if not m:
        raise SimulateError(f"'{text}' is not a SimGrid speed such as 2.75e10f")
    return float(m.group(1)) * UNITS[m.group(2)]


@dataclass
class Platform:
    name: str        # the file's name without .xml: the rows' platform
    path: str
    text: str        # the file as it is
    cluster: Optional[dict]   # the <cluster>'s attributes, if it is one
    hosts: List[str]
    speed_text: str  # its (first) host speed, as written

    @property
    def speed(self):
        return speed_value(self.speed_text)


def read_platform(path):
    """The platform file at path: its hosts in order (a <cluster>'s prefix
    + each number of its radical + suffix, or its <host>s' ids) and speed."""
    try:
        with open(path) as f:
            text = f.read()
        root = ET.fromstring(text)
    except (OSError, ET.ParseError) as e:
        raise SimulateError(f"invalid --platform '{path}': {e}") from None
    name = os.path.basename(path)[:-4] if path.endswith(".xml") else os.path.basename(path)
    cluster = root.find(".//cluster")
    if cluster is not None:
        a = cluster.attrib
        hosts = []
        for part in a.get("radical", "").split(","):
            lo, _, hi = part.partition("-")
            hosts += [f"{a.get('prefix', '')}{i}{a.get('suffix', '')}" for i in range(int(lo), int(hi or lo) + 1)]
        return Platform(name, path, text, dict(a), hosts, a.get("speed", ""))
    hosts = [h for h in root.iter("host")]
    return Platform(name, path, text, None, [h.get("id") for h in hosts], hosts[0].get("speed", "") if hosts else "")


def platform_speed(path):
    """The host speed of the platform file at path, in terms/s."""
    p = read_platform(path)
    if not p.speed_text:
        raise SimulateError(f"invalid --platform '{path}': no host speed in it")
    return p.speed


def with_speed(platform, speed, cores):
    """The platform's text with every host at speed (a SimGrid speed) and of
    cores cores."""
    text = re.sub(r'(\s)speed="[^"]*"', lambda m: f'{m.group(1)}speed="{speed}"', platform.text)
    return re.sub(r'(\s)core="[^"]*"', lambda m: f'{m.group(1)}core="{cores}"', text)


def with_slow_hosts(platform, speed, cores, every, factor):
    """with_speed's text with every every-th host (the every-th, 2 every-th,
    ...) at factor of the speed: a constant availability profile connected
    to each (SimGrid's <trace> and <trace_connect kind="SPEED">), which
    scales a host whatever zone holds it, a flat cluster, a fat tree or
    multi-core hosts (a <cluster> gives all its hosts one speed)."""
    lines = []   # a profile a host: SimGrid connects a profile to one resource only
    for h in (h for i, h in enumerate(platform.hosts, 1) if i % every == 0):
        lines += [f'<trace id="slow-{h}" periodicity="-1">\n0 {factor:.6g}\n</trace>',
                  f'<trace_connect kind="SPEED" trace="slow-{h}" element="{h}"/>']
    text = with_speed(platform, speed, cores)
    end = text.rindex("</zone>")
    return text[:end] + "\n".join(lines) + "\n" + text[end:]


# --- the options -------------------------------------------------------------------------------
def counts(text, most, option):
    """A comma-separated list of counts 1 .. most, without repeats."""
    if not re.fullmatch(r"[0-9]+(,[0-9]+)*", text):
        raise SimulateError(f"invalid {option} '{text}': not a comma-separated list of counts")
    out = []
    for item in (int(t) for t in text.split(",")):
        if not 1 <= item <= most:
            raise SimulateError(f"invalid {option} '{text}': {item} is not 1 .. {most}")
        if item not in out:
            out.append(item)
    return out


def count(text, low, high, option):
    if not re.fullmatch(r"[0-9]+", text) or not low <= int(text) <= high:
        raise SimulateError(f"invalid {option} '{text}': not a count {low} .. {high}")
    return int(text)


@dataclass
class Slow:
    every: int
    factor_text: str

    @property
    def factor(self):
        return float(self.factor_text)

    @property
    def tag(self):
        return f"{self.every}:{self.factor_text}"


def check_options(o, root):
    """The simulate options o (an argparse namespace) checked, in place:
    o.ranks a list, o.reductions, o.cores and o.repeat counts, o.slow a Slow
    or None, o.platforms a list of Platform."""
    if o.mode not in ("strong", "weak"):
        raise SimulateError(f"invalid --mode '{o.mode}': not strong or weak")
    o.reductions = o.reduction.split(",")
    if not all(r in ("exact", "plain") for r in o.reductions):
        raise SimulateError(f"invalid --reduction '{o.reduction}': not a comma-separated list of exact, plain")
    o.repeat = count(o.repeat, 1, MAX_REPEAT, "--repeat")
    o.warmup = count(o.warmup, 0, MAX_REPEAT, "--warmup")
    o.cores = count(o.cores_per_node, 1, MAX_CORES, "--cores-per-node")
    if o.validate and o.cores != 1:
        raise SimulateError("--validate runs one rank a node (--cores-per-node 1)")
    o.slow = None
    if o.slow_hosts is not None:
        m = re.fullmatch(r"([0-9]+):(0?\.[0-9]+|1)", o.slow_hosts)
        if not m or int(m.group(1)) < 2 or float(m.group(2)) == 0:
            raise SimulateError(f"invalid --slow-hosts '{o.slow_hosts}': not K:S with K >= 2 and 0 < S <= 1, "
                                "such as 4:0.5")
        o.slow = Slow(int(m.group(1)), m.group(2))
        if o.validate:
            raise SimulateError("--validate and --slow-hosts do not go together")
    if not re.fullmatch(r"[0-9]+", o.timeout) or int(o.timeout) < 1:
        raise SimulateError(f"invalid --timeout '{o.timeout}': not a count of seconds")
    if not re.fullmatch(r"measure|platform|[0-9.]+([eE][+]?[0-9]+)?f?", o.host_speed):
        raise SimulateError(f"invalid --host-speed '{o.host_speed}': not measure, platform or a rate "
                            "such as 2.6e10f")
    if o.validate and o.mode != "strong":
        raise SimulateError("--validate runs the strong problem only")
    if o.validate and o.network_only:
        raise SimulateError("--validate and --network-only do not go together")
    if o.ranks is None:
        o.ranks = [1, 2] if o.validate else list(DEFAULT_RANKS)
    else:
        o.ranks = counts(o.ranks, MAX_RANKS, "--ranks")
    o.platforms = []
    for p in o.platform.split(","):
        if not p:
            continue
        f = p if "/" in p or p.endswith(".xml") else os.path.join(root, "platforms", p + ".xml")
        if not (os.path.isfile(f) and os.access(f, os.R_OK)):
            raise SimulateError(f"invalid --platform '{p}': no readable {f}")
        name = os.path.basename(f)[:-4] if f.endswith(".xml") else os.path.basename(f)
        if not re.fullmatch(r"[a-z0-9._-]{1,63}", name):
            raise SimulateError(f"invalid --platform '{p}': its name '{name}' is not lower-case letters, "
                                "digits, '-', '_', '.'")
        platform = read_platform(f)
        if not platform.speed_text:
            raise SimulateError(f"invalid --platform '{f}': no host speed in it")
        o.platforms.append(platform)
    if not o.platforms:
        raise SimulateError("no --platform given")
    if o.out and len(o.platforms) > 1 and not o.validate:
        raise SimulateError("--out takes one platform's rows (use --out-dir for several)")
    return o


def terms_of(text):
    """--terms (digits or an exact form such as 6e9) as an int."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not (math.isfinite(value) and value >= 1 and f"{value:.0f}".isdigit()):
        raise SimulateError(f"invalid --terms '{text}': not a count of terms")
    return int(f"{value:.0f}")


# --- the plan ----------------------------------------------------------------------------------
@dataclass
class Config:
    """One configuration: a platform (index into the options' platforms; -1
    the real machine), a rank count, a reduction and its terms."""
    platform: int
    ranks: int
    reduction: str
    terms: int

    @property
    def real(self):
        return self.platform < 0


@dataclass
class Plan:
    o: object                 # the checked options
    terms: int                # --terms (strong: in total, weak: a rank)
    x: str                    # the point as given to the driver
    configs: List[Config] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)   # configurations left out, in words

    def platform_of(self, c):
        """The platform a configuration's rows name: the file's, with its
        hosts' cores where more than one, and whether computing costs
        nothing; slowed hosts are a column of their own (slow_hosts)."""
        if c.real:
            return "real"
        o = self.o
        return (o.platforms[c.platform].name + ("" if o.cores == 1 else f".{o.cores}-core") +
                (".network-only" if o.network_only else ""))

    def slow_tag(self, c):
        return "none" if c.real or self.o.slow is None else self.o.slow.tag

    def describe(self, c):
        o = self.o
        slow = "" if o.slow is None else f", every {o.slow.every}th host at {o.slow.factor_text}x"
        return (f"{self.platform_of(c)}{slow} {o.mode} {c.reduction}: {c.ranks} rank"
                f"{'' if c.ranks == 1 else 's'}, N={c.terms}")

    def out(self, c):
        o = self.o
        if o.out:
            return o.out
        if o.validate:
            return os.path.join(o.out_dir, f"validation-{'measured' if c.real else 'simulated'}.csv")
        slow = "" if o.slow is None else f".slow-1in{o.slow.every}-x{o.slow.factor_text}"
        return os.path.join(o.out_dir, f"simulated-{self.platform_of(c)}{slow}{'-weak' if o.mode == 'weak' else ''}.csv")

    def outs(self):
        seen = []
        for c in self.configs:
            if self.out(c) not in seen:
                seen.append(self.out(c))
        return seen

    def key(self, c):
        """As `done` prints a complete configuration (runs.config_key after
        simulated, platform and slow_hosts)."""
        return "|".join(["0" if c.real else "1", self.platform_of(c), self.slow_tag(c), self.o.mode,
                         "maclaurin_mpi", str(c.ranks), "1", str(c.terms), f"{float(self.x):.17g}",
                         self.o.kernel, c.reduction, "0"])

    def cost_ms(self, c):
        """A prior guess of a configuration's milliseconds, for the estimate
        of what is left: SMPI sums every rank's terms one rank after another
        at about the platform file's host speed, and its own work grows as
        ranks^1.5; a real run splits them."""
        speed = self.o.platforms[max(c.platform, 0)].speed
        ms = c.terms * (self.o.repeat + 1) / speed * 1e3
        if c.real:
            return int(ms / c.ranks + 500)
        return int(ms + 300 + c.ranks * math.ceil(math.sqrt(c.ranks)) / 2)


def plan(o, facts, cpus=None):
    """The configurations of checked options o, given the SMPI build's facts
    (default_terms, default_x): for --validate, per reduction and rank count
    the real run then each platform's; else per platform and rank count the
    reductions side by side, so that the progress lines read as a
    comparison (the order changes no prediction: the computation is
    charged, not timed)."""
    if o.terms is not None:
        terms = terms_of(o.terms)
    else:
        terms = terms_of(facts["default_terms"]) if o.mode == "strong" else int(WEAK_TERMS)
    p = Plan(o, terms, o.x if o.x is not None else facts["default_x"])
    try:
        float(p.x)
    except ValueError:
        raise SimulateError(f"invalid -x '{p.x}': not a number") from None

    def add(platform, ranks, reduction):
        t = terms * ranks if o.mode == "weak" else terms
        if t > 2 ** 53:
            raise SimulateError(f"invalid --terms: {terms}{f' x {ranks}' if o.mode == 'weak' else ''} terms "
                                "is above 2^53")
        p.configs.append(Config(platform, ranks, reduction, t))

    if o.validate:
        cpus = cpus or os.cpu_count()
        for red in o.reductions:
            for r in o.ranks:
                if r > cpus:
                    raise SimulateError(f"invalid --ranks: --validate runs {r} real ranks on {cpus} cores")
                add(-1, r, red)
                for i in range(len(o.platforms)):
                    add(i, r, red)
    else:
        for i, pl in enumerate(o.platforms):
            for r in o.ranks:
                if r > len(pl.hosts) * o.cores:
                    p.notes.append(f"skipping {r} ranks on {pl.name}: it has {len(pl.hosts)} hosts of {o.cores} cores")
                    continue
                for red in o.reductions:
                    add(i, r, red)
    if not p.configs:
        raise SimulateError("nothing to run")
    return p


# --- the host speed ----------------------------------------------------------------------------
def speed_text(terms_per_s):
    """A rate as a SimGrid speed, to 4 digits: 5.185e10f."""
    return f"{terms_per_s:.4g}".replace("+", "") + "f"


def measured_speed(serial, kernel, work):
    """This machine's single-core rate now, as a SimGrid speed: the real
    maclaurin_serial (its kernel is the SMPI build's, built alike), the
    median of its repetitions."""
    csv = os.path.join(work, "cal.csv")
    run = subprocess.run([serial, "-n", f"{CALIBRATION_TERMS:.0e}", "-r", str(CALIBRATION_REPEAT), "-k", kernel,
                          "-q", "--csv", csv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         universal_newlines=True)
    rows = read_rows(csv)[1] if os.path.exists(csv) else []
    if run.returncode != 0 or not rows:
        why = (run.stderr.strip().splitlines() or [f"exit status {run.returncode}"])[-1]
        raise SimulateError(f"measuring this machine's speed failed: {why}", 1)
    t = stats.median([float(r["seconds"]) for r in rows])
    if not t > 0:
        raise SimulateError(f"measuring this machine's speed failed: a median of {t} s", 1)
    return speed_text(CALIBRATION_TERMS / t)


def recorded_speed(outs):
    """The host speed the rows already in outs were simulated at (the last
    simulated row's host_speed: rank 0's host, never a slowed one), so that
    a resumed sweep is one sweep; None when there are none."""
    speed = None
    for out in outs:
        if os.path.isfile(out) and os.path.getsize(out) > 0:
            for r in read_rows(out)[1]:
                if r.get("simulated") == "1" and r.get("host_speed"):
                    speed = r["host_speed"] + "f"
    return speed


# --- validation --------------------------------------------------------------------------------
def validation(paths, run_id):
    """simulate --validate's table: per reduction, rank count and platform,
    the fastest and median repetition of run_id and their ratios to the
    measured ones (platform "real")."""
    times = {}
    for path in paths:
        for r in read_rows(path)[1]:
            if r.get("run_id") == run_id and r["verified"] == "1":
                times.setdefault((r["reduction"], int(r["ranks"])), {}).setdefault(r["platform"], []).append(
                    float(r["seconds"]))
    lines = ["%-9s %5s  %-16s %12s %12s %9s %9s" % ("reduction", "ranks", "platform", "min (s)", "median (s)",
                                                    "min/real", "med/real")]
    for (red, ranks), by_platform in sorted(times.items()):
        real = by_platform.get("real")
        if not real:
            continue
        for platform, t in sorted(by_platform.items()):
            lines.append("%-9s %5s  %-16s %12.6f %12.6f %9.4f %9.4f" % (
                red, ranks, platform, min(t), stats.median(t), min(t) / min(real),
                stats.median(t) / stats.median(real)))
    return lines


# --- the programs and the scratch folder ---------------------------------------------------------
def program(name, root):
    """One of the project's programs: beside the analysis in a checkout, in
    an installation's bin/, or on PATH."""
    for p in (os.path.join(root, name), os.path.join(root, "..", "..", "bin", name)):
        if os.access(p, os.X_OK) and os.path.isfile(p):
            return p
    found = shutil.which(name)
    if not found:
        raise SimulateError(f"{name} not found (run make, or put it on PATH)", 1)
    return found


def smpirun_one(o, platform, work, args):
    """The SMPI build run on one simulated rank of platform: (status, stdout, stderr)."""
    hostfile = os.path.join(work, "one_host")
    with open(hostfile, "w") as f:
        f.write(platform.hosts[0] + "\n")
    run = subprocess.run(["smpirun", "-np", "1", "-platform", platform.path, "-hostfile", hostfile] +
                         smpirun_options(1) + [o.bin] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True)
    return run.returncode, run.stdout, run.stderr


def last_line(text):
    return (text.strip().splitlines() or [""])[-1]


def facts_of(o, work):
    """The SMPI build's --facts, refused unless it is one."""
    _, out, err = smpirun_one(o, o.platforms[0], work, ["--facts"])
    facts = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    if facts.get("simulated") != "1":
        raise SimulateError(f"invalid --bin '{o.bin}': not an SMPI build of maclaurin_mpi with "
                            f"-DMACLAURIN_SIMULATED=1 ({last_line(err)})")
    return facts


def q(word):
    return shlex.quote(str(word))


def write_work(p, work, root):
    """Everything the script's loop needs, in work: the driver's header
    (driver_header), each platform at its host speed (platform.I.xml), each
    configuration's command (cmd.I, a word a line; a real run's without its
    launcher, and @BINDING@ for its binding) and hosts, and plan.sh."""
    o = p.o
    status, out, err = smpirun_one(o, o.platforms[0], work, ["-t", "1", "-n", "1", "-r", "1", "-q", "--csv", "-"])
    header = out.splitlines()[0] if out else ""
    if not re.match(r"driver,.*,simulated,", header):
        raise SimulateError(f"{o.bin} did not run under smpirun: {last_line(err)}", 1)
    with open(os.path.join(work, "driver_header"), "w") as f:
        f.write(header + "\n")
    real_bin = ""
    if o.validate:
        real_bin = program("maclaurin_mpi", root)
        if not shutil.which("mpirun"):
            raise SimulateError("mpirun not found (scripts/setup)", 1)
    # One host speed a platform for the whole run: every prediction is then
    # deterministic and comparable with every other's.
    if o.network_only:
        speed, how = FREE_SPEED, "computation free"
    elif o.host_speed == "measure":
        speed = recorded_speed(p.outs()) if o.resume else None
        how = "that of the rows already there"
        if speed is None:
            speed, how = measured_speed(program("maclaurin_serial", root), o.kernel, work), "measured here at the start"
    elif o.host_speed == "platform":
        speed, how = None, "the platform's"
    else:
        speed, how = o.host_speed, "given"
    speeds = []
    for i, pl in enumerate(o.platforms):
        speeds.append(speed or pl.speed_text)
        text = (with_slow_hosts(pl, speeds[i], o.cores, o.slow.every, o.slow.factor) if o.slow else
                with_speed(pl, speeds[i], o.cores))
        with open(os.path.join(work, f"platform.{i}.xml"), "w") as f:
            f.write(text)
    run_id = f"{socket.gethostname()}-{time.strftime('%Y%m%dT%H%M%S')}-{os.getppid()}-simulate"
    # (one word: smpirun splits its program's arguments at spaces)
    binding = "smpi:a-1-core-host-a-rank" if o.cores == 1 else f"smpi:{o.cores}-ranks-a-{o.cores}-core-host"
    for i, c in enumerate(p.configs):
        driver = ["-t", "1", "-n", str(c.terms), "-x", p.x, "-r", str(o.repeat), "--warmup", str(o.warmup),
                  "-k", o.kernel,
                  "--reduction", c.reduction, "-q", "--tag", f"run_id={run_id}", "--tag", f"mode={o.mode}",
                  "--tag", "binding=" + ("@BINDING@" if c.real else binding), "--tag", f"slow_hosts={p.slow_tag(c)}"]
        if c.real:
            command = driver
        else:
            hosts = os.path.join(work, f"hosts.{i}")
            packed = [h for h in o.platforms[c.platform].hosts for _ in range(o.cores)]   # C ranks a host
            with open(hosts, "w") as f:
                f.writelines(h + "\n" for h in packed[:c.ranks])
            command = (["env", f"MACLAURIN_PLATFORM={p.platform_of(c)}", "timeout", "-k", "5", o.timeout,
                        "smpirun", "-np", str(c.ranks), "-platform", os.path.join(work, f"platform.{c.platform}.xml"),
                        "-hostfile", hosts] + smpirun_options(c.ranks) + [o.bin] + driver)
        with open(os.path.join(work, f"cmd.{i}"), "w") as f:
            f.writelines(w + "\n" for w in command)
    arrays = {"C_KEY": p.key, "C_OUT": p.out, "C_DESC": p.describe, "C_COST": p.cost_ms,
              "C_REAL": lambda c: int(c.real), "C_RANKS": lambda c: c.ranks}
    with open(os.path.join(work, "plan.sh"), "w") as f:
        f.write(f"COUNT={len(p.configs)} REPEAT={o.repeat} RESUME={int(o.resume)} VALIDATE={int(o.validate)} TIMEOUT={q(o.timeout)} "
                f"RUN_ID={q(run_id)} REAL_BIN={q(real_bin)}\n")
        f.write("OUTS=(" + " ".join(q(x) for x in p.outs()) + ")\n")
        for name, of in arrays.items():
            f.write(f"{name}=(" + " ".join(q(of(c)) for c in p.configs) + ")\n")
    return (f"{len(p.configs)} configurations ({o.mode}, {o.repeat} repetitions each, host speed "
            f"{'/'.join(sorted(set(speeds)))}: {how}) into {' '.join(p.outs())}")

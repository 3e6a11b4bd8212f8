"""peers - the rows of `make compare` (scripts/compare): written, verified,
read back, sized, tabulated and drawn (the command `compare`).

One row per timed run of one peer (docs/compare.md).  Its columns are
io/csv_columns.h's (`maclaurin_csvcheck --columns compare` lists them);
append takes the header from `maclaurin_csvcheck --header compare`, so
that this file keeps no copy of it: a row is a dict of the columns by name.

Every peer's answer is checked here, against the closed form
(1 - x^N) / (1 - x) evaluated in 50-digit decimal arithmetic, so that no
peer judges itself and the reference's own rounding (about 1e-16) is far
below any error shown.  A row is verified when its relative error is at
most BOUND = 1e-6: loose on purpose, because honest peers lose accuracy
at large N (a running product of k factors carries about k ulps, a sum
of N terms in program order about N ulps at worst), and the error itself
is in every row; what the bound catches is a wrong answer, not a
rounding.  maclaurin_csvcheck checks the file's shape.

The report, for each peer: its best rate per core (terms/s divided by its
workers, the best of its runs) at the talk's N and at its larger N, its
largest relative error, and two ratios at the larger N: how many times the
talk's plain Python loop it is, and how many times it maclaurin_serial is.
The figure draws the same numbers, per core on a log axis.
"""
import csv
import io
import os
import platform
import re
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Optional

BOUND = 1e-6


class PeersError(Exception):
    """A file or a run that make compare cannot use (one line for the user)."""


def reference(x, n):
    """(1 - x^n) / (1 - x) to 50 digits, rounded to a double."""
    with localcontext() as ctx:
        ctx.prec = 50
        d = Decimal(x)  # the double's exact value
        return float((1 - d ** n) / (1 - d))


# The machine's columns, as the programs' --facts state them (the file's
# cpu is its model name), so that the CPU is read one way only.
MACHINE_FACTS = ("cpu_vendor", "cpu_family", "cpu_model_number", "cpu_stepping", "cpu_uarch", "hypervisor",
                 "machine_id")


def read_facts(path):
    """NAME=VALUE lines (a program's --facts) as a dict."""
    with open(path) as f:
        return dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)


def python_toolchain(word):
    """The toolchain of a Python peer run by this interpreter: "python" or "numpy"."""
    name = f"CPython {platform.python_version()}"
    if word == "numpy":
        import numpy
        return f"numpy {numpy.__version__}, {name}"
    return name


def runs_of(stream, maclaurin):
    """(seconds, result, toolchain or None) for each timed run on stream."""
    if maclaurin:
        for row in csv.DictReader(stream):
            tool = f"{row['compiler']} {row['cflags']}"
            if row["driver"] == "maclaurin_mpi":
                tool += f", {row['mpi_library']}"
            yield float(row["seconds"]), float(row["result"]), tool
        return
    for line in stream:
        seconds, result = line.split()
        yield float(seconds), float(result), None


def make_row(facts, seconds, result, toolchain):
    """One row of the file, as a dict, verified against the closed form."""
    x, n = facts["x"], facts["terms"]
    ref = reference(x, n)
    # the verdict from the error as written, so that the file agrees with
    # itself (maclaurin_csvcheck checks verified against rel_err <= bound)
    rel_err = f"{abs(result - ref) / abs(ref):.3g}"
    return {"timestamp": facts["stamp"], "host": facts["host"], "cpu": facts["machine"]["cpu_model"],
            "cores": facts["cores"], "git": facts["git"], "peer": facts["peer"],
            "workers": facts["workers"], "x": repr(x), "terms": n, "rep": facts["rep"],
            "seconds": f"{seconds:.9g}", "terms_per_s": f"{n / seconds:.6g}",
            "result": repr(result), "reference": repr(ref), "rel_err": rel_err,
            "bound": f"{BOUND:g}", "verified": int(float(rel_err) <= BOUND),
            "toolchain": toolchain or facts["toolchain"],
            **{name: facts["machine"][name] for name in MACHINE_FACTS}}


def append(path, rows, header):
    """rows (dicts, make_row's) appended to path under header (the column
    names, in order), written first into an empty file."""
    if rows and set(rows[0]) != set(header):
        raise PeersError(f"the header's columns ({','.join(header)}) are not this script's "
                         f"({','.join(rows[0])})")
    new = not os.path.exists(path) or os.path.getsize(path) == 0
    with open(path, "a", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        if new:
            w.writeheader()
        w.writerows(rows)


def load(path):
    """The rows, numbers as numbers."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        for k in ("cores", "workers", "terms", "rep", "verified"):
            r[k] = int(r[k])
        for k in ("x", "seconds", "terms_per_s", "result", "reference", "rel_err", "bound"):
            r[k] = float(r[k])
    return rows


def best(rows):
    """{(peer, terms): the row of the highest rate}, over the repetitions."""
    out = {}
    for r in rows:
        key = (r["peer"], r["terms"])
        if key not in out or r["terms_per_s"] > out[key]["terms_per_s"]:
            out[key] = r
    return out


def larger_terms(rate, terms, seconds):
    """About `seconds` at `rate`, two significant digits, at least 2 * terms."""
    return max(2 * terms, int(float(f"{rate * seconds:.2g}")))



# peer: (label, family, what its workers are); the families are the figure's colours.
PEERS = {
    "python_loop": ("Python loop (the talk's)", "Python, from the talk", ""),
    "python_threading": ("Python threading (the talk's)", "Python, from the talk", "threads"),
    "python_multiprocessing": ("Python multiprocessing (the talk's)", "Python, from the talk",
                               "processes"),
    "numpy": ("numpy: sum(x ** arange)", "numpy", ""),
    "c_pow_loop": ("C: s += pow(x, k)", "textbook C", ""),
    "omp_running_product": ("OpenMP: running product, reduction(+:s)", "textbook C", "threads"),
    "mpi_cpi": ("MPI, as cpi.c: pow, MPI_Reduce", "textbook C", "ranks"),
    "maclaurin_serial": ("maclaurin_serial", "maclaurin", ""),
    "maclaurin_omp": ("maclaurin_omp", "maclaurin", "threads"),
    "maclaurin_mpi": ("maclaurin_mpi", "maclaurin", "ranks"),
}
COLOURS = {"Python, from the talk": "tab:orange", "numpy": "tab:green",
           "textbook C": "tab:blue", "maclaurin": "tab:red"}
BASELINE, FASTEST = "python_loop", "maclaurin_serial"


@dataclass
class Peer:
    """One peer over the file: its rates per core (the best of its runs) at
    the talk's N and at its larger N, and how it stands to the others."""
    peer: str
    workers: int
    rel_err: float = 0.0
    verified: bool = True
    big_n: int = 0
    talk: float = 0.0
    big: float = 0.0
    vs_baseline: Optional[float] = None
    fastest_over: Optional[float] = None


def summary(rows):
    """(the talk's N, a Peer a peer, fastest first)."""
    tops = best(rows)
    talk_n = min(r["terms"] for r in rows)
    peers = {}
    for r in rows:
        p = peers.setdefault(r["peer"], Peer(r["peer"], r["workers"], big_n=talk_n))
        p.rel_err = max(p.rel_err, r["rel_err"])
        p.verified = p.verified and r["verified"] == 1
        p.big_n = max(p.big_n, r["terms"])
    for p in peers.values():
        p.talk = tops[(p.peer, talk_n)]["terms_per_s"] / p.workers
        p.big = tops[(p.peer, p.big_n)]["terms_per_s"] / p.workers
    for p in peers.values():
        p.vs_baseline = p.big / peers[BASELINE].big if BASELINE in peers else None
        p.fastest_over = peers[FASTEST].big / p.big if FASTEST in peers else None
    return talk_n, sorted(peers.values(), key=lambda p: -p.big)


def times(v):
    return "-" if v is None else f"{v:,.0f}x" if v >= 10 else f"{v:.2g}x"


ONE = {"threads": "thread", "ranks": "rank", "processes": "process", "workers": "worker"}


def label(p):
    name, _, unit = PEERS.get(p.peer, (p.peer, None, "workers"))
    if not unit:
        return name
    return f"{name}, {p.workers} {unit if p.workers != 1 else ONE[unit]}"


def family(p):
    return PEERS.get(p.peer, (None, "other", None))[1]


def machine(r0):
    """The CPU, its microarchitecture and machine id where the rows have
    them (format 1.1 on), and the CPUs the peers could use."""
    cpus = f"{r0['cores']} CPU" + ("s" if r0["cores"] != 1 else "")
    uarch = r0.get("cpu_uarch", "")
    name = r0["cpu"] + (f" ({uarch})" if uarch not in ("", "unknown") else "")
    return f"{name}, {cpus}" + (f", machine {r0['machine_id']}" if r0.get("machine_id") else "")


def table(rows, talk_n, peers):
    r0 = rows[0]
    runs = max(r["rep"] for r in rows) + 1
    lines = [f"make compare on {machine(r0)} ({r0['host']}, git {r0['git']}, "
             f"{r0['timestamp']})",
             f"terms/s per core = terms / seconds / workers, the best of {runs} runs; "
             f"N = {talk_n:,} (the talk's) and a larger N a peer",
             "",
             f"{'peer':<52} {'per core, N=' + format(talk_n, '.3g'):>18} {'larger N':>9} "
             f"{'per core':>10} {'max rel err':>11} {'x Python loop':>14} {'maclaurin_serial is':>20}"]
    for p in peers:
        lines.append(f"{label(p):<52} {p.talk:>18.3g} {p.big_n:>9.2g} {p.big:>10.3g} "
                     f"{p.rel_err:>11.1e} {times(p.vs_baseline):>14} "
                     f"{times(p.fastest_over):>20}" + ("" if p.verified else "  NOT VERIFIED"))
    lines.append(f"\nverified: relative error <= {BOUND:g} against (1 - x^N)/(1 - x) "
                 "in 50-digit arithmetic")
    return "\n".join(lines)


def figure(rows, talk_n, peers, csv_path):
    """The figure (figure.save writes it)."""
    from .figure import plt
    from matplotlib.patches import Patch

    r0 = rows[0]
    runs = max(r["rep"] for r in rows) + 1
    tops = best(rows)
    big_seconds = [tops[(p.peer, p.big_n)]["seconds"] for p in peers]
    order = peers[::-1]  # fastest at the top
    fig, ax = plt.subplots(figsize=(10, 0.5 * len(order) + 2.4))
    y = range(len(order))
    colours = [COLOURS.get(family(p), "tab:gray") for p in order]
    h = 0.4
    ax.barh([i + h / 2 for i in y], [p.big for p in order], height=h, color=colours)
    ax.barh([i - h / 2 for i in y], [p.talk for p in order], height=h, color=colours,
            alpha=0.35)
    # the numbers in a column right of the frame, where no bar reaches
    for i, p in enumerate(order):
        note = f"{p.big:.2g}/s, {times(p.vs_baseline)} the Python loop"
        if not p.verified:
            note += ", NOT VERIFIED"
        ax.text(1.01, i + h / 2, note, va="center", fontsize=8,
                transform=ax.get_yaxis_transform(), color="black" if p.verified else "red")
    ax.set_yticks(list(y))
    ax.set_yticklabels([label(p) for p in order], fontsize=9)
    ax.set_xscale("log")
    lo = min(min(p.talk, p.big) for p in peers)
    hi = max(max(p.talk, p.big) for p in peers)
    ax.set_xlim(lo / 3, hi * 3)
    ax.set_xlabel("terms per second per core (log scale; longer is faster)")
    ax.grid(axis="x", which="major", alpha=0.3)
    ax.set_title(f"Summing x^k for k < N: terms/s per core, best of {runs} runs\n"
                 f"{machine(r0)}; x = {r0['x']!r}; git {r0['git']}, {r0['timestamp'][:10]}",
                 fontsize=10)
    handles = [Patch(color=c, label=f) for f, c in COLOURS.items()]
    handles += [Patch(color="gray", label=f"dark: a larger N a peer, sized to run "
                                          f"{min(big_seconds):.2g}-{max(big_seconds):.2g} s"),
                Patch(color="gray", alpha=0.35, label=f"light: the talk's N = {talk_n:,}")]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, frameon=False,
               bbox_to_anchor=(0.5, 0.03))
    fig.text(0.01, 0.005, f"from {csv_path}; per core = terms/s / workers; every answer within "
             f"{BOUND:g} of (1 - x^N)/(1 - x) unless marked NOT VERIFIED",
             fontsize=7, color="dimgray")
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    fig.set_dpi(110)
    return fig




# peer: its workers (True: every core this process may use), its toolchain
# (None: a maclaurin driver, whose CSV names its build).
PARALLEL = ("python_threading", "python_multiprocessing", "omp_running_product", "mpi_cpi", "maclaurin_omp",
            "maclaurin_mpi")
ORDER = ("python_loop", "python_threading", "python_multiprocessing", "numpy", "c_pow_loop", "omp_running_product",
         "mpi_cpi", "maclaurin_serial", "maclaurin_omp", "maclaurin_mpi")


def first_line(command):
    """The first line a tool prints about itself ("" when it cannot run)."""
    try:
        out = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             universal_newlines=True).stdout
    except OSError:
        return ""
    return (out.splitlines() or [""])[0]


def toolchains(cc, cflags):
    """Each peer's toolchain as its rows name it (None: a maclaurin driver's own)."""
    cc_name = f"{first_line(cc.split() + ['--version'])} {cflags}"
    mpi_name = re.sub(r"^mpirun \((.*)\) ", r"\1 ", first_line(["mpirun", "--version"]))
    py = python_toolchain("python")
    return {"python_loop": py, "python_threading": py, "python_multiprocessing": py,
            "numpy": python_toolchain("numpy"), "c_pow_loop": cc_name, "omp_running_product": cc_name + " -fopenmp",
            "mpi_cpi": f"{cc_name}, {mpi_name}"}


def order(rounds, names):
    """(round, peer) for every peer each round, every other round reversed,
    so that a burst of load elsewhere falls on one run of each, not on every
    run of one."""
    return [(r, p) for r in range(rounds) for p in (names if r % 2 == 0 else names[::-1])]


def sizes(rows, terms, seconds):
    """{peer: its larger N}: about `seconds` at its best rate at `terms`."""
    return {peer: larger_terms(r["terms_per_s"], n, seconds) for (peer, n), r in best(rows).items() if n == terms}


class Study:
    """One make compare run: every peer at the talk's N, then at a larger N
    sized from its best rate there, each in rounds.  launch is the command
    that runs one peer (scripts/compare --launch)."""

    def __init__(self, args, launch, out=print):
        self.args, self.launch, self.out = args, launch, out
        self.workers = len(os.sched_getaffinity(0))
        b = args.bin_dir
        for p in [os.path.join(b, f"maclaurin_{n}") for n in ("serial", "omp", "mpi", "csvcheck")] + \
                [os.path.join(args.peer_dir, n) for n in ("pow_loop", "omp_running_product", "cpi_mpi")]:
            if not os.access(p, os.X_OK):
                raise PeersError(f"{p} not built (make compare builds it)")
        self.header = self.tool_output([os.path.join(b, "maclaurin_csvcheck"), "--header", "compare"])
        machine = dict(line.split("=", 1) for line in
                       self.tool_output([os.path.join(b, "maclaurin_serial"), "--facts"]).splitlines() if "=" in line)
        import datetime
        import socket
        self.facts = {"stamp": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
                      "host": os.environ.get("COMPARE_HOST") or socket.gethostname().split(".")[0],
                      "cores": self.workers, "git": os.environ.get("MACLAURIN_GIT_REV") or machine.get("git_rev", ""),
                      "x": float(args.x), "machine": machine}
        self.tools = toolchains(args.cc, args.peer_cflags)
        args.out = args.out or os.path.join("results", f"compare-{self.facts['host']}.csv")
        self.partial = args.out + ".partial"   # the finished file replaces the old one only at the end

    @staticmethod
    def tool_output(command):
        done = subprocess.run(command, stdout=subprocess.PIPE, universal_newlines=True)
        if done.returncode != 0:
            raise PeersError(f"{' '.join(command)} failed (make builds it)")
        return done.stdout.strip()

    def measure(self, peer, terms, rep):
        workers = self.workers if peer in PARALLEL else 1
        done = subprocess.run(self.launch + [peer, str(terms), self.args.x, str(workers), self.args.bin_dir,
                                             self.args.peer_dir, sys.executable],
                              stdout=subprocess.PIPE, universal_newlines=True)
        maclaurin = peer.startswith("maclaurin_")
        runs = list(runs_of(io.StringIO(done.stdout), maclaurin)) if done.returncode == 0 else []
        if not runs:
            raise PeersError(f"{peer} at N={terms} failed")
        facts = dict(self.facts, peer=peer, workers=workers, terms=terms, rep=rep,
                     toolchain=self.tools.get(peer, ""))
        rows = [make_row(facts, *one) for one in runs]
        append(self.partial, rows, self.header.split(","))
        for r in rows:
            self.out(f"  {r['peer']:<24} {r['workers']:>2} workers  N={r['terms']:<12.4g} "
                     f"{float(r['seconds']):8.4f} s  {float(r['terms_per_s']):9.3g} terms/s  "
                     f"rel err {r['rel_err']}{'' if r['verified'] else '  NOT VERIFIED'}")

    def rounds(self, label, size):
        self.out(f"compare: {label}, {self.args.rounds} rounds")
        for r, p in order(self.args.rounds, list(ORDER)):
            self.measure(p, size[p], r)

    def run(self):
        a = self.args
        os.makedirs(os.path.dirname(a.out) or ".", exist_ok=True)
        if os.path.exists(self.partial):
            os.remove(self.partial)
        self.out(f"compare: {len(ORDER)} peers, {self.workers} workers for the parallel ones, x = {a.x}; "
                 f"rows in {a.out}")
        self.rounds(f"the talk's N = {a.terms}", {p: a.terms for p in ORDER})
        larger = sizes(load(self.partial), a.terms, a.seconds)
        if set(larger) != set(ORDER):
            raise PeersError("no larger N for every peer")
        self.rounds(f"a larger N for each peer (about {a.seconds:g} s a run)", larger)
        os.replace(self.partial, a.out)

"""Slowed hosts (scripts/simulate --slow-hosts K:S): each configuration's
time against the ideal and the static split's bound, as a table and a
figure.

Every row says what it needs (io/csv_columns.h): host_speed, the speed v
of a core of rank 0's host (terms/s; rank 0's host is never a slowed one);
capacity, the ranks' hosts' speeds summed over p v (1 when balanced);
slow_hosts, "K:S"; and handout, how the exact sum shared its blocks.  N
terms on p ranks take at best N / (capacity p v): every host busy until
the end.  A static split gives each rank N / p terms, so a slow one, at
S v, ends last, at N / (p S v).  The figure draws open the exact points
whose nodes did not hand blocks out across nodes (handout is not
across-nodes).
"""
import textwrap
from dataclasses import dataclass

from . import stats
from .results import read_rows


class SlowedError(Exception):
    pass


@dataclass
class Configuration:
    """One configuration of a slowed sweep: its median time, the ideal, the
    static split's bound, how the exact sum handed its blocks out, and its
    result's bits."""
    platform: str
    slow_hosts: str
    terms: int
    ranks: int
    reduction: str
    seconds: float
    ideal: float
    capacity: float
    static: float
    handout: str
    bits: str


def points(path):
    """A Configuration a platform, slow hosts, terms, ranks and reduction."""
    _, rows, _ = read_rows(path)
    groups = {}
    for r in rows:
        if r.get("verified") != "1" or r.get("slow_hosts", "none") in ("", "none") or not r.get("capacity"):
            continue
        key = (r["platform"], r["slow_hosts"], int(float(r["terms"])), int(r["ranks"]), r["reduction"])
        every, factor = r["slow_hosts"].split(":")
        g = groups.setdefault(key, {"every": int(every), "factor": float(factor), "speed": float(r["host_speed"]),
                                    "capacity": float(r["capacity"]), "times": [], "bits": set(),
                                    "handout": set()})
        g["times"].append(float(r["seconds"]))
        g["bits"].add(r["result_hex"])
        g["handout"].add(r["handout"])
    if not groups:
        raise SlowedError(f"invalid CSV '{path}': no verified rows of a --slow-hosts sweep")
    out = []
    for (platform, slow, terms, ranks, reduction), g in sorted(groups.items()):
        slowed = g["capacity"] < 1
        static = terms / ranks / (g["speed"] * (g["factor"] if slowed else 1.0))
        out.append(Configuration(platform, slow, terms, ranks, reduction, stats.median(g["times"]),
                                 terms / (g["capacity"] * ranks * g["speed"]), g["capacity"], static,
                                 "/".join(sorted(g["handout"])), " ".join(sorted(g["bits"]))))
    return out


def hands_out(p):
    """Whether the exact sum handed blocks out across nodes in this run."""
    return p.handout == "across-nodes"


def table(pts):
    lines = ["| N | ranks | capacity | ideal (ms) | exact / ideal | plain / ideal | static bound / ideal | exact's hand-out | exact bits |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    by = {(p.terms, p.ranks, p.reduction): p for p in pts}
    for terms, ranks in sorted({(p.terms, p.ranks) for p in pts}):
        e, pl = by.get((terms, ranks, "exact")), by.get((terms, ranks, "plain"))
        first = e or pl
        cell = lambda p: f"{p.seconds / p.ideal:.3f}" if p else "-"  # noqa: E731
        lines.append(f"| {terms:.3g} | {ranks} | {first.capacity:.4g} | {first.ideal * 1e3:.4g} | {cell(e)} | "
                     f"{cell(pl)} | {first.static / first.ideal:.3f} | {e.handout if e else '-'} | "
                     f"{e.bits if e else '-'} |")
    return "\n".join(lines)


def figure(pts, title, caption=None):
    """The figure (figure.save writes it)."""
    from .figure import plt
    from matplotlib.ticker import FixedLocator, NullLocator

    fig, ax = plt.subplots(figsize=(8, 6.4))
    sizes = sorted({p.terms for p in pts})
    colours = {"exact": "#d62728", "plain": "#1f77b4"}
    markers = ["o", "s", "^", "D"]
    for i, terms in enumerate(sizes):
        for reduction in ("exact", "plain"):
            sel = sorted((p for p in pts if p.terms == terms and p.reduction == reduction),
                         key=lambda p: p.ranks)
            if not sel:
                continue
            ax.plot([p.ranks for p in sel], [p.seconds / p.ideal for p in sel],
                    color=colours[reduction], linestyle="-" if reduction == "exact" else "--",
                    label=f"{reduction}, N = {terms:.3g}", marker=markers[i % len(markers)],
                    markersize=5 if reduction == "plain" else 7,
                    markevery=[k for k, p in enumerate(sel) if reduction == "plain" or hands_out(p)])
            off = [p for p in sel if reduction == "exact" and not hands_out(p)]
            if off:
                ax.plot([p.ranks for p in off], [p.seconds / p.ideal for p in off], linestyle="none",
                        marker=markers[i % len(markers)], markerfacecolor="none", color=colours[reduction],
                        markersize=12, markeredgewidth=1.5, zorder=5,
                        label=f"exact, N = {terms:.3g}: nodes keep static shares\n(too few blocks a rank per node to ask)")
    bound = sorted({(p.ranks, p.static / p.ideal) for p in pts})
    ax.plot([b[0] for b in bound], [b[1] for b in bound], color="#7f7f7f", linestyle=":",
            label="static split's bound (the slow hosts' share)")
    ax.axhline(1.0, color="#2ca02c", linewidth=6, alpha=0.25, label="ideal: every host busy to the end")
    ax.set_xscale("log", base=2)
    ranks = sorted({p.ranks for p in pts})
    ax.xaxis.set_major_locator(FixedLocator(ranks))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xticklabels([str(r) for r in ranks])
    ax.set_xlabel("ranks (one single-core simulated host each)")
    ax.set_ylabel("time / ideal time")
    ax.set_ylim(0.9, max(2.0, max(p.seconds / p.ideal for p in pts) * 1.05))
    ax.grid(True, alpha=0.3)
    ax.set_title("\n".join(textwrap.wrap(title, 90)), fontsize=10)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2)
    if caption:
        fig.text(0.01, 0.005, "\n".join(textwrap.wrap(caption, 120)), fontsize=7.5, color="#444444", va="bottom")
    fig.tight_layout(rect=(0, 0.04 * (len(textwrap.wrap(caption, 120)) if caption else 0), 1, 1))
    fig.set_dpi(110)
    return fig

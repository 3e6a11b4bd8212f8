"""Slowed hosts (scripts/simulate --slow-hosts K:S): each configuration's
time against the ideal and the static split's bound, as a table and a
figure.

On p single-core hosts of speed v (terms/s), of which every K-th (p // K of
them) runs at S x v, N terms take at best N / (v (p - p//K + S p//K)): every
host busy until the end.  A static split gives each host N / p terms, so the
slow ones end last, at N / (p S v).  The host speed is read from the rows'
binding column ("host speed 2.884e10f").  The exact sum hands blocks out
across nodes only where the job has at least 64 blocks (of 65,536 terms)
a rank for every node (docs/design.md); beyond, its nodes keep static
shares, and the figure draws those points open.
"""
import re
import textwrap

from . import stats
from .results import read_rows

PLATFORM = re.compile(r"\.slow-1in(\d+)-x([0-9.]+)")
SPEED = re.compile(r"host speed ([0-9.eE+]+)f")


class SlowedError(Exception):
    pass


def points(path):
    """One dict a configuration (platform, terms, ranks, reduction): the
    median time, the ideal, the static bound, and the result bits."""
    _, rows, _ = read_rows(path)
    groups = {}
    for r in rows:
        m, s = PLATFORM.search(r.get("platform", "")), SPEED.search(r.get("binding", ""))
        if not (m and s) or r.get("verified") != "1":
            continue
        key = (r["platform"], int(float(r["terms"])), int(r["ranks"]), r["reduction"])
        g = groups.setdefault(key, {"every": int(m.group(1)), "factor": float(m.group(2)),
                                    "speed": float(s.group(1)), "times": [], "bits": set()})
        g["times"].append(float(r["seconds"]))
        g["bits"].add(r["result_hex"])
    if not groups:
        raise SlowedError(f"invalid CSV '{path}': no verified rows of a --slow-hosts sweep")
    out = []
    for (platform, terms, ranks, reduction), g in sorted(groups.items()):
        slow = ranks // g["every"]
        capacity = g["speed"] * (ranks - slow + g["factor"] * slow)
        static = terms / ranks / (g["speed"] * (g["factor"] if slow else 1.0))
        out.append({"platform": platform, "terms": terms, "ranks": ranks, "reduction": reduction,
                    "seconds": stats.median(g["times"]), "ideal": terms / capacity,
                    "static": static, "bits": " ".join(sorted(g["bits"]))})
    return out


def hands_out(p):
    """Whether the exact sum hands out across nodes here (one rank a node)."""
    blocks = -(-p["terms"] // 65536)
    return blocks // p["ranks"] // p["ranks"] >= 64


def table(pts):
    lines = ["| N | ranks | ideal (ms) | exact / ideal | plain / ideal | static bound / ideal | hand-out across nodes | exact bits |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    by = {(p["terms"], p["ranks"], p["reduction"]): p for p in pts}
    for terms, ranks in sorted({(p["terms"], p["ranks"]) for p in pts}):
        e, pl = by.get((terms, ranks, "exact")), by.get((terms, ranks, "plain"))
        first = e or pl
        cell = lambda p: f"{p['seconds'] / p['ideal']:.3f}" if p else "-"  # noqa: E731
        lines.append(f"| {terms:.3g} | {ranks} | {first['ideal'] * 1e3:.4g} | {cell(e)} | {cell(pl)} | "
                     f"{first['static'] / first['ideal']:.3f} | {'yes' if hands_out(first) else 'no (static)'} | "
                     f"{e['bits'] if e else '-'} |")
    return "\n".join(lines)


def figure(pts, title, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FixedLocator, NullLocator

    fig, ax = plt.subplots(figsize=(8, 6.4))
    sizes = sorted({p["terms"] for p in pts})
    colours = {"exact": "#d62728", "plain": "#1f77b4"}
    markers = ["o", "s", "^", "D"]
    for i, terms in enumerate(sizes):
        for reduction in ("exact", "plain"):
            sel = sorted((p for p in pts if p["terms"] == terms and p["reduction"] == reduction),
                         key=lambda p: p["ranks"])
            if not sel:
                continue
            ax.plot([p["ranks"] for p in sel], [p["seconds"] / p["ideal"] for p in sel],
                    color=colours[reduction], linestyle="-" if reduction == "exact" else "--",
                    label=f"{reduction}, N = {terms:.3g}", marker=markers[i % len(markers)],
                    markersize=5 if reduction == "plain" else 7,
                    markevery=[k for k, p in enumerate(sel) if reduction == "plain" or hands_out(p)])
            off = [p for p in sel if reduction == "exact" and not hands_out(p)]
            if off:
                ax.plot([p["ranks"] for p in off], [p["seconds"] / p["ideal"] for p in off], linestyle="none",
                        marker=markers[i % len(markers)], markerfacecolor="none", color=colours[reduction],
                        markersize=12, markeredgewidth=1.5, zorder=5,
                        label=f"exact, N = {terms:.3g}: nodes keep static shares\n(< 64 blocks a rank per node)")
    bound = sorted({(p["ranks"], p["static"] / p["ideal"]) for p in pts})
    ax.plot([b[0] for b in bound], [b[1] for b in bound], color="#7f7f7f", linestyle=":",
            label="static split's bound (the slow hosts' share)")
    ax.axhline(1.0, color="#2ca02c", linewidth=6, alpha=0.25, label="ideal: every host busy to the end")
    ax.set_xscale("log", base=2)
    ranks = sorted({p["ranks"] for p in pts})
    ax.xaxis.set_major_locator(FixedLocator(ranks))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xticklabels([str(r) for r in ranks])
    ax.set_xlabel("ranks (one single-core simulated host each)")
    ax.set_ylabel("time / ideal time")
    ax.set_ylim(0.9, max(2.0, max(p["seconds"] / p["ideal"] for p in pts) * 1.05))
    ax.grid(True, alpha=0.3)
    ax.set_title("\n".join(textwrap.wrap(title, 90)), fontsize=10)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2)
    fig.tight_layout()
    fig.savefig(out, dpi=110)

"""Slowed hosts (scripts/simulate --slow-hosts K:S): each slowed
configuration against its balanced twin, as a table and a figure.

A slowed configuration's twin is the run on the same platform, of the same
terms N, ranks p, threads and nodes, with no host slowed (slow_hosts none),
written to the same CSV.  Every row says what the comparison needs
(io/csv_columns.h): capacity, the ranks' hosts' speeds summed over p v,
where v is host_speed, a core of rank 0's host (never a slowed one);
slow_hosts, "K:S"; and handout, how the exact sum shared its blocks and at
what level.  Nothing here restates a rule of the C code.

  ideal          the twin's exact time over the capacity: its computation
                 and its communication, with the hosts' speeds summed
                 lower (communication counted as the twin paid it)
  twin's comm    1 - N / (p v T_twin): the part of the twin's exact time
                 that is not summing at v on every rank
  exact / ideal  the hand-out's target: at most TARGET everywhere for the
                 largest N, and for the others where the twin's comm is
                 under COMM_LIMIT (else no target: the table says so)
  exact / plain  of the twin: the hand-out's cost where nothing is slow

An exact / ideal below 1 (as the table rounds it) is impossible as the
ideal is defined (every host busy to the end) and is flagged with its
cause: the twin's time not spent summing (communication, and waiting at
the end), which slowing the hosts does not lengthen, counted in the ideal
as if it were summing.  A configuration whose capacity is 1 (no host slowed:
rank 0's host never is, and 16 ranks a node on 1-3 nodes may hold no
slowed host) is marked so.
"""
import textwrap
from dataclasses import dataclass

from . import stats
from .results import read_rows

TARGET = 1.10        # exact within 10% of the ideal
COMM_LIMIT = 0.05    # below the largest N, a target only where the twin's comm is under 5%
BALANCED_LIMIT = 1.03  # nothing slow: exact / plain at most this


class SlowedError(Exception):
    pass


@dataclass(frozen=True)
class Key:
    """What a slowed configuration and its twin share."""
    platform: str
    terms: int
    ranks: int
    threads: int
    nodes: int


@dataclass
class Run:
    """One configuration's repetitions, reduced to their median."""
    seconds: float
    capacity: float
    host_speed: float
    handout: str
    bits: str


@dataclass
class Slowed:
    """A slowed configuration's exact sum against its twin's."""
    key: Key
    slow_hosts: str
    exact: Run
    twin_exact: Run
    twin_plain: Run = None

    @property
    def ideal(self):
        return self.twin_exact.seconds / self.exact.capacity

    @property
    def ratio(self):
        return self.exact.seconds / self.ideal

    @property
    def twin_comm(self):
        k = self.key
        return 1.0 - k.terms / (k.ranks * self.twin_exact.host_speed * self.twin_exact.seconds)

    @property
    def balanced(self):
        """The twin's exact / plain, or None without its plain run."""
        return self.twin_exact.seconds / self.twin_plain.seconds if self.twin_plain else None

    @property
    def slowed(self):
        return self.exact.capacity < 1.0

    def hands_out(self):
        return self.exact.handout in ("across-groups", "across-nodes")

    def target(self, largest):
        """TARGET, or None where none applies (the twin's comm at COMM_LIMIT
        or more, below the largest N; or no host slowed)."""
        if not self.slowed or (self.key.terms < largest and self.twin_comm >= COMM_LIMIT):
            return None
        return TARGET

    def flag(self):
        """Why the point is impossible, or None: below 1 as the table shows
        it (three decimals)."""
        if round(self.ratio, 3) < 1.0:
            return (f"below its ideal: the twin's time not spent summing ({self.twin_comm:.1%}: communication, "
                    "and waiting at the end), which slowing hosts does not lengthen, is divided by the "
                    "capacity as if it were summing")
        return None


def _runs(path):
    """{(Key, slow_hosts, reduction): Run} of a CSV's verified rows."""
    _, rows, _ = read_rows(path)
    groups = {}
    for r in rows:
        if r.get("verified") != "1" or not r.get("capacity"):
            continue
        key = Key(r["platform"], int(float(r["terms"])), int(r["ranks"]), int(r["threads"]), int(r["nodes"]))
        g = groups.setdefault((key, r.get("slow_hosts") or "none", r["reduction"]), [])
        g.append(r)
    runs = {}
    for k, g in groups.items():
        runs[k] = Run(stats.median([float(r["seconds"]) for r in g]), float(g[0]["capacity"]),
                      float(g[0]["host_speed"]), "/".join(sorted({r["handout"] for r in g})),
                      " ".join(sorted({r["result_hex"] for r in g})))
    return runs


def points(paths):
    """A Slowed for each slowed exact configuration of the CSVs, with its
    twin (SlowedError where one has none)."""
    runs = {}
    for path in paths:
        runs.update(_runs(path))
    out = []
    for (key, slow, reduction), run in sorted(runs.items(), key=lambda kv: (kv[0][0].platform, kv[0][0].terms,
                                                                             kv[0][0].ranks, kv[0][1])):
        if slow == "none" or reduction != "exact":
            continue
        twin = runs.get((key, "none", "exact"))
        if twin is None:
            raise SlowedError(f"{key.platform}, N = {key.terms:.3g}, {key.ranks} ranks on {key.nodes} nodes, "
                              f"slowed {slow}: no balanced twin (the same with no host slowed) in "
                              f"{', '.join(paths)}")
        out.append(Slowed(key, slow, run, twin, runs.get((key, "none", "plain"))))
    if not out:
        raise SlowedError(f"invalid CSV '{', '.join(paths)}': no verified exact rows of a --slow-hosts sweep")
    return out


def ranks_a_node(p):
    return p.key.ranks // p.key.nodes


def table(pts):
    largest = max(p.key.terms for p in pts)
    lines = ["| platform | ranks a node | N | ranks | nodes | capacity | twin's exact (ms) | twin's comm | "
             "ideal (ms) | exact / ideal | target | exact's hand-out | twin's exact / plain | note |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | --- |"]
    for p in pts:
        t = p.target(largest)
        verdict = ("no host slowed" if not p.slowed else
                   f"none: twin's comm ≥ {COMM_LIMIT:.0%}" if t is None else
                   f"≤ {t:.2f}: {'met' if p.ratio <= t else 'MISSED'}")
        bal = p.balanced
        notes = [n for n in (p.flag() and "IMPOSSIBLE " + p.flag(),
                             bal is not None and bal > BALANCED_LIMIT and f"twin's exact / plain over {BALANCED_LIMIT}")
                 if n]
        lines.append(f"| {p.key.platform} | {ranks_a_node(p)} | {p.key.terms:.3g} | {p.key.ranks} | {p.key.nodes} | "
                     f"{p.exact.capacity:.4g} | {p.twin_exact.seconds * 1e3:.4g} | {p.twin_comm:.1%} | "
                     f"{p.ideal * 1e3:.4g} | {p.ratio:.3f} | {verdict} | {p.exact.handout} | "
                     f"{'-' if bal is None else f'{bal:.3f}'} | {'; '.join(notes)} |")
    return "\n".join(lines)


def figure(pts, title, caption=None):
    """exact / ideal and the twin's exact / plain against ranks, a panel a
    platform and layout (figure.save writes it)."""
    from .figure import plt
    from matplotlib.ticker import FixedLocator, NullLocator

    panels = sorted({(p.key.platform, ranks_a_node(p)) for p in pts})
    cols = 2 if len(panels) > 1 else 1
    rows = (len(panels) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(6.2 * cols, 4.6 * rows), squeeze=False, sharey=True)
    sizes = sorted({p.key.terms for p in pts})
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
    level_marker = {"across-groups": "o", "across-nodes": "s"}
    top = max(1.3, max(max(p.ratio for p in pts), max(p.balanced or 0 for p in pts)) * 1.05)
    flagged = []
    for ax, (platform, per_node) in zip(axes.flat, panels):
        for i, terms in enumerate(sizes):
            sel = sorted((p for p in pts if p.key.terms == terms and p.key.platform == platform
                          and ranks_a_node(p) == per_node), key=lambda p: p.key.ranks)
            if not sel:
                continue
            c = colours[i % len(colours)]
            ax.plot([p.key.ranks for p in sel], [p.ratio for p in sel], color=c, linewidth=1.5,
                    label=f"exact / ideal, N = {terms:.3g}")
            for p in sel:
                filled = p.hands_out()
                ax.plot(p.key.ranks, p.ratio, linestyle="none", marker=level_marker.get(p.exact.handout, "D"),
                        color=c, markerfacecolor=c if filled else "white", markersize=7, zorder=4)
                if p.slowed and p.target(max(sizes)) is None:
                    ax.annotate("no target", (p.key.ranks, p.ratio), textcoords="offset points", xytext=(0, 8),
                                ha="center", fontsize=6, color="#444444")
                if p.flag():
                    ax.plot(p.key.ranks, p.ratio, linestyle="none", marker="o", markersize=15,
                            markerfacecolor="none", markeredgecolor="red", markeredgewidth=1.5, zorder=5)
                    flagged.append(f"{platform}, {p.key.ranks} ranks, N = {terms:.3g}: {p.ratio:.3f}")
            bal = [p for p in sel if p.balanced is not None]
            ax.plot([p.key.ranks for p in bal], [p.balanced for p in bal], color=c, linestyle="--", linewidth=1,
                    marker="x", markersize=5, label=f"nothing slow: exact / plain, N = {terms:.3g}")
        ax.axhline(1.0, color="#2ca02c", linewidth=6, alpha=0.2)
        ax.axhline(TARGET, color="#7f7f7f", linestyle=":", linewidth=1)
        ranks = sorted({p.key.ranks for p in pts if p.key.platform == platform and ranks_a_node(p) == per_node})
        ax.set_xscale("log", base=2)
        ax.xaxis.set_major_locator(FixedLocator(ranks))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_xticklabels([str(r) for r in ranks], fontsize=7, rotation=45)
        ax.set_ylim(0.8, top)
        ax.grid(True, alpha=0.3)
        ax.set_title(f"{platform}, {per_node} rank{'s' if per_node > 1 else ''} a node", fontsize=9)
        ax.set_xlabel("ranks")
        ax.set_ylabel("time ratio")
        ax.legend(fontsize=7, loc="upper left")
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    notes = ["green band: the ideal (the balanced twin's exact time over the capacity); dotted: the target, "
             f"{TARGET:.2f}, at the largest N everywhere, below it where the twin's communication is under "
             f"{COMM_LIMIT:.0%} (\"no target\" elsewhere).  Markers: filled circle, the hand-out in two levels (groups of nodes); filled square, "
             "one level; open, nodes kept static shares (too few blocks to ask); dashed with crosses, the twin "
             "(nothing slow): exact / plain."]
    if flagged:
        notes.append("Ringed in red, impossible (below the ideal: the twin's time not spent summing counted "
                     "in the ideal as if it were summing): " + "; ".join(flagged))
    if caption:
        notes.append(caption)
    width = int(15 * fig.get_figwidth())   # characters of 7-point text across the figure
    text = "\n".join(line for n in notes for line in textwrap.wrap(n, width))
    fig.suptitle("\n".join(textwrap.wrap(title, 120)), fontsize=10)
    fig.text(0.01, 0.005, text, fontsize=7, color="#444444", va="bottom")
    fig.tight_layout(rect=(0, (0.13 * (text.count("\n") + 1) + 0.1) / fig.get_figheight(), 1, 0.97))
    fig.set_dpi(110)
    return fig

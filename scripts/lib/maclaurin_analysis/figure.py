"""The 2 x 2 scaling figure (scripts/plot_scaling), with matplotlib.

Read at a glance:
- colour: one per series family (OpenMP threads, MPI ranks, hybrid; a
  simulated platform is a family of its own); line style: one per
  reduction (exact solid, plain dashed); marker: filled measured, open
  simulated; marker shape: one per source file when several share a family;
- workers on a log2 axis; speedup on log axes when the workers span more
  than a decade; the ideal is the wide pale line, the fitted law dotted;
- bars: the median's interval (stats.interval);
- a Karp-Flatt point whose interval includes 0 cannot be told from perfect
  scaling: it is drawn grey and open, and leaves the scale to the others
  (at 2 workers noise is doubled by the 1 - 1/p below it);
- the title, the short build line and the source files sit inside the
  frame, the one legend to the right of the panels.
Each drawn series carries a gid "panel|source|host|series|reduction|size"
so that tests can read back what was drawn.
"""
import math
import os
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.ticker import FuncFormatter, FixedLocator, LogLocator, NullLocator  # noqa: E402

from .scaling import label, ORDER  # noqa: E402

KIND_COLOURS = {"omp": "#1f77b4", "mpi": "#d62728", "hybrid": "#2ca02c"}
OTHER_COLOURS = ["#9467bd", "#17becf", "#8c564b", "#ff7f0e", "#e377c2", "#7f7f7f", "#bcbd22"]
REDUCTION_STYLES = {"exact": "-", "plain": "--"}
SHAPES = ["o", "s", "^", "D", "v", "P"]
PANELS = [("time", "t_median", "t_ci_lo", "t_ci_hi"), ("speedup", "speedup", "speedup_lo", "speedup_hi"),
          ("efficiency", "efficiency", "efficiency_lo", "efficiency_hi"),
          ("karp_flatt", "karp_flatt", "karp_flatt_lo", "karp_flatt_hi")]
UNRESOLVED = "#9a9a9a"


def series_key(p):
    """One line a series; hybrid runs, one line per threads a rank (their
    layouts share worker counts)."""
    return (p["source"], p["host"], p["series"], p["reduction"], p["size"], p["x"], p["kernel"],
            p["threads"] if p["series"] == "hybrid" else "")


def short(text, width):
    return text if len(text) <= width else text[:width - 1] + "…"


def number(v):
    return f"{v:g}" if v < 1e5 else f"{v:.3g}"


class Series:
    def __init__(self, key, points, fit):
        self.key, self.points, self.fit = key, sorted(points, key=lambda p: p["workers"]), fit
        first = self.points[0]
        self.simulated, self.series, self.host = first["simulated"], first["series"], first["host"]
        self.reduction, self.source, self.size = first["reduction"], first["source"], first["size"]
        self.threads = key[-1]
        self.family = ("sim", self.host) if self.simulated else ("kind", self.series)

    def gid(self, panel):
        return "|".join([panel, self.source, self.host, self.series, self.reduction, str(self.size), str(self.threads)])


def styles(series):
    """Colour per family, shape per source within a family."""
    others = iter(OTHER_COLOURS)
    colours, shapes = {}, {}
    for s in series:
        if s.family not in colours:
            colours[s.family] = KIND_COLOURS.get(s.series) if s.family[0] == "kind" and s.series in KIND_COLOURS \
                else next(others, "#555555")
        shapes.setdefault(s.family, {})
        shapes[s.family].setdefault((s.source, s.threads), SHAPES[len(shapes[s.family]) % len(SHAPES)])
    return colours, shapes


def legend_label(s, all_series, mode):
    measured_hosts = {x.host for x in all_series if not x.simulated}
    sources = {x.source for x in all_series}
    # a simulated platform runs MPI ranks only: its name says it all
    text = s.host.replace(" (simulated)", "") if s.simulated else label(s.series)
    if s.threads != "":
        text = f"hybrid, {s.threads} threads a rank"
    if not s.simulated and (len(measured_hosts) > 1 or any(x.simulated for x in all_series)):
        text += f" on {s.host}"
    if len(sources) > 1 and len({x.source for x in all_series if x.family == s.family}) > 1:
        text += f" [{os.path.basename(s.source)}]"
    if len({x.reduction for x in all_series}) > 1:
        text += f", {s.reduction}"
    if len({x.size for x in all_series}) > 1:
        text += f", N{'/worker' if mode == 'weak' else ''}={number(s.size)}"
    if any(x.simulated for x in all_series):
        text += " (simulated)" if s.simulated else " (measured)"
    if s.fit is not None and s.threads in ("", first_threads(s, all_series)):
        text += f"; {'s' if mode == 'weak' else 'f'} = {s.fit:.2g}"
        if len({x.threads for x in all_series if x.family == s.family}) > 1:
            text += " (all hybrid)"
    return "\n  ".join(textwrap.wrap(text, 60))


def first_threads(s, all_series):
    """The threads a rank of the first line of s's hybrid family (the one
    that carries the family's fit)."""
    return next(x.threads for x in all_series if x.family == s.family and x.source == s.source
                and x.reduction == s.reduction and x.size == s.size)


def titles(study, mode, points):
    hosts = sorted({p["host"] for p in points})
    sizes = sorted({p["size"] for p in points})
    xs = sorted({p["x"] for p in points})
    kernels = sorted({p["kernel"] for p in points})
    reps = sorted({p["reps"] for p in points})
    level = min(p["ci_level"] for p in points)
    measured = []
    for h in hosts:
        if h.endswith(" (simulated)"):
            continue
        facts = [m for m in study.meta if h in m["host"].split(" / ") and m["cpu_model"] != "-"]
        measured.append(f"{h} ({short(facts[0]['cpu_model'], 40)}, {facts[0]['cpus_online']} CPUs)" if facts else h)
    simulated = [h.replace(" (simulated)", "") for h in hosts if h.endswith(" (simulated)")]
    parts = []
    if simulated:
        parts.append("simulated (SimGrid) on " + ", ".join(simulated))
    if measured:
        parts.append("measured on " + ", ".join(measured))
    head = textwrap.wrap(f"{mode.capitalize()} scaling, " + "; ".join(parts), 125)
    problem = (f"{'N per worker' if mode == 'weak' else 'N'} = {', '.join(number(s) for s in sizes)}, "
               f"x = {', '.join(f'{x:.15g}' for x in xs)}, {'/'.join(kernels)} kernel; "
               f"points: medians of {f'{reps[0]}-{reps[-1]}' if len(reps) > 1 else reps[0]} "
               f"repetitions, bars: the median's interval (≥ {100 * level:.1f}%)")
    builds = []
    for m in study.meta:
        if any(p["source"] == m["source"] for p in points):
            for rev in m["git_rev"].split(" / "):
                flags = " ".join(f for f in m["cflags"].split() if f.startswith(("-O", "-march")))
                b = f"rev {rev}, {m['compiler'].split(' / ')[0]} {flags}, {m['simd'].split(' / ')[0]}"
                if b not in builds:
                    builds.append(b)
    builds = [b for b in builds if not b.startswith("rev -")] or ["not recorded"]
    build = "build: " + "; ".join(builds[:2]) + (f"; and {len(builds) - 2} more" if len(builds) > 2 else "")
    return head, problem, build


def log2_axis(ax, workers):
    ax.set_xscale("log", base=2)
    ticks = sorted(workers)
    if len(ticks) > 14:
        ticks = [w for w in ticks if (w & (w - 1)) == 0]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v / 1024:g}k" if v >= 1024 else f"{v:g}"))
    ax.set_xlim(min(workers) / 1.3, max(workers) * 1.3)


def draw(study, mode, sources):
    points = [p for p in study.points if p["mode"] == mode]
    groups = {}
    for p in points:
        groups.setdefault(series_key(p), []).append(p)
    series = [Series(k, v, study.fit_of(v[0])) for k, v in groups.items()]
    series.sort(key=lambda s: (s.simulated, ORDER.get(s.series, 4), s.family[1], s.source, s.reduction, s.size))
    colours, shapes = styles(series)
    weak = mode == "weak"
    workers = sorted({p["workers"] for p in points})
    decades = max(workers) / min(workers) > 10

    fig, axes = plt.subplots(2, 2, figsize=(15, 10), dpi=100)
    ax_t, ax_s, ax_e, ax_k = axes.flat
    head, problem, build = titles(study, mode, points)
    line_y = 0.978
    for line in head:
        fig.text(0.01, line_y, line, fontsize=14, weight="bold", va="top")
        line_y -= 0.03
    fig.text(0.01, line_y - 0.002, problem, fontsize=10.5, va="top")
    fig.text(0.01, line_y - 0.027, build, fontsize=9.5, va="top", color="#444444")
    panels_top = line_y - 0.075
    fig.subplots_adjust(left=0.06, right=0.68, top=panels_top, bottom=0.10, hspace=0.34, wspace=0.22)
    names = ", ".join(sources)
    fig.text(0.01, 0.012, "\n".join(textwrap.wrap("data: " + names, 200)), fontsize=8.5, va="bottom",
             color="#444444")

    for ax in axes.flat:
        log2_axis(ax, workers)
        ax.grid(True, which="major", alpha=0.35)
        ax.set_xlabel("workers (ranks × threads, log2)")
    cpus = sorted({p["cpus_online"] for p in points if p["cpus_online"] and p["workers"] > p["cpus_online"]})
    for ax in axes.flat:
        for c in cpus[:1]:
            ax.axvline(c, color="#777777", ls=":", lw=1)
            ax.text(c, 0.02, " CPUs", transform=ax.get_xaxis_transform(), color="#555555", fontsize=9)

    ideal = dict(color="#000000", lw=5, alpha=0.12, solid_capstyle="butt")
    ax_t.set_title("Time (ideal: " + ("constant)" if weak else "T1/p)"))
    ax_t.set_yscale("log")
    ax_t.set_ylabel("seconds (log)")
    plain = FuncFormatter(lambda v, _: f"{v:g}")
    ax_t.yaxis.set_major_formatter(plain)
    if max(p["t_ci_hi"] for p in points) / min(p["t_ci_lo"] for p in points) < 100:   # 1, 2, 5 a decade
        ax_t.yaxis.set_major_locator(LogLocator(subs=(1, 2, 5)))
        ax_t.yaxis.set_minor_locator(NullLocator())
    ax_s.set_title(("Scaled speedup p T1/Tp (Gustafson fit)" if weak else "Speedup T1/Tp (Amdahl fit)"))
    ax_s.set_ylabel(("scaled speedup" if weak else "speedup") + (" (log2)" if decades else ""))
    ax_s.plot(workers, workers, **ideal)
    ax_e.set_title("Parallel efficiency " + ("T1/Tp" if weak else "T1/(p Tp)"))
    ax_e.set_ylabel("efficiency")
    ax_e.axhline(1, **ideal)
    ax_k.set_title("Karp-Flatt e = (1/S - 1/p)/(1 - 1/p)")
    ax_k.set_ylabel("experimental serial fraction")
    ax_k.axhline(0, **ideal)
    if decades:
        ax_s.set_xscale("log", base=2)
        ax_s.set_yscale("log", base=2)
        ax_s.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        log2_axis(ax_s, workers)

    handles, k_scale, s_top = [], [0.0], max(workers)
    any_unresolved = False
    for s in series:
        c = colours[s.family]
        # measured on top: a few filled points must show through many open ones
        style = dict(color=c, ls=REDUCTION_STYLES.get(s.reduction, ":"), lw=1.8, marker=shapes[s.family][(s.source, s.threads)],
                     ms=6.5, mfc="white" if s.simulated else c, mec=c, mew=1.5, capsize=3, elinewidth=1.1,
                     zorder=2 if s.simulated else 3)
        w = [p["workers"] for p in s.points]
        for (panel, mid, lo, hi), ax in zip(PANELS, axes.flat):
            pts = [p for p in s.points if p[mid] is not None]
            if not pts:
                continue
            x = [p["workers"] for p in pts]
            y = [p[mid] for p in pts]
            err = [[p[mid] - p[lo] for p in pts], [p[hi] - p[mid] for p in pts]]
            if panel == "karp_flatt":
                resolved = [not (p[lo] <= 0 <= p[hi]) for p in pts]
                any_unresolved |= not all(resolved)
                for p, r in zip(pts, resolved):
                    if r:
                        k_scale += [p[lo], p[hi]]
                ax.plot(x, y, color=c, ls=style["ls"], lw=style["lw"], gid=s.gid(panel), zorder=style["zorder"])
                for flag, col, face in ((True, c, style["mfc"]), (False, UNRESOLVED, "white")):
                    sel = [i for i, r in enumerate(resolved) if r == flag]
                    if sel:
                        bars = ax.errorbar([x[i] for i in sel], [y[i] for i in sel],
                                           yerr=[[err[0][i] for i in sel], [err[1][i] for i in sel]], ls="none",
                                           marker=style["marker"], ms=6.5, mfc=face, mec=col, mew=1.5, ecolor=col,
                                           capsize=3, elinewidth=1.1, zorder=style["zorder"])
                        bars.lines[0].set_gid(None if flag else "unresolved")
                continue
            line = ax.errorbar(x, y, yerr=err, **style)
            line.lines[0].set_gid(s.gid(panel))
            if panel == "time" and s.points[0]["workers"] == 1:
                t1 = s.points[0]["t_median"]
                ax.plot(w, [t1 if weak else t1 / p for p in w], color=c, lw=5, alpha=0.15, solid_capstyle="butt")
            if panel == "speedup":
                s_top = max(s_top, max(p[hi] for p in pts))
                if s.fit is not None and s.threads in ("", first_threads(s, series)):
                    top = max(x.points[-1]["workers"] for x in series if x.family == s.family
                              and x.source == s.source and x.reduction == s.reduction and x.size == s.size)
                    grid = [2 ** (i / 8) for i in range(int(8 * math.log2(top)) + 1)]   # no extrapolation
                    law = [g - s.fit * (g - 1) if weak else 1 / (s.fit + (1 - s.fit) / g) for g in grid]
                    ax.plot(grid, law, color=c, ls=":", lw=1.4)
        handles.append(Line2D([], [], color=c, ls=style["ls"], lw=1.8, marker=style["marker"], ms=6.5,
                              mfc=style["mfc"], mec=c, mew=1.5, label=legend_label(s, series, mode)))

    # Speedup: the ideal and the points set the scale, never a fitted law's pole.
    if decades:
        ax_s.set_ylim(min(min(p["speedup_lo"] for p in points), 1) / 1.5, s_top * 1.5)
    else:
        ax_s.set_ylim(0, 1.15 * s_top)
    e_hi = max(p["efficiency_hi"] for p in points)
    ax_e.set_ylim(0, max(1.1, min(e_hi * 1.05, 1.6)))
    k_lo, k_hi = min(k_scale), max(k_scale)
    pad = (k_hi - k_lo) * 0.12 or 0.01
    ax_k.set_ylim(k_lo - pad, k_hi + pad)
    for ln in ax_k.lines:   # an unresolved median beyond the frame: a grey triangle at its edge
        if ln.get_gid() != "unresolved":
            continue
        for xv, yv in zip(ln.get_xdata(), ln.get_ydata()):
            if not k_lo - pad <= yv <= k_hi + pad:
                top = yv > k_hi + pad
                ax_k.plot([xv], [k_hi + 0.6 * pad if top else k_lo - 0.6 * pad], ls="none", marker="^" if top else "v",
                          ms=8, mfc="white", mec=UNRESOLVED, mew=1.5, clip_on=False)
    if any_unresolved:
        ax_k.set_title("Karp-Flatt e = (1/S - 1/p)/(1 - 1/p)\n"
                       "grey: interval includes 0 (not told from perfect scaling), left out of the scale",
                       fontsize=10)

    key = [Line2D([], [], color="#000000", lw=5, alpha=0.12, label="ideal"),
           Line2D([], [], color="#333333", ls=":", lw=1.4,
                  label=("fitted Gustafson law" if weak else "fitted Amdahl law"))]
    if len({s.reduction for s in series}) > 1 or "plain" in {s.reduction for s in series}:
        key += [Line2D([], [], color="#333333", ls="-", lw=1.8, label="solid: exact reduction"),
                Line2D([], [], color="#333333", ls="--", lw=1.8, label="dashed: plain reduction")]
    if any(s.simulated for s in series):
        key += [Line2D([], [], color="#333333", ls="none", marker="o", mfc="#333333", mec="#333333",
                       label="filled: measured"),
                Line2D([], [], color="#333333", ls="none", marker="o", mfc="white", mec="#333333",
                       label="open: simulated (SimGrid)")]
    else:
        key.append(Line2D([], [], color="#333333", ls="none", marker="o", mfc="#333333", label="filled: measured"))
    leg = fig.legend(handles=handles + key, loc="upper left", bbox_to_anchor=(0.695, panels_top), fontsize=9,
                     frameon=False, title="series (f, s: fitted serial fraction)", title_fontsize=9.5,
                     alignment="left")
    leg.set_in_layout(False)
    return fig

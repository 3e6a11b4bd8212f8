"""The 2 x 2 scaling figure (scripts/plot_scaling), with matplotlib.

Read at a glance:
- colour: one per family (OpenMP threads, MPI ranks, hybrid; a
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
- a point that no machine can produce within its interval (scaling.py:
  efficiency above 1, Karp-Flatt below 0) is ringed in red, and a note
  under the panels says why; lines join the points of one parallelism only, and
  a simulated line is never joined to a measured one;
- the title names each machine, and the line under it each study's base
  case with its absolute time.
Each drawn line carries a gid "panel|source|host|parallelism|reduction|size|
threads|machine|revision" so that tests can read back what was drawn;
numbers() lists everything a figure draws, as text, for a reader and for
the test that redraws the committed figures.
"""
import math
import os
import textwrap

import matplotlib

matplotlib.use("Agg")
# One style, whatever the user's matplotlibrc says: the committed figures
# are redrawn and compared (make figures).
matplotlib.rcdefaults()
matplotlib.rcParams.update({"font.family": "DejaVu Sans", "svg.hashsalt": "maclaurin",
                            "path.simplify": False})
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.ticker import FuncFormatter, FixedLocator, LogLocator, NullLocator  # noqa: E402

from .scaling import CAUSE, FLAG_TEXT, ORDER, base_text, label  # noqa: E402

KIND_COLOURS = {"omp": "#1f77b4", "mpi": "#d62728", "hybrid": "#2ca02c"}
OTHER_COLOURS = ["#9467bd", "#17becf", "#8c564b", "#ff7f0e", "#e377c2", "#7f7f7f", "#bcbd22"]
REDUCTION_STYLES = {"exact": "-", "plain": "--"}
SHAPES = ["o", "s", "^", "D", "v", "P"]
PANELS = [("time", "t_median", "t_ci_lo", "t_ci_hi"), ("speedup", "speedup", "speedup_lo", "speedup_hi"),
          ("efficiency", "efficiency", "efficiency_lo", "efficiency_hi"),
          ("karp_flatt", "karp_flatt", "karp_flatt_lo", "karp_flatt_hi")]
UNRESOLVED = "#9a9a9a"
FLAGGED = "#e31a1c"


def line_key(p):
    """One line a parallelism of a study; hybrid runs, one line per threads a rank (their
    layouts share worker counts)."""
    return (p.source, p.host, p.machine, p.revision, p.parallelism, p.reduction, p.size, p.x,
            p.kernel, p.threads if p.parallelism == "hybrid" else "")


def short(text, width):
    return text if len(text) <= width else text[:width - 1] + "…"


def number(v):
    return f"{v:g}" if v < 1e5 else f"{v:.3g}"


class Line:
    """One drawn line: the points of one parallelism (hybrid: one threads a rank) of a study."""

    def __init__(self, key, points, fit):
        self.key, self.points, self.fit = key, sorted(points, key=lambda p: p.workers), fit
        first = self.points[0]
        self.simulated, self.parallelism, self.host = first.simulated, first.parallelism, first.host
        self.reduction, self.source, self.size = first.reduction, first.source, first.size
        self.machine, self.revision = first.machine, first.revision
        self.threads = key[-1]
        self.family = ("sim", self.machine) if self.simulated else ("kind", self.parallelism)

    def gid(self, panel):
        return "|".join([panel, self.source, self.host, self.parallelism, self.reduction, str(self.size), str(self.threads),
                         self.machine, self.revision])


def styles(lines):
    """Colour per family, shape per source within a family."""
    others = iter(OTHER_COLOURS)
    colours, shapes = {}, {}
    for s in lines:
        if s.family not in colours:
            colours[s.family] = KIND_COLOURS.get(s.parallelism) if s.family[0] == "kind" and s.parallelism in KIND_COLOURS \
                else next(others, "#555555")
        shapes.setdefault(s.family, {})
        shapes[s.family].setdefault((s.source, s.threads), SHAPES[len(shapes[s.family]) % len(SHAPES)])
    return colours, shapes


def legend_label(s, all_lines, mode):
    measured = {x.machine for x in all_lines if not x.simulated}
    sources = {x.source for x in all_lines}
    # a simulated platform runs MPI ranks only: its name says it all
    text = s.machine.replace(" (simulated)", "") if s.simulated else label(s.parallelism)
    if s.threads != "":
        text = f"hybrid, {s.threads} threads a rank"
    if not s.simulated and (len(measured) > 1 or any(x.simulated for x in all_lines)):
        text += f" on {s.host}"
    if len({x.revision for x in all_lines}) > 1:
        text += f", rev {s.revision}"
    if len(sources) > 1 and len({x.source for x in all_lines if x.family == s.family}) > 1:
        text += f" [{os.path.basename(s.source)}]"
    if len({x.reduction for x in all_lines}) > 1:
        text += f", {s.reduction}"
    if len({x.size for x in all_lines}) > 1:
        text += f", N{'/worker' if mode == 'weak' else ''}={number(s.size)}"
    if any(x.simulated for x in all_lines):
        text += " (simulated)" if s.simulated else " (measured)"
    if s.fit is not None and s.fit.serial_fraction is not None and s.threads in ("", first_threads(s, all_lines)):
        f = s.fit
        text += f"; {'s' if mode == 'weak' else 'f'} = {f.serial_fraction:.2g} [{f.fraction_lo:.2g}, {f.fraction_hi:.2g}]"
        if f.flags:
            text += " (below 0: see the note)"
        elif f.zero:
            text += " (not told from 0)"
        if len({x.threads for x in all_lines if x.family == s.family}) > 1:
            text += " (all hybrid)"
    return "\n  ".join(textwrap.wrap(text, 60))


def first_threads(s, all_lines):
    """The threads a rank of the first line of s's hybrid family (the one
    that carries the family's fit)."""
    return next(x.threads for x in all_lines if x.family == s.family and x.source == s.source
                and x.machine == s.machine and x.reduction == s.reduction and x.size == s.size)


def titles(study, mode, points, title=None):
    """The figure's head (the title, wrapped), the problem, the build and
    the base cases, one line each."""
    sizes = sorted({p.size for p in points})
    xs = sorted({p.x for p in points})
    kernels = sorted({p.kernel for p in points})
    reps = sorted({p.reps for p in points})
    level = min(p.ci_level for p in points)
    machines = sorted({p.machine for p in points})
    simulated_keys = {p.machine for p in points if p.simulated}
    measured = [study.labels[m] for m in machines if m not in simulated_keys]
    simulated = [m.split(" (simulated)")[0] for m in machines if m in simulated_keys]
    parts = []
    if simulated:
        parts.append("simulated (SimGrid) on " + "; ".join(dict.fromkeys(simulated)))
    if measured:
        parts.append("measured on " + "; ".join(measured))
    head = textwrap.wrap(title or f"{mode.capitalize()} scaling, " + "; ".join(parts), 125)
    problem = (f"{'N per worker' if mode == 'weak' else 'N'} = {', '.join(number(s) for s in sizes)}, "
               f"x = {', '.join(f'{x:.15g}' for x in xs)}, {'/'.join(kernels)} kernel; "
               f"points: medians of {f'{reps[0]}-{reps[-1]}' if len(reps) > 1 else reps[0]} "
               f"repetitions, bars: the median's interval (≥ {100 * level:.1f}%)")
    builds = []
    for m in study.meta:
        if any(p.source == m.source for p in points):
            facts = m.facts
            for rev, cflags, compiler, simd in zip(facts["git_rev"].split(" / "), facts["cflags"].split(" / ") * 9,
                                                   facts["compiler"].split(" / ") * 9, facts["simd"].split(" / ") * 9):
                flags = " ".join(dict.fromkeys(f for f in cflags.split() if f.startswith(("-O", "-march"))))
                b = f"rev {rev}, {compiler} {flags}, {simd}"
                if b not in builds and not rev.startswith("-"):
                    builds.append(b)
    builds = builds or ["not recorded"]
    build = "build: " + "; ".join(builds[:2]) + (f"; and {len(builds) - 2} more" if len(builds) > 2 else "")
    bases = []
    reductions = {p.reduction for p in points if not p.simulated}
    for p in points:
        if p.simulated:
            continue
        b = base_text(p).replace(", the fastest 1-worker run of its study", "")
        if len(reductions) > 1:
            b = f"{p.reduction}: {b}"
        if len(measured) > 1:
            b = f"{study.labels[p.machine].split(':')[0]}, {b}"
        if b not in bases:
            bases.append(b)
    sim_bases = sorted({f"{p.base_t:.4g} s" for p in points if p.simulated})
    base = "speedups against each study's fastest 1-worker run: " + "; ".join(bases[:3])
    if sim_bases:
        base += ("; " if bases else "") + "simulated: their own 1-rank time (" + ", ".join(sim_bases[:3]) + \
            (", ..." if len(sim_bases) > 3 else "") + ")"
    return head, problem, build, base


def log2_axis(ax, workers):
    ax.set_xscale("log", base=2)
    ticks = sorted(workers)
    if len(ticks) > 14:
        ticks = [w for w in ticks if (w & (w - 1)) == 0]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v / 1024:g}k" if v >= 1024 else f"{v:g}"))
    ax.set_xlim(min(workers) / 1.3, max(workers) * 1.3)


def flag_notes(points, line_label):
    """One line a flagged point, and for each cause what it means."""
    notes, causes = [], []
    for p in points:
        if p.flags:
            notes.append(f"{line_label(p)} at {p.workers} workers: "
                         + "; ".join(FLAG_TEXT[f] for f in p.flags)
                         + f" (efficiency {p.efficiency_lo:.3f} to {p.efficiency_hi:.3f})")
            if p.cause not in causes:
                causes.append(p.cause)
    if not notes:
        return []
    return (["ringed in red, impossible on any machine within its interval: " + "; ".join(notes)] +
            [f"why: {CAUSE[c]}" for c in causes])


def draw(study, mode, sources, title=None, caption=None):
    """The 2 x 2 figure of study's points of mode; title replaces the
    generated head, caption (a sentence or two) goes under the panels."""
    points = [p for p in study.points if p.mode == mode]
    groups = {}
    for p in points:
        groups.setdefault(line_key(p), []).append(p)
    lines = [Line(k, v, study.fit_of(v[0])) for k, v in groups.items()]
    lines.sort(key=lambda s: (s.simulated, ORDER.get(s.parallelism, 4), s.family[1], s.source, s.reduction, s.size))
    colours, shapes = styles(lines)
    weak = mode == "weak"
    workers = sorted({p.workers for p in points})
    decades = max(workers) / min(workers) > 10

    fig, axes = plt.subplots(2, 2, figsize=(15, 10), dpi=100)
    ax_t, ax_s, ax_e, ax_k = axes.flat
    head, problem, build, base = titles(study, mode, points, title)
    line_y = 0.978
    for line in head:
        fig.text(0.01, line_y, line, fontsize=14, weight="bold", va="top")
        line_y -= 0.03
    fig.text(0.01, line_y - 0.002, problem, fontsize=10.5, va="top")
    fig.text(0.01, line_y - 0.027, build, fontsize=9.5, va="top", color="#444444")
    base_lines = textwrap.wrap(base, 190)[:2]
    fig.text(0.01, line_y - 0.050, "\n".join(base_lines), fontsize=9.5, va="top", color="#444444")
    panels_top = line_y - 0.100 - 0.018 * (len(base_lines) - 1)
    notes = flag_notes(points, lambda p: label(p.parallelism) + (f" {p.ranks}x{p.threads}"
                                                                 if p.parallelism == "hybrid" else ""))
    footer = []
    for text in notes + ([caption] if caption else []) + ["data: " + ", ".join(sources)]:
        footer += textwrap.wrap(text, 200)
    bottom = 0.085 + 0.016 * len(footer)
    fig.subplots_adjust(left=0.06, right=0.68, top=panels_top, bottom=bottom, hspace=0.34, wspace=0.22)
    fig.text(0.01, 0.012, "\n".join(footer), fontsize=8.5, va="bottom", color="#444444", linespacing=1.35)

    for ax in axes.flat:
        log2_axis(ax, workers)
        ax.grid(True, which="major", alpha=0.35)
        ax.set_xlabel("workers (ranks × threads, log2)")
    cpus = sorted({p.cpus_online for p in points if p.cpus_online and p.workers > p.cpus_online})
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
    if max(p.t_ci_hi for p in points) / min(p.t_ci_lo for p in points) < 100:   # 1, 2, 5 a decade
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
    for s in lines:
        c = colours[s.family]
        # measured on top: a few filled points must show through many open ones
        style = dict(color=c, ls=REDUCTION_STYLES.get(s.reduction, ":"), lw=1.8, marker=shapes[s.family][(s.source, s.threads)],
                     ms=6.5, mfc="white" if s.simulated else c, mec=c, mew=1.5, capsize=3, elinewidth=1.1,
                     zorder=2 if s.simulated else 3)
        w = [p.workers for p in s.points]
        for (panel, mid, lo, hi), ax in zip(PANELS, axes.flat):
            pts = [p for p in s.points if getattr(p, mid) is not None]
            if not pts:
                continue
            x = [p.workers for p in pts]
            y = [getattr(p, mid) for p in pts]
            err = [[getattr(p, mid) - getattr(p, lo) for p in pts], [getattr(p, hi) - getattr(p, mid) for p in pts]]
            bad = [p for p in pts if p.flags]
            if bad and panel != "time":   # what no machine can do, ringed
                ax.plot([p.workers for p in bad], [getattr(p, mid) for p in bad], ls="none", marker="o", ms=15,
                        mfc="none", mec=FLAGGED, mew=2, zorder=5, gid="flagged|" + s.gid(panel))
            if panel == "karp_flatt":
                resolved = [not (getattr(p, lo) <= 0 <= getattr(p, hi)) for p in pts]
                any_unresolved |= not all(resolved)
                for p, r in zip(pts, resolved):
                    if r:
                        k_scale += [getattr(p, lo), getattr(p, hi)]
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
            if panel == "time" and s.points[0].workers == 1:   # the study's base case over p
                t1 = s.points[0].base_t
                ax.plot(w, [t1 if weak else t1 / p for p in w], color=c, lw=5, alpha=0.15, solid_capstyle="butt")
            if panel == "speedup":
                s_top = max(s_top, max(getattr(p, hi) for p in pts))
                fv = s.fit.serial_fraction if s.fit else None
                if fv is not None and s.threads in ("", first_threads(s, lines)):
                    top = max(x.points[-1].workers for x in lines if x.family == s.family
                              and x.source == s.source and x.reduction == s.reduction and x.size == s.size)
                    grid = [2 ** (i / 8) for i in range(int(8 * math.log2(top)) + 1)]   # no extrapolation
                    law = [g - fv * (g - 1) if weak else 1 / (fv + (1 - fv) / g) for g in grid]
                    ax.plot(grid, law, color=c, ls=":", lw=1.4)

        handles.append(Line2D([], [], color=c, ls=style["ls"], lw=1.8, marker=style["marker"], ms=6.5,
                              mfc=style["mfc"], mec=c, mew=1.5, label=legend_label(s, lines, mode)))

    # Speedup: the ideal and the points set the scale, never a fitted law's pole.
    if decades:
        ax_s.set_ylim(min(min(p.speedup_lo for p in points), 1) / 1.5, s_top * 1.5)
    else:
        ax_s.set_ylim(0, 1.15 * s_top)
    e_hi = max(p.efficiency_hi for p in points)
    ax_e.set_ylim(0, max(1.1, min(e_hi * 1.05, 1.6)))
    all_unresolved = len(k_scale) == 1
    if all_unresolved:   # no point told from 0: their medians set the scale
        k_scale += [p.karp_flatt for p in points if p.karp_flatt is not None]
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
        ax_k.set_title("Karp-Flatt e = (1/S - 1/p)/(1 - 1/p)\n" +
                       ("grey: every interval includes 0 (not told from perfect scaling)" if all_unresolved else
                        "grey: interval includes 0 (not told from perfect scaling), left out of the scale"),
                       fontsize=10)

    key = [Line2D([], [], color="#000000", lw=5, alpha=0.12, label="ideal"),
           Line2D([], [], color="#333333", ls=":", lw=1.4,
                  label=("fitted Gustafson law" if weak else "fitted Amdahl law"))]
    if len({s.reduction for s in lines}) > 1 or "plain" in {s.reduction for s in lines}:
        key += [Line2D([], [], color="#333333", ls="-", lw=1.8, label="solid: exact reduction"),
                Line2D([], [], color="#333333", ls="--", lw=1.8, label="dashed: plain reduction")]
    if any(s.simulated for s in lines):
        key += [Line2D([], [], color="#333333", ls="none", marker="o", mfc="#333333", mec="#333333",
                       label="filled: measured"),
                Line2D([], [], color="#333333", ls="none", marker="o", mfc="white", mec="#333333",
                       label="open: simulated (SimGrid)")]
    else:
        key.append(Line2D([], [], color="#333333", ls="none", marker="o", mfc="#333333", label="filled: measured"))
    if notes:
        key.append(Line2D([], [], ls="none", marker="o", ms=12, mfc="none", mec=FLAGGED, mew=2,
                          label="ringed: impossible within its interval\n  (the note under the panels)"))
    leg = fig.legend(handles=handles + key, loc="upper left", bbox_to_anchor=(0.695, panels_top), fontsize=9,
                     frameon=False, title="parallelism (f, s: fitted serial fraction)", title_fontsize=9.5,
                     alignment="left")
    leg.set_in_layout(False)
    return fig


def save(fig, path):
    """The PNG, with no metadata that changes from run to run or machine to
    machine (matplotlib names its version in Software by default)."""
    fig.savefig(path, metadata={"Software": None})


def numbers(fig):
    """What the figure draws, as text: every text on it, and every labelled
    line's points (a drawn line's gid, or its legend label) rounded to 4
    significant digits, panel by panel: what make figures writes beside
    each PNG, for a reader and for the redraw test."""
    def fmt(v):
        return f"{v:.4g}"

    out = []
    for t in fig.texts:
        if t.get_text().strip():
            out.append("text: " + t.get_text().replace("\n", " / "))
    for ax in fig.axes:
        out.append(f"panel: {ax.get_title()} ".replace("\n", " / ") + f"[x: {ax.get_xlabel()}; y: {ax.get_ylabel()}]")
        for line in ax.get_lines():
            name = line.get_gid() or line.get_label()
            if not name or name.startswith("_"):
                continue
            pts = " ".join(f"({fmt(float(x))}, {fmt(float(y))})" for x, y in zip(line.get_xdata(), line.get_ydata()))
            out.append(f"  {name}: {pts}")
        for t in ax.texts:
            if t.get_text().strip():
                out.append("  text: " + t.get_text().replace("\n", " / "))
    for leg in fig.legends:
        out.append("legend: " + (leg.get_title().get_text() or ""))
        for t in leg.get_texts():
            out.append("  " + t.get_text().replace("\n", " / "))
    return "\n".join(out) + "\n"

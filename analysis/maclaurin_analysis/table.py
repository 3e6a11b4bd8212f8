"""The scaling study as text for people, or its points as CSV or Markdown
(scripts/scaling_table).  Numbers are printed as %.6g, the level as %.3f,
an undefined value as "-", so that the CSV reads back exactly what the
text shows."""
import csv
import io

from .scaling import STUDY, base_text, flag_text, label

POINT_COLUMNS = ("source", "machine", "revision", "host", "mode", "parallelism", "driver", "x", "kernel", "reduction",
                 "size", "ranks", "threads", "workers", "reps", "oversubscribed", "cpus_online", "t_median",
                 "t_min", "t_max", "t_ci_lo", "t_ci_hi", "ci_level", "outliers", "base_driver", "base_rxt",
                 "base_t", "base_lo", "base_hi", "speedup", "speedup_lo", "speedup_hi", "efficiency",
                 "efficiency_lo", "efficiency_hi", "karp_flatt", "karp_flatt_lo", "karp_flatt_hi", "flags")


def num(v):
    return "-" if v is None else f"{v:.6g}"


def field(point, name):
    v = getattr(point, name)
    if name == "x":
        return f"{v:.17g}"
    if name == "ci_level":
        return f"{v:.3f}"
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, list):
        return "+".join(v) or "-"
    if isinstance(v, float) or v is None:
        return num(v)
    return str(v)


def rows_as(kind, header, rows):
    """A table (a header and rows of strings) as CSV (RFC 4180) or Markdown."""
    out = io.StringIO()
    if kind == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    else:
        for i, r in enumerate([header] + rows):
            out.write("| " + " | ".join(r) + " |\n")
            if i == 0:
                out.write("|" + " --- |" * len(header) + "\n")
    return out.getvalue()


def points_as(kind, study):
    return rows_as(kind, list(POINT_COLUMNS), [[field(p, c) for c in POINT_COLUMNS] for p in study.points])


FIT_COLUMNS = ("source", "machine", "revision", "host", "mode", "parallelism", "driver", "x", "kernel", "reduction",
               "size", "law", "serial_fraction", "fraction_lo", "fraction_hi", "zero", "flags", "points", "t1",
               "base_driver")


def fits_as(kind, study):
    if kind == "text":
        return "".join(line + "\n" for mode in ("strong", "weak") for line in fit_lines(study, mode))
    return rows_as(kind, list(FIT_COLUMNS), [[field(f, c) for c in FIT_COLUMNS] for f in study.fits])


def machine(study, point):
    return study.labels[point.machine]


def build(study, point):
    facts = next(m for m in study.meta if m.source == point.source).facts
    return f"{facts['simd']}, {facts['compiler']} {facts['cflags']}, rev {point.revision}"


def problem(point):
    return tuple(getattr(point, k) for k in STUDY)


def fraction(fit):
    """A fitted fraction with its interval, and what the interval says."""
    if fit.serial_fraction is None:
        return "-"
    text = f"{fit.serial_fraction:.3g} [{fit.fraction_lo:.3g}, {fit.fraction_hi:.3g}]"
    if fit.flags:
        return text + " !"
    return text + (" (not told from 0)" if fit.zero else "")


def text(study):
    """One block per study (source, machine, revision, mode and problem): the
    machine and build, the base case, a row per parallelism and worker count,
    then each parallelism's fitted serial fraction with its interval.  "*" marks
    oversubscribed rows, which the fits leave out; "!" a point or fit that
    no machine can produce within its interval, its cause below."""
    lines, levels, over, last = [], set(), False, None
    fits = {problem(f) + (f.parallelism,): f for f in study.fits}
    notes = []

    def end_block(prob, kinds):
        law = fits[prob + (kinds[0],)].law
        head = "Amdahl serial fraction f" if law == "amdahl" else "Gustafson serial fraction s"
        lines.append(head + " (least squares over p > 1 within the cores; [interval]): " +
                     ", ".join(f"{label(s)} {fraction(fits[prob + (s,)])}" for s in kinds))
        for s in kinds:
            f = fits[prob + (s,)]
            if f.flags:
                notes.append(f"! {label(s)} fit: {flag_text(f.flags, f.cause)}")

    kinds = []
    for p in study.points:
        if problem(p) != last:
            if last is not None:
                end_block(last, kinds)
                lines.extend(notes)
                notes.clear()
                lines.append("")
            last, kinds, mode = problem(p), [], p.mode
            lines.append(f"{mode.capitalize()} scaling on {machine(study, p)}")
            lines.append(f"build: {build(study, p)}")
            lines.append(f"{p.source}: {'N per worker' if mode == 'weak' else 'N'} = {p.size}, "
                         f"x = {p.x:.15g}, kernel {p.kernel}, {p.reduction} reduction")
            lines.append(f"base case: {base_text(p)} ({p.base_reps} repetitions)")
            lines.append("%-23s %7s %8s %4s %10s %21s %3s %8s %10s %10s" % (
                "parallelism", "RxT", "workers", "reps", "median s", "interval of median s", "out",
                "scaled S" if mode == "weak" else "speedup", "efficiency", "Karp-Flatt"))
        if p.parallelism not in kinds:
            kinds.append(p.parallelism)
        over |= p.oversubscribed
        levels.add((p.ci_level, p.reps))
        kf = p.karp_flatt
        lines.append("%-23s %7s %7d%s %4d %10.4g %21s %3s %8.3f %10.3f %10s%s" % (
            label(p.parallelism), f"{p.ranks}x{p.threads}", p.workers, "*" if p.oversubscribed else " ",
            p.reps, p.t_median, f"{p.t_ci_lo:.4g} - {p.t_ci_hi:.4g}", p.outliers or "",
            p.speedup, p.efficiency, "-" if kf is None else f"{kf:.3f}", " !" if p.flags else ""))
        if p.flags:
            notes.append(f"! {label(p.parallelism)} {p.ranks}x{p.threads}: efficiency "
                         f"[{p.efficiency_lo:.3f}, {p.efficiency_hi:.3f}]: {flag_text(p.flags, p.cause)}")
    if last is not None:
        end_block(last, kinds)
        lines.extend(notes)
    lines.append("interval: order statistics of the repetitions that cover the median with probability " +
                 ", ".join(f"{100 * lv:.1f}% with {n} repetitions" for lv, n in sorted(levels)) +
                 "; out: repetitions beyond Tukey's fences (1.5 IQR)")
    if over:
        lines.append("* oversubscribed: more workers than cores; left out of the fits")
    return "\n".join(lines) + "\n"


def fit_lines(study, mode):
    """One line per fitted parallelism of mode, as plot_scaling prints them."""
    out = []
    for f in study.fits:
        if f.mode != mode:
            continue
        amdahl = f.law == "amdahl"
        out.append(f"{f.source}: {mode} {f.parallelism} N{'' if amdahl else '/worker'}={f.size}: "
                   f"{'Amdahl' if amdahl else 'Gustafson'} serial fraction {'f' if amdahl else 's'} = "
                   f"{fraction(f)} ({f.host}, {f.reduction} reduction)")
    return out

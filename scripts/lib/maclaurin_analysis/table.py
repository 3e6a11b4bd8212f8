"""The scaling study as text for people, or its points as CSV or Markdown
(scripts/scaling_table).  Numbers are printed as %.6g, the level as %.3f,
an undefined value as "-", so that the CSV reads back exactly what the
text shows."""
import csv
import io

from .scaling import label

POINT_COLUMNS = ("source", "host", "mode", "series", "driver", "x", "kernel", "reduction", "size", "ranks",
                 "threads", "workers", "reps", "oversubscribed", "cpus_online", "t_median", "t_min", "t_max",
                 "t_ci_lo", "t_ci_hi", "ci_level", "outliers", "speedup", "speedup_lo", "speedup_hi",
                 "efficiency", "efficiency_lo", "efficiency_hi", "karp_flatt", "karp_flatt_lo", "karp_flatt_hi")


def num(v):
    return "-" if v is None else f"{v:.6g}"


def field(point, name):
    v = point[name]
    if name == "x":
        return f"{v:.17g}"
    if name == "ci_level":
        return f"{v:.3f}"
    if isinstance(v, bool):
        return "1" if v else "0"
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


FIT_COLUMNS = ("source", "host", "mode", "series", "driver", "x", "kernel", "reduction", "size", "law",
               "serial_fraction", "points", "t1")


def fits_as(kind, study):
    if kind == "text":
        return "".join(line + "\n" for mode in ("strong", "weak") for line in fit_lines(study, mode))
    return rows_as(kind, list(FIT_COLUMNS), [[field(f, c) for c in FIT_COLUMNS] for f in study.fits])


def machine(study, point):
    m = next(m for m in study.meta if m["source"] == point["source"])
    return (f"{point['host']} ({m['cpu_model']}, {m['cpus_online']} CPUs), {m['simd']}, "
            f"{m['compiler']} {m['cflags']}, rev {m['git_rev']}")


def problem(point):
    return tuple(point[k] for k in ("source", "host", "mode", "x", "kernel", "reduction", "size"))


def text(study):
    """One block per source, host, mode and problem: the machine and build, a
    row per series and worker count, then each series' fitted serial
    fraction.  "*" marks oversubscribed rows, which the fits leave out."""
    lines, levels, over, last = [], set(), False, None
    fits = {problem(f) + (f["series"],): f for f in study.fits}

    def end_block(prob, series):
        law = fits[prob + (series[0],)]["law"]
        head = "Amdahl serial fraction f" if law == "amdahl" else "Gustafson serial fraction s"
        lines.append(head + " (least squares over p > 1 within the cores): " +
                     ", ".join(f"{label(s)} {num(fits[prob + (s,)]['serial_fraction'])}" for s in series))

    series = []
    for p in study.points:
        if problem(p) != last:
            if last is not None:
                end_block(last, series)
                lines.append("")
            last, series, mode = problem(p), [], p["mode"]
            lines.append(f"{mode.capitalize()} scaling on {machine(study, p)}")
            lines.append(f"{p['source']}: {'N per worker' if mode == 'weak' else 'N'} = {p['size']}, "
                         f"x = {p['x']:.15g}, kernel {p['kernel']}, {p['reduction']} reduction")
            lines.append("%-23s %7s %8s %4s %10s %21s %3s %8s %10s %10s" % (
                "series", "RxT", "workers", "reps", "median s", "interval of median s", "out",
                "scaled S" if mode == "weak" else "speedup", "efficiency", "Karp-Flatt"))
        if p["series"] not in series:
            series.append(p["series"])
        over |= p["oversubscribed"]
        levels.add((p["ci_level"], p["reps"]))
        kf = p["karp_flatt"]
        lines.append("%-23s %7s %7d%s %4d %10.4g %21s %3s %8.3f %10.3f %10s" % (
            label(p["series"]), f"{p['ranks']}x{p['threads']}", p["workers"], "*" if p["oversubscribed"] else " ",
            p["reps"], p["t_median"], f"{p['t_ci_lo']:.4g} - {p['t_ci_hi']:.4g}", p["outliers"] or "",
            p["speedup"], p["efficiency"], "-" if kf is None else f"{kf:.3f}"))
    if last is not None:
        end_block(last, series)
    lines.append("interval: order statistics of the repetitions that cover the median with probability " +
                 ", ".join(f"{100 * lv:.1f}% with {n} repetitions" for lv, n in sorted(levels)) +
                 "; out: repetitions beyond Tukey's fences (1.5 IQR)")
    if over:
        lines.append("* oversubscribed: more workers than cores; left out of the fits")
    return "\n".join(lines) + "\n"


def fit_lines(study, mode):
    """One line per fitted series of mode, as plot_scaling prints them."""
    out = []
    for f in study.fits:
        if f["mode"] != mode:
            continue
        amdahl = f["law"] == "amdahl"
        out.append(f"{f['source']}: {mode} {f['series']} N{'' if amdahl else '/worker'}={f['size']}: "
                   f"{'Amdahl' if amdahl else 'Gustafson'} serial fraction {'f' if amdahl else 's'} = "
                   f"{num(f['serial_fraction'])} ({f['host']}, {f['reduction']} reduction)")
    return out

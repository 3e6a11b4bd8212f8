"""results/simulated-predictions.md: the simulated sweeps as tables, made
from their CSVs by make figures (figures.py, [document]), so that no
predicted number is typed by hand.

Every simulated row names its host speed v (terms/s of a core); on p
ranks N terms take at best N / (p v), the ideal, and E = ideal / T.  The
predictions are deterministic, so a configuration's repetitions agree and
the median is the prediction.
"""
import os

from . import stats
from .results import read_rows


def medians(path):
    """{(platform, mode, reduction, ranks): (median seconds, terms, host
    speed, bits)} of a CSV's verified rows."""
    out, times = {}, {}
    for r in read_rows(path)[1]:
        if r.get("verified") != "1":
            continue
        key = (r["platform"], r.get("mode") or "strong", r["reduction"], int(r["ranks"]))
        times.setdefault(key, []).append(float(r["seconds"]))
        speed = float(r["host_speed"]) if r.get("host_speed") else None
        out[key] = (None, int(float(r["terms"])), speed, r["result_hex"])
    return {k: (stats.median(times[k]),) + out[k][1:] for k in out}


def ms(t):
    return f"{t * 1e3:.4g} ms"


def strong_table(paths):
    """Ranks down, per platform exact and plain: T and E against N/(p v)."""
    m = merged(paths)
    platforms = sorted({k[0] for k in m})
    ranks = sorted({k[3] for k in m})
    head = ["ranks", "ideal"] + [f"{pl} {red}: T, E" for pl in platforms for red in ("exact", "plain")] + \
        [f"exact / plain: {pl}" for pl in platforms]
    lines = ["| " + " | ".join(head) + " |", "| ---: | ---: |" + " --- |" * (2 * len(platforms)) +
             " ---: |" * len(platforms)]
    for p in ranks:
        cells, ratios, ideal = [], [], None
        for pl in platforms:
            e, pn = m.get((pl, "strong", "exact", p)), m.get((pl, "strong", "plain", p))
            for v in (e, pn):
                if v is None:
                    cells.append("-")
                    continue
                ideal = v[1] / (p * v[2])
                cells.append(f"{ms(v[0])}, {ideal / v[0]:.2f}")
            ratios.append(f"{e[0] / pn[0]:.3f}" if e and pn else "-")
        lines.append(f"| {p} | {ms(ideal) if ideal else '-'} | " + " | ".join(cells + ratios) + " |")
    return "\n".join(lines)


def merged(paths):
    """medians() of several CSVs, in one dict."""
    m = {}
    for p in paths:
        m.update(medians(p))
    return m


def ranks_table(paths, heading, cell):
    """Ranks down, a column a platform and reduction: cell(medians,
    platform, reduction, ranks) in each."""
    m = merged(paths)
    cols = sorted({(k[0], k[2]) for k in m})
    lines = ["| ranks | " + " | ".join(f"{pl} {red}{heading}" for pl, red in cols) + " |",
             "| ---: |" + " ---: |" * len(cols)]
    for p in sorted({k[3] for k in m}):
        lines.append(f"| {p} | " + " | ".join(cell(m, pl, red, p) for pl, red in cols) + " |")
    return "\n".join(lines)


def network_table(paths):
    """The median time, in microseconds, of a computation-free sweep."""
    def cell(m, pl, red, p):
        v = m.get((pl, "strong", red, p))
        return f"{v[0] / 1e-6:.3g} us" if v else "-"
    return ranks_table(paths, "", cell)


def weak_table(paths):
    """T and T1 / Tp per platform and reduction."""
    def cell(m, pl, red, p):
        v, one = m.get((pl, "weak", red, p)), m.get((pl, "weak", red, 1))
        return f"{ms(v[0])}, {one[0] / v[0]:.2f}" if v and one else "-"
    return ranks_table(paths, ": T, E", cell)


def validation_table(measured, simulated):
    """Per reduction and rank count: measured fastest and median, the
    prediction, and their ratios."""
    meas, sim = {}, {}
    for r in read_rows(measured)[1]:
        if r["verified"] == "1":
            meas.setdefault((r["reduction"], int(r["ranks"])), []).append(float(r["seconds"]))
    for r in read_rows(simulated)[1]:
        if r["verified"] == "1":
            sim.setdefault((r["reduction"], int(r["ranks"])), {}).setdefault(r["platform"], []).append(
                float(r["seconds"]))
    lines = ["| reduction | ranks | measured: fastest, median (s) | predicted (s), per platform | "
             "predicted / measured fastest, median |", "| --- | ---: | --- | --- | --- |"]
    for key in sorted(meas):
        t = meas[key]
        best, med = min(t), stats.median(t)
        preds = sim.get(key, {})
        pred = "; ".join(f"{pl} {stats.median(v):.4f}" for pl, v in sorted(preds.items()))
        ratios = "; ".join(f"{stats.median(v) / best:.3f}, {stats.median(v) / med:.3f}"
                           for _, v in sorted(preds.items()))
        lines.append(f"| {key[0]} | {key[1]} | {best:.4f}, {med:.4f} | {pred} | {ratios} |")
    return "\n".join(lines)


def document(section, results):
    """The whole of results/simulated-predictions.md."""
    def names(option):
        return [os.path.join(results, n) for n in section.get(option, "").split()]

    speeds = set()
    for p in names("strong") + names("weak"):
        speeds |= {r.get("host_speed") for r in read_rows(p)[1]}
    speed = ", ".join(f"{float(s):.4g}" for s in sorted(speeds) if s)
    out = ["# Simulated predictions: the default problem to 4,096 ranks", "",
           "Generated by `make figures` from the CSVs named under each table (results/figures.ini); do not",
           "edit.  What `make simulate` and its variants predicted for `maclaurin_mpi`, every term summed and",
           f"each simulated core charged at {speed} terms/s; how the simulation works and how far to trust",
           "it: [docs/simulation.md](../docs/simulation.md).  T is the predicted time (the median of a",
           "configuration's repetitions, which agree), E the efficiency against the ideal N / (p x host",
           "speed).", "",
           "## Validation: 1 and 2 ranks, measured against predicted", "",
           validation_table(*names("validation")), "",
           f"From {', '.join(os.path.basename(p) for p in names('validation'))}.", "",
           "## Strong scaling, one single-core host a rank", "",
           strong_table(names("strong")), "",
           f"From {', '.join(os.path.basename(p) for p in names('strong'))}.", "",
           "## Strong scaling, hosts of 16 cores", "",
           strong_table(names("strong16")), "",
           f"From {', '.join(os.path.basename(p) for p in names('strong16'))}.", "",
           "## The communication alone", "",
           "Computation free (`--network-only`): the barrier's release and the reduction alone.", "",
           network_table(names("network")), "",
           f"From {', '.join(os.path.basename(p) for p in names('network'))}.", "",
           "## Weak scaling, one single-core host a rank", "",
           weak_table(names("weak")), "",
           f"From {', '.join(os.path.basename(p) for p in names('weak'))}; E = T1 / Tp.", ""]
    return "\n".join(out)

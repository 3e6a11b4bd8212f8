"""Two scaling studies point by point (scaling_table --compare).

A point is matched by mode, parallelism, x, kernel, reduction, problem
size, ranks and threads.  The ratio is B's median time over A's; its
interval runs from B's low end over A's high end to B's high end over A's
low end, the two medians' intervals taken together, so it covers the ratio
of the true medians with at least the product of their coverages.  "B
faster" or "B slower" only where the interval leaves out 1.
"""
from dataclasses import dataclass

from .scaling import label
from .table import rows_as

KEY = ("mode", "parallelism", "x", "kernel", "reduction", "size", "ranks", "threads")


@dataclass
class Comparison:
    """One point of B against the same point of A."""
    parallelism: str
    rxt: str
    workers: int
    median_a: float
    median_b: float
    ratio: float
    ratio_lo: float
    ratio_hi: float
    level: float
    verdict: str


def compare(a, b):
    """(rows, only_a, only_b): a Comparison per matched point, in B's order."""
    by_key = {tuple(getattr(p, k) for k in KEY): p for p in a.points}
    rows, matched = [], set()
    for pb in b.points:
        k = tuple(getattr(pb, n) for n in KEY)
        pa = by_key.get(k)
        if pa is None:
            continue
        matched.add(k)
        lo, hi = pb.t_ci_lo / pa.t_ci_hi, pb.t_ci_hi / pa.t_ci_lo
        rows.append(Comparison(pb.parallelism, f"{pb.ranks}x{pb.threads}", pb.workers, pa.t_median, pb.t_median,
                               pb.t_median / pa.t_median, lo, hi, pa.ci_level * pb.ci_level,
                               "B faster" if hi < 1 else "B slower" if lo > 1 else "same within the interval"))
    return rows, len(by_key) - len(matched), len(b.points) - len(matched)


def compare_as(kind, rows):
    if kind == "csv":
        return rows_as("csv", ["parallelism", "rxt", "workers", "median_a", "median_b", "ratio", "ratio_lo",
                               "ratio_hi", "verdict"],
                       [[label(r.parallelism), r.rxt, str(r.workers), f"{r.median_a:.6g}", f"{r.median_b:.6g}",
                         f"{r.ratio:.4g}", f"{r.ratio_lo:.4g}", f"{r.ratio_hi:.4g}", r.verdict] for r in rows])
    if kind == "markdown":
        return rows_as("markdown", ["parallelism", "RxT", "median A s", "median B s", "B / A", "interval", "verdict"],
                       [[label(r.parallelism), r.rxt, f"{r.median_a:.4g}", f"{r.median_b:.4g}", f"{r.ratio:.3f}",
                         f"{r.ratio_lo:.3f} - {r.ratio_hi:.3f}", r.verdict] for r in rows])
    if not rows:
        return "no point of B matches one of A\n"
    lines = ["%-23s %7s %10s %10s %8s %17s  %s" % ("parallelism", "RxT", "median A s", "median B s", "B / A",
                                                   "interval", "verdict")]
    for r in rows:
        lines.append("%-23s %7s %10.4g %10.4g %8.3f %17s  %s" % (
            label(r.parallelism), r.rxt, r.median_a, r.median_b, r.ratio, f"{r.ratio_lo:.3f} - {r.ratio_hi:.3f}",
            r.verdict))
    lines.append(f"interval: from the medians' intervals, covering at least {100 * min(r.level for r in rows):.1f}%")
    return "\n".join(lines) + "\n"

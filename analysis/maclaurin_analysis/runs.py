"""What scripts/sweep and scripts/simulate ask of their own output: which
configurations are complete and how one run went."""
import os
from typing import List, NamedTuple, Optional

from . import stats
from .results import read_rows


def config_key(row, first=()):
    """The identity --resume skips: mode|driver|ranks|threads|terms|x|kernel|
    reduction|round (x as %.17g), after the columns named in first."""
    head = [row.get(n, "") for n in first]
    rest = [row.get("mode", ""), row["driver"], row["ranks"], row["threads"], row["terms"],
            f"{float(row['x']):.17g}", row["kernel"], row["reduction"], row.get("round", "0")]
    return "|".join(head + rest)


def done_keys(path, first=()):
    """Keys of the configurations whose rows in path are all verified (a
    torn row never counts)."""
    _, rows, _ = read_rows(path)
    seen, failed = [], set()
    for r in rows:
        k = config_key(r, first)
        if k not in seen:
            seen.append(k)
        if r["verified"] != "1":
            failed.add(k)
    return [k for k in seen if k not in failed]


SUMMARY_FIELDS = ("rows", "verified", "unverified", "best", "bits", "median", "nodes")


class RunSummary(NamedTuple):
    """One run's rows: how many, how many verified and not, the fastest
    repetition's seconds and result_hex, the median seconds, and the nodes
    they ran on (the distinct values of the nodes column, in order)."""
    rows: int
    verified: int
    unverified: int
    best: Optional[float]
    bits: str
    median: Optional[float]
    nodes: List[str]

    def field(self, name):
        """NAME as the scripts read it: '-' for no value, nodes ','-joined (0: none)."""
        value = getattr(self, name)
        if name == "nodes":
            return ",".join(value) or "0"
        if value is None:
            return "-"
        return f"{value:.6g}" if isinstance(value, float) else str(value)


def run_summary(path, after=0):
    """The RunSummary of one run's CSV, or of the rows after its first
    AFTER lines (the header one of them); a missing file has no rows."""
    if not os.path.exists(path):
        return RunSummary(0, 0, 0, None, "-", None, [])
    _, rows, _ = read_rows(path)
    rows = rows[max(after - 1, 0):]
    verified = sum(1 for r in rows if r["verified"] == "1")
    nodes = []
    for r in rows:
        if r.get("nodes", "") not in nodes:
            nodes.append(r.get("nodes", ""))
    if not rows:
        return RunSummary(0, 0, 0, None, "-", None, nodes)
    times = [float(r["seconds"]) for r in rows]
    best = min(range(len(rows)), key=lambda i: times[i])
    return RunSummary(len(rows), verified, len(rows) - verified, times[best],
                      rows[best].get("result_hex", "-"), stats.median(times), nodes)


def kind_of(row):
    """measured, simulated, network-only (a simulation whose computation
    is free: not a prediction of the run time), or slowed (some simulated
    hosts slower than the others: not a scaling study)."""
    if row.get("simulated", "0") != "1":
        return "measured"
    platform = row.get("platform", "")
    # slow_hosts from format 1.4 on; before, the platform's name said it
    if row.get("slow_hosts", "none") not in ("", "none") or ".slow-" in platform:
        return "slowed"
    return "network-only" if platform.endswith(".network-only") else "simulated"

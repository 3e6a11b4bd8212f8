"""What scripts/sweep and scripts/simulate ask of their own output: which
configurations are complete, how one run went, and the validation table
(simulated against measured)."""
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


def run_summary(path):
    """(unverified rows, fastest seconds, its result_hex, median seconds) of
    one run's CSV."""
    _, rows, _ = read_rows(path)
    if not rows:
        return len(rows), None, "-", None
    times = [float(r["seconds"]) for r in rows]
    best = min(range(len(rows)), key=lambda i: times[i])
    unverified = sum(1 for r in rows if r["verified"] != "1")
    return unverified, times[best], rows[best].get("result_hex", "-"), stats.median(times)


def validation(paths, run_id):
    """simulate --validate's table: per reduction, rank count and platform,
    the fastest and median repetition of run_id and their ratios to the
    measured ones (platform "real")."""
    times = {}
    for path in paths:
        for r in read_rows(path)[1]:
            if r.get("run_id") == run_id and r["verified"] == "1":
                times.setdefault((r["reduction"], int(r["ranks"])), {}).setdefault(r["platform"], []).append(
                    float(r["seconds"]))
    lines = ["%-9s %5s  %-16s %12s %12s %9s %9s" % ("reduction", "ranks", "platform", "min (s)", "median (s)",
                                                    "min/real", "med/real")]
    for (red, ranks), by_platform in sorted(times.items()):
        real = by_platform.get("real")
        if not real:
            continue
        for platform, t in sorted(by_platform.items()):
            lines.append("%-9s %5s  %-16s %12.6f %12.6f %9.4f %9.4f" % (
                red, ranks, platform, min(t), stats.median(t), min(t) / min(real),
                stats.median(t) / stats.median(real)))
    return lines


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

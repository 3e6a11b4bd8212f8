"""Scaling metrics of sweep CSVs: points (one per series and worker count)
and fitted serial fractions.

Rows are grouped into series: "omp" (maclaurin_omp, workers = threads),
"mpi" (maclaurin_mpi on 1 thread a rank, workers = ranks), "hybrid"
(maclaurin_mpi with threads > 1), else the driver's name.  A series is one
source file, host, mode, x, kernel, reduction and problem size (strong:
terms; weak: terms per worker).  T1 is the median time of the same driver on
1 worker (for hybrid: maclaurin_mpi 1 x 1).  With Tp the median over
repetitions on p workers:
  strong: speedup S = T1/Tp, efficiency E = S/p
  weak:   scaled speedup S = p T1/Tp, efficiency E = T1/Tp
  Karp-Flatt e = (1/S - 1/p) / (1 - 1/p), for p > 1
The _lo/_hi of speedup, efficiency and Karp-Flatt follow from the median's
interval (stats.interval).  The fitted serial fraction is a least-squares fit
over the series' medians on p > 1 within the cores: strong, Amdahl Tp/T1 =
f + (1-f)/p, f = sum(a y)/sum(a a) with a = 1 - 1/p, y = Tp/T1 - 1/p; weak,
Gustafson S = p - s(p-1), s = sum((p-1)(p-S))/sum((p-1)^2).

A simulated row (simulated = 1, scripts/simulate) has the host
"<platform> (simulated)", so predictions and measurements never share a
series; its cpus_online column counts the simulated hosts' cores, not this
machine's CPUs.
"""
from . import stats
from .results import read_rows, ResultsError

NEEDED = ("driver", "ranks", "threads", "terms", "x", "kernel", "reduction", "seconds", "verified", "host")
ORDER = {"omp": 1, "mpi": 2, "hybrid": 3}
LABELS = {"omp": "OpenMP threads", "mpi": "MPI ranks", "hybrid": "hybrid ranks x threads"}
META_FACTS = ("host", "cpu_model", "cpus_online", "simd", "compiler", "cflags", "git_rev", "mode", "terms", "x", "binding")


def label(series):
    return LABELS.get(series, series)


def is_simulated(row):
    return row.get("simulated", "") == "1"


def series_of(driver, threads):
    if driver == "maclaurin_omp":
        return "omp"
    if driver == "maclaurin_serial":
        return "serial"
    if driver != "maclaurin_mpi":
        return driver
    return "mpi" if threads == 1 else "hybrid"


def karp_flatt(s, p):
    return (1 / s - 1 / p) / (1 - 1 / p) if p > 1 and s > 0 else None


class Study:
    """The analysis of one or more results CSVs: .points, .fits, .meta (lists
    of dicts, numbers as floats, None where undefined) and .warnings."""

    def __init__(self, paths):
        self.points, self.fits, self.meta, self.warnings = [], [], [], []
        groups, facts, order = {}, {}, []
        for path in paths:
            header, rows, torn = read_rows(path)
            for name in NEEDED:
                if name not in header:
                    raise ResultsError(f"invalid CSV '{path}': no '{name}' column (not a maclaurin results file)")
            unverified = 0
            fact = facts.setdefault(path, {"rows": 0})
            order.append(path)
            for row in rows:
                if row["verified"] != "1":
                    unverified += 1
                    continue
                self._add(path, row, groups, fact)
            if torn:
                self.warnings.append(f"scaling: {path}: {torn} incomplete rows left out")
            if unverified:
                self.warnings.append(f"scaling: {path}: {unverified} unverified rows left out")
        for path in sorted(set(order)):
            m = {"source": path, "rows": facts[path]["rows"]}
            for name in META_FACTS:
                m[name] = " / ".join(facts[path].get(name, [])) or "-"
            self.meta.append(m)
        self._metrics(groups)

    @staticmethod
    def _add(path, row, groups, fact):
        mode = row.get("mode") or "strong"
        ranks, threads = int(row["ranks"]), int(row["threads"])
        workers = ranks * threads
        driver = row["driver"]
        series = series_of(driver, threads)
        terms = float(row["terms"])
        size = round(terms / workers) if mode == "weak" else int(terms)
        simulated = is_simulated(row)
        host = f"{row.get('platform', '')} (simulated)" if simulated else row["host"]
        x = float(row["x"])
        problem = (path, host, mode, x, row["kernel"], row["reduction"], size)
        key = problem + (series, driver, workers, ranks)
        g = groups.get(key)
        if g is None:
            g = groups[key] = {
                "source": path, "host": host, "mode": mode, "series": series, "driver": driver,
                "x": x, "kernel": row["kernel"], "reduction": row["reduction"], "size": size,
                "ranks": ranks, "threads": threads, "workers": workers, "times": [],
                "oversubscribed": row.get("oversubscribed") == "1", "simulated": simulated,
                "cpus_online": None if simulated or not row.get("cpus_online") else int(row["cpus_online"]),
                "baseline": problem + (driver,),
            }
        g["times"].append(float(row["seconds"]))
        fact["rows"] += 1
        values = dict(row, host=host, mode=mode)
        if simulated:   # a simulated row's CPUs are its ranks
            values.pop("cpus_online", None)
        for name in META_FACTS:
            v = values.get(name, "")
            if v and v not in fact.setdefault(name, []):
                fact[name].append(v)

    def _metrics(self, groups):
        t = {}
        for key, g in groups.items():
            g["t_median"] = stats.median(g["times"])
            g["t_ci_lo"], g["t_ci_hi"] = stats.interval(g["times"])
            t[key] = g
        t1 = {g["baseline"]: g["t_median"] for g in groups.values() if g["workers"] == 1}

        def sort_key(g):
            return (g["source"], g["host"], g["mode"], g["x"], g["kernel"], g["reduction"], g["size"],
                    ORDER.get(g["series"], 4), g["series"], g["driver"], g["workers"], g["ranks"])

        fits, missing = {}, set()
        for g in sorted(groups.values(), key=sort_key):
            if g["baseline"] not in t1:
                if (g["source"], g["series"]) not in missing:
                    self.warnings.append(f"scaling: {g['source']}: {g['series']} left out: no 1-worker run of {g['driver']}")
                missing.add((g["source"], g["series"]))
                continue
            base, p, n = t1[g["baseline"]], g["workers"], len(g["times"])
            scale = p if g["mode"] == "weak" else 1
            s = scale * base / g["t_median"]
            s_lo, s_hi = scale * base / g["t_ci_hi"], scale * base / g["t_ci_lo"]
            point = {k: g[k] for k in ("source", "host", "mode", "series", "driver", "x", "kernel", "reduction",
                                       "size", "ranks", "threads", "workers", "oversubscribed", "cpus_online",
                                       "simulated", "t_median", "t_ci_lo", "t_ci_hi")}
            point.update(reps=n, t_min=min(g["times"]), t_max=max(g["times"]), ci_level=stats.ci_level(n),
                         outliers=stats.outliers(g["times"]), speedup=s, speedup_lo=s_lo, speedup_hi=s_hi,
                         efficiency=s / p, efficiency_lo=s_lo / p, efficiency_hi=s_hi / p,
                         karp_flatt=karp_flatt(s, p), karp_flatt_lo=karp_flatt(s_hi, p),
                         karp_flatt_hi=karp_flatt(s_lo, p))
            self.points.append(point)
            fkey = g["baseline"][:-1] + (ORDER.get(g["series"], 4), g["series"], g["driver"])
            fit = fits.setdefault(fkey, {k: g[k] for k in ("source", "host", "mode", "series", "driver", "x",
                                                           "kernel", "reduction", "size")})
            fit.update(law="gustafson" if g["mode"] == "weak" else "amdahl", t1=base)
            fit.setdefault("ay", 0.0), fit.setdefault("aa", 0.0), fit.setdefault("points", 0)
            if p > 1 and not g["oversubscribed"]:
                a = p - 1 if g["mode"] == "weak" else 1 - 1 / p
                y = p - s if g["mode"] == "weak" else g["t_median"] / base - 1 / p
                fit["ay"] += a * y
                fit["aa"] += a * a
                fit["points"] += 1
        for key in sorted(fits):
            fit = fits[key]
            fit["serial_fraction"] = fit.pop("ay") / fit["aa"] if fit["points"] else None
            fit.pop("aa")
            self.fits.append(fit)

    def fit_of(self, point):
        """The fitted serial fraction of a point's series (None if none)."""
        for f in self.fits:
            if all(f[k] == point[k] for k in ("source", "host", "mode", "series", "x", "kernel", "reduction", "size")):
                return f["serial_fraction"]
        return None


def analyse(*paths):
    """The Study of the given results CSVs (a notebook's entry point)."""
    return Study(paths)

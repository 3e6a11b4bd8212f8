"""The numbers a figure draws against the numbers scaling_table prints.

Usage: python3 tests/scripts/figure_numbers.py MODE TABLE.csv RESULTS.csv...
TABLE.csv is `scripts/scaling_table --format csv RESULTS.csv...`.  Draws the
figure as plot_scaling does (maclaurin_analysis.figure.draw) and reads back
every series line of each panel (their gids name panel and series): each
point the table has must be drawn at its workers with its value, and
nothing else may be drawn.  Prints what differs and exits 1, or prints the
count of points checked.
"""
import csv
import sys

sys.path.insert(0, "analysis")
from maclaurin_analysis import analyse  # noqa: E402
from maclaurin_analysis.figure import draw  # noqa: E402

PANELS = {"time": "t_median", "speedup": "speedup", "efficiency": "efficiency", "karp_flatt": "karp_flatt"}

mode, table, sources = sys.argv[1], sys.argv[2], sys.argv[3:]
want = {}
with open(table, newline="") as f:
    for row in csv.DictReader(f):
        if row["mode"] != mode:
            continue
        for panel, column in PANELS.items():
            if row[column] != "-":
                key = (panel, row["source"], row["host"], row["parallelism"], row["reduction"], row["size"],
                       row["threads"] if row["parallelism"] == "hybrid" else "",   # a line per threads a rank
                       row["machine"], row["revision"])
                want.setdefault(key, {})[float(row["workers"])] = float(row[column])

fig = draw(analyse(*sources), mode, sources)
drawn = {}
for ax in fig.axes:
    for line in ax.get_lines():
        gid = line.get_gid()
        if gid and gid.split("|")[0] in PANELS:
            key = tuple(gid.split("|"))
            assert key not in drawn, f"{gid} drawn twice"
            drawn[key] = dict(zip((float(x) for x in line.get_xdata()), (float(y) for y in line.get_ydata())))

errors = []
for key in sorted(set(want) | set(drawn)):
    w, d = want.get(key, {}), drawn.get(key, {})
    if set(w) != set(d):
        errors.append(f"{'|'.join(key)}: table has workers {sorted(w)}, figure {sorted(d)}")
        continue
    for x in w:   # the table prints 6 significant digits
        if abs(d[x] - w[x]) > 5e-6 * max(abs(w[x]), 1e-300) + 1e-12:
            errors.append(f"{'|'.join(key)} at {x:g} workers: table {w[x]:.6g}, figure {d[x]:.6g}")
if errors or not want:
    print("\n".join(errors) or "the table has no points", file=sys.stderr)
    sys.exit(1)
print(sum(len(v) for v in want.values()), "points drawn as tabulated")

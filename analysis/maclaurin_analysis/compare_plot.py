"""compare_plot - `make compare`'s table of ratios and its figure.

    python3 -m maclaurin_analysis.compare_plot CSV [--png PNG]

Prints, for each peer, its best rate per core (terms/s divided by its
workers, the best of its runs) at the talk's N and at its larger N, its
largest relative error, and two ratios at the larger N: how many times the
talk's plain Python loop it is, and how many times it maclaurin_serial is.
Draws the same numbers, per core on a log axis, into PNG.  Exits 1 when
any run was not verified (compare_data's bound), after reporting it.
"""
import argparse
import sys

from . import compare_data

# peer: (label, family, what its workers are); the families are the figure's colours.
PEERS = {
    "python_loop": ("Python loop (the talk's)", "Python, from the talk", ""),
    "python_threading": ("Python threading (the talk's)", "Python, from the talk", "threads"),
    "python_multiprocessing": ("Python multiprocessing (the talk's)", "Python, from the talk",
                               "processes"),
    "numpy": ("numpy: sum(x ** arange)", "numpy", ""),
    "c_pow_loop": ("C: s += pow(x, k)", "textbook C", ""),
    "omp_running_product": ("OpenMP: running product, reduction(+:s)", "textbook C", "threads"),
    "mpi_cpi": ("MPI, as cpi.c: pow, MPI_Reduce", "textbook C", "ranks"),
    "maclaurin_serial": ("maclaurin_serial", "maclaurin", ""),
    "maclaurin_omp": ("maclaurin_omp", "maclaurin", "threads"),
    "maclaurin_mpi": ("maclaurin_mpi", "maclaurin", "ranks"),
}
COLOURS = {"Python, from the talk": "tab:orange", "numpy": "tab:green",
           "textbook C": "tab:blue", "maclaurin": "tab:red"}
BASELINE, FASTEST = "python_loop", "maclaurin_serial"


def summary(rows):
    """One dict a peer: rates per core at the talk's N and the larger N, fastest first."""
    best = compare_data.best(rows)
    talk_n = min(r["terms"] for r in rows)
    peers = {}
    for r in rows:
        p = peers.setdefault(r["peer"], {"peer": r["peer"], "workers": r["workers"],
                                         "rel_err": 0.0, "verified": True, "big_n": talk_n})
        p["rel_err"] = max(p["rel_err"], r["rel_err"])
        p["verified"] = p["verified"] and r["verified"] == 1
        p["big_n"] = max(p["big_n"], r["terms"])
    for p in peers.values():
        p["talk"] = best[(p["peer"], talk_n)]["terms_per_s"] / p["workers"]
        p["big"] = best[(p["peer"], p["big_n"])]["terms_per_s"] / p["workers"]
    for p in peers.values():
        p["vs_baseline"] = p["big"] / peers[BASELINE]["big"] if BASELINE in peers else None
        p["fastest_over"] = peers[FASTEST]["big"] / p["big"] if FASTEST in peers else None
    return talk_n, sorted(peers.values(), key=lambda p: -p["big"])


def times(v):
    return "-" if v is None else f"{v:,.0f}x" if v >= 10 else f"{v:.2g}x"


ONE = {"threads": "thread", "ranks": "rank", "processes": "process", "workers": "worker"}


def label(p):
    name, _, unit = PEERS.get(p["peer"], (p["peer"], None, "workers"))
    if not unit:
        return name
    return f"{name}, {p['workers']} {unit if p['workers'] != 1 else ONE[unit]}"


def family(p):
    return PEERS.get(p["peer"], (None, "other", None))[1]


def machine(r0):
    """The CPU, its microarchitecture and machine id where the rows have
    them (format 1.1 on), and the CPUs the peers could use."""
    cpus = f"{r0['cores']} CPU" + ("s" if r0["cores"] != 1 else "")
    uarch = r0.get("cpu_uarch", "")
    name = r0["cpu"] + (f" ({uarch})" if uarch not in ("", "unknown") else "")
    return f"{name}, {cpus}" + (f", machine {r0['machine_id']}" if r0.get("machine_id") else "")


def table(rows, talk_n, peers):
    r0 = rows[0]
    runs = max(r["rep"] for r in rows) + 1
    lines = [f"make compare on {machine(r0)} ({r0['host']}, git {r0['git']}, "
             f"{r0['timestamp']})",
             f"terms/s per core = terms / seconds / workers, the best of {runs} runs; "
             f"N = {talk_n:,} (the talk's) and a larger N a peer",
             "",
             f"{'peer':<52} {'per core, N=' + format(talk_n, '.3g'):>18} {'larger N':>9} "
             f"{'per core':>10} {'max rel err':>11} {'x Python loop':>14} {'maclaurin_serial is':>20}"]
    for p in peers:
        lines.append(f"{label(p):<52} {p['talk']:>18.3g} {p['big_n']:>9.2g} {p['big']:>10.3g} "
                     f"{p['rel_err']:>11.1e} {times(p['vs_baseline']):>14} "
                     f"{times(p['fastest_over']):>20}" + ("" if p["verified"] else "  NOT VERIFIED"))
    lines.append(f"\nverified: relative error <= {compare_data.BOUND:g} against (1 - x^N)/(1 - x) "
                 "in 50-digit arithmetic")
    return "\n".join(lines)


def figure(rows, talk_n, peers, csv_path):
    """The figure (figure.save writes it)."""
    from .figure import plt
    from matplotlib.patches import Patch

    r0 = rows[0]
    runs = max(r["rep"] for r in rows) + 1
    best = compare_data.best(rows)
    big_seconds = [best[(p["peer"], p["big_n"])]["seconds"] for p in peers]
    order = peers[::-1]  # fastest at the top
    fig, ax = plt.subplots(figsize=(10, 0.5 * len(order) + 2.4))
    y = range(len(order))
    colours = [COLOURS.get(family(p), "tab:gray") for p in order]
    h = 0.4
    ax.barh([i + h / 2 for i in y], [p["big"] for p in order], height=h, color=colours)
    ax.barh([i - h / 2 for i in y], [p["talk"] for p in order], height=h, color=colours,
            alpha=0.35)
    # the numbers in a column right of the frame, where no bar reaches
    for i, p in enumerate(order):
        note = f"{p['big']:.2g}/s, {times(p['vs_baseline'])} the Python loop"
        if not p["verified"]:
            note += ", NOT VERIFIED"
        ax.text(1.01, i + h / 2, note, va="center", fontsize=8,
                transform=ax.get_yaxis_transform(), color="black" if p["verified"] else "red")
    ax.set_yticks(list(y))
    ax.set_yticklabels([label(p) for p in order], fontsize=9)
    ax.set_xscale("log")
    lo = min(min(p["talk"], p["big"]) for p in peers)
    hi = max(max(p["talk"], p["big"]) for p in peers)
    ax.set_xlim(lo / 3, hi * 3)
    ax.set_xlabel("terms per second per core (log scale; longer is faster)")
    ax.grid(axis="x", which="major", alpha=0.3)
    ax.set_title(f"Summing x^k for k < N: terms/s per core, best of {runs} runs\n"
                 f"{machine(r0)}; x = {r0['x']!r}; git {r0['git']}, {r0['timestamp'][:10]}",
                 fontsize=10)
    handles = [Patch(color=c, label=f) for f, c in COLOURS.items()]
    handles += [Patch(color="gray", label=f"dark: a larger N a peer, sized to run "
                                          f"{min(big_seconds):.2g}-{max(big_seconds):.2g} s"),
                Patch(color="gray", alpha=0.35, label=f"light: the talk's N = {talk_n:,}")]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, frameon=False,
               bbox_to_anchor=(0.5, 0.03))
    fig.text(0.01, 0.005, f"from {csv_path}; per core = terms/s / workers; every answer within "
             f"{compare_data.BOUND:g} of (1 - x^N)/(1 - x) unless marked NOT VERIFIED",
             fontsize=7, color="dimgray")
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    fig.set_dpi(110)
    return fig


def main(argv):
    ap = argparse.ArgumentParser(prog="compare_plot")
    ap.add_argument("csv")
    ap.add_argument("--png", help="the figure (default: none)")
    args = ap.parse_args(argv)
    rows = compare_data.load(args.csv)
    if not rows:
        sys.exit(f"compare_plot: {args.csv}: no rows")
    talk_n, peers = summary(rows)
    print(table(rows, talk_n, peers))
    if args.png:
        from .figure import save
        save(figure(rows, talk_n, peers, args.csv), args.png)
        print(f"figure: {args.png}")
    bad = [p["peer"] for p in peers if not p["verified"]]
    if bad:
        sys.exit(f"compare: NOT VERIFIED: {', '.join(bad)}")


if __name__ == "__main__":
    main(sys.argv[1:])

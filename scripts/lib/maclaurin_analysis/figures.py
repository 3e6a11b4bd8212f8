"""make figures: every figure and table in results/ drawn anew by today's
code from the committed CSVs, as the manifest (results/figures.ini) says.

The manifest has one section a file.  [figure NAME] draws NAME.png from
the CSVs it names and writes beside it what the figure shows, as text:
    kind     scaling (the 2 x 2 scaling figure, scaling.py), slowed (a
             --slow-hosts sweep, slowed.py) or compare (make compare's
             peers, compare_plot.py)
    csv      the CSVs, in results/
[document NAME] writes results/NAME whole: kind predictions (the
simulated sweeps, predictions.py; options validation, strong, strong16,
network, weak: their CSVs)., space-separated
    mode     strong or weak (kind scaling)
    title    the figure's title (default: made from the rows)
    caption  what a reader needs to read it: under the panels
and writes NAME.numbers.txt (every text and drawn point, figure.numbers)
and its table: NAME.txt (scaling, compare) or NAME.md (slowed).
[csv NAME] describes a committed CSV for the index: command (what made
it), note (what a reader must know).  [file NAME], any other file:
what.  [block NAME] writes a table into a document, between the lines
"<!-- results: NAME -->" and "<!-- end results -->" of file (README.md,
docs/...), so that no number a document cites is typed by hand:
    kind     bench (the newest complete run of each CSV: the kernel's rate
             and ratios, and the targets it missed) or compare (the
             peers' rates per core and how many times maclaurin_serial is)
    csv      the CSVs, in results/  [versions] names the matplotlib, numpy and FreeType the committed
PNGs were drawn with: a PNG is only compared pixel by pixel where they
are the same (fonts and rasterisation change between versions).

results/README.md, the index a reader starts from, is generated here
too: for each file, what it is, its machine, revision, dates, rows and the
command that made it.  Every file in results/ must be in the manifest.
Output is deterministic: the same CSVs and versions give the same bytes.
"""
import configparser
import os
import subprocess

from .results import read_rows

KINDS = ("scaling", "slowed", "compare")


class ManifestError(Exception):
    pass


def read_manifest(path):
    m = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    m.optionxform = str
    try:
        with open(path) as f:
            m.read_file(f)
    except (OSError, configparser.Error) as e:
        raise ManifestError(f"invalid manifest '{path}': {e}") from None
    return m


def sections(m, kind):
    """(name, section) for each [kind NAME]."""
    for s in m.sections():
        word, _, name = s.partition(" ")
        if word == kind and name:
            yield name, m[s]


def versions():
    """The drawing libraries' versions, as the manifest names them."""
    import matplotlib
    import numpy
    from matplotlib import ft2font
    return {"matplotlib": matplotlib.__version__, "numpy": numpy.__version__,
            "freetype": ft2font.__freetype_version__}


def csvs_of(section, results):
    names = section.get("csv", "").split()
    if not names:
        raise ManifestError(f"[{section.name}]: no csv")
    paths = [os.path.join(results, n) for n in names]
    for p in paths:
        if not os.path.isfile(p):
            raise ManifestError(f"[{section.name}]: no {p}")
    return names, paths


def draw_one(name, section, results, out_dir):
    """Draws one [figure NAME] into out_dir; returns the files written."""
    from .figure import numbers, save
    kind = section.get("kind", "")
    if kind not in KINDS:
        raise ManifestError(f"[{section.name}]: kind '{kind}' is not one of {', '.join(KINDS)}")
    names, paths = csvs_of(section, results)
    title, caption = section.get("title"), section.get("caption")
    here = os.getcwd()
    os.chdir(results)   # the figures and tables name the CSVs as results/ holds them
    try:
        if kind == "scaling":
            from .figure import draw
            from .scaling import Study
            from .table import text
            study = Study(names)
            mode = section.get("mode", "strong")
            fig = draw(study, mode, names, title=title, caption=caption)
            table = text(study), "txt"
        elif kind == "slowed":
            from .slowed import figure, points, table as slowed_table
            pts = points(names[0])
            fig = figure(pts, title or names[0], caption)
            table = slowed_table(pts) + "\n", "md"
        else:
            from . import compare_data
            from .compare_plot import figure, summary, table as compare_table
            rows = compare_data.load(names[0])
            talk_n, peers = summary(rows)
            fig = figure(rows, talk_n, peers, names[0])
            table = compare_table(rows, talk_n, peers) + "\n", "txt"
    finally:
        os.chdir(here)
    written = []
    png = os.path.join(out_dir, name + ".png")
    save(fig, png)
    written.append(png)
    for path, content in ((os.path.join(out_dir, f"{name}.{table[1]}"), table[0]),
                          (os.path.join(out_dir, name + ".numbers.txt"), numbers(fig))):
        with open(path, "w") as f:
            f.write(content)
        written.append(path)
    import matplotlib.pyplot as plt
    plt.close(fig)
    return written


BLOCK_BEGIN, BLOCK_END = "<!-- results: {} -->", "<!-- end results -->"
BENCH_COLUMNS = (("kernel terms/s", "simd kernel terms/s, 1 thread"),
                 ("kernel / FMA peak", "simd kernel / peak, 1 thread, default problem"),
                 ("kernel / mix limit", "simd kernel / mix limit"),
                 ("AVX2 build / its mix limit", "AVX2 build (x86-64-v3, tuned) kernel / mix limit"))


def bench_block(names):
    """The newest complete run of each bench CSV: one row a run."""
    lines = ["| machine | run | " + " | ".join(c for c, _ in BENCH_COLUMNS) + " | targets missed |",
             "| --- | --- |" + " ---: |" * len(BENCH_COLUMNS) + " --- |"]
    for name in names:
        _, rows, _ = read_rows(name)
        runs = {}
        for r in rows:
            runs.setdefault((r["timestamp"], r["git"]), []).append(r)
        full = [k for k, v in runs.items() if any(r["metric"] == BENCH_COLUMNS[2][1] for r in v)]
        if not full:
            raise ManifestError(f"{name}: no complete bench run (no '{BENCH_COLUMNS[2][1]}' row)")
        key = max(full)
        run = runs[key]
        value = {r["metric"]: r["value"] for r in run}
        r0 = run[0]
        missed = [f"{r['metric']} {r['value']} ({r['target']})" for r in run if r["met"] == "NO"]
        lines.append(f"| {machine_words(r0.get('machine_id'), r0['host'], r0['cpu'], uarch=r0.get('cpu_uarch'))}, "
                     f"{r0['simd']} build | {key[0][:10]}, {key[1]} ([csv]({name})) | "
                     + " | ".join(value.get(m, "-") for _, m in BENCH_COLUMNS) + " | "
                     + ("; ".join(missed) or "none") + " |")
    return "\n".join(lines)


def compare_block(names, peers_shown=None):
    """make compare's peers (those named in peers_shown, else all): rate per
    core at the larger N, and how many times maclaurin_serial is."""
    from . import compare_data
    from .compare_plot import label, summary, times
    rows = compare_data.load(names[0])
    talk_n, peers = summary(rows)
    r0 = rows[0]
    runs = max(r["rep"] for r in rows) + 1
    lines = [f"Terms/s per core, the best of {runs} runs at each peer's larger N; "
             f"{machine_words(r0.get('machine_id'), r0['host'], r0['cpu'], uarch=r0.get('cpu_uarch'))}, "
             f"{r0['cores']} CPUs, {r0['timestamp'][:10]}, rev {r0['git']} ([{names[0]}]({names[0]})):", "",
             "| | terms/s per core | maclaurin_serial is |", "| --- | ---: | ---: |"]
    for p in peers:
        if peers_shown is None or p["peer"] in peers_shown:
            lines.append(f"| {label(p)} | {p['big']:.2g} | {times(p['fastest_over'])} |")
    return "\n".join(lines)


def write_blocks(m, results, root, out_dir=None):
    """Rewrites every [block]'s table in its document (into out_dir, a copy,
    where given); returns the files written."""
    by_file = {}
    for name, section in sections(m, "block"):
        by_file.setdefault(section.get("file", ""), []).append((name, section))
    written = []
    for doc, blocks in sorted(by_file.items()):
        path = os.path.join(root, doc)
        try:
            with open(path) as f:
                text = f.read()
        except OSError as e:
            raise ManifestError(f"[block] file '{doc}': {e}") from None
        for name, section in blocks:
            names, _ = csvs_of(section, results)
            here = os.getcwd()
            os.chdir(results)
            try:
                kind = section.get("kind")
                if kind == "bench":
                    table = bench_block(names)
                elif kind == "compare":
                    shown = section.get("peers")
                    table = compare_block(names, shown.split() if shown else None)
                else:
                    raise ManifestError(f"[{section.name}]: kind '{kind}' is not bench or compare")
            finally:
                os.chdir(here)
            table = table.replace("](", "](" + os.path.relpath(results, os.path.dirname(path)) + "/")
            begin = BLOCK_BEGIN.format(name)
            if begin not in text or BLOCK_END not in text.split(begin, 1)[1]:
                raise ManifestError(f"{doc}: no '{begin}' ... '{BLOCK_END}' lines for [{section.name}]")
            head, rest = text.split(begin, 1)
            rest = rest.split(BLOCK_END, 1)[1]
            text = head + begin + "\n" + table + "\n" + BLOCK_END + rest
        target = os.path.join(out_dir, "doc-" + doc.replace("/", "-")) if out_dir else path
        with open(target, "w") as f:
            f.write(text)
        written.append((target, path))
    return written


def committed(results):
    """The files of results/ that an index lists: git's, where this is a
    checkout, else the folder's (never Slurm's logs or the ignore file)."""
    try:
        out = subprocess.run(["git", "ls-files", "--", "."], cwd=results, capture_output=True, text=True,
                             check=True).stdout.split()
        if out:
            return sorted(f for f in out if "/" not in f)
    except (OSError, subprocess.CalledProcessError):
        pass
    return sorted(f for f in os.listdir(results)
                  if os.path.isfile(os.path.join(results, f)) and not f.startswith((".", "slurm-")))


def describe_csv(path):
    """(what, machines, revisions, dates, rows) of a results CSV, from its rows."""
    header, rows, _ = read_rows(path)
    if not rows:
        return "empty", "-", "-", "-", 0
    dates = sorted({r.get("timestamp", "")[:10] for r in rows} - {""})
    span = dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}" if dates else "-"
    if "metric" in header or "peer" in header:
        machines = sorted({machine_words(r.get("machine_id"), r.get("host"), r.get("cpu")) for r in rows})
        revs = sorted({r.get("git", "") for r in rows})
        what = "bench: the kernel against the core's peak" if "metric" in header else "compare: the peers"
        return what, "; ".join(machines), ", ".join(revs), span, len(rows)
    from .runs import kind_of
    kinds = sorted({kind_of(r) for r in rows})
    modes = sorted({(r.get("mode") or "strong") for r in rows} - {"none"})
    if kinds == ["measured"]:
        machines = sorted({machine_words(r.get("machine_id"), r["host"], r.get("cpu_model")) for r in rows})
    else:
        machines = sorted({f"{r.get('platform')} (simulated{', hosts ' + r['slow_hosts'] if r.get('slow_hosts', 'none') != 'none' else ''}), "
                           f"run on {machine_words(r.get('machine_id'), r['host'], r.get('cpu_model'), simulated=True)}"
                           for r in rows})
    revs = sorted({r.get("git_rev", "not recorded") for r in rows})
    what = f"{' and '.join(kinds)} {' and '.join(modes)}".strip()
    return what, "; ".join(machines), ", ".join(revs), span, len(rows)


def machine_words(machine_id, host, cpu, simulated=False, uarch=None):
    """A machine as a row names it: its id (from format 1.4), with its CPU
    where asked, else its host and CPU, marked as not identified (host
    names repeat)."""
    if machine_id and uarch is not None:
        return f"{cpu}{'' if uarch in ('', 'unknown') else ', ' + uarch} (`{machine_id}`)"
    if machine_id:
        return f"`{machine_id}`"
    if simulated:
        return f"a machine not recorded ({cpu})"
    return f"{host}, {cpu or 'CPU not recorded'} (no machine id)"


def index(m, results):
    """results/README.md's text."""
    figures = dict(sections(m, "figure"))
    csvs = dict(sections(m, "csv"))
    files = dict(sections(m, "file"))
    documents = dict(sections(m, "document"))
    listed = set(csvs) | set(files) | set(documents)
    for name, s in figures.items():
        listed |= {f"{name}.png", f"{name}.numbers.txt", f"{name}.{'md' if s.get('kind') == 'slowed' else 'txt'}"}
    missing = [f for f in committed(results) if f not in listed and f != "README.md" and f != "figures.ini"]
    if missing:
        raise ManifestError("not in the manifest: " + ", ".join(missing) + " (add a [csv], [figure] or [file] section)")
    lines = ["# results/: the index", "",
             "Generated by `make figures` from `results/figures.ini`; do not edit.  Every figure and table",
             "here is drawn by today's code from the CSVs listed (the test `figures-test` redraws them all);",
             "the dated record of how each was measured is [LOG.md](LOG.md).  A CSV's columns:",
             "`maclaurin_csvcheck --columns` (docs/usage.md).", "",
             "## Figures and tables", "",
             "| file | drawn from | what it shows |", "| --- | --- | --- |"]
    for name in sorted(figures):
        s = figures[name]
        table = f"{name}.{'md' if s.get('kind') == 'slowed' else 'txt'}"
        what = s.get("title") or f"{s.get('mode', '')} scaling".strip()
        lines.append(f"| [{name}.png]({name}.png), [{table}]({table}), [numbers]({name}.numbers.txt) | "
                     + ", ".join(f"[{c}]({c})" for c in s.get("csv", "").split()) + f" | {cell(what)} |")
    lines += ["", "## Results files", "",
              "| file | what | machine | revision | dates | rows | made by |", "| --- | --- | --- | --- | --- | ---: | --- |"]
    for name in sorted(csvs):
        what, machines, revs, dates, rows = describe_csv(os.path.join(results, name))
        note = csvs[name].get("note")
        lines.append(f"| [{name}]({name}) | {cell(what + ('. ' + note if note else ''))} | {cell(machines)} | "
                     f"{cell(revs)} | {dates} | {rows} | `{cell(csvs[name].get('command', 'not recorded'))}` |")
    lines += ["", "## Other files", "", "| file | what |", "| --- | --- |"]
    for name in sorted(documents):
        lines.append(f"| [{name}]({name}) | {cell(documents[name].get('what', ''))}; generated from "
                     + ", ".join(sorted({c for o in ('validation', 'strong', 'strong16', 'network', 'weak')
                                         for c in documents[name].get(o, '').split()})) + " |")
    for name in sorted(files):
        lines.append(f"| [{name}]({name}) | {cell(files[name].get('what', ''))} |")
    v = m["versions"] if m.has_section("versions") else {}
    lines += ["", "The PNGs were drawn with " + ", ".join(f"{k} {v[k]}" for k in v) + "." if v else ""]
    return "\n".join(lines).rstrip() + "\n"


def cell(text):
    return " ".join(str(text).split()).replace("|", "\\|")


def make_figures(manifest, out_dir=None, only=None):
    """Draws every [figure] (or those named in only), the index and the
    documents' tables into out_dir (default: the manifest's folder, and
    the documents themselves).  Returns {file written: the file it stands
    for} and a note on the versions."""
    results = os.path.dirname(os.path.abspath(manifest))
    out_dir = out_dir or results
    m = read_manifest(manifest)
    written = {}
    for name, section in sections(m, "figure"):
        if only and name not in only:
            continue
        for path in draw_one(name, section, results, out_dir):
            written[path] = os.path.join(results, os.path.basename(path))
    for name, section in sections(m, "document"):
        if only and name not in only:
            continue
        if section.get("kind") != "predictions":
            raise ManifestError(f"[{section.name}]: kind '{section.get('kind')}' is not predictions")
        from .predictions import document
        path = os.path.join(out_dir, name)
        with open(path, "w") as f:
            f.write(document(section, results))
        written[path] = os.path.join(results, name)
    if not only:
        path = os.path.join(out_dir, "README.md")
        with open(path, "w") as f:
            f.write(index(m, results))
        written[path] = os.path.join(results, "README.md")
        written.update(write_blocks(m, results, os.path.dirname(results), out_dir if out_dir != results else None))
    want = dict(m["versions"]) if m.has_section("versions") else {}
    have = versions()
    note = ("" if want == have else
            "figures: drawn with " + ", ".join(f"{k} {have[k]}" for k in sorted(have)) +
            "; the manifest's [versions] names " + (", ".join(f"{k} {want[k]}" for k in sorted(want)) or "none") +
            ": PNGs may differ in pixels, and the redraw test compares them only where the versions match")
    return written, note


def png_difference(a, b):
    """The root-mean-square difference of two PNGs' pixels, 0 to 255, or
    None when their sizes differ."""
    import numpy as np
    from matplotlib import image
    x, y = image.imread(a), image.imread(b)
    if x.shape != y.shape:
        return None
    return float(np.sqrt(np.mean((x.astype(float) - y.astype(float)) ** 2)) * 255)


def check(manifest, scratch, tolerance=2.0):
    """Redraws everything into scratch and compares it with what results/
    holds: text byte for byte, PNGs within tolerance (RMS, 0-255) where
    the versions are the manifest's.  Returns (problems, notes)."""
    results = os.path.dirname(os.path.abspath(manifest))
    written, note = make_figures(manifest, os.path.abspath(scratch))
    problems, notes = [], [note] if note else []
    for path, mine in sorted(written.items()):
        name = os.path.relpath(mine, os.path.dirname(results))
        if not os.path.exists(mine):
            problems.append(f"{name}: drawn, but not in results/ (make figures, then commit it)")
            continue
        if mine.endswith(".png"):
            if note:
                continue
            d = png_difference(path, mine)
            if d is None or d > tolerance:
                problems.append(f"{name}: the committed PNG differs from today's drawing "
                                f"({'another size' if d is None else f'RMS {d:.2f} > {tolerance}'}): make figures")
            continue
        with open(path, "rb") as f, open(mine, "rb") as g:
            if f.read() != g.read():
                problems.append(f"{name}: the committed file differs from today's (make figures, and look)")
    return problems, notes

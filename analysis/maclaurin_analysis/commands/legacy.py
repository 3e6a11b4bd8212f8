"""The commands not yet moved to argparse (commands/__init__.py), each
parsing its own arguments; __main__ runs them.

  table [--format text|markdown|csv] [--compare|--fits] CSV...   scripts/scaling_table
  plot [--mode strong|weak] CSV... -o OUT.png              scripts/plot_scaling
  median                                                   of numbers on stdin
  validate RUN_ID FILE...                                  simulated against measured
  slowed CSV [-o OUT.png] [--title T]                      a --slow-hosts sweep against the ideal
  figures [--out-dir DIR] [--check DIR] MANIFEST           redraw results/ (make figures, figures-test)
Usage errors: one line on stderr, status 2.
"""
import os
import sys

from ..results import ResultsError, read_rows, matches

PROG = os.environ.get("MACLAURIN_PROG", "maclaurin_analysis")


class Usage(Exception):
    pass


def take_value(args, i):
    if i + 1 >= len(args):
        raise Usage(f"option '{args[i]}' needs a value")
    return args[i + 1]


def split_args(args, with_value, flags=()):
    """({option: value}, [operands]); --opt=value accepted too."""
    opts, rest, i = {}, [], 0
    while i < len(args):
        a = args[i]
        name, eq, val = a.partition("=") if a.startswith("--") else (a, "", "")
        if name in with_value:
            if eq:
                opts[name] = val
            else:
                opts[name] = take_value(args, i)
                i += 1
        elif a in flags:
            opts[a] = True
        elif a.startswith("-") and a != "-":
            raise Usage(f"unknown option '{a}' (see --help)")
        else:
            rest.append(a)
        i += 1
    return opts, rest


def check_files(paths):
    if not paths:
        raise Usage("no CSV given (see --help)")
    for p in paths:
        if not (os.path.isfile(p) and os.access(p, os.R_OK)):
            raise Usage(f"invalid CSV '{p}': not a readable file")


def study_of(paths, warn=True):
    from ..scaling import Study
    try:
        s = Study(paths)
    except ResultsError as e:
        raise Usage(str(e)) from None
    if warn:
        warnings(s)
    return s


def warnings(study):
    for w in study.warnings:
        print(w, file=sys.stderr)


def cmd_table(args):
    from .. import table, compare
    opts, csvs = split_args(args, ("--format",), ("--compare", "--fits", "-h", "--help"))
    if "-h" in opts or "--help" in opts:
        return "help"
    fmt = opts.get("--format", "text")
    if fmt not in ("text", "markdown", "csv"):
        raise Usage(f"invalid --format '{fmt}': not text, markdown or csv")
    if opts.get("--compare") and len(csvs) != 2:
        raise Usage(f"--compare takes two CSVs, A and B, not {len(csvs)}")
    check_files(csvs)
    if opts.get("--compare"):
        a, b = study_of(csvs[:1]), study_of(csvs[1:])
        print(f"A: {csvs[0]}\nB: {csvs[1]}", file=sys.stderr)
        rows, only_a, only_b = compare.compare(a, b)
        sys.stdout.write(compare.compare_as(fmt, rows))
        if only_a or only_b:
            print(f"{PROG}: {only_a} points only in A, {only_b} only in B, left out", file=sys.stderr)
        return 0
    s = study_of(csvs)
    if opts.get("--fits"):
        sys.stdout.write(table.fits_as(fmt, s))
    else:
        sys.stdout.write(table.text(s) if fmt == "text" else table.points_as(fmt, s))
    return 0


def cmd_plot(args):
    opts, csvs = split_args(args, ("-o", "--out", "--mode"), ("-h", "--help"))
    if "-h" in opts or "--help" in opts:
        return "help"
    out = opts.get("-o") or opts.get("--out")
    if not out:
        raise Usage("no output given (-o OUT.png)")
    mode = opts.get("--mode")
    if mode not in (None, "strong", "weak"):
        raise Usage(f"invalid --mode '{mode}': not strong or weak")
    check_files(csvs)
    s = study_of(csvs, warn=False)   # a usage error first, alone
    modes = sorted({p["mode"] for p in s.points})
    if mode is None:
        if not modes:
            print(f"{PROG}: nothing to plot: no verified runs with a 1-worker baseline", file=sys.stderr)
            return 1
        if len(modes) > 1:
            raise Usage(f"the CSVs hold {' '.join(modes)} runs: choose one with --mode")
        mode = modes[0]
    warnings(s)
    if mode not in modes:
        print(f"{PROG}: no {mode}-scaling runs in {' '.join(csvs)}", file=sys.stderr)
        return 1
    from ..figure import draw, save
    from ..table import fit_lines
    save(draw(s, mode, csvs), out)
    print("\n".join(fit_lines(s, mode)))
    print(f"{PROG}: wrote {out}", file=sys.stderr)
    return 0


def cmd_median(args):
    from .. import stats
    values = [float(v) for v in sys.stdin.read().split()]
    if values:
        print(f"{stats.median(values):.10g}")
    return 0


def cmd_validate(args):
    from ..runs import validation
    if len(args) < 2:
        raise Usage("usage: validate RUN_ID FILE...")
    print("\n".join(validation(args[1:], args[0])))
    return 0


def cmd_slowed(args):
    from ..slowed import SlowedError, figure, points, table
    opts, paths = split_args(args, ("-o", "--title"))
    check_files(paths)
    if len(paths) != 1:
        raise Usage("slowed takes one CSV")
    try:
        pts = points(paths[0])
    except (SlowedError, ResultsError) as e:
        raise Usage(str(e))
    print(table(pts))
    if "-o" in opts:
        from ..figure import save
        save(figure(pts, opts.get("--title", paths[0])), opts["-o"])
    return 0


def cmd_figures(args):
    from ..figures import ManifestError, check, make_figures
    opts, rest = split_args(args, ("--out-dir", "--check"))
    if len(rest) != 1:
        raise Usage("usage: figures [--out-dir DIR] [--check SCRATCH] MANIFEST")
    try:
        if "--check" in opts:
            problems, notes = check(rest[0], opts["--check"])
            for n in notes:
                print(n, file=sys.stderr)
            for p in problems:
                print(f"{PROG}: {p}", file=sys.stderr)
            print(f"figures: {'current' if not problems else f'{len(problems)} differ'}")
            return 1 if problems else 0
        written, note = make_figures(rest[0], opts.get("--out-dir"))
    except (ManifestError, ResultsError) as e:
        print(f"{PROG}: {e}", file=sys.stderr)
        return 1
    if note:
        print(note, file=sys.stderr)
    print(f"{PROG}: wrote {len(written)} files", file=sys.stderr)
    return 0


COMMANDS = {"table": cmd_table, "plot": cmd_plot, "median": cmd_median,
            "validate": cmd_validate,
            "slowed": cmd_slowed, "figures": cmd_figures}

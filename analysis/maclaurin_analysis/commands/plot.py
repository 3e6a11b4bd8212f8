"""plot: the 2 x 2 scaling figure of results CSVs (scripts/plot_scaling)."""
import argparse
import sys

from . import PROG, Usage
from ._studies import check_files, study_of, warnings

HELP = "the scaling figure of results CSVs (scripts/plot_scaling)"
NEEDS = ("numpy", "matplotlib")
OPERANDS = "csv"   # the CSVs may come before and after the options
DESCRIPTION = """\
A 2 x 2 PNG of a scaling study: time against workers on log-log axes with
the ideal line; speedup (scaled speedup for weak scaling) with the ideal
line and the fitted Amdahl (Gustafson) curve; parallel efficiency; the
Karp-Flatt metric.  Points are medians over repetitions, bars the median's
confidence interval.  Several CSVs (two machines, measured and simulated)
overlay in one figure.  The fitted serial fractions are printed on stdout.
Needs numpy and matplotlib; the drawing is maclaurin_analysis.figure's."""


def add_arguments(parser):
    parser.description = DESCRIPTION
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--mode", metavar="strong|weak",
                        help="which runs to draw (needed only when the CSVs hold both)")
    parser.add_argument("-o", "--out", metavar="OUT.png", help="the figure (required)")
    parser.add_argument("csv", nargs="*", metavar="CSV", help="results CSVs")


def run(args):
    if not args.out:
        raise Usage("no output given (-o OUT.png)")
    if args.mode not in (None, "strong", "weak"):
        raise Usage(f"invalid --mode '{args.mode}': not strong or weak")
    check_files(args.csv)
    import numpy, matplotlib   # noqa: F401 (missing: one line from __main__, before any warning)
    study = study_of(args.csv, warn=False)   # a usage error first, alone
    modes = sorted({p.mode for p in study.points})
    mode = args.mode
    if mode is None:
        if not modes:
            print(f"{PROG}: nothing to plot: no verified runs with a 1-worker baseline", file=sys.stderr)
            return 1
        if len(modes) > 1:
            raise Usage(f"the CSVs hold {' '.join(modes)} runs: choose one with --mode")
        mode = modes[0]
    warnings(study)
    if mode not in modes:
        print(f"{PROG}: no {mode}-scaling runs in {' '.join(args.csv)}", file=sys.stderr)
        return 1
    from ..figure import draw, save
    from ..table import fit_lines
    save(draw(study, mode, args.csv), args.out)
    print("\n".join(fit_lines(study, mode)))
    print(f"{PROG}: wrote {args.out}", file=sys.stderr)
    return 0

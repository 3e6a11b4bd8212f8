"""figures: results/ drawn anew from its CSVs (make figures, make figures-test)."""
import sys

from . import PROG

HELP = "redraw results/ (make figures, figures-test)"
NEEDS = ("numpy", "matplotlib")


def add_arguments(parser):
    parser.description = ("Every figure, table, index and document block that results/figures.ini names, "
                          "drawn by today's code from the committed CSVs; with --check, drawn into a scratch "
                          "folder and compared with what is committed (exit 1 when any differs).")
    parser.add_argument("--out-dir", metavar="DIR", help="write there, not into results/ and the documents")
    parser.add_argument("--check", metavar="SCRATCH", help="draw into SCRATCH and compare with results/")
    parser.add_argument("manifest", metavar="MANIFEST", help="results/figures.ini")


def run(args):
    from ..figures import ManifestError, check, make_figures
    from ..results import ResultsError
    try:
        if args.check:
            problems, notes = check(args.manifest, args.check)
            for n in notes:
                print(n, file=sys.stderr)
            for p in problems:
                print(f"{PROG}: {p}", file=sys.stderr)
            print(f"figures: {'current' if not problems else f'{len(problems)} differ'}")
            return 1 if problems else 0
        written, note = make_figures(args.manifest, args.out_dir)
    except (ManifestError, ResultsError) as e:
        print(f"{PROG}: {e}", file=sys.stderr)
        return 1
    if note:
        print(note, file=sys.stderr)
    print(f"{PROG}: wrote {len(written)} files", file=sys.stderr)
    return 0

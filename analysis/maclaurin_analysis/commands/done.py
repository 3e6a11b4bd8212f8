"""done: the keys of the configurations complete in a results CSV, one a
line, for --resume (scripts/sweep, scripts/simulate: lib/runner.sh).

With --header, each FILE is first checked as a CSV the run may append to
(lib/runner.sh's runner_open_outputs): new, or, with --resume, holding
whole rows under the same header; the keys are printed with --resume only.
"""
import os

from . import Usage

HELP = "the complete configurations of results files (--resume); --header: check them for appending"
NEEDS = ()


def add_arguments(p):
    p.add_argument("files", metavar="FILE", nargs="+")
    p.add_argument("--first", metavar="COLUMN", nargs="*", default=[], help="columns that lead each key")
    p.add_argument("--header", metavar="FILE", help="the run's header line: check each FILE against it, "
                                                    "and make the new ones")
    p.add_argument("--resume", action="store_true", help="with --header: FILEs may hold rows already")


def check_output(path, header, resume):
    """Usage unless a run may append rows under HEADER to PATH; makes it (and its folder)."""
    def refuse(why):
        raise Usage(f"invalid --out '{path}': {why}")
    size = os.path.getsize(path) if os.path.isfile(path) else 0
    if size and not resume:
        refuse("already exists (--resume completes it)")
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    except OSError:
        refuse("cannot create its folder")
    try:
        with open(path, "ab"):
            pass
    except OSError:
        refuse("cannot write it")
    if not size:
        return
    with open(path, "rb") as f:
        first = f.readline()
        f.seek(-1, os.SEEK_END)
        last = f.read(1)
    # only a SIGKILL in the middle of an append can cut a row short; never append to it
    if last != b"\n":
        refuse("its last line is cut short (a killed append?); remove that line first")
    if first != header:
        refuse("its columns differ from this run's (a different driver version?)")


def run(args):
    from ..results import ResultsError
    from ..runs import done_keys
    try:
        if args.header is not None:
            with open(args.header, "rb") as f:
                header = f.readline()
            for path in args.files:
                check_output(path, header, args.resume)
        for path in args.files:
            if args.header is None or (args.resume and os.path.getsize(path)):
                for k in done_keys(path, tuple(args.first)):
                    print(k)
    except (ResultsError, OSError) as e:
        raise Usage(str(e)) from None
    return 0

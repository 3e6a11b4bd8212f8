"""python3 -m maclaurin_analysis COMMAND ...: the package's command line.

Every command is a module of commands/ (commands/__init__.py says what one
holds).  Usage errors are one line on stderr, status 2.
"""
import argparse
import importlib
import os
import sys

from .commands import COMMANDS, Usage
from .commands import legacy

PROG = os.environ.get("MACLAURIN_PROG", "maclaurin_analysis")

# What legacy.py still parses by hand, listed until each is a module of commands/.
LEGACY_HELP = (
    ("table", "the scaling table of results CSVs (scripts/scaling_table)"),
    ("plot", "the scaling figure of results CSVs (scripts/plot_scaling)"),
    ("median", "the median of numbers on stdin"),
    ("validate", "simulated against measured"),
    ("slowed", "a --slow-hosts sweep against the ideal"),
    ("figures", "redraw results/ (make figures, figures-test)"),
)


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise Usage(message)


def command_module(name):
    return importlib.import_module(".commands." + name.replace("-", "_"), __package__)


def parser():
    top = Parser(prog=PROG, description="The analysis of maclaurin's results: tables, figures, "
                 "plans and checks. Commands that draw need numpy and matplotlib; the rest, "
                 "Python 3.6's standard library.")
    top.add_argument("--needs", metavar="COMMAND",
                     help="print the modules beyond the standard library that COMMAND needs")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = command_module(name)
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(module=module)
    for name, text in LEGACY_HELP:
        sub.add_parser(name, help=text, add_help=False)
    return top


def needs(name):
    if name in COMMANDS:
        return command_module(name).NEEDS
    return ("numpy", "matplotlib") if name in ("plot", "slowed", "figures") else ()


def main(argv):
    try:
        if argv and argv[0] in legacy.COMMANDS:
            status = legacy.COMMANDS[argv[0]](argv[1:])
            return 3 if status == "help" else status   # the calling script prints its own help
        args = parser().parse_args(argv)
        if args.needs:
            if args.needs not in COMMANDS and args.needs not in legacy.COMMANDS:
                raise Usage(f"no command '{args.needs}' (see --help)")
            print(" ".join(needs(args.needs)))
            return 0
        if not args.command:
            raise Usage("no command given (see --help)")
        return args.module.run(args)
    except (Usage, legacy.Usage) as e:
        print(f"{PROG}: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


sys.exit(main(sys.argv[1:]))

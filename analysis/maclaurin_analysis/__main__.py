"""python3 -m maclaurin_analysis COMMAND ...: the package's command line.

Every command is a module of commands/ (commands/__init__.py says what one
holds).  Usage errors are one line on stderr, status 2.
"""
import argparse
import importlib
import re
import sys

from .commands import COMMANDS, PROG, Usage
from .commands import legacy

# What legacy.py still parses by hand, listed until each is a module of commands/.
LEGACY_HELP = (
)


class Parser(argparse.ArgumentParser):
    """argparse, its errors as Usage, in the words the scripts always used."""

    def error(self, message):
        value = re.match(r"argument (-[^/: ]+)(/\S+)?: expected one argument$", message)
        if value:
            message = f"option '{value.group(1)}' needs a value"
        unknown = re.match(r"unrecognized arguments: (\S+)", message)
        if unknown:
            word = unknown.group(1)
            message = (f"unknown option '{word}'" if word.startswith("-") else f"unexpected operand '{word}'") + \
                " (see --help)"
        raise Usage(message)


def command_module(name):
    return importlib.import_module(".commands." + name.replace("-", "_"), __package__)


def parser():
    top = Parser(prog=PROG, description="The analysis of maclaurin's results: tables, figures, "
                 "plans and checks. Commands that draw need numpy and matplotlib; the tables "
                 "Python 3.7's standard library; what a Slurm job runs (plan, column, "
                 "run-summary), Python 3.6's.")
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
    return ()   # the commands legacy.py still parses need only the standard library


def main(argv):
    try:
        if argv and argv[0] in legacy.COMMANDS:
            status = legacy.COMMANDS[argv[0]](argv[1:])
            return 3 if status == "help" else status   # the calling script prints its own help
        top = parser()
        args, extra = top.parse_known_args(argv)
        if extra:   # operands after an option (A --format csv B) belong to the command's OPERANDS
            where = getattr(getattr(args, "module", None), "OPERANDS", None)
            if where is None or any(word.startswith("-") for word in extra):
                top.error("unrecognized arguments: " + " ".join(extra))
            getattr(args, where).extend(extra)
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

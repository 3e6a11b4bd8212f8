"""python3 -m maclaurin_analysis COMMAND ...: the package's command line.

Every command is a module of commands/ (commands/__init__.py says what one
holds).  Usage errors are one line on stderr, status 2.
"""
import argparse
import importlib
import importlib.util
import re
import sys

from .commands import COMMANDS, PROG, Usage


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
    return top


def needs(name):
    return command_module(name).NEEDS


def main(argv):
    try:
        top = parser()
        args, extra = top.parse_known_args(argv)
        if extra:   # operands after an option (A --format csv B) belong to the command's OPERANDS
            where = getattr(getattr(args, "module", None), "OPERANDS", None)
            if where is None or any(word.startswith("-") for word in extra):
                top.error("unrecognized arguments: " + " ".join(extra))
            getattr(args, where).extend(extra)
        if args.needs:
            if args.needs not in COMMANDS:
                raise Usage(f"no command '{args.needs}' (see --help)")
            print(" ".join(needs(args.needs)))
            return 0
        if not args.command:
            raise Usage("no command given (see --help)")
        try:
            return args.module.run(args)
        except ModuleNotFoundError as e:
            # numpy and matplotlib are the figures'; dataclasses (the tables'
            # records) arrived in Python 3.7: one line, not a traceback
            if e.name not in ("dataclasses",) + tuple(args.module.NEEDS):
                raise
            # the first of what the command needs that is missing, whichever it imported first
            name = next((n for n in args.module.NEEDS if importlib.util.find_spec(n) is None), e.name)
            needed = "Python 3.7 (dataclasses)" if name == "dataclasses" else "module " + name
            print(f"{PROG}: {args.command} needs {needed}, which {sys.executable} "
                  f"(Python {sys.version.split()[0]}) lacks: no module {name} (Debian: apt-get install "
                  "python3-numpy python3-matplotlib; Spack: py-numpy py-matplotlib; or module load python; "
                  "MACLAURIN_PYTHON names another interpreter)", file=sys.stderr)
            return 1
    except Usage as e:
        print(f"{PROG}: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


sys.exit(main(sys.argv[1:]))

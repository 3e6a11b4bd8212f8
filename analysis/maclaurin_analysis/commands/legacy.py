"""The commands not yet moved to argparse (commands/__init__.py), each
parsing its own arguments; __main__ runs them.

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


COMMANDS = {}

"""The package's commands, one module each: python3 -m maclaurin_analysis
COMMAND ... runs the module named COMMAND (with '-' for '_') here.

A command module has
    HELP                  one line for --help's list
    NEEDS                 the modules beyond the standard library it needs,
                          () or ("numpy", "matplotlib"): scripts/analysis
                          asks for them (--needs COMMAND) to choose an
                          interpreter that has them
    OPERANDS              (optional) the dest of its nargs="*" operand, which
                          then takes operands after options too (A --x B)
    add_arguments(parser) its options and operands, on an argparse parser
    run(args)             the work; returns the exit status.  A usage
                          error is raised as Usage(message): one line on
                          stderr, status 2.
It imports anything heavy inside run(), so that the list, the help and
every other command work in a Slurm job's bare Python 3.6.
"""
import os

# In the order --help lists them.
COMMANDS = ("table", "plot", "median", "slowed", "figures", "compare", "plan", "column", "done", "run-summary", "bench", "bench-mpi", "simulate-plan", "validate", "smpirun-options",
            "platform-speed", "submit", "sweep-plan", "progress")

# The name messages start with: the calling script's (scripts/analysis sets it).
PROG = os.environ.get("MACLAURIN_PROG", "maclaurin_analysis")


class Usage(Exception):
    """A bad command line: printed as one line, status 2."""

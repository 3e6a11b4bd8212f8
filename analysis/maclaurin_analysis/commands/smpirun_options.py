"""smpirun-options: the SMPI settings every simulation runs with."""
HELP = "the smpirun options of scripts/simulate's runs on NP ranks, one a line"
NEEDS = ()


def add_arguments(p):
    p.add_argument("ranks", metavar="NP", type=int, help="the number of simulated ranks")


def run(args):
    from . import Usage
    from ..simulation import smpirun_options
    if args.ranks < 1:
        raise Usage(f"invalid NP '{args.ranks}': not a count of ranks")
    print("\n".join(smpirun_options(args.ranks)))
    return 0

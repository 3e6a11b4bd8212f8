"""platform-speed: a SimGrid platform file's host speed, read from the file."""
HELP = "a platform file's (first) host speed in terms/s, one a line a file"
NEEDS = ()


def add_arguments(p):
    p.add_argument("platforms", metavar="XML", nargs="+", help="platform files (platforms/*.xml)")


def run(args):
    from . import Usage
    from ..simulation import SimulateError, platform_speed
    try:
        speeds = [platform_speed(p) for p in args.platforms]
    except SimulateError as e:
        raise Usage(str(e)) from None
    print("\n".join(f"{s:.10g}" for s in speeds))
    return 0

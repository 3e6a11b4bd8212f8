"""maclaurin_analysis - the analysis of maclaurin's results CSVs.

Its command line is python3 -m maclaurin_analysis COMMAND (installed as
maclaurin-analysis; --help lists the commands).  A notebook uses it from
any directory, once the package is on the path (module load maclaurin, or
PYTHONPATH=CHECKOUT/analysis):

    import maclaurin_analysis as ma
    study = ma.analyse("results/slurm-1234.csv")
    study.points[0].speedup, study.fits[0].serial_fraction
    header, rows, torn = ma.read_rows("results/slurm-1234.csv")
    fig = ma.figure.draw(study, "strong", ["results/slurm-1234.csv"])

What a Slurm job runs (plan, column, run-summary) needs Python 3.6 and the
standard library only.  The study's records (scaling.Point, Fit) are
dataclasses, Python 3.7 on; arrays() needs numpy, and the figure
(figure.draw) numpy and matplotlib.  Each is imported when first named.
"""
import importlib
import pkgutil

from .results import read_rows, arrays, ResultsError
from .stats import median, interval, ci_level, outliers

__all__ = ["read_rows", "arrays", "ResultsError", "median", "interval", "ci_level", "outliers",
           "analyse", "Study", "label"]


# The modules that need more than Python 3.6's standard library, or that
# only some uses need, are imported when first named (ma.figure.draw,
# ma.analyse), so that `import maclaurin_analysis` works in a Slurm job's
# bare Python.
SUBMODULES = frozenset(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
FROM_SCALING = ("analyse", "Study", "label")


def __getattr__(name):
    if name in SUBMODULES:
        return importlib.import_module("." + name, __name__)
    if name in FROM_SCALING:
        return getattr(importlib.import_module(".scaling", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

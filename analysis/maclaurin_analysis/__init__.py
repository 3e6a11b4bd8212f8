"""maclaurin_analysis - the scaling analysis of maclaurin's results CSVs.

The scripts (scaling_table, plot_scaling, sweep, simulate, bench) use it;
so can a notebook, from any directory, once the package is on the path
(module load maclaurin, or PYTHONPATH=CHECKOUT/analysis):

    import maclaurin_analysis as ma
    study = ma.analyse("results/slurm-1234.csv")
    study.points[0]["speedup"], study.fits[0]["serial_fraction"]
    header, rows, torn = ma.read_rows("results/slurm-1234.csv")
    fig = ma.figure.draw(study, "strong", ["results/slurm-1234.csv"])

Tables and fits need only the standard library; arrays() needs numpy and
the figure (figure.draw) numpy and matplotlib, imported only when used.
"""
import importlib
from .results import read_rows, arrays, ResultsError
from .stats import median, interval, ci_level, outliers
from .scaling import analyse, Study, label

__all__ = ["read_rows", "arrays", "ResultsError", "median", "interval", "ci_level", "outliers",
           "analyse", "Study", "label"]


# The modules that need more than the standard library, or that only some
# uses need, are imported when first named (ma.figure.draw), so that
# `import maclaurin_analysis` works in a Slurm job's bare Python.
SUBMODULES = ("figure", "figures", "table", "compare", "compare_data", "compare_plot", "plan",
              "predictions", "runs", "slowed")


def __getattr__(name):
    if name in SUBMODULES:
        return importlib.import_module("." + name, __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

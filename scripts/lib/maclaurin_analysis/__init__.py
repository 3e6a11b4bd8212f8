"""maclaurin_analysis - the scaling analysis of maclaurin's results CSVs.

The scripts (scaling_table, plot_scaling, sweep, simulate, bench) use it;
so can a notebook:

    import sys; sys.path.insert(0, "scripts/lib")
    import maclaurin_analysis as ma
    study = ma.analyse("results/vm-20261206-212353-strong.csv")
    study.points[0]["speedup"], study.fits[0]["serial_fraction"]
    header, rows, torn = ma.read_rows("results/validation-measured.csv")

Tables and fits need only the standard library; arrays() needs numpy and
the figure (figure.draw) numpy and matplotlib.
"""
from .results import read_rows, arrays, ResultsError
from .stats import median, interval, ci_level, outliers
from .scaling import analyse, Study, label

__all__ = ["read_rows", "arrays", "ResultsError", "median", "interval", "ci_level", "outliers",
           "analyse", "Study", "label"]

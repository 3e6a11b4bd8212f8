"""What the commands that read results CSVs share (not a command): the
files checked, the study analysed, its warnings printed."""
import os
import sys

from . import Usage


def check_files(paths):
    """Usage unless every path is a readable file (and there is one)."""
    if not paths:
        raise Usage("no CSV given (see --help)")
    for p in paths:
        if not (os.path.isfile(p) and os.access(p, os.R_OK)):
            raise Usage(f"invalid CSV '{p}': not a readable file")


def study_of(paths, warn=True):
    """The Study of paths; a file that is not a results CSV is a usage error."""
    from ..results import ResultsError
    from ..scaling import Study
    try:
        study = Study(paths)
    except ResultsError as e:
        raise Usage(str(e)) from None
    if warn:
        warnings(study)
    return study


def warnings(study):
    for w in study.warnings:
        print(w, file=sys.stderr)

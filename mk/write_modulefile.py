#!/usr/bin/env python3
"""mk/write_modulefile.py PREFIX VERSION MPI_PROGRAM - an environment-module
file for an installation in PREFIX, on standard output (make install puts
it in PREFIX/share/modulefiles/maclaurin/VERSION).

Tcl, which both Lmod and the classic Environment Modules read.  It puts
the programs on PATH and the analysis on PYTHONPATH, names the share and
documentation directories, and says which MPI library MPI_PROGRAM was
built with and for which ARCH (its -march, from the program's own build
facts: make install may run without the ARCH= of the build).  Where a
module provided that MPI, the file names it as a prereq: loading another
MPI beside maclaurin is the classic way to get a run of N singletons.
The module is MPI_MODULE when set, else the loaded module (LOADEDMODULES)
whose name says MPI.  Python 3.6, standard library.
"""
import os
import re
import subprocess
import sys


def facts(program):
    """The program's --facts as a dict (a program that knows none: empty)."""
    try:
        out = subprocess.run([program, "--facts"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             universal_newlines=True).stdout
    except OSError:
        out = ""
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


def mpi_module():
    if os.environ.get("MPI_MODULE"):
        return os.environ["MPI_MODULE"]
    loaded = os.environ.get("LOADEDMODULES", "").split(":")
    return next((m for m in loaded if re.match(r"[^/]*(mpi|mpich|mvapich|hpcx)", m, re.I)), "")


def unbraced(text):
    """Tcl braces quote everything but braces themselves."""
    return re.sub(r"[{}]", "", text)


def modulefile(prefix, version, library, cflags, module):
    march = re.search(r"-march=(\S+)", cflags)
    arch = march.group(1) if march else "none given"
    library, cflags, module = unbraced(library), unbraced(cflags), unbraced(module)
    arch_note = ("built for the build machine's own CPU (ARCH=native): on compute nodes of another\n"
                 "CPU it may stop with an illegal instruction (the batch scripts check first)."
                 if arch == "native" else f"built for ARCH={arch}.")
    mpi_note = (f"Load that MPI first (module load {module}): this module requires it." if module
                else "That MPI came with the system, not from a module.")
    lines = [
        "#%Module1.0",
        f"## maclaurin {version}, installed in {prefix}",
        "proc ModulesHelp { } {",
        f"    puts stderr {{maclaurin {version}: the Maclaurin series of 1/(1-x), summed by a",
        "vectorised kernel with OpenMP threads and MPI ranks, every answer verified.",
        "Programs: maclaurin_serial, maclaurin_omp, maclaurin_mpi, maclaurin_peak,",
        "maclaurin_csvcheck.  Studies on Slurm: maclaurin-submit strong|weak|hybrid.",
        "Tables and figures: maclaurin-analysis (python3 -m maclaurin_analysis).",
        "Documentation: $MACLAURIN_DOCS (README.md first, then docs/slurm.md).",
        f"maclaurin_mpi was built with: {library}",
        mpi_note,
        "Start it with that MPI's own launcher, or srun.",
        f"It was {arch_note}",
        f"Build flags: {cflags}}}",
        "}",
        f"module-whatis {{maclaurin {version}: verified series kernel (MPI + OpenMP), built with {library} "
        f"for ARCH={arch}}}",
    ]
    if module:
        lines.append(f"prereq {{{module}}}")
    lines += [
        f"set root {{{prefix}}}",
        "prepend-path PATH $root/bin",
        "prepend-path PYTHONPATH $root/share/maclaurin/analysis",
        "setenv MACLAURIN_SHARE $root/share/maclaurin",
        "setenv MACLAURIN_DOCS $root/share/doc/maclaurin",
        f"setenv MACLAURIN_MPI_LIBRARY {{{library}}}",
        f"setenv MACLAURIN_MPI_MODULE {{{module}}}",
        f"setenv MACLAURIN_ARCH {{{arch}}}",
    ]
    return "\n".join(lines) + "\n"


def main(argv):
    if len(argv) != 4:
        print(f"usage: {argv[0]} PREFIX VERSION MPI_PROGRAM", file=sys.stderr)
        return 2
    prefix, version, program = argv[1:]
    known = facts(program)
    if not known.get("mpi_library"):
        print(f"write_modulefile: {program} does not say which MPI it was built with", file=sys.stderr)
        return 1
    sys.stdout.write(modulefile(prefix, version, known["mpi_library"], known.get("cflags", ""), mpi_module()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

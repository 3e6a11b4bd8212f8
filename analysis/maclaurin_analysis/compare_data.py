"""compare_data - the rows of `make compare`: written, verified, read back.

One row per timed run of one peer (docs/compare.md).  Its columns are
io/csv_columns.h's (`maclaurin_csvcheck --columns compare` lists
them), and append takes the header from `maclaurin_csvcheck --header
compare` (scripts/compare passes it as --header), so that this file keeps
no copy of it: a row is a dict of the columns by name.

Every peer's answer is checked here, against the closed form
(1 - x^N) / (1 - x) evaluated in 50-digit decimal arithmetic, so that no
peer judges itself and the reference's own rounding (about 1e-16) is far
below any error shown.  A row is verified when its relative error is at
most BOUND = 1e-6: loose on purpose, because honest peers lose accuracy
at large N (a running product of k factors carries about k ulps, a sum
of N terms in program order about N ulps at worst), and the error itself
is in every row; what the bound catches is a wrong answer, not a
rounding.  maclaurin_csvcheck checks the file's shape.

Commands (scripts/compare runs them; importable from a notebook):
  append CSV --header LINE --peer P --workers W --x X --terms N --rep R
         --stamp S --host H --cores C --git G (--toolchain T | --maclaurin)
      reads "SECONDS RESULT" lines (a peer's output) or, with --maclaurin,
      a maclaurin driver's CSV, from stdin, and appends one row for each.
  size CSV --terms N --seconds S
      "PEER TERMS" for each peer: the larger N that runs about S seconds at
      the peer's best rate at N terms, and at least twice N.
"""
import argparse
import csv
import os
import sys
from decimal import Decimal, localcontext

BOUND = 1e-6


def reference(x, n):
    """(1 - x^n) / (1 - x) to 50 digits, rounded to a double."""
    with localcontext() as ctx:
        ctx.prec = 50
        d = Decimal(x)  # the double's exact value
        return float((1 - d ** n) / (1 - d))


# The machine's columns, as the programs' --facts state them (the file's
# cpu is its model name), so that the CPU is read one way only.
MACHINE_FACTS = ("cpu_vendor", "cpu_family", "cpu_model_number", "cpu_stepping", "cpu_uarch", "hypervisor",
                 "machine_id")


def read_facts(path):
    """NAME=VALUE lines (a program's --facts) as a dict."""
    with open(path) as f:
        return dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)


def runs_of(stream, maclaurin):
    """(seconds, result, toolchain or None) for each timed run on stream."""
    if maclaurin:
        for row in csv.DictReader(stream):
            tool = f"{row['compiler']} {row['cflags']}"
            if row["driver"] == "maclaurin_mpi":
                tool += f", {row['mpi_library']}"
            yield float(row["seconds"]), float(row["result"]), tool
        return
    for line in stream:
        seconds, result = line.split()
        yield float(seconds), float(result), None


def make_row(facts, seconds, result, toolchain):
    """One row of the file, as a dict, verified against the closed form."""
    x, n = facts["x"], facts["terms"]
    ref = reference(x, n)
    # the verdict from the error as written, so that the file agrees with
    # itself (maclaurin_csvcheck checks verified against rel_err <= bound)
    rel_err = f"{abs(result - ref) / abs(ref):.3g}"
    return {"timestamp": facts["stamp"], "host": facts["host"], "cpu": facts["machine"]["cpu_model"],
            "cores": facts["cores"], "git": facts["git"], "peer": facts["peer"],
            "workers": facts["workers"], "x": repr(x), "terms": n, "rep": facts["rep"],
            "seconds": f"{seconds:.9g}", "terms_per_s": f"{n / seconds:.6g}",
            "result": repr(result), "reference": repr(ref), "rel_err": rel_err,
            "bound": f"{BOUND:g}", "verified": int(float(rel_err) <= BOUND),
            "toolchain": toolchain or facts["toolchain"],
            **{name: facts["machine"][name] for name in MACHINE_FACTS}}


def append(path, rows, header):
    """rows (dicts, make_row's) appended to path under header (the column
    names, in order), written first into an empty file."""
    if rows and set(rows[0]) != set(header):
        raise ValueError(f"the header's columns ({','.join(header)}) are not this script's "
                         f"({','.join(rows[0])})")
    new = not os.path.exists(path) or os.path.getsize(path) == 0
    with open(path, "a", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        if new:
            w.writeheader()
        w.writerows(rows)


def load(path):
    """The rows, numbers as numbers."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        for k in ("cores", "workers", "terms", "rep", "verified"):
            r[k] = int(r[k])
        for k in ("x", "seconds", "terms_per_s", "result", "reference", "rel_err", "bound"):
            r[k] = float(r[k])
    return rows


def best(rows):
    """{(peer, terms): the row of the highest rate}, over the repetitions."""
    out = {}
    for r in rows:
        key = (r["peer"], r["terms"])
        if key not in out or r["terms_per_s"] > out[key]["terms_per_s"]:
            out[key] = r
    return out


def larger_terms(rate, terms, seconds):
    """About `seconds` at `rate`, two significant digits, at least 2 * terms."""
    return max(2 * terms, int(float(f"{rate * seconds:.2g}")))


def main(argv):
    p = argparse.ArgumentParser(prog="compare_data")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("append")
    a.add_argument("csv")
    a.add_argument("--header", required=True, help="the header line: maclaurin_csvcheck --header compare")
    for name in ("peer", "stamp", "host", "git"):
        a.add_argument("--" + name, required=True)
    a.add_argument("--toolchain", default="", help="compiler or interpreter (not with --maclaurin)")
    for name in ("workers", "terms", "rep", "cores"):
        a.add_argument("--" + name, type=int, required=True)
    a.add_argument("--x", type=float, required=True)
    a.add_argument("--maclaurin", action="store_true", help="stdin is a maclaurin driver's CSV")
    a.add_argument("--facts", required=True, help="a maclaurin program's --facts: the machine")
    s = sub.add_parser("size")
    s.add_argument("csv")
    s.add_argument("--terms", type=int, required=True)
    s.add_argument("--seconds", type=float, required=True)
    args = p.parse_args(argv)

    if args.command == "append":
        facts = dict(vars(args), machine=read_facts(args.facts))
        rows = [make_row(facts, *run) for run in runs_of(sys.stdin, args.maclaurin)]
        if not rows:
            sys.exit(f"compare_data: {args.peer}: no timed run on stdin")
        try:
            append(args.csv, rows, args.header.strip().split(","))
        except ValueError as e:
            sys.exit(f"compare_data: {e}")
        for r in rows:
            print(f"  {r['peer']:<24} {r['workers']:>2} workers  N={r['terms']:<12.4g} "
                  f"{float(r['seconds']):8.4f} s  {float(r['terms_per_s']):9.3g} terms/s  "
                  f"rel err {r['rel_err']}{'' if r['verified'] else '  NOT VERIFIED'}")
    else:
        for (peer, terms), r in best(load(args.csv)).items():
            if terms == args.terms:
                print(peer, larger_terms(r["terms_per_s"], terms, args.seconds))


if __name__ == "__main__":
    main(sys.argv[1:])

"""The command "compare" (make compare; scripts/compare launches each
peer): the rounds' order, a row's check against the closed form, each
peer's larger N, the run's usage errors and the report of the committed
run.  The run of the real peers is tests/compare's."""
import io
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECKOUT = os.path.dirname(ROOT)
sys.path.insert(0, ROOT)
from maclaurin_analysis import peers  # noqa: E402

HEADER = ("timestamp,host,cpu,cores,git,peer,workers,x,terms,rep,seconds,terms_per_s,result,reference,rel_err,"
          "bound,verified,toolchain,cpu_vendor,cpu_family,cpu_model_number,cpu_stepping,cpu_uarch,hypervisor,"
          "machine_id")   # a file's first line, as maclaurin_csvcheck --header compare prints it
FACTS = ("cpu_model=AMD EPYC\ncpu_vendor=AuthenticAMD\ncpu_family=26\ncpu_model_number=2\ncpu_stepping=1\n"
         "cpu_uarch=zen5\nhypervisor=1\nmachine_id=amd-26.2.1-2cpu-49c22c\n")


def analysis(*args, stdin=None):
    env = dict(os.environ, PYTHONPATH=ROOT, MACLAURIN_PROG="compare")
    return subprocess.run([sys.executable, "-m", "maclaurin_analysis", "compare", *args], env=env, input=stdin,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)


class Compare(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.csv = os.path.join(self.dir.name, "c.csv")
        self.facts = {"stamp": "T", "host": "h", "cores": 2, "git": "g", "x": 0.5, "rep": 0, "workers": 1,
                      "toolchain": "cc -O3",
                      "machine": dict(line.split("=", 1) for line in FACTS.splitlines())}

    def tearDown(self):
        self.dir.cleanup()

    def append(self, peer, terms, text):
        facts = dict(self.facts, peer=peer, terms=terms)
        rows = [peers.make_row(facts, *one) for one in peers.runs_of(io.StringIO(text), False)]
        peers.append(self.csv, rows, HEADER.split(","))
        return rows

    def test_rounds_alternate_their_order(self):
        self.assertEqual(peers.order(3, ["a", "b"]), [(0, "a"), (0, "b"), (1, "b"), (1, "a"), (2, "a"), (2, "b")])

    def test_rows_are_verified_against_the_closed_form(self):
        # 1 + 1/2 + 1/4 = 1.75: right; 1.8 is 2.9% off: recorded, not verified
        self.append("c_pow_loop", 3, "0.5 1.75\n0.25 1.8\n")
        rows = peers.load(self.csv)
        self.assertEqual([(r["verified"], r["reference"], r["terms_per_s"]) for r in rows],
                         [(1, 1.75, 6.0), (0, 1.75, 12.0)])
        self.assertEqual((rows[0]["cpu"], rows[0]["toolchain"]), ("AMD EPYC", "cc -O3"))

    def test_a_header_of_other_columns_is_refused(self):
        with self.assertRaisesRegex(peers.PeersError, "are not this script's"):
            peers.append(self.csv, [peers.make_row(dict(self.facts, peer="p", terms=3), 1.0, 1.75, None)], ["a", "b"])
        self.assertFalse(os.path.exists(self.csv))

    def test_the_larger_n_from_the_best_rate(self):
        ref = peers.reference(0.5, 100000)
        self.append("a", 100000, "0.01 %r\n0.001 %r\n" % (ref, ref))
        self.append("b", 100000, "1 %r\n" % ref)
        # a: 1e8 terms/s x 2 s; b: 1e5 terms/s x 2 s, less than twice N
        self.assertEqual(peers.sizes(peers.load(self.csv), 100000, 2.0), {"a": 200000000, "b": 200000})

    def test_run_refuses_bad_options_before_measuring(self):
        for args, words in ((("--rounds", "0"), "invalid --rounds '0'"), (("--seconds", "0"), "invalid --seconds"),
                            (("--x", "half"), "invalid --x 'half'"), (("--bogus",), "unknown option '--bogus'")):
            out = analysis("run", "--out", self.csv, *args)
            self.assertEqual(out.returncode, 2, args)
            self.assertEqual(out.stderr.count("\n"), 1, out.stderr)
            self.assertIn(words, out.stderr)
        out = analysis("run", "--out", self.csv, "--bin-dir", self.dir.name)
        self.assertEqual(out.returncode, 1)
        self.assertIn("not built (make compare builds it)", out.stderr)
        self.assertFalse(os.path.exists(self.csv))

    def test_the_report_of_the_committed_run_is_its_committed_table(self):
        csv = os.path.join(CHECKOUT, "results", "compare-vm.csv")
        out = analysis("report", csv)
        self.assertEqual(out.returncode, 0, out.stderr)
        with open(os.path.join(CHECKOUT, "results", "compare-vm.txt")) as f:
            self.assertEqual(out.stdout, f.read())


if __name__ == "__main__":
    unittest.main()

"""The command "compare" (make compare's arithmetic; scripts/compare
launches the peers): the rounds' order, a row's check against the closed
form, each peer's larger N, and the report of the committed run."""
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
        self.facts = os.path.join(self.dir.name, "facts")
        with open(self.facts, "w") as f:
            f.write(FACTS)

    def tearDown(self):
        self.dir.cleanup()

    def append(self, peer, terms, stdin, rep=0, workers=1):
        return analysis("append", self.csv, "--header", HEADER, "--peer", peer, "--stamp", "T", "--host", "h",
                        "--git", "g", "--workers", str(workers), "--terms", str(terms), "--rep", str(rep),
                        "--cores", "2", "--x", "0.5", "--facts", self.facts, "--toolchain", "cc -O3", stdin=stdin)

    def test_rounds_alternate_their_order(self):
        out = analysis("order", "--rounds", "3", "a", "b")
        self.assertEqual(out.stdout.split("\n")[:-1], ["0 a", "0 b", "1 b", "1 a", "2 a", "2 b"])
        self.assertEqual(analysis("order", "--rounds", "0", "a").returncode, 2)

    def test_rows_are_verified_against_the_closed_form(self):
        # 1 + 1/2 + 1/4 = 1.75: right; 1.8 is 2.9% off: recorded, not verified
        out = self.append("c_pow_loop", 3, "0.5 1.75\n0.25 1.8\n")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("NOT VERIFIED", out.stdout)
        rows = peers.load(self.csv)
        self.assertEqual([(r["verified"], r["reference"], r["terms_per_s"]) for r in rows],
                         [(1, 1.75, 6.0), (0, 1.75, 12.0)])
        self.assertEqual(rows[0]["cpu"], "AMD EPYC")
        self.assertEqual(rows[0]["toolchain"], "cc -O3")
        self.assertEqual(self.append("c_pow_loop", 3, "").returncode, 1)   # no timed run

    def test_a_header_of_other_columns_is_refused(self):
        out = analysis("append", self.csv, "--header", "a,b", "--peer", "p", "--stamp", "T", "--host", "h",
                       "--git", "g", "--workers", "1", "--terms", "3", "--rep", "0", "--cores", "2", "--x", "0.5",
                       "--facts", self.facts, stdin="1 1.75\n")
        self.assertEqual(out.returncode, 1)
        self.assertIn("are not this script's", out.stderr)
        self.assertFalse(os.path.exists(self.csv))

    def test_the_larger_n_from_the_best_rate_and_every_peer_sized(self):
        self.append("a", 100000, "0.01 %r\n0.001 %r\n" % ((peers.reference(0.5, 100000),) * 2))
        self.append("b", 100000, "1 %r\n" % peers.reference(0.5, 100000))
        out = analysis("size", self.csv, "--terms", "100000", "--seconds", "2", "--peers", "2")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(sorted(out.stdout.split("\n")[:-1]), ["a 200000000", "b 200000"])   # 1e8/s x 2 s; 2 N at least
        out = analysis("size", self.csv, "--terms", "100000", "--seconds", "2", "--peers", "3")
        self.assertEqual(out.returncode, 1)
        self.assertIn("2 peers have a run", out.stderr)

    def test_the_report_of_the_committed_run_is_its_committed_table(self):
        csv = os.path.join(CHECKOUT, "results", "compare-vm.csv")
        out = analysis("report", csv)
        self.assertEqual(out.returncode, 0, out.stderr)
        with open(os.path.join(CHECKOUT, "results", "compare-vm.txt")) as f:
            self.assertEqual(out.stdout, f.read())


if __name__ == "__main__":
    unittest.main()

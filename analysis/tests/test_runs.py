"""column, done and run-summary: what the scripts read of their own CSVs."""
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HEADER = "driver,ranks,threads,terms,x,kernel,reduction,mode,round,seconds,verified,result_hex,nodes,cpu_model\n"
ROWS = ("maclaurin_mpi,2,1,1000,0.5,simd,exact,strong,0,2.0,1,0x1,1,\"Xeon, 8 cores\"\n"
        "maclaurin_mpi,2,1,1000,0.5,simd,exact,strong,0,1.0,1,0x2,2,plain\n"
        "maclaurin_mpi,2,1,1000,0.5,simd,exact,strong,1,3.0,0,0x3,2,plain\n"
        "maclaurin_mpi,2,1,1000,0.5,simd,exact,strong,1,3.0")   # torn by a kill


def analysis(*args, stdin=None):
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-m", "maclaurin_analysis", *args], env=env, input=stdin,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)


class Runs(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.csv = os.path.join(self.dir.name, "run.csv")
        with open(self.csv, "w") as f:
            f.write(HEADER + ROWS)

    def tearDown(self):
        self.dir.cleanup()

    def test_column_reads_quoted_fields_and_filters_numerically(self):
        out = analysis("column", self.csv, "cpu_model,seconds", "round=0.0")
        self.assertEqual(out.stdout, "Xeon, 8 cores\t2.0\nplain\t1.0\n")
        out = analysis("column", "-", "round", "verified=0", stdin=HEADER + ROWS)
        self.assertEqual(out.stdout, "1\n")

    def test_column_condition_without_equals_is_a_usage_error(self):
        out = analysis("column", self.csv, "round", "verified")
        self.assertEqual(out.returncode, 2)
        self.assertEqual(len(out.stderr.splitlines()), 1)

    def test_done_keys_only_whole_verified_configurations(self):
        out = analysis("done", self.csv)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout, "strong|maclaurin_mpi|2|1|1000|0.5|simd|exact|0\n")
        out = analysis("done", self.csv, "--first", "cpu_model")   # the leading column splits round 0 in two
        self.assertEqual(out.stdout, "Xeon, 8 cores|strong|maclaurin_mpi|2|1|1000|0.5|simd|exact|0\n"
                                     "plain|strong|maclaurin_mpi|2|1|1000|0.5|simd|exact|0\n")

    def test_done_header_checks_each_output_before_a_run_appends(self):
        header = os.path.join(self.dir.name, "header")
        with open(header, "w") as f:
            f.write(HEADER)
        new = os.path.join(self.dir.name, "new", "out.csv")
        out = analysis("done", "--header", header, new)
        self.assertEqual((out.returncode, out.stdout), (0, ""), out.stderr)
        self.assertTrue(os.path.isfile(new))   # made, and its folder
        whole = os.path.join(self.dir.name, "whole.csv")
        with open(whole, "w") as f:
            f.write(HEADER + ROWS[:ROWS.rindex("maclaurin_mpi")])
        out = analysis("done", "--header", header, "--resume", whole)
        self.assertEqual(out.stdout, "strong|maclaurin_mpi|2|1|1000|0.5|simd|exact|0\n")
        foreign = os.path.join(self.dir.name, "foreign.csv")
        with open(foreign, "w") as f:
            f.write("driver,other\nmaclaurin_omp,1\n")
        for args, want in (((whole,), "already exists (--resume completes it)"),
                           (("--resume", self.csv), "its last line is cut short"),
                           (("--resume", foreign), "its columns differ")):
            out = analysis("done", "--header", header, *args)
            self.assertEqual(out.returncode, 2, args)
            self.assertEqual(len(out.stderr.splitlines()), 1, out.stderr)
            self.assertIn(want, out.stderr)

    def test_run_summary_default_fields(self):
        out = analysis("run-summary", self.csv)
        self.assertEqual(out.stdout, "1 1 0x2 2\n")   # unverified, best, its bits, median

    def test_run_summary_after_lines_counts_only_new_rows_and_their_nodes(self):
        out = analysis("run-summary", self.csv, "--fields", "rows,verified,nodes")
        self.assertEqual(out.stdout, "3 2 1,2\n")
        out = analysis("run-summary", self.csv, "--after", "3", "--fields", "rows,verified,nodes")
        self.assertEqual(out.stdout, "1 0 2\n")
        out = analysis("run-summary", os.path.join(self.dir.name, "none.csv"), "--fields", "rows,verified,nodes,best")
        self.assertEqual(out.stdout, "0 0 0 -\n")

    def test_run_summary_unknown_field_is_a_usage_error(self):
        out = analysis("run-summary", self.csv, "--fields", "rows,speed")
        self.assertEqual(out.returncode, 2)
        self.assertIn("speed", out.stderr)


if __name__ == "__main__":
    unittest.main()

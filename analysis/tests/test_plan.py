"""plan: a Slurm study's layouts, terms, time and launch schedule."""
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from maclaurin_analysis import plan  # noqa: E402


def analysis(*args):
    env = dict(os.environ, PYTHONPATH=ROOT, MACLAURIN_PROG="slurm")
    return subprocess.run([sys.executable, "-m", "maclaurin_analysis", *args], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)


def keys(text):
    return dict(line.split("=", 1) for line in text.splitlines())


class Plan(unittest.TestCase):
    def test_layouts_of_each_study_start_with_the_base_case(self):
        self.assertEqual(plan.layouts("strong", 6), [(1, 1), (2, 1), (4, 1), (6, 1)])
        self.assertEqual(plan.layouts("weak", 8, threads=2), [(1, 1), (1, 2), (2, 2), (4, 2)])
        self.assertEqual(plan.layouts("hybrid", 4, nodes=2), [(1, 1), (4, 1), (2, 2)])

    def test_allocated_cpus_reads_slurms_repeat_counts(self):
        self.assertEqual(plan.allocated_cpus("2(x3),4"), [2, 2, 2, 4])
        self.assertEqual(plan.allocated_cpus("8"), [8])
        with self.assertRaises(plan.PlanError):
            plan.allocated_cpus("lots")

    def test_layout_nodes_spread_one_rank_a_node_pack_fills_nodes(self):
        self.assertEqual(plan.layout_nodes((2, 1), 3, 2, "spread"), 2)
        self.assertEqual(plan.layout_nodes((2, 1), 3, 2, "pack"), 1)
        self.assertEqual(plan.layout_nodes((6, 1), 3, 2, "pack"), 3)
        self.assertEqual(plan.layout_nodes((8, 1), 3, 2, "spread"), 3)

    def test_bad_layout_is_refused(self):
        for text in ("1x1 4", "0x1", "2x"):
            with self.assertRaises(plan.PlanError):
                plan.parse_layouts(text)

    def test_given_layouts_get_the_weak_share_times_their_workers(self):
        out = analysis("plan", "weak", "--cores", "4", "--terms", "1000", "--layouts", "1x1 3x1 2x2")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(keys(out.stdout)["terms"], "1x1:1000 3x1:3000 2x2:4000")
        out = analysis("plan", "strong", "--cores", "4", "--terms", "1000", "--layouts", "1x1 8x1")
        self.assertEqual(keys(out.stdout)["terms"], "1x1:1000 8x1:1000")

    def test_calibrated_strong_n_covers_the_widest_of_the_studys_layouts(self):
        with tempfile.TemporaryDirectory() as d:
            cal = os.path.join(d, "cal.csv")
            with open(cal, "w") as f:
                f.write("terms_per_s,verified\n1e9,1\n3e9,1\n2e9,1\n9e9,0\n")
            out = analysis("plan", "strong", "--cores", "4", "--calibration", cal, "--target", "1",
                           "--layouts", "1x1 2x1")
            self.assertEqual(out.returncode, 0, out.stderr)
            k = keys(out.stdout)
            self.assertEqual(k["rate"], "2e+09")   # the median of the verified rows
            # 2e9 terms/s x 4 cores x 1 s x 1.2: the study's widest, not the widest given
            self.assertEqual(k["terms"], "1x1:9600000000 2x1:9600000000")

    def test_cores_from_slurms_cpus_over_hardware_threads(self):
        out = analysis("plan", "strong", "--cpus-per-node", "4(x2)", "--threads-per-core", "2", "--nodes", "2",
                       "--terms", "10")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(keys(out.stdout)["cores"], "4")
        self.assertEqual(keys(out.stdout)["layouts"], "1x1 2x1 4x1")

    def test_schedule_runs_every_layout_once_a_round_with_its_nodes(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "schedule")
            out = analysis("plan", "weak", "--cpus-per-node", "2(x3)", "--nodes", "3", "--rounds", "3",
                           "--terms", "100", "--layouts", "2x1 6x1 8x1", "--distribution", "pack",
                           "--schedule", path)
            self.assertEqual(out.returncode, 0, out.stderr)
            launches = [tuple(map(int, line.split())) for line in open(path)]
        self.assertEqual(len(launches), 9)
        for r in (1, 2, 3):
            self.assertEqual(sorted(l[1:] for l in launches if l[0] == r),
                             [(2, 1, 200, 1, 0), (6, 1, 600, 3, 0), (8, 1, 800, 3, 1)])

    def test_a_job_too_short_names_the_submit_line(self):
        out = analysis("plan", "weak", "--cores", "2", "--time-left", "0:30")
        self.assertEqual(out.returncode, 4)
        self.assertIn("maclaurin-submit weak -N 1 -n 2", out.stderr)
        self.assertEqual(len(out.stderr.splitlines()), 1)

    def test_usage_errors_are_one_line_status_2(self):
        for args in (("plan", "medium", "--cores", "2"), ("plan", "strong"), ("plan", "strong", "--cores", "0"),
                     ("plan", "strong", "--cores", "2", "--layouts", "2y1"),
                     ("plan", "strong", "--cores", "2", "--schedule", "/dev/null")):
            out = analysis(*args)
            self.assertEqual(out.returncode, 2, args)
            self.assertEqual(len(out.stderr.splitlines()), 1, out.stderr)
            self.assertTrue(out.stderr.startswith("slurm: "), out.stderr)


if __name__ == "__main__":
    unittest.main()

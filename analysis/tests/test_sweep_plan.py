"""sweep-plan and progress: scripts/sweep's plan, and the launch loop's progress line."""
import os
import re
import subprocess
import sys
import tempfile
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from maclaurin_analysis import sweep  # noqa: E402

FAKE = os.path.join(os.path.dirname(ROOT), "tests", "scripts", "fake_driver")


def analysis(*args):
    env = dict(os.environ, PYTHONPATH=ROOT, MACLAURIN_PROG="sweep")
    return subprocess.run([sys.executable, "-m", "maclaurin_analysis", *args], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)


class Plan(unittest.TestCase):
    def test_parallelisms_rounds_and_oversubscription(self):
        skipped = []
        plan = sweep.configs(["omp", "mpi", "hybrid"], [1, 2], [1, 2], 2, False, "weak", 1000, skipped.append)
        self.assertEqual([(c.parallelism, c.ranks, c.threads, c.terms) for c in plan],
                         [("omp", 0, 1, 1000), ("omp", 0, 2, 2000), ("mpi", 1, 1, 1000), ("mpi", 2, 1, 2000),
                          ("hybrid", 1, 2, 2000)])
        self.assertEqual(skipped, ["skipping hybrid 2x2: 4 workers on 2 cores (--oversubscribe runs it)"])
        launches = sweep.launches(plan, 3)
        for r in range(3):
            self.assertEqual(sorted((l.config for l in launches if l.round == r), key=repr), sorted(plan, key=repr))

    def test_weak_terms_above_2_53_are_refused(self):
        with self.assertRaises(sweep.SweepError):
            sweep.configs(["omp"], [4], [], 4, False, "weak", (1 << 53) // 2, print)

    def test_counts_and_terms(self):
        self.assertEqual(sweep.counts("4,1,4", 8, "--threads"), [4, 1])
        self.assertEqual(sweep.default_counts(6), [1, 2, 4, 6])
        self.assertEqual(sweep.exact_terms("6e9"), 6000000000)
        self.assertEqual(sweep.exact_terms("9007199254740993"), 9007199254740993)   # no float on the way
        for text in ("0", "1,x", "9"):
            with self.assertRaises(sweep.SweepError):
                sweep.counts(text, 8, "--ranks")

    def test_key_is_the_one_done_prints(self):
        from maclaurin_analysis.runs import config_key
        c = sweep.Config("mpi", 2, 1, 1000, False)
        row = {"mode": "strong", "driver": "maclaurin_mpi", "ranks": "2", "threads": "1", "terms": "1000",
               "x": "0.5", "kernel": "simd", "reduction": "exact", "round": "3"}
        self.assertEqual(sweep.key(sweep.Launch(3, c), "strong", "0.5", "simd", "exact"), config_key(row))

    def test_progress_scales_the_guesses_by_the_time_spent(self):
        p = sweep.progress(["100", "-", "100", "200"], 0, elapsed=2.0, took=2.0)
        self.assertEqual((p.spent_ms, p.left_ms, p.left()), (100, 300, 6))
        self.assertEqual(p.line(), "took 2.0 s; elapsed 2.0 s, about 6 s left")


@unittest.skipUnless(os.access(FAKE, os.X_OK), "no tests/scripts/fake_driver")
class Command(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        for name in ("maclaurin_omp", "maclaurin_mpi"):
            os.symlink(FAKE, os.path.join(self.dir.name, name))

    def tearDown(self):
        self.dir.cleanup()

    def test_work_gets_a_plan_for_the_script(self):
        work = os.path.join(self.dir.name, "work")
        os.mkdir(work)
        out = analysis("sweep-plan", "--work", work, "--bin-dir", self.dir.name, "--series", "omp", "--threads",
                       "1,2", "--oversubscribe", "--terms", "1e3", "--repeat", "2", "--out", "x.csv", "-x", "0.5")
        self.assertEqual(out.returncode, 0, out.stderr)
        got = subprocess.run(["bash", "-c", '. "$1/plan.sh" && echo "$COUNT|$OUT|${L_TERMS[*]}|${L_ROUND[*]}|'
                              '${L_KEY[0]}"', "-", work], stdout=subprocess.PIPE, universal_newlines=True).stdout
        count, csv, terms, rounds, key = got.strip().split("|", 4)
        self.assertEqual((count, csv, terms, rounds), ("4", "x.csv", "1000 1000 1000 1000", "0 0 1 1"))
        self.assertTrue(key.startswith("strong|maclaurin_omp|1|"), key)

    def test_dry_run_lists_and_usage_errors_are_one_line(self):
        out = analysis("sweep-plan", "--bin-dir", self.dir.name, "--parallelism", "omp", "--threads", "1",
                       "--mode", "weak", "--terms", "1e3", "-x", "0.5", "--dry-run")
        self.assertEqual(out.stdout, "weak omp: maclaurin_omp 1x1, N=1000\n")
        for args, want in ((("--mode", "medium"), "invalid --mode 'medium'"),
                           (("--series", "gpu"), "invalid --parallelism 'gpu'"),
                           (("--repeat", "0"), "invalid --repeat '0'"),
                           (("--resume", "--threads", "1"), "--resume needs --out"),
                           (("--resume=yes",), "option '--resume' takes no value"),
                           (("--bin-dir", "/nonexistent"), "no executable maclaurin_omp")):
            out = analysis("sweep-plan", "--bin-dir", self.dir.name, "-x", "0.5", *args)
            self.assertEqual(out.returncode, 2, args)
            self.assertEqual(len(out.stderr.splitlines()), 1, out.stderr)
            self.assertIn(want, out.stderr)


class ProgressCommand(unittest.TestCase):
    def test_progress_line_and_seconds_since(self):
        with tempfile.NamedTemporaryFile("w", suffix=".costs") as f:
            f.write("1000\n-\n3000\n")
            f.flush()
            now = int(time.time() * 1e6)
            out = analysis("progress", str(now - 4000000), "--costs", f.name, "--index", "0",
                           "--started", str(now - 2000000))
        self.assertEqual(out.returncode, 0, out.stderr)
        took, elapsed, left = re.match(r"^took (\S+) s; elapsed (\S+) s, about (\d+) s left\n$", out.stdout).groups()
        self.assertAlmostEqual(float(elapsed) - float(took), 2.0, delta=0.15)   # the start 2 s before the launch's
        self.assertGreaterEqual(float(took), 2.0)
        self.assertEqual(int(left), int(float(elapsed) * 3))   # 3000 ms of guesses left for 1000 spent
        out = analysis("progress", str(int(time.time() * 1e6) - 1500000))
        self.assertGreaterEqual(float(out.stdout), 1.5)
        out = analysis("progress", "0", "--costs", "/nonexistent", "--started", "0")
        self.assertEqual(out.returncode, 2)


if __name__ == "__main__":
    unittest.main()

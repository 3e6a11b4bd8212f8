"""The bench's arithmetic (maclaurin_analysis.bench): the order of the
interleaved runs, best of a side, median of ratios, targets and their
verdicts, the time left; and the commands "bench" and "bench-mpi"'s
argument errors and failed runs.  The runs of the real programs are
tests/scripts/test_bench.sh's."""
import contextlib
import io
import os
import stat
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from maclaurin_analysis import bench  # noqa: E402


def analysis(*args, env=None):
    """The command line, in an environment without the bench's settings but env."""
    full = {k: v for k, v in os.environ.items() if k not in ("PAIRS", "BEST", "BENCH_N", "BENCH_OUT")}
    full.update(env or {}, PYTHONPATH=ROOT, MACLAURIN_PROG="maclaurin-analysis")
    return subprocess.run([sys.executable, "-m", "maclaurin_analysis", *args], env=full,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)


class Interleaving(unittest.TestCase):
    def test_passes_alternate_forward_and_reversed(self):
        self.assertEqual(bench.pass_order(2, 4), [0, 1, 1, 0, 0, 1, 1, 0])
        self.assertEqual(bench.pass_order(3, 2), [0, 1, 2, 2, 1, 0])
        self.assertEqual(bench.pass_order(2, 1), [0, 1])

    def test_every_side_runs_once_a_pass(self):
        for sides in range(1, 6):
            for passes in range(1, 6):
                order = bench.pass_order(sides, passes)
                self.assertEqual(len(order), sides * passes)
                for j in range(sides):
                    self.assertEqual(order.count(j), passes)

    def test_interleaved_runs_in_that_order_and_keeps_each_sides_best(self):
        ran = []
        values = {"a": iter([3.0, 5.0, 4.0]), "b": iter([9.0, 7.0, 8.0])}

        def side(name):
            def one():
                ran.append(name)
                return next(values[name])
            return one

        self.assertEqual(bench.interleaved([side("a"), side("b")], 3, max), [5.0, 9.0])
        self.assertEqual(ran, ["a", "b", "b", "a", "a", "b"])
        values = {"a": iter([3.0, 5.0, 4.0]), "b": iter([9.0, 7.0, 8.0])}
        self.assertEqual(bench.interleaved([side("a"), side("b")], 3, min), [3.0, 7.0])

    def test_paired_is_the_median_of_the_rounds_ratios(self):
        b = bench.Bench.__new__(bench.Bench)
        b.pairs, b.best = 3, 1
        tops = iter([2.0, 4.0, 3.0])   # rounds' first sides; the second is always 1 ... 2
        seconds = iter([1.0, 2.0, 1.0])
        self.assertEqual(b.paired(lambda: next(tops), lambda: next(seconds), max), 2.0)


class Rows(unittest.TestCase):
    def test_targets(self):
        self.assertEqual(bench.meets(0.95, ">=0.95"), "yes")
        self.assertEqual(bench.meets(0.9499, ">=0.95"), "NO")
        self.assertEqual(bench.meets(1.03, "<=1.03"), "yes")
        self.assertEqual(bench.meets(1.0301, "<=1.03"), "NO")
        with self.assertRaises(ValueError):
            bench.meets(1, "=1")

    def test_the_verdict_is_the_shown_values(self):
        r = bench.row("m", 0.949996, ">=0.95")   # shown as 0.95: met
        self.assertEqual((r.value, r.met), (0.95, "yes"))
        self.assertEqual(bench.row("m", 123456.7).value, 123500.0)
        self.assertEqual(bench.row("m", 2.0), bench.Row("m", 2.0, "", ""))
        self.assertEqual(bench.row("m", 0.5, ">=0.90", applies=False).met, "n/a")

    def test_kernel_rows_na_only_where_the_mix_cannot_reach_the_peak(self):
        # (kernel, peak, mix): an Intel-like core, the mix at half the peak
        intel = bench.kernel_rows("k", [(4.8, 10.0, 5.0), (4.6, 10.0, 5.0), (5.0, 10.0, 5.0)], "8")
        self.assertEqual([r.metric for r in intel], ["k / peak, 1 thread, default problem",
                                                     "k: mix limit / peak (its loop alone, 8 chains)",
                                                     "k / mix limit"])
        self.assertEqual([r.value for r in intel], [0.48, 0.5, 0.96])
        self.assertEqual([r.met for r in intel], ["n/a", "", "yes"])
        zen = bench.kernel_rows("k", [(9.0, 10.0, 9.5)], "12")
        self.assertEqual([r.met for r in zen], ["yes", "", "NO"])   # 0.9 of the peak, 0.947 of the mix
        # measured at another size than the default problem (BENCH_N): the row names it
        self.assertEqual(bench.kernel_rows("k", [(9.0, 10.0, 9.5)], "12", "3e9 terms")[0].metric,
                         "k / peak, 1 thread, 3e9 terms")

    def test_thread_ratios(self):
        speedup, own = bench.thread_ratios([2.0, 1.25, 2.0, 4.0])
        self.assertEqual(speedup, 1.6)
        self.assertAlmostEqual(own, (1 / 1.25) / (1 / 2.0 + 1 / 4.0))
        self.assertEqual(bench.thread_ratios([2.0, 1.0]), (2.0, None))


class Files(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def program(self, name, text):
        path = os.path.join(self.dir.name, name)
        with open(path, "w") as f:
            f.write("#!/bin/sh\n" + text + "\n")
        os.chmod(path, stat.S_IRWXU)
        return path

    def test_a_row_goes_in_the_headers_order_with_the_facts(self):
        b = bench.Bench.__new__(bench.Bench)
        b.out = os.path.join(self.dir.name, "bench.csv")
        b.header = "metric,cpu,value,met,target,host,machine_id,cores,git,timestamp,simd"
        b.facts = {"cpu_model": 'AMD "EPYC", 2', "machine_id": "m-1", "simd": "avx2", "lanes": "4"}
        b.stamp, b.host, b.cores, b.rev = "T", "h", 2, "abc"
        with contextlib.redirect_stdout(io.StringIO()) as table:
            b.add(bench.row("a / b, 2 threads", 0.123456, "<=1.03"))
        with open(b.out) as f:
            self.assertEqual(f.read(), '"a / b, 2 threads","AMD ""EPYC"", 2",0.1235,yes,<=1.03,h,m-1,2,abc,T,avx2\n')
        self.assertEqual(table.getvalue(), "  %-48s %-12s %-10s %s\n" % ("a / b, 2 threads", "0.1235", "<=1.03", "yes"))
        b.header += ",unknown"
        with contextlib.redirect_stdout(io.StringIO()), self.assertRaisesRegex(bench.BenchError, "'unknown'"):
            b.add(bench.row("m", 1))

    def test_a_runs_value_is_read_by_column_name(self):
        runs = bench.Runs(self.dir.name)
        two = self.program("two", "echo 'a,seconds,b'; echo '1,2.5,\"x,y\"'; echo '1,3.5,z'")
        self.assertEqual(runs.column([two], "seconds"), [2.5, 3.5])
        with self.assertRaisesRegex(bench.BenchError, "2 rows"):
            runs.one([two], "seconds")
        with self.assertRaisesRegex(bench.BenchError, "no whole rows with 'terms_per_s'"):
            runs.one([two], "terms_per_s")
        failing = self.program("failing", "echo 'seconds'; echo 1; exit 3")
        with self.assertRaisesRegex(bench.BenchError, "failed: .*failing.*status 3"):
            runs.one([failing], "seconds")


class TimeLeft(unittest.TestCase):
    def test_estimates_follow_the_parts_runs(self):
        # 2 rounds x 3 runs x 10 s = 60 s a side
        self.assertEqual(bench.phase_estimates(2, 3, 10.0, 6, 2), [360, 240, 240, 60 + 42])
        self.assertEqual(bench.phase_estimates(2, 3, 10.0, 3, 8)[2], 120)   # over 4 cores: 2 sides
        self.assertEqual(bench.phase_estimates(2, 3, 10.0, 3, 1)[2], 0)     # one core: no threads part

    def test_the_rest_scales_with_the_pace_so_far(self):
        self.assertEqual(bench.time_left([100, 50], 0, 0), 150)
        self.assertEqual(bench.time_left([100, 50], 100, 200), 100)   # twice as slow as estimated
        self.assertEqual(bench.time_left([100, 50], 100, 0), 50)

    def test_progress_lines(self):
        clock, out = iter([0, 0, 130]), io.StringIO()
        p = bench.Progress([100, 50], clock=lambda: next(clock), out=out)
        p.phase("first", 0)
        p.phase("second", 1)
        self.assertEqual(out.getvalue().splitlines(),
                         ["bench: first (0m00s elapsed, about 2m30s left)",
                          "bench: second (2m10s elapsed, about 1m05s left)"])


class CommandLine(unittest.TestCase):
    def test_counts_are_positive_integers_from_options_or_environment(self):
        for args, env in ((("bench", "--pairs", "0"), {}), (("bench", "--best", "x"), {}),
                          (("bench",), {"PAIRS": "-1"}), (("bench-mpi", "--launch", "a", "b"), {"BEST": "2.5"})):
            out = analysis(*args, env=env)
            self.assertEqual(out.returncode, 2, (args, env, out.stderr))
            self.assertEqual(len(out.stderr.splitlines()), 1, out.stderr)
            self.assertIn("positive integer", out.stderr)

    def test_bench_mpi_needs_a_launcher_and_node_rates_with_slowed_nodes(self):
        for args in (("bench-mpi",), ("bench-mpi", "--nodes-slowed", "x"),
                     ("bench-mpi", "--launch", "only a name"), ("bench-mpi", "--nodes-shared", "a", "b", "c")):
            out = analysis(*args)
            self.assertEqual(out.returncode, 2, (args, out.stderr))
            self.assertTrue(out.stderr.startswith("maclaurin-analysis: "), out.stderr)

    def test_a_missing_program_is_one_line_and_status_1(self):
        with tempfile.TemporaryDirectory() as empty:
            out = analysis("bench", "--bin", empty)
            self.assertEqual(out.returncode, 1, out.stderr)
            self.assertRegex(out.stderr, r"^bench: failed: .*/maclaurin_omp --facts")
            self.assertEqual(os.listdir(empty), [])

    def test_rows_of_another_format_are_refused(self):
        with tempfile.TemporaryDirectory() as d:
            for name, text in (("maclaurin_omp", "echo default_terms=1; echo default_x=0.5; echo git_rev=r; "
                                "echo machine_id=m; echo cpu_model=c; echo simd=s"),
                               ("maclaurin_csvcheck", "echo timestamp,host,metric,value")):
                path = os.path.join(d, name)
                with open(path, "w") as f:
                    f.write("#!/bin/sh\n" + text + "\n")
                os.chmod(path, stat.S_IRWXU)
            other = os.path.join(d, "other.csv")
            with open(other, "w") as f:
                f.write("driver,seconds\n")
            out = analysis("bench", "--bin", d, "--out", other)
            self.assertEqual(out.returncode, 1, out.stderr)
            self.assertIn("has another format's columns", out.stderr)
            with open(other) as f:
                self.assertEqual(f.read(), "driver,seconds\n")


if __name__ == "__main__":
    unittest.main()

"""The commands that read a scaling study or draw: "table", "plot", "median",
"slowed" and "figures", run as a user runs them, on the hand-made CSVs of
tests/scripts/data (data/README.md derives every expected number)."""
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECKOUT = os.path.dirname(ROOT)
DATA = os.path.join(CHECKOUT, "tests", "scripts", "data")
STRONG = os.path.join(DATA, "hand_strong.csv")
SLOWED = os.path.join(DATA, "hand_slowed.csv")


def drawing_python():
    """As scripts/lib/analysis.sh chooses: MACLAURIN_PYTHON, else this
    interpreter or /usr/bin/python3, the first that imports numpy and
    matplotlib (None: the drawing tests skip)."""
    for py in ([os.environ["MACLAURIN_PYTHON"]] if os.environ.get("MACLAURIN_PYTHON") else
               [sys.executable, "/usr/bin/python3"]):
        if shutil.which(py) and subprocess.run([py, "-c", "import numpy, matplotlib"],
                                               stderr=subprocess.DEVNULL).returncode == 0:
            return py
    return None


DRAWING_PYTHON = drawing_python()


def analysis(*args, stdin=None, cwd=None):
    env = dict(os.environ, PYTHONPATH=ROOT, MACLAURIN_PROG="maclaurin-analysis", MPLBACKEND="Agg")
    py = DRAWING_PYTHON if args[0] in ("plot", "figures") else sys.executable
    return subprocess.run([py, "-m", "maclaurin_analysis", *args], env=env, input=stdin, cwd=cwd,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)


def can_draw():
    return DRAWING_PYTHON is not None


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


class Table(unittest.TestCase):
    def test_points_as_csv_hold_the_hand_worked_numbers(self):
        out = analysis("table", "--format", "csv", STRONG)
        self.assertEqual(out.returncode, 0, out.stderr)
        point = {(r["parallelism"], r["workers"]): r for r in rows(out.stdout)}
        self.assertEqual(point[("omp", "2")]["t_median"], "6")
        self.assertEqual(point[("omp", "2")]["speedup"], "1.66667")
        self.assertEqual(point[("omp", "2")]["karp_flatt"], "0.2")
        self.assertEqual(point[("hybrid", "2")]["speedup"], "1.81818")
        self.assertIn("1 unverified rows left out", out.stderr)

    def test_fits_and_options_after_operands(self):
        out = analysis("table", STRONG, "--fits", "--format", "csv")
        self.assertEqual(out.returncode, 0, out.stderr)
        fit = {r["parallelism"]: r for r in rows(out.stdout)}
        self.assertEqual((fit["omp"]["serial_fraction"], fit["mpi"]["serial_fraction"]), ("0.2", "0.261538"))
        self.assertEqual(fit["omp"]["law"], "amdahl")

    def test_compare_a_study_with_itself(self):
        out = analysis("table", "--compare", STRONG, "--format", "csv", STRONG)
        self.assertEqual(out.returncode, 0, out.stderr)
        verdicts = {r["verdict"] for r in rows(out.stdout)}
        self.assertEqual(verdicts, {"same within the interval"})

    def test_usage_errors_are_one_line(self):
        for args, words in ((("table", "--format", "html", STRONG), "invalid --format 'html'"),
                            (("table", "--compare", STRONG), "--compare takes two CSVs"),
                            (("table",), "no CSV given"),
                            (("table", "--bogus", STRONG), "unknown option '--bogus'"),
                            (("table", "/nonexistent.csv"), "invalid CSV '/nonexistent.csv'")):
            out = analysis(*args)
            self.assertEqual(out.returncode, 2, args)
            self.assertEqual(out.stderr.count("\n"), 1, out.stderr)
            self.assertIn(words, out.stderr)

    def test_help_is_argparse_and_says_what_the_table_holds(self):
        out = analysis("table", "--help")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("usage: maclaurin-analysis table", out.stdout)
        self.assertIn("Karp-Flatt", out.stdout)


class Plot(unittest.TestCase):
    def test_usage_errors_before_any_drawing(self):
        for args, words in ((("plot", STRONG), "no output given"),
                            (("plot", "--mode", "medium", STRONG, "-o", "x.png"), "invalid --mode 'medium'"),
                            (("plot", STRONG, "-o"), "option '-o' needs a value")):
            out = analysis(*args)
            self.assertEqual(out.returncode, 2, args)
            self.assertIn(words, out.stderr)
            self.assertEqual(out.stderr.count("\n"), 1, out.stderr)

    @unittest.skipUnless(can_draw(), "no numpy and matplotlib")
    def test_draws_a_png_and_prints_the_fits(self):
        with tempfile.TemporaryDirectory() as tmp:
            png = os.path.join(tmp, "f.png")
            out = analysis("plot", STRONG, "-o", png)
            self.assertEqual(out.returncode, 0, out.stderr)
            with open(png, "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
            self.assertIn("strong omp N=1000: Amdahl serial fraction f = 0.2", out.stdout)
            self.assertEqual(out.stdout.count("Amdahl serial fraction"), 3)


class Median(unittest.TestCase):
    def test_median_of_stdin(self):
        self.assertEqual(analysis("median", stdin="3 1\n2 10\n").stdout, "2.5\n")
        self.assertEqual(analysis("median", stdin="5 1 3").stdout, "3\n")
        self.assertEqual(analysis("median", stdin="").stdout, "")

    def test_a_word_is_a_usage_error(self):
        out = analysis("median", stdin="1 two 3")
        self.assertEqual(out.returncode, 2)
        self.assertIn("two", out.stderr)


class Slowed(unittest.TestCase):
    """hand_slowed.csv against its twins (data/README.md derives each number)."""

    def rows(self):
        out = analysis("slowed", SLOWED)
        self.assertEqual(out.returncode, 0, out.stderr)
        lines = out.stdout.splitlines()
        self.assertTrue(lines[0].startswith("| platform | ranks a node | N | ranks | nodes | capacity |"), lines[0])
        return [[c.strip() for c in line.split("|")[1:-1]] for line in lines[2:]]

    def test_the_table_against_the_twins(self):
        small, large = self.rows()
        self.assertEqual(large[:6], ["flat", "1", "4e+09", "4", "4", "0.875"])
        self.assertEqual(large[6:13], ["1020", "2.0%", "1166", "1.029", "≤ 1.10: met", "across-groups", "1.020"])
        self.assertEqual(large[13], "")
        self.assertEqual(small[6:13], ["250", "50.0%", "285.7", "0.945", "none: twin's comm ≥ 5%", "within-node",
                                       "1.250"])
        self.assertTrue(small[13].startswith("IMPOSSIBLE below its ideal: the twin's time not spent summing (50.0%"),
                        small[13])
        self.assertIn("twin's exact / plain over 1.03", small[13])

    def test_a_slowed_run_needs_its_twin(self):
        with tempfile.TemporaryDirectory() as tmp:
            lonely = os.path.join(tmp, "lonely.csv")
            with open(SLOWED) as f:
                lines = f.readlines()
            with open(lonely, "w") as f:
                f.writelines(line for line in lines if ",none,exact,4e9," not in line)
            out = analysis("slowed", lonely)
            self.assertEqual(out.returncode, 2)
            self.assertIn("flat, N = 4e+09, 4 ranks on 4 nodes, slowed 4:0.5: no balanced twin", out.stderr)

    def test_a_csv_without_a_slowed_sweep(self):
        out = analysis("slowed", STRONG)
        self.assertEqual(out.returncode, 2)
        self.assertIn("no verified exact rows of a --slow-hosts sweep", out.stderr)


@unittest.skipUnless(can_draw(), "no numpy and matplotlib")
class Figures(unittest.TestCase):
    def test_drawn_then_checked_then_a_change_is_seen(self):
        with tempfile.TemporaryDirectory() as tmp:
            results = os.path.join(tmp, "results")
            os.mkdir(results)
            shutil.copy(STRONG, results)
            manifest = os.path.join(results, "figures.ini")
            with open(manifest, "w") as f:
                f.write("[figure hand]\nkind = scaling\ncsv = hand_strong.csv\nmode = strong\n\n"
                        "[csv hand_strong.csv]\ncommand = by hand\n")
            out = analysis("figures", manifest)
            self.assertEqual(out.returncode, 0, out.stderr)
            for name in ("hand.png", "hand.txt", "hand.numbers.txt", "README.md"):
                self.assertTrue(os.path.getsize(os.path.join(results, name)) > 0, name)
            with open(os.path.join(results, "hand.txt")) as f:
                self.assertIn("OpenMP threads 0.2 [0.0923, 0.308]", f.read())
            out = analysis("figures", "--check", os.path.join(tmp, "scratch"), manifest)
            self.assertEqual((out.returncode, out.stdout), (0, "figures: current\n"), out.stderr)
            with open(os.path.join(results, "hand.txt"), "a") as f:
                f.write("edited by hand\n")
            out = analysis("figures", "--check", os.path.join(tmp, "scratch2"), manifest)
            self.assertEqual(out.returncode, 1)
            self.assertIn("results/hand.txt: the committed file differs", out.stderr)

    def test_a_results_file_not_in_the_manifest_is_an_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(STRONG, tmp)
            manifest = os.path.join(tmp, "figures.ini")
            with open(manifest, "w") as f:
                f.write("[versions]\n")
            out = analysis("figures", manifest)
            self.assertEqual(out.returncode, 1)
            self.assertIn("not in the manifest: hand_strong.csv", out.stderr)


if __name__ == "__main__":
    unittest.main()

"""submit (maclaurin-submit): its checks, the sbatch line it composes, what it says."""
import os
import stat
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECKOUT = os.path.dirname(ROOT)


class Submit(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        bin_dir = os.path.join(self.dir.name, "bin")
        os.mkdir(bin_dir)
        # a fake sbatch: its arguments and the study's environment into a file, a job id out
        self.seen = os.path.join(self.dir.name, "sbatch.args")
        fake = os.path.join(bin_dir, "sbatch")
        with open(fake, "w") as f:
            f.write('#!/bin/sh\nprintf "%%s\\n" "$@" >%s\nenv | grep ^MACLAURIN_ | sort >>%s\necho "77;cluster"\n'
                    % (self.seen, self.seen))
        os.chmod(fake, stat.S_IRWXU)
        self.env = dict(os.environ, PYTHONPATH=ROOT, MACLAURIN_PROG="maclaurin-submit",
                        PATH=bin_dir + os.pathsep + os.environ["PATH"],
                        MACLAURIN_RESULTS=os.path.join(self.dir.name, "results"))
        for name in ("MACLAURIN_TARGET", "MACLAURIN_REPEAT", "MACLAURIN_DISTRIBUTION"):
            self.env.pop(name, None)

    def tearDown(self):
        self.dir.cleanup()

    def submit(self, *args):
        return subprocess.run([sys.executable, "-m", "maclaurin_analysis", "submit", *args], env=self.env,
                              cwd=self.dir.name, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)

    @unittest.skipUnless(os.access(os.path.join(CHECKOUT, "maclaurin_mpi"), os.X_OK), "no maclaurin_mpi built")
    def test_sbatch_gets_the_tasks_the_time_and_the_log_beside_the_csv(self):
        out = self.submit("weak", "-N", "2", "-n", "8", "-c", "2", "--target", "0.1", "-p", "compute", "--pack")
        self.assertEqual(out.returncode, 0, out.stderr)
        seen = open(self.seen).read().splitlines()
        results = os.path.join(self.dir.name, "results")
        self.assertEqual(seen[:8], ["--parsable", "--nodes=2", "--ntasks=4", "--cpus-per-task=2", "--time=00:06:00",
                                    "--output=%s/slurm-%%j.out" % results, "-p", "compute"])
        self.assertEqual(seen[8], os.path.join(CHECKOUT, "scripts", "slurm", "weak_scaling.sbatch"))
        self.assertIn("MACLAURIN_DISTRIBUTION=pack", seen)
        self.assertIn("MACLAURIN_TARGET=0.1", seen)
        self.assertIn("MACLAURIN_BIN=" + CHECKOUT, seen)
        self.assertTrue(os.path.isdir(results))
        self.assertIn("Submitted job 77: a weak-scaling study on 2 node(s), 8 cores", out.stdout)
        self.assertIn("layouts:  1x1 1x2 2x2 4x2", out.stdout)
        self.assertIn("CSV:      %s/slurm-77.csv" % results, out.stdout)
        out = self.submit("hybrid", "-N", "1", "-n", "4", "--time", "1:00:00")
        self.assertIn("--time=1:00:00", open(self.seen).read().splitlines())
        self.assertIn("(as given)", out.stdout)

    def test_bad_lines_are_one_line_status_2_and_submit_nothing(self):
        for args, want in ((("strong", "-N", "2", "-n", "1"), "invalid -n '1': fewer cores than the 2 nodes"),
                           (("medium", "-N", "1", "-n", "2"), "unknown study 'medium'"),
                           (("strong", "-n", "2"), "invalid -N ''"),
                           (("hybrid", "-N", "1", "-n", "4", "-c", "2"), "invalid -c '2': hybrid chooses the threads itself"),
                           (("weak", "-N", "1", "-n", "6", "-c", "4"), "invalid -c '4': it does not divide the 6 cores"),
                           (("weak", "-N", "1", "-n", "2", "--rounds", "0"), "invalid --rounds '0'"),
                           (("weak", "-N", "1", "-n", "2", "--output=x"), "'--output' is set by maclaurin-submit"),
                           ((), "usage: maclaurin-submit")):
            out = self.submit(*args)
            self.assertEqual(out.returncode, 2, args)
            self.assertEqual(len(out.stderr.splitlines()), 1, out.stderr)
            self.assertTrue(out.stderr.startswith("maclaurin-submit: " + want), out.stderr)
            self.assertFalse(os.path.exists(self.seen), args)


if __name__ == "__main__":
    unittest.main()

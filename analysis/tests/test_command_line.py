"""The package's command line: every command listed, usage errors in one line."""
import os
import subprocess
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def analysis(*args, **kw):
    env = dict(os.environ, PYTHONPATH=ROOT, MACLAURIN_PROG="maclaurin-analysis")
    return subprocess.run([sys.executable, "-m", "maclaurin_analysis", *args], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, **kw)


class CommandLine(unittest.TestCase):
    def test_help_lists_every_command(self):
        from maclaurin_analysis.commands import COMMANDS
        out = analysis("--help")
        self.assertEqual(out.returncode, 0, out.stderr)
        names = set(COMMANDS)
        self.assertTrue(names)
        for name in names:
            self.assertRegex(out.stdout, r"\n    %s\s+\S" % name, name + " is not listed with a line of help")

    def test_every_command_has_a_test(self):
        from maclaurin_analysis.commands import COMMANDS
        here = os.path.dirname(os.path.abspath(__file__))
        text = "".join(open(os.path.join(here, f)).read() for f in sorted(os.listdir(here))
                       if f.startswith("test_") and f.endswith(".py") and f != "test_command_line.py")
        for name in COMMANDS:
            self.assertIn('"%s"' % name, text, "no test names the command " + name)

    def test_a_usage_error_is_one_line_and_status_2(self):
        for args in (("no-such-command",), (), ("--needs", "no-such-command")):
            out = analysis(*args)
            self.assertEqual(out.returncode, 2, args)
            self.assertEqual(len(out.stderr.splitlines()), 1, out.stderr)
            self.assertTrue(out.stderr.startswith("maclaurin-analysis: "), out.stderr)

    def test_needs_names_numpy_only_for_the_figures(self):
        self.assertEqual(analysis("--needs", "plot").stdout.split(), ["numpy", "matplotlib"])
        self.assertEqual(analysis("--needs", "table").stdout.split(), [])


if __name__ == "__main__":
    unittest.main()

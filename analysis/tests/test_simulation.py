"""scripts/simulate's plan, platforms, host speed and validation
(maclaurin_analysis.simulation), and the commands simulate-plan, validate,
smpirun-options and platform-speed.  No SMPI needed: the build's facts are
given (smpirun runs in tests/simulate)."""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(ROOT)
sys.path.insert(0, ROOT)

from maclaurin_analysis import runs, simulation as sim   # noqa: E402
from maclaurin_analysis.commands import simulate_plan   # noqa: E402

FACTS = {"default_terms": "3e10", "default_x": "0.5"}
FLAT = """<?xml version='1.0'?>
<!DOCTYPE platform SYSTEM "https://simgrid.org/simgrid.dtd">
<!-- a comment with speed="9f" in it -->
<platform version="4.1"><zone id="world" routing="Full">
  <cluster id="flat" prefix="n" suffix=".x" radical="0-3,8" core="1" speed="{speed}"
           bw="10Gbps" lat="12us" bb_bw="40Gbps" bb_lat="1us" sharing_policy="SPLITDUPLEX"/>
</zone></platform>
"""
HOSTS = """<?xml version='1.0'?>
<platform version="4.1"><zone id="z" routing="Full">
  <host id="alpha" speed="1.5Gf"/><host id="beta" speed="1.5Gf"/>
</zone></platform>
"""


def analysis(*args):
    env = dict(os.environ, PYTHONPATH=ROOT, MACLAURIN_PROG="simulate")
    return subprocess.run([sys.executable, "-m", "maclaurin_analysis", *args], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)


def options(*argv):
    p = argparse.ArgumentParser()
    simulate_plan.add_arguments(p)
    return sim.check_options(p.parse_args(argv), REPO)


class Platforms(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir.name, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def test_speed_is_read_from_the_file_in_its_units(self):
        self.assertEqual(sim.platform_speed(self.write("a.xml", FLAT.format(speed="3.5e9f"))), 3.5e9)
        self.assertEqual(sim.platform_speed(self.write("b.xml", FLAT.format(speed="27.5Gf"))), 2.75e10)
        self.assertEqual(sim.platform_speed(self.write("c.xml", HOSTS)), 1.5e9)
        out = analysis("platform-speed", self.write("d.xml", FLAT.format(speed="4e10f")))
        self.assertEqual((out.returncode, out.stdout), (0, "4e+10\n"), out.stderr)

    def test_the_repositorys_platforms_have_a_speed_that_is_a_core_of_a_machine(self):
        for name in ("ethernet-10g", "infiniband-hdr"):
            speed = sim.platform_speed(os.path.join(REPO, "platforms", name + ".xml"))
            self.assertTrue(1e8 < speed < 1e12, (name, speed))   # terms/s of one core, whatever the machine

    def test_hosts_of_a_cluster_and_of_host_elements(self):
        p = sim.read_platform(self.write("a.xml", FLAT.format(speed="1f")))
        self.assertEqual(p.hosts, ["n0.x", "n1.x", "n2.x", "n3.x", "n8.x"])
        self.assertEqual(sim.read_platform(self.write("h.xml", HOSTS)).hosts, ["alpha", "beta"])
        ib = sim.read_platform(os.path.join(REPO, "platforms", "infiniband-hdr.xml"))
        self.assertEqual((len(ib.hosts), ib.hosts[0], ib.hosts[-1]), (4096, "node-0", "node-4095"))

    def test_with_speed_sets_every_host_and_core(self):
        p = sim.read_platform(self.write("a.xml", FLAT.format(speed="1f")))
        text = sim.with_speed(p, "5e10f", 16)
        self.assertIn('speed="5e10f"', text)
        self.assertIn('core="16"', text)
        self.assertNotIn('speed="1f"', text)
        self.assertNotIn('core="1"', text)

    def test_slow_hosts_every_kth_host_at_the_factor(self):
        for platform, cores in ((self.write("a.xml", FLAT.format(speed="1f")), 1),
                                (os.path.join(REPO, "platforms", "infiniband-hdr.xml"), 16)):
            p = sim.read_platform(platform)
            text = sim.with_slow_hosts(p, "4e10f", cores, 2, 0.5)
            # the platform as with_speed writes it, the profile and its
            # connections inside its outer zone
            self.assertTrue(text.startswith(sim.with_speed(p, "4e10f", cores).split("</zone>")[0]))
            slowed = re.findall(r'<trace id="slow-([^"]*)" periodicity="-1">\n0 0.5\n</trace>\n'
                                r'<trace_connect kind="SPEED" trace="slow-\1" element="\1"/>', text)
            self.assertEqual(slowed, p.hosts[1::2])
            self.assertLess(text.rindex("slow-"), text.rindex("</zone>"))


class Plan(unittest.TestCase):
    def test_the_default_plan_is_two_platforms_13_rank_counts_two_reductions(self):
        p = sim.plan(options(), FACTS)
        self.assertEqual(len(p.configs), 2 * 13 * 2)
        self.assertEqual([c.ranks for c in p.configs[:4]], [1, 1, 2, 2])
        self.assertEqual({c.terms for c in p.configs}, {30000000000})
        self.assertEqual(p.outs(), [os.path.join("results", "simulated-ethernet-10g.csv"),
                                    os.path.join("results", "simulated-infiniband-hdr.csv")])
        self.assertEqual(p.describe(p.configs[3]), "ethernet-10g strong plain: 2 ranks, N=30000000000")

    def test_weak_terms_grow_with_the_ranks_and_stop_at_2_to_the_53(self):
        p = sim.plan(options("--mode", "weak", "--ranks", "1,64", "--platform", "ethernet-10g"), FACTS)
        self.assertEqual([c.terms for c in p.configs], [3 * 10 ** 7] * 2 + [64 * 3 * 10 ** 7] * 2)
        self.assertTrue(p.out(p.configs[0]).endswith("simulated-ethernet-10g-weak.csv"))
        with self.assertRaisesRegex(sim.SimulateError, "above 2\\^53"):
            sim.plan(options("--mode", "weak", "--terms", "1e13", "--ranks", "4096"), FACTS)

    def test_validate_runs_the_real_program_first_then_each_platform(self):
        p = sim.plan(options("--validate", "--reduction", "exact"), FACTS, cpus=2)
        self.assertEqual([(c.real, c.platform, c.ranks) for c in p.configs],
                         [(True, -1, 1), (False, 0, 1), (False, 1, 1), (True, -1, 2), (False, 0, 2), (False, 1, 2)])
        self.assertEqual(p.platform_of(p.configs[0]), "real")
        self.assertTrue(p.out(p.configs[0]).endswith("validation-measured.csv"))
        with self.assertRaisesRegex(sim.SimulateError, "runs 4 real ranks on 2 cores"):
            sim.plan(options("--validate", "--ranks", "4"), FACTS, cpus=2)

    def test_ranks_beyond_the_platforms_cores_are_skipped(self):
        p = sim.plan(options("--platform", "ethernet-10g", "--cores-per-node", "8", "--ranks", "64,65536"), FACTS)
        self.assertEqual({c.ranks for c in p.configs}, {64})
        self.assertEqual(p.notes, ["skipping 65536 ranks on ethernet-10g: it has 4096 hosts of 8 cores"])
        self.assertEqual(p.platform_of(p.configs[0]), "ethernet-10g.8-core")

    def test_the_key_is_what_done_prints_for_the_configurations_rows(self):
        p = sim.plan(options("--platform", "infiniband-hdr", "--ranks", "64", "--slow-hosts", "4:0.5",
                             "--reduction", "plain", "-x", "0.25"), FACTS)
        c = p.configs[0]
        row = {"simulated": "1", "platform": p.platform_of(c), "slow_hosts": "4:0.5", "mode": "strong",
               "driver": "maclaurin_mpi", "ranks": "64", "threads": "1", "terms": str(c.terms), "x": "0.25",
               "kernel": "simd", "reduction": "plain", "round": "0"}
        self.assertEqual(p.key(c), runs.config_key(row, ("simulated", "platform", "slow_hosts")))
        self.assertTrue(p.out(c).endswith("simulated-infiniband-hdr.slow-1in4-x0.5.csv"))

    def test_the_prior_cost_grows_with_the_terms_and_the_ranks(self):
        p = sim.plan(options("--platform", "ethernet-10g", "--ranks", "1,4096", "--reduction", "exact"), FACTS)
        one, many = p.configs
        self.assertGreater(p.cost_ms(many), p.cost_ms(one))
        self.assertGreater(p.cost_ms(one), 1000)   # 3e10 terms, 6 times, at a core's speed: seconds


class Speed(unittest.TestCase):
    def test_a_rate_as_a_simgrid_speed(self):
        self.assertEqual(sim.speed_text(5.18512e10), "5.185e10f")
        self.assertEqual(sim.speed_value(sim.speed_text(2.6e10)), 2.6e10)

    def test_a_resumed_sweep_keeps_the_rows_speed(self):
        with tempfile.TemporaryDirectory() as d:
            csv = os.path.join(d, "s.csv")
            with open(csv, "w") as f:
                f.write("simulated,host_speed\n0,\n1,2.6e+10\n1,5.2e+10\n")
            self.assertEqual(sim.recorded_speed([os.path.join(d, "none.csv"), csv]), "5.2e+10f")
            self.assertIsNone(sim.recorded_speed([os.path.join(d, "none.csv")]))


class Validation(unittest.TestCase):
    def test_each_platform_against_the_measured_runs(self):
        with tempfile.TemporaryDirectory() as d:
            csv = os.path.join(d, "v.csv")
            with open(csv, "w") as f:
                f.write("run_id,verified,reduction,ranks,platform,seconds\n"
                        "r,1,exact,1,real,2.0\nr,1,exact,1,real,4.0\nr,1,exact,1,real,3.0\n"
                        "r,1,exact,1,eth,1.5\nr,1,exact,1,eth,1.5\n"
                        "r,0,exact,1,eth,0.1\nother,1,exact,1,eth,0.1\n"
                        "r,1,plain,2,eth,1.0\n")   # no real run to compare with: left out
            lines = sim.validation([csv], "r")
            self.assertEqual(len(lines), 3)
            self.assertEqual(lines[2].split(), ["exact", "1", "real", "2.000000", "3.000000", "1.0000", "1.0000"])
            self.assertEqual(lines[1].split(), ["exact", "1", "eth", "1.500000", "1.500000", "0.7500", "0.5000"])
            out = analysis("validate", "r", csv)
            self.assertEqual((out.returncode, out.stdout.splitlines()), (0, lines), out.stderr)


class CommandErrors(unittest.TestCase):
    def assertUsage(self, args, words):
        out = analysis(*args)
        self.assertEqual(out.returncode, 2, args)
        self.assertEqual(len(out.stderr.splitlines()), 1, out.stderr)
        self.assertIn(words, out.stderr)
        self.assertTrue(out.stderr.startswith("simulate: "), out.stderr)

    def test_bad_options_are_one_line_and_status_2(self):
        for args, words in ((("--mode", "sideways"), "invalid --mode 'sideways'"),
                            (("--reduction", "fuzzy"), "invalid --reduction 'fuzzy'"),
                            (("--ranks", "0"), "invalid --ranks '0'"),
                            (("--repeat", "x"), "invalid --repeat 'x'"),
                            (("--slow-hosts", "1:0.5"), "invalid --slow-hosts '1:0.5'"),
                            (("--host-speed", "fast"), "invalid --host-speed 'fast'"),
                            (("--platform", "nowhere"), "invalid --platform 'nowhere'"),
                            (("--validate", "--mode", "weak"), "--validate runs the strong problem only"),
                            (("--out", "x.csv"), "--out takes one platform's rows"),
                            (("--bin", os.path.join(ROOT, "nowhere")), "no such file")):
            self.assertUsage(("simulate-plan",) + args + ("--dry-run",), words)

    def test_the_other_commands_refuse_bad_operands(self):
        self.assertUsage(("validate", "r"), "CSV")
        self.assertUsage(("validate", "r", os.path.join(ROOT, "nowhere.csv")), "not a readable file")
        self.assertUsage(("smpirun-options", "0"), "invalid NP")
        self.assertUsage(("platform-speed", os.path.join(ROOT, "nowhere.xml")), "nowhere.xml")

    def test_smpirun_options_one_rank_keeps_smpis_collectives(self):
        one, two = (analysis("smpirun-options", n).stdout.split() for n in ("1", "2"))
        self.assertTrue(all(o.startswith(("--cfg=smpi/", "--log=")) for o in one + two), one + two)
        self.assertIn("--cfg=smpi/coll-selector:ompi", two)
        self.assertNotIn("--cfg=smpi/coll-selector:ompi", one)
        self.assertEqual(set(one) - set(two), set())


if __name__ == "__main__":
    unittest.main()

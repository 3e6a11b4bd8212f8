"""The package as a notebook imports it: every module by attribute."""
import os
import unittest

import maclaurin_analysis as ma

HERE = os.path.dirname(os.path.abspath(__file__))


class Package(unittest.TestCase):
    def test_every_module_file_is_reached_by_attribute(self):
        files = {f[:-3] for f in os.listdir(os.path.join(HERE, "..", "maclaurin_analysis"))
                 if f.endswith(".py") and not f.startswith("_")}
        self.assertTrue(files)
        self.assertEqual(files, ma.SUBMODULES - {"commands"})
        for name in sorted(files):
            try:
                module = getattr(ma, name)
            except ModuleNotFoundError as e:   # a figure module in a Python without numpy
                self.assertIn(e.name, ("numpy", "matplotlib"), name)
                continue
            self.assertEqual(module.__name__, "maclaurin_analysis." + name)

    def test_an_unknown_name_is_an_attribute_error(self):
        with self.assertRaises(AttributeError):
            ma.no_such_module   # noqa: B018


if __name__ == "__main__":
    unittest.main()

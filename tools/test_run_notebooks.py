"""Unit tests of the -p parameter handling of run_notebooks.py (run by ./workbench test).

The values must take the type the notebook declares: `-p seeds=4` is the String "4" for `String seeds`,
not the int 4 (which made notebook 04 fail on seeds.split), and `-p gammaBadmm=1` is the double 1.0.
"""
import contextlib
import io
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_notebooks as rn  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NB04 = os.path.join(ROOT, "notebooks", "04-gwf-table1-clustering.ipynb")


def injected(value):
    return rn.JavaTranslator.assign("x", rn.JavaTranslator.translate(value))


class ParameterTypes(unittest.TestCase):
    def test_a_string_parameter_stays_text_even_when_it_looks_like_a_number(self):
        v = rn.typed_value("seeds", "String", "4")
        self.assertEqual('var x = "4";', injected(v))
        self.assertEqual('var x = "0,1";', injected(rn.typed_value("seeds", "String", "0,1")))

    def test_numbers_take_the_declared_type(self):
        self.assertEqual("var x = 1.0;", injected(rn.typed_value("gammaBadmm", "double", "1")))
        self.assertEqual("var x = 30;", injected(rn.typed_value("atoms", "int", "30")))
        self.assertEqual("var x = true;", injected(rn.typed_value("smoke", "boolean", "True")))
        self.assertEqual("var x = new int[] {8, 16};", injected(rn.typed_value("sizes", "int[]", "8,16")))
        self.assertEqual("var x = new double[] {0.1, 1.0};", injected(rn.typed_value("eps", "double[]", "0.1,1")))

    def test_a_value_of_the_wrong_type_names_the_parameter(self):
        for java_type, text in (("int", "ten"), ("int", "2.5"), ("double", "x"), ("boolean", "yes"), ("int[]", "1,a")):
            with self.assertRaises(ValueError) as e:
                rn.typed_value("epochs", java_type, text)
            self.assertIn("epochs", str(e.exception))
            self.assertIn(text.split(",")[-1], str(e.exception))

    def test_the_declarations_are_read_from_the_parameters_cell(self):
        declared = rn.declared_parameters(NB04)
        self.assertEqual("String", declared["seeds"])
        self.assertEqual("double", declared["gammaPpa"])
        self.assertEqual("boolean", declared["smoke"])
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "n.ipynb")
            cell = {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "outputs": [], "execution_count": None,
                    "source": ["int[] sizes = {8, 16};\n", "  String name = \"a = b\"; // comment\n", "x = 3;\n"]}
            with open(path, "w") as f:
                json.dump({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, f)
            self.assertEqual({"sizes": "int[]", "name": "String"}, rn.declared_parameters(path))


class Notebooks(unittest.TestCase):
    def test_every_notebook_has_cell_ids_and_a_smoke_parameter(self):
        # cells without ids make nbformat warn on every run (and will be an error in a later nbformat);
        # ./workbench test passes -p smoke=True to every notebook
        import glob
        paths = sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
        self.assertTrue(paths)
        for path in paths:
            with open(path, encoding="utf-8") as f:
                nb = json.load(f)
            ids = [c.get("id") for c in nb["cells"]]
            self.assertNotIn(None, ids, os.path.basename(path) + ": a cell has no id")
            self.assertEqual(len(ids), len(set(ids)), os.path.basename(path) + ": cell ids repeat")
            self.assertEqual("boolean", rn.declared_parameters(path).get("smoke"), os.path.basename(path))


class Echo(unittest.TestCase):
    def test_lines_arriving_in_pieces_are_echoed_whole_with_the_notebook_name(self):
        out = io.StringIO()
        echo = rn.LineEcho("  [04] ", out)
        echo.write("AIDS: epoch 1/10, loss 0.2")
        self.assertEqual("", out.getvalue(), "half a line waits for its end")
        echo.write("5, 3.0 s\r\nAIDS: epoch 2/10\nAIDS: ep")
        self.assertEqual("  [04] AIDS: epoch 1/10, loss 0.25, 3.0 s\n  [04] AIDS: epoch 2/10\n", out.getvalue())
        echo.close()
        self.assertTrue(out.getvalue().endswith("  [04] AIDS: ep\n"), "the last piece is not lost")
        echo.close()
        self.assertEqual(3, out.getvalue().count("[04]"), "closing twice writes nothing more")


class CommandLine(unittest.TestCase):
    def run_main(self, *args):
        err = io.StringIO()
        old = sys.argv
        sys.argv = ["run_notebooks.py", *args]
        try:
            with contextlib.redirect_stderr(err):
                rc = rn.main()
        finally:
            sys.argv = old
        return rc, err.getvalue()

    def test_an_unknown_parameter_is_refused_before_anything_runs(self):
        rc, err = self.run_main(NB04, "-p", "seed=4")
        self.assertEqual(2, rc)
        self.assertIn("seed", err)
        self.assertIn("seeds", err, "the message lists the parameters the notebook has")

    def test_a_badly_typed_value_is_refused_with_exit_code_2(self):
        rc, err = self.run_main(NB04, "-p", "epochs=ten")
        self.assertEqual(2, rc)
        self.assertIn("epochs", err)
        self.assertEqual(1, len(err.strip().splitlines()))



class OutputFolders(unittest.TestCase):
    def test_smoke_runs_go_apart_and_full_runs_keep_their_folder(self):
        self.assertEqual(("smoke", os.path.abspath(os.path.join("results", "smoke", "04-gwf-table1-clustering"))),
                         rn.output_folder("results", NB04, {"smoke": True}))
        self.assertEqual(("full", os.path.abspath(os.path.join("results", "04-gwf-table1-clustering"))),
                         rn.output_folder("results", NB04, {}))
        self.assertEqual("full", rn.output_folder("results", NB04, {"smoke": False})[0])
        self.assertEqual("false", rn.declared_default(NB04, "smoke"))

    def test_the_long_notebooks_say_what_a_full_run_costs(self):
        self.assertIn("17 h", rn.full_scale_cost(NB04))
        self.assertIsNone(rn.full_scale_cost(os.path.join(ROOT, "notebooks", "00-quickstart.ipynb")))

if __name__ == "__main__":
    unittest.main()


class Eta(unittest.TestCase):
    def test_the_time_left_sums_earlier_runs_and_counts_the_untimed(self):
        line = rn.eta_line(2, 4, "01-sinkhorn-gradients", "smoke", [30.0, None, 60.0])
        self.assertEqual("reproduce: [2/4] 01-sinkhorn-gradients (smoke); about 90 s left by earlier runs here, "
                         "plus 1 notebook not timed yet", line)
        self.assertIn("about 2.0 h left", rn.eta_line(1, 1, "04", "full", [7200.0]))
        self.assertIn("no ETA yet", rn.eta_line(1, 2, "00", "smoke", [None, None]))

    def test_a_finished_run_is_remembered_per_notebook_profile_and_parameters(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, ".timings.json")
            smoke = rn.timing_key("04", "smoke", {"smoke": True})
            other = rn.timing_key("04", "smoke", {"smoke": True, "datasets": "AIDS"})
            self.assertNotEqual(smoke, other)
            rn.save_timing(path, smoke, 21.04)
            rn.save_timing(path, other, 40)
            self.assertEqual({smoke: 21.0, other: 40}, rn.load_timings(path))
            with open(path, "w") as f:
                f.write("{not json")
            self.assertEqual({}, rn.load_timings(path), "a damaged file only loses the ETA")

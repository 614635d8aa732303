"""Every declared notebook parameter reaches code that runs (run by ./workbench test).

A parameter that is only printed is a promise the notebook does not keep: notebook 04's gammaBadmm
appeared in the run summary's String.format and nowhere else. This test reads each notebook's Java,
drops comments, string literals and the argument lists of calls that only format text
(String.format, System.out.print*), and requires each parameter of the cell tagged "parameters" to
be read somewhere in what is left.

It is a static check: it cannot see a parameter passed to a method that ignores it (the library's
own tests cover those, e.g. GwfClusteringTest's gamma test), but it fails for every parameter that
only decorates output or is never read.
"""
import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_notebooks as rn  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = sorted(os.path.join(ROOT, "notebooks", f) for f in os.listdir(os.path.join(ROOT, "notebooks"))
                   if f.endswith(".ipynb"))

# calls whose arguments only make text for a reader
DISPLAY_ONLY = re.compile(r"\b(?:String\.format|System\.out\.printf|System\.out\.println|System\.out\.print)\s*\(")


def strip_comments_and_strings(src):
    """Java source without // and /* */ comments, with string and char literals emptied."""
    out = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif src.startswith('"""', i):
            j = src.find('"""', i + 3)
            out.append('""')
            i = n if j < 0 else j + 3
        elif c in "\"'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def drop_display_calls(code):
    """code with the argument lists of display-only calls removed (parentheses matched)."""
    while True:
        m = DISPLAY_ONLY.search(code)
        if not m:
            return code
        depth, j = 1, m.end()
        while j < len(code) and depth:
            depth += {"(": 1, ")": -1}.get(code[j], 0)
            j += 1
        code = code[:m.start()] + code[j:]


def code_after_parameters(nb_path):
    with open(nb_path, encoding="utf-8") as f:
        nb = json.load(f)
    cells = nb.get("cells", [])
    start = next((k for k, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if start is None:
        return None
    return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                     for c in cells[start + 1:] if c.get("cell_type") == "code")


def unused_parameters(nb_path):
    """The declared parameters that no running code reads."""
    code = code_after_parameters(nb_path)
    if code is None:
        return []
    live = drop_display_calls(strip_comments_and_strings(code))
    return [name for name in rn.declared_parameters(nb_path) if not re.search(r"\b" + re.escape(name) + r"\b", live)]


class ParametersReachTheRun(unittest.TestCase):
    def test_every_declared_parameter_is_read_by_running_code(self):
        self.assertGreaterEqual(len(NOTEBOOKS), 10)
        dead = {os.path.basename(nb): unused_parameters(nb) for nb in NOTEBOOKS}
        dead = {k: v for k, v in dead.items() if v}
        self.assertEqual({}, dead, "parameters only printed or never read")

    def test_every_notebook_declares_parameters(self):
        for nb in NOTEBOOKS:
            self.assertTrue(rn.declared_parameters(nb), os.path.basename(nb) + " has no parameters cell")


class TheCheckItself(unittest.TestCase):
    """The check must see a parameter that is only printed (the gammaBadmm bug) and pass a used one."""

    def test_a_parameter_only_formatted_into_text_is_dead(self):
        code = strip_comments_and_strings(
            'var o = new Options(gammaPpa, 2);\n'
            'String.format("γ = %s (PPA) / %s (BADMM)", gammaPpa, gammaBadmm)\n'
            'System.out.println("seed " + seed);\n')
        live = drop_display_calls(code)
        self.assertIsNotNone(re.search(r"\bgammaPpa\b", live))
        self.assertIsNone(re.search(r"\bgammaBadmm\b", live))
        self.assertIsNone(re.search(r"\bseed\b", live))

    def test_comments_and_strings_do_not_count_as_use(self):
        live = strip_comments_and_strings('// uses alpha\n/* beta */ var s = "gamma"; var x = delta;')
        for name in ("alpha", "beta", "gamma"):
            self.assertIsNone(re.search(r"\b" + name + r"\b", live), name)
        self.assertIsNotNone(re.search(r"\bdelta\b", live))

    def test_nested_parentheses_inside_a_display_call(self):
        live = drop_display_calls('String.format("%d", f(a, g(b))) + h(c)')
        self.assertNotIn("a", re.findall(r"\b\w\b", live))
        self.assertIn("c", re.findall(r"\b\w\b", live))


if __name__ == "__main__":
    unittest.main()

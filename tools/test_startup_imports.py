"""The kernel's startup script imports every package of the library that has a public class (run by
./workbench test): a notebook user types GwProblem, PpaGw or Gwf without an import line."""
import os
import re
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "lib", "src", "main", "java", "org", "gwbench")
STARTUP = os.path.join(ROOT, "lib", "src", "main", "jshell", "startup.jsh")


def public_packages():
    out = set()
    for d in os.listdir(SRC):
        folder = os.path.join(SRC, d)
        if os.path.isdir(folder) and any(
                re.search(r"^public ", open(os.path.join(folder, f), encoding="utf-8").read(), re.M)
                for f in os.listdir(folder) if f.endswith(".java")):
            out.add("org.gwbench." + d)
    return out


class StartupImports(unittest.TestCase):
    def test_every_public_package_is_imported(self):
        with open(STARTUP, encoding="utf-8") as f:
            text = f.read()
        imported = set(re.findall(r"^import (org\.gwbench\.[a-z]+)\.\*;", text, re.M))
        imported |= {m.rsplit(".", 1)[0] for m in re.findall(r"^import (org\.gwbench\.[a-z]+\.[A-Z]\w*);", text, re.M)}
        packages = public_packages()
        self.assertGreaterEqual(len(packages), 15)
        self.assertEqual(set(), packages - imported, "packages the kernel does not import")


if __name__ == "__main__":
    unittest.main()

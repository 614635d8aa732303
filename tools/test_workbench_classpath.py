"""Unit tests of the kernel's classpath copy in ./workbench (kernel_classpath), run by ./workbench test.

A running kernel keeps its jars open. Maven rewrites lib/target's jar in place, so a rebuild under a
running kernel used to break that kernel's next class load. The kernel now reads its own copies, and a
changed jar is copied beside and renamed over the old copy: an open copy keeps its old content.
"""
import os
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORKBENCH = os.path.join(ROOT, "workbench")


def kernel_classpath(jar, target, kernel_dir):
    """Runs the workbench script's own kernel_classpath function, cut out of the script."""
    script = (
        'source <(sed -n "/^kernel_classpath() {/,/^}/p" "$WB")\n'
        'kernel_classpath "$JAR" "$TARGET"\n'
    )
    env = dict(os.environ, WB=WORKBENCH, JAR=jar, TARGET=target, KERNEL_DIR=kernel_dir)
    out = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, check=True)
    return out.stdout.split(":")


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


class KernelClasspath(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        base = self.tmp.name
        self.target = os.path.join(base, "target")
        os.makedirs(os.path.join(self.target, "dependency"))
        self.jar = os.path.join(self.target, "gwbench.jar")
        self.kernel = os.path.join(base, "kernel")
        write(self.jar, "library v1")
        write(os.path.join(self.target, "dependency", "a.jar"), "dependency a")
        write(os.path.join(self.target, "dependency", "b.jar"), "dependency b")

    def tearDown(self):
        self.tmp.cleanup()

    def test_the_classpath_names_copies_in_the_kernel_folder(self):
        cp = kernel_classpath(self.jar, self.target, self.kernel)
        lib = os.path.join(self.kernel, "lib")
        self.assertEqual([os.path.join(lib, n) for n in ("gwbench.jar", "a.jar", "b.jar")], cp)
        with open(cp[0]) as f:
            self.assertEqual("library v1", f.read())

    def test_a_rebuilt_jar_replaces_the_copy_without_touching_an_open_one(self):
        cp = kernel_classpath(self.jar, self.target, self.kernel)
        unchanged_inode = os.stat(cp[1]).st_ino
        with open(cp[0]) as running_kernel:
            # Maven rewrites the jar in place
            with open(self.jar, "r+") as f:
                f.write("library v2")
            kernel_classpath(self.jar, self.target, self.kernel)
            self.assertEqual("library v1", running_kernel.read())
        with open(cp[0]) as new_kernel:
            self.assertEqual("library v2", new_kernel.read())
        self.assertEqual(unchanged_inode, os.stat(cp[1]).st_ino, "an unchanged jar is not copied again")
        self.assertEqual([], [n for n in os.listdir(os.path.join(self.kernel, "lib")) if ".tmp." in n])

    def test_a_dependency_dropped_from_the_build_leaves_the_kernel_classpath(self):
        kernel_classpath(self.jar, self.target, self.kernel)
        os.remove(os.path.join(self.target, "dependency", "b.jar"))
        cp = kernel_classpath(self.jar, self.target, self.kernel)
        self.assertEqual(["gwbench.jar", "a.jar"], [os.path.basename(p) for p in cp])
        self.assertEqual(["a.jar", "gwbench.jar"], sorted(os.listdir(os.path.join(self.kernel, "lib"))))


if __name__ == "__main__":
    unittest.main()

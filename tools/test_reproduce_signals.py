"""SIGTERM to `./workbench reproduce` leaves no kernel behind (run by ./workbench test).

Starts a real reproduce of the quickstart notebook, waits until its kernel JVM runs, sends SIGTERM to
the reproduce process, and checks that it exits with 143 and one "stopped by SIGTERM" line, and that
every process it had started is gone. (Before, the kernel JVM was orphaned and computed for hours.)
"""
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_notebooks as rn  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL = os.path.join(ROOT, ".venv", "share", "jupyter", "kernels", "gwbench", "kernel.json")


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def is_kernel_jvm(pid):
    """The kernel itself: a java process running jjava. Not the `cp` of jjava.jar that ./workbench's set-up
    runs before it hands over to run_notebooks.py (a SIGTERM then lands on the set-up's bash)."""
    args = cmdline(pid).split(" ")
    return bool(args) and os.path.basename(args[0]) == "java" and "jjava" in cmdline(pid)


@unittest.skipUnless(os.path.isfile(KERNEL) and os.path.isdir("/proc"), "needs ./workbench setup's kernel and /proc")
class SigtermStopsTheKernel(unittest.TestCase):
    def test_sigterm_to_reproduce_leaves_no_kernel(self):
        out = tempfile.mkdtemp(prefix="gwbench-sigterm-")
        proc = subprocess.Popen([os.path.join(ROOT, "workbench"), "reproduce", "notebooks/00-quickstart.ipynb",
                                 "-p", "smoke=True", "--out", out, "--quiet"], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            kernels = []
            deadline = time.time() + 180
            while time.time() < deadline and proc.poll() is None:
                kernels = [p for p in rn.descendants(proc.pid) if is_kernel_jvm(p)]
                if kernels:
                    break
                time.sleep(0.2)
            self.assertTrue(kernels, "no kernel JVM started within 180 s")
            time.sleep(2)  # the kernel is executing cells now
            kernels = [p for p in rn.descendants(proc.pid) if "java" in cmdline(p)]
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=60)
            self.assertEqual(143, proc.returncode, err)
            # what is left besides the progress line that names the notebook ([1/1]): the one line saying why it stopped
            lines = [line for line in err.splitlines() if line.strip() and not line.startswith("WARNING: Using incubator")
                     and not line.startswith("reproduce: [1/1] ")]
            self.assertEqual(1, len(lines), err)
            self.assertTrue(lines[0].startswith("reproduce: stopped by SIGTERM in 00-quickstart"), err)
            time.sleep(0.5)
            self.assertEqual([], [p for p in kernels if rn.alive(p)], "kernel processes left running")
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


if __name__ == "__main__":
    unittest.main()

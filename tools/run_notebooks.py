"""Executes notebooks headless with the gwbench kernel (used by ./workbench reproduce and test).

For each notebook: papermill runs it into results/<name>/<name>.ipynb with GWBENCH_RESULTS set to
results/<name>, so the kernel's renderers also write every table as CSV and every figure as PNG there.
Parameters (-p name=value) go into the cell tagged "parameters" as Java declarations.
Prints one line per notebook: ok/FAILED, name, seconds. Exit code 1 if any failed.
What the notebooks print while they run (progress lines: epoch, loss, elapsed, ETA) is echoed to stderr
as it arrives, each line led by the notebook's name, so an hours-long full-scale run is not silent;
--quiet turns that off (./workbench test uses it).

SIGTERM, SIGHUP and Ctrl-C end the run the same way: the kernel JVMs this process started are stopped
(TERM, then KILL after a grace period), one line says where the run was, and the exit code is 130
(Ctrl-C) or 143 (TERM/HUP). Without that, a killed run left its kernel computing at full CPU for hours.
"""
import argparse
import ast
import json
import logging
import os
import re
import signal
import sys
import time

import papermill
from papermill.translators import Translator, papermill_translators


class JavaLiteral(str):
    """Java source text to inject as it is (an array of the notebook's declared element type)."""


class JavaTranslator(Translator):
    """Renders parameters as JShell declarations: `var name = value;`."""

    @classmethod
    def translate(cls, val):
        return str(val) if isinstance(val, JavaLiteral) else super().translate(val)

    @classmethod
    def translate_none(cls, val):
        return "null"

    @classmethod
    def translate_bool(cls, val):
        return "true" if val else "false"

    @classmethod
    def translate_int(cls, val):
        return str(val)

    @classmethod
    def translate_float(cls, val):
        return repr(float(val))

    @classmethod
    def translate_escaped_str(cls, str_val):
        return '"' + str_val.replace("\\", "\\\\").replace('"', '\\"') + '"'

    @classmethod
    def translate_list(cls, val):
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in val):
            return "new double[] {" + ", ".join(repr(float(v)) for v in val) + "}"
        return "java.util.List.of(" + ", ".join(cls.translate(v) for v in val) + ")"

    @classmethod
    def comment(cls, cmt_str):
        return "// " + cmt_str.strip()

    @classmethod
    def assign(cls, name, str_val):
        return f"var {name} = {str_val};"


papermill_translators.register("java", JavaTranslator)
# papermill warns that a Java notebook's parameters cannot be introspected: expected, not news
logging.getLogger("papermill").setLevel(logging.ERROR)


def parse_value(text):
    """A -p value without a declared type to go by: a Python literal, else the text itself."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    # "0,1" reads as a Python tuple; Java parameters have no tuples, and the notebooks take such lists
    # as comma-separated strings (String seeds = "0,1,2,3,4")
    return text if isinstance(value, tuple) else value


# `String seeds = "0,1";`, `double gamma = 0.01;`, `int[] sizes = {...};` at the start of a line
DECLARATION = re.compile(r"^\s*([A-Za-z_][\w.]*(?:<[^=;]*>)?(?:\[\])*)\s+([A-Za-z_]\w*)\s*=", re.M)


def declared_parameters(nb_path):
    """name -> Java type of the declarations in the notebook's cell tagged "parameters"."""
    with open(nb_path, encoding="utf-8") as f:
        nb = json.load(f)
    for cell in nb.get("cells", []):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            return {m.group(2): m.group(1) for m in DECLARATION.finditer(src)}
    return {}


def output_folder(out, nb_path, params):
    """(profile, folder) of a run: smoke runs go apart, to OUT/smoke/<name>, so that they never replace a
    full run's tables and figures in OUT/<name>; the kernel stamps every table with the profile."""
    name = os.path.splitext(os.path.basename(nb_path))[0]
    given = params.get("smoke")
    smoke = given is True or (given is None and declared_default(nb_path, "smoke") == "true")
    return ("smoke", os.path.abspath(os.path.join(out, "smoke", name))) if smoke else ("full", os.path.abspath(os.path.join(out, name)))


def full_scale_cost(nb_path):
    """What a full-scale run of the notebook costs, from its metadata (gwbench.full_scale), or None."""
    with open(nb_path, encoding="utf-8") as f:
        return json.load(f).get("metadata", {}).get("gwbench", {}).get("full_scale")


def timing_key(name, profile, params):
    """Runs with the same notebook, profile and parameters take about the same time here."""
    return f"{name}|{profile}|" + json.dumps(params, sort_keys=True, default=str)


def load_timings(path):
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def save_timing(path, key, seconds):
    """Remembers how long a finished run took (results/.timings.json), for the next run's ETA."""
    data = load_timings(path)
    data[key] = round(seconds, 1)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, sort_keys=True)
    os.replace(tmp, path)


def human(seconds):
    seconds = int(round(seconds))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 5400:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


def eta_line(index, total, name, profile, remaining):
    """The line printed before a notebook starts: its place in the run and, from the times the same runs
    took here before (remaining: seconds or None for each notebook from this one on), the time left."""
    known = [t for t in remaining if t is not None]
    untimed = len(remaining) - len(known)
    head = f"reproduce: [{index}/{total}] {name} ({profile})"
    if not known:
        return head + "; no earlier run of " + ("it" if untimed == 1 else "these") + " timed here, so no ETA yet"
    tail = f"; about {human(sum(known))} left by earlier runs here"
    if untimed:
        tail += f", plus {untimed} notebook{'s' if untimed > 1 else ''} not timed yet"
    return head + tail


def declared_default(nb_path, name):
    """The text of a parameter's default in the notebook's parameters cell (e.g. "false"), or None."""
    with open(nb_path, encoding="utf-8") as f:
        nb = json.load(f)
    for cell in nb.get("cells", []):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            m = re.search(r"^\s*[\w.<>\[\]]+\s+" + re.escape(name) + r"\s*=\s*([^;]+);", src, re.M)
            return m.group(1).strip() if m else None
    return None


def typed_value(name, java_type, text):
    """The -p text as the value the notebook declares: a String stays text ("4" for String seeds), numbers
    and booleans must parse. Raises ValueError naming the parameter otherwise."""
    if java_type == "String":
        return text
    if java_type in ("int[]", "long[]", "double[]"):
        element = java_type[:-2]
        items = [t.strip() for t in text.strip("{}[]()").split(",") if t.strip()]
        values = [typed_value(name, element, t) for t in items]
        return JavaLiteral(f"new {java_type} {{" + ", ".join(repr(v) for v in values) + "}")
    if java_type in ("int", "long", "short", "byte", "Integer", "Long"):
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"parameter {name} needs whole numbers (Java {java_type}), got '{text}'") from None
    if java_type in ("double", "float", "Double", "Float"):
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"parameter {name} needs numbers (Java {java_type}), got '{text}'") from None
    if java_type in ("boolean", "Boolean"):
        if text.lower() in ("true", "false"):
            return text.lower() == "true"
        raise ValueError(f"parameter {name} is a Java boolean (true or false), got '{text}'")
    return parse_value(text)


def notebook_parameters(nb_path, raw):
    """The -p values typed by the notebook's declarations; a name the notebook does not declare is skipped
    (one -p list serves several notebooks). Raises ValueError for a value of the wrong type."""
    declared = declared_parameters(nb_path)
    return {k: typed_value(k, declared[k], v) for k, v in raw.items() if k in declared}


class LineEcho:
    """A file-like sink for papermill's stdout_file/stderr_file: the kernel's stream text arrives in pieces;
    every complete line goes to `target` led by `prefix`, at once (flushed), and a last unterminated piece
    when the notebook ends (close)."""

    def __init__(self, prefix, target):
        self.prefix = prefix
        self.target = target
        self.pending = ""

    def write(self, text):
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            self.target.write(self.prefix + line.rstrip("\r") + "\n")
        return len(text)

    def flush(self):
        self.target.flush()

    def close(self):
        if self.pending:
            self.target.write(self.prefix + self.pending + "\n")
            self.pending = ""
        self.target.flush()


def descendants(pid):
    """The PIDs of all processes below pid (children, grandchildren, ...), read from /proc."""
    children = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", encoding="utf-8", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(d))
        except (OSError, ValueError, IndexError):
            continue
    out, stack = [], [pid]
    while stack:
        for c in children.get(stack.pop(), []):
            out.append(c)
            stack.append(c)
    return out


def alive(pid):
    """True while pid runs (a zombie, dead but not yet reaped, counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def stop_descendants(grace=10.0):
    """TERM to every process this one started (the kernel JVMs), KILL to those still alive after grace s."""
    pids = descendants(os.getpid())
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for p in pids:
            try:
                os.kill(p, sig)
            except OSError:
                pass
        deadline = time.time() + grace
        while time.time() < deadline and any(alive(p) for p in pids):
            time.sleep(0.1)
        pids = [p for p in pids if alive(p)]
        if not pids:
            return


class Terminated(BaseException):
    """SIGTERM or SIGHUP, raised in the main thread like KeyboardInterrupt is for Ctrl-C."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


def raise_terminated(signum, frame):
    raise Terminated(signum)


def main():
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, raise_terminated)
    current = {"name": None, "t0": time.time()}
    try:
        return run(current)
    except (KeyboardInterrupt, Terminated) as e:
        # papermill and the kernel client leave threads and an event loop mid-call: stop the kernels, say
        # one line, and leave without their shutdown tracebacks
        logging.disable(logging.CRITICAL)
        stop_descendants()
        where = f"in {current['name']} after {time.time() - current['t0']:.0f} s" if current["name"] else "before any notebook"
        how = "interrupted" if isinstance(e, KeyboardInterrupt) else f"stopped by {signal.Signals(e.signum).name}"
        print(f"reproduce: {how} {where}; its kernel was stopped", file=sys.stderr, flush=True)
        sys.stdout.flush()
        os._exit(130 if isinstance(e, KeyboardInterrupt) else 128 + e.signum)


def run(current):
    ap = argparse.ArgumentParser()
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("-p", "--param", action="append", default=[], help="name=value")
    ap.add_argument("--out", default="results")
    ap.add_argument("--kernel", default="gwbench")
    ap.add_argument("--timeout", type=int, default=3600, help="seconds per cell (0: no limit)")
    ap.add_argument("--quiet", action="store_true", help="do not echo what the notebooks print to stderr")
    args = ap.parse_args()
    raw = {}
    for p in args.param:
        if "=" not in p:
            print(f"error: parameter '{p}' is not name=value", file=sys.stderr)
            return 2
        k, v = p.split("=", 1)
        raw[k.strip()] = v.strip()
    typed = {}
    for nb in args.notebooks:
        if not os.path.isfile(nb):
            print(f"error: no notebook {nb}", file=sys.stderr)
            return 2
        try:
            typed[nb] = notebook_parameters(nb, raw)
        except ValueError as e:
            print(f"error: {os.path.basename(nb)}: {e}", file=sys.stderr)
            return 2
    unknown = sorted(set(raw) - {k for t in typed.values() for k in t})
    if unknown:
        known = sorted({k for nb in args.notebooks for k in declared_parameters(nb)})
        print(f"error: no notebook here declares the parameter(s) {', '.join(unknown)}; "
              f"they declare: {', '.join(known)}", file=sys.stderr)
        return 2
    for nb in args.notebooks:
        cost = full_scale_cost(nb)
        if cost and output_folder(args.out, nb, typed[nb])[0] == "full":
            print(f"reproduce: {os.path.basename(nb)} at full scale takes {cost}; finished cells are cached and a rerun "
                  "resumes; -p smoke=True runs it in about a minute", file=sys.stderr, flush=True)
    failed = 0
    os.makedirs(args.out, exist_ok=True)
    timings_file = os.path.join(args.out, ".timings.json")
    timings = load_timings(timings_file)
    keys = []
    for nb in args.notebooks:
        nb_name = os.path.splitext(os.path.basename(nb))[0]
        keys.append(timing_key(nb_name, output_folder(args.out, nb, typed[nb])[0], typed[nb]))
    for index, nb in enumerate(args.notebooks):
        params = typed[nb]
        name = os.path.splitext(os.path.basename(nb))[0]
        profile, out_dir = output_folder(args.out, nb, params)
        print(eta_line(index + 1, len(args.notebooks), name, profile, [timings.get(k) for k in keys[index:]]),
              file=sys.stderr, flush=True)
        os.environ["GWBENCH_PROFILE"] = profile
        os.makedirs(out_dir, exist_ok=True)
        for f in os.listdir(out_dir):
            if f.endswith((".png", ".csv", ".ipynb")):
                os.remove(os.path.join(out_dir, f))
        os.environ["GWBENCH_RESULTS"] = out_dir
        t0 = time.time()
        current["name"], current["t0"] = name, t0
        echo = None if args.quiet else LineEcho(f"  [{name}] ", sys.stderr)
        try:
            papermill.execute_notebook(
                nb, os.path.join(out_dir, name + ".ipynb"), parameters=params, kernel_name=args.kernel,
                language="java", cwd=os.path.dirname(os.path.abspath(nb)), progress_bar=False,
                execution_timeout=args.timeout if args.timeout > 0 else None, log_output=False,
                stdout_file=echo, stderr_file=echo)
            status = "ok"
            save_timing(timings_file, keys[index], time.time() - t0)
        except Exception as e:  # papermill raises PapermillExecutionError with the failing cell
            status = "FAILED"
            failed += 1
            msg = str(e).strip().splitlines()
            print(f"  {name}: " + (" | ".join(msg[-6:]) if msg else repr(e)), file=sys.stderr)
        finally:
            if echo is not None:
                echo.close()
        print(f"{status:6s} {name:40s} {time.time() - t0:7.1f} s", flush=True)
    print(f"notebooks: {len(args.notebooks) - failed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

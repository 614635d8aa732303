"""Executes notebooks headless with the gwbench kernel (used by ./workbench reproduce and test).

For each notebook: papermill runs it into results/<name>/<name>.ipynb with GWBENCH_RESULTS set to
results/<name>, so the kernel's renderers also write every table as CSV and every figure as PNG there.
Parameters (-p name=value) go into the cell tagged "parameters" as Java declarations.
Prints one line per notebook: ok/FAILED, name, seconds. Exit code 1 if any failed.
"""
import argparse
import ast
import logging
import os
import sys
import time

import papermill
from papermill.translators import Translator, papermill_translators


class JavaTranslator(Translator):
    """Renders parameters as JShell declarations: `var name = value;`."""

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
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    # "0,1" reads as a Python tuple; Java parameters have no tuples, and the notebooks take such lists
    # as comma-separated strings (String seeds = "0,1,2,3,4")
    return text if isinstance(value, tuple) else value


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("-p", "--param", action="append", default=[], help="name=value")
    ap.add_argument("--out", default="results")
    ap.add_argument("--kernel", default="gwbench")
    ap.add_argument("--timeout", type=int, default=3600, help="seconds per cell (0: no limit)")
    args = ap.parse_args()
    params = {}
    for p in args.param:
        if "=" not in p:
            print(f"error: parameter '{p}' is not name=value", file=sys.stderr)
            return 2
        k, v = p.split("=", 1)
        params[k.strip()] = parse_value(v.strip())
    failed = 0
    for nb in args.notebooks:
        if not os.path.isfile(nb):
            print(f"error: no notebook {nb}", file=sys.stderr)
            return 2
        name = os.path.splitext(os.path.basename(nb))[0]
        out_dir = os.path.abspath(os.path.join(args.out, name))
        os.makedirs(out_dir, exist_ok=True)
        for f in os.listdir(out_dir):
            if f.endswith((".png", ".csv", ".ipynb")):
                os.remove(os.path.join(out_dir, f))
        os.environ["GWBENCH_RESULTS"] = out_dir
        t0 = time.time()
        try:
            papermill.execute_notebook(
                nb, os.path.join(out_dir, name + ".ipynb"), parameters=params, kernel_name=args.kernel,
                language="java", cwd=os.path.dirname(os.path.abspath(nb)), progress_bar=False,
                execution_timeout=args.timeout if args.timeout > 0 else None, log_output=False)
            status = "ok"
        except Exception as e:  # papermill raises PapermillExecutionError with the failing cell
            status = "FAILED"
            failed += 1
            msg = str(e).strip().splitlines()
            print(f"  {name}: " + (" | ".join(msg[-6:]) if msg else repr(e)), file=sys.stderr)
        print(f"{status:6s} {name:40s} {time.time() - t0:7.1f} s", flush=True)
    print(f"notebooks: {len(args.notebooks) - failed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

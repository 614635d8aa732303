"""./workbench bench: Java solvers against POT on the same seeded instances, in one run.

Instances (shared/reference/REFERENCE.md §5): X (N×2), Y (N×3), Z (N×2) standard normal from
numpy's default_rng(seed); C1 = sqdist(X,X)/max, C2 = sqdist(Y,Y)/max, M = sqdist(X,Z)/max,
p = q = 1/N. The points go to a temporary folder as CSV; the Java side (bench-run) builds the same
matrices from them. Each side times the solve alone, after a warm-up; gemm is best of --repeat.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import ot

CASES = ["gemm-2000", "sinkhorn-2000", "sinkhorn-log-2000", "sinkhorn-batch-500", "gw-1000", "gw-2000",
         "entropic-gw-1000", "entropic-gw-2000"]
# gw-N and entropic-gw-N factorise the structures when they are of low rank to roundoff (these are: squared
# distances in R^2 and R^3); gw-dense-N and entropic-gw-dense-N force the dense GEMMs. POT is the same.
KINDS = ("gemm", "sinkhorn", "sinkhorn-log", "sinkhorn-batch", "gw", "gw-dense", "entropic-gw", "entropic-gw-dense")
BATCH = 256  # histogram pairs of sinkhorn-batch-N


def sqdist(A, B):
    D = ((A[:, None, :] - B[None, :, :]) ** 2).sum(-1)
    return D / D.max()


def batch_hists(H, n):
    B = H[:n]
    return B / B.sum(axis=0, keepdims=True)


def pot_case(name, X, Y, Z, repeat, H=None):
    kind, n = name.rsplit("-", 1)
    n = int(n)
    X, Y, Z = X[:n], Y[:n], Z[:n]
    w = np.full(n, 1.0 / n)
    if kind == "gemm":
        A, B = sqdist(X, X), sqdist(Y, Y)
        best = float("inf")
        for _ in range(repeat + 1):
            t0 = time.perf_counter()
            C = A @ B
            best = min(best, time.perf_counter() - t0)
        return best, float(C.sum())
    if kind in ("sinkhorn", "sinkhorn-log"):
        M = sqdist(X, Z)
        method = "sinkhorn" if kind == "sinkhorn" else "sinkhorn_log"
        t0 = time.perf_counter()
        P = ot.sinkhorn(w, w, M, 1e-2, method=method)
        return time.perf_counter() - t0, float((P * M).sum())
    if kind == "sinkhorn-batch":
        M = sqdist(X, Z)
        B = batch_hists(H, n)
        t0 = time.perf_counter()
        d = ot.sinkhorn(w, B, M, 1e-2)
        return time.perf_counter() - t0, float(np.sum(d))
    if kind in ("gw", "gw-dense"):
        C1, C2 = sqdist(X, X), sqdist(Y, Y)
        t0 = time.perf_counter()
        # numItermaxEmd: at N = 2000 the default 1e5 stops the network simplex before optimality
        _, log = ot.gromov.gromov_wasserstein(C1, C2, w, w, "square_loss", log=True, numItermaxEmd=10**7)
        return time.perf_counter() - t0, float(log["gw_dist"])
    if kind in ("entropic-gw", "entropic-gw-dense"):
        C1, C2 = sqdist(X, X), sqdist(Y, Y)
        t0 = time.perf_counter()
        _, log = ot.gromov.entropic_gromov_wasserstein(C1, C2, w, w, "square_loss", epsilon=5e-3, tol=1e-9, log=True)
        return time.perf_counter() - t0, float(log["gw_dist"])
    raise SystemExit(f"error: unknown case {name} (known: {', '.join(CASES)})")


def java_case(name, folder, repeat):
    cmd = ["java", "-Xmx8g", "--add-modules", "jdk.incubator.vector", "-cp", os.environ["JAVA_CP"], "org.gwbench.cli.Main", "bench-run",
           "--case", name, "--dir", folder, "--repeat", str(repeat)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser(prog="workbench bench")
    ap.add_argument("cases", nargs="*", default=CASES)
    ap.add_argument("--json", action="store_true", help="one JSON object per line")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3, help="timed repetitions of gemm (best is kept)")
    args = ap.parse_args()
    for c in args.cases:
        if c not in CASES and not any(c.startswith(k + "-") and c.rsplit("-", 1)[1].isdigit()
                                      for k in KINDS):
            print(f"error: unknown case '{c}' (known: {', '.join(CASES)}, or KIND-N)", file=sys.stderr)
            return 2
    nmax = max(int(c.rsplit("-", 1)[1]) for c in args.cases)
    rng = np.random.default_rng(args.seed)
    X, Y, Z = rng.standard_normal((nmax, 2)), rng.standard_normal((nmax, 3)), rng.standard_normal((nmax, 2))
    H = 0.5 + rng.random((nmax, BATCH))  # drawn after X, Y, Z, so those do not depend on the cases
    info = f"POT {ot.__version__}, numpy {np.__version__}, {os.cpu_count()} cores"
    if not args.json:
        print(f"# {info}; seed {args.seed}")
        print(f"{'case':20s} {'java s':>9s} {'POT s':>9s} {'speedup':>8s} {'objective rel diff':>19s}")
    with tempfile.TemporaryDirectory(prefix="gwbench-") as d:
        for name, A in (("X", X), ("Y", Y), ("Z", Z), ("H", H)):
            np.savetxt(os.path.join(d, name + ".csv"), A, delimiter=",", fmt="%.17g")
        for c in args.cases:
            j = java_case(c, d, args.repeat if c.startswith("gemm") else 1)
            pot_s, pot_obj = pot_case(c, X, Y, Z, args.repeat, H)
            rel = abs(j["objective"] - pot_obj) / max(abs(pot_obj), 1e-300)
            row = {"case": c, "java_seconds": j["java_seconds"], "pot_seconds": pot_s,
                   "speedup": pot_s / j["java_seconds"], "objective_rel_diff": rel,
                   "java_objective": j["objective"], "pot_objective": pot_obj}
            if args.json:
                print(json.dumps(row), flush=True)
            else:
                print(f"{c:20s} {j['java_seconds']:9.3f} {pot_s:9.3f} {pot_s / j['java_seconds']:7.2f}x {rel:19.2e}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

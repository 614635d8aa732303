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
         "entropic-gw-1000", "entropic-gw-2000", "entropic-fgw-1000", "bapg-gw-1000", "entropic-srgw-1000", "srgw-1000", "partial-gw-1000", "unbalanced-gw-1000", "sampled-gw-200", "lowrank-gw-1000", "lowrank-gw-100000", "gdl-400", "sinkhorn-unbalanced-2000", "gaussian-inner-gw-1024", "ngw-1024"]
# gw-N and entropic-gw-N factorise the structures when they are of low rank to roundoff (these are: squared
# distances in R^2 and R^3); gw-dense-N and entropic-gw-dense-N force the dense GEMMs. POT is the same.
KINDS = ("gemm", "sinkhorn", "sinkhorn-log", "sinkhorn-batch", "gw", "gw-dense", "entropic-gw", "entropic-gw-dense",
         "entropic-fgw", "bapg-gw", "entropic-srgw", "srgw", "partial-gw", "unbalanced-gw", "sampled-gw", "lowrank-gw", "gdl", "sinkhorn-unbalanced", "gaussian-inner-gw", "ngw")
# gaussian-inner-gw-N: the closed form of Lemma 5.1 (NGW paper) in dimension N; the other side is numpy's eigvalsh.
# ngw-N: NGW training on the Gaussian row N -> N/4 of the NGW paper's Table 1; Java only (no NGW in POT), reported
# as outer iterations per second.
JAVA_ONLY = ("ngw",)
POINT_KINDS = ("gemm", "sinkhorn", "sinkhorn-log", "sinkhorn-batch", "gw", "gw-dense", "entropic-gw", "entropic-gw-dense",
               "entropic-fgw", "bapg-gw", "entropic-srgw", "srgw", "partial-gw", "unbalanced-gw", "sampled-gw", "lowrank-gw", "gdl", "sinkhorn-unbalanced")
# entropic-fgw-N: entropic-gw-N's structures with node features X and Z, M = sqdist(X, Z)/max, alpha 0.5.
# bapg-gw-N: BAPG at epsilon 0.1 with POT's defaults (1000 iterations, tol 1e-9, marginal_loss False).
# entropic-srgw-N: entropic semi-relaxed GW at epsilon 0.1, at most 1000 iterations, tol 1e-9.
# srgw-N: semi-relaxed GW by conditional gradient, POT's defaults (max_iter 1e4, tol_rel = tol_abs = 1e-9).
# partial-gw-N: partial GW of mass 0.8 by conditional gradient, POT's defaults (numItermax 1e4, tol 1e-8).
# unbalanced-gw-N: unbalanced GW, KL penalties rho = 1, epsilon 0.05, unbalanced Sinkhorn blocks, POT's defaults.
# sampled-gw-N: sampled GW, POT's defaults (100 samples, epsilon 1, 500 iterations), seed 0 on both sides (the draws
# differ: the objectives agree in distribution only, and the last column says by how much this one run differs).
# lowrank-gw-N: low-rank GW between the clouds X and Y themselves (no N x N matrix on either side), rank 10,
# POT's defaults; each side starts from its own random factors, so the objectives are two local optima. At POT's
# stopThr 1e-4 both stop after two steps; POT's time at 10^5 points is its final value's _flat_product_operator
# (a Python loop of concatenations, quadratic in N), not its iterations.
# gdl-N: GW dictionary learning on N/10 structures (squared distances of consecutive 10-point chunks of X), 4 atoms
# of 10 nodes, 5 epochs of batches of 16, Adam step 0.1; each side from its own random atoms (seed 0): the objective
# (the last epoch's summed loss) of two different runs.
# sinkhorn-unbalanced-N: sinkhorn's instance with b = 1.5/N (unequal masses), reg 1e-2, reg_m 1, POT's defaults.
BATCH = 256  # histogram pairs of sinkhorn-batch-N


def sqdist(A, B):
    D = ((A[:, None, :] - B[None, :, :]) ** 2).sum(-1)
    return D / D.max()


def batch_hists(H, n):
    B = H[:n]
    return B / B.sum(axis=0, keepdims=True)


def gaussian_covs(G, d):
    out = []
    for k in range(2):
        A = G[k * d:(k + 1) * d, :d]
        out.append(A @ A.T / d + np.eye(d))
    return out


def pot_case(name, X, Y, Z, repeat, H=None, G=None):
    kind, n = name.rsplit("-", 1)
    n = int(n)
    if kind == "gaussian-inner-gw":
        S1, S2 = gaussian_covs(G, n)
        t0 = time.perf_counter()
        d1 = np.sort(np.linalg.eigvalsh(S1))[::-1]
        d2 = np.sort(np.linalg.eigvalsh(S2))[::-1]
        k = min(len(d1), len(d2))
        v = (d1 ** 2).sum() + (d2 ** 2).sum() - 2 * (d1[:k] * d2[:k]).sum()
        return time.perf_counter() - t0, float(v)
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
    if kind == "entropic-fgw":
        C1, C2, M = sqdist(X, X), sqdist(Y, Y), sqdist(X, Z)
        t0 = time.perf_counter()
        _, log = ot.gromov.entropic_fused_gromov_wasserstein(M, C1, C2, w, w, "square_loss", epsilon=5e-3, alpha=0.5,
                                                             tol=1e-9, log=True)
        return time.perf_counter() - t0, float(log["fgw_dist"])
    if kind == "entropic-srgw":
        C1, C2 = sqdist(X, X), sqdist(Y, Y)
        t0 = time.perf_counter()
        _, log = ot.gromov.entropic_semirelaxed_gromov_wasserstein(C1, C2, w, "square_loss", epsilon=0.1, max_iter=1000,
                                                                    tol=1e-9, log=True)
        return time.perf_counter() - t0, float(log["srgw_dist"])
    if kind == "sinkhorn-unbalanced":
        M = sqdist(X, Z)
        t0 = time.perf_counter()
        v = ot.unbalanced.sinkhorn_unbalanced2(w, 1.5 * w, M, 1e-2, 1.0)
        return time.perf_counter() - t0, float(v)
    if kind == "srgw":
        C1, C2 = sqdist(X, X), sqdist(Y, Y)
        t0 = time.perf_counter()
        _, log = ot.gromov.semirelaxed_gromov_wasserstein(C1, C2, w, "square_loss", log=True)
        return time.perf_counter() - t0, float(log["srgw_dist"])
    if kind == "unbalanced-gw":
        C1, C2 = sqdist(X, X), sqdist(Y, Y)
        t0 = time.perf_counter()
        _, _, log = ot.gromov.fused_unbalanced_gromov_wasserstein(C1, C2, w, w, reg_marginals=1.0, epsilon=0.05,
                                                                  unbalanced_solver="sinkhorn", log=True)
        return time.perf_counter() - t0, float(log["fugw_cost"])
    if kind == "sampled-gw":
        C1, C2 = sqdist(X, X), sqdist(Y, Y)
        t0 = time.perf_counter()
        T = ot.gromov.sampled_gromov_wasserstein(C1, C2, w, w, lambda x, y: (x - y) ** 2, nb_samples_grad=100, epsilon=1,
                                                 max_iter=500, random_state=0)
        seconds = time.perf_counter() - t0
        constC, hC1, hC2 = ot.gromov.init_matrix(C1, C2, w, w, "square_loss")
        return seconds, float(ot.gromov.gwloss(constC, hC1, hC2, T))
    if kind == "lowrank-gw":
        t0 = time.perf_counter()
        _, _, _, log = ot.gromov.lowrank_gromov_wasserstein_samples(X, Y, w, w, rank=10, log=True)
        return time.perf_counter() - t0, float(log["value"])
    if kind == "gdl":
        Cs = [sqdist(X[k:k + 10], X[k:k + 10]) for k in range(0, n - 9, 10)]
        t0 = time.perf_counter()
        _, log = ot.gromov.gromov_wasserstein_dictionary_learning(Cs, 4, 10, epochs=5, batch_size=16, learning_rate=0.1,
                                                                  random_state=0)
        return time.perf_counter() - t0, float(log["loss_epochs"][-1])
    if kind == "partial-gw":
        C1, C2 = sqdist(X, X), sqdist(Y, Y)
        t0 = time.perf_counter()
        # POT hands numItermax to its network simplex too, where 1e4 pivots stop it before optimality
        # ("Error in the EMD resolution") from N = 300 on: 1e7 for both, the CG stops on its tolerance first
        _, log = ot.gromov.partial_gromov_wasserstein(C1, C2, w, w, m=0.8, numItermax=10**7, log=True)
        return time.perf_counter() - t0, float(log["partial_gw_dist"])
    if kind == "bapg-gw":
        C1, C2 = sqdist(X, X), sqdist(Y, Y)
        t0 = time.perf_counter()
        _, log = ot.gromov.BAPG_gromov_wasserstein(C1, C2, w, w, "square_loss", epsilon=0.1, log=True)
        return time.perf_counter() - t0, float(log["gw_dist"])
    raise SystemExit(f"error: unknown case {name} (known: {', '.join(CASES)})")


def java_case(name, folder, repeat):
    cmd = [os.environ.get("JAVA_BIN", "java"), "-Xmx8g", *os.environ.get("JAVA_MODULES", "--add-modules jdk.incubator.vector").split(), "-cp", os.environ["JAVA_CP"], "org.gwbench.cli.Main", "bench-run",
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
    sizes = [int(c.rsplit("-", 1)[1]) for c in args.cases if c.rsplit("-", 1)[0] in POINT_KINDS]
    nmax = max(sizes, default=1)
    dmax = max([int(c.rsplit("-", 1)[1]) for c in args.cases if c.startswith("gaussian-inner-gw-")], default=1)
    rng = np.random.default_rng(args.seed)
    X, Y, Z = rng.standard_normal((nmax, 2)), rng.standard_normal((nmax, 3)), rng.standard_normal((nmax, 2))
    H = 0.5 + rng.random((nmax, BATCH))  # drawn after X, Y, Z, so those do not depend on the cases
    G = np.random.default_rng(args.seed + 1).standard_normal((2 * dmax, dmax))
    info = f"POT {ot.__version__}, numpy {np.__version__}, {os.cpu_count()} cores"
    if not args.json:
        print(f"# {info}; seed {args.seed}")
        print(f"{'case':20s} {'java s':>9s} {'POT s':>9s} {'speedup':>8s} {'objective rel diff':>19s}")
    with tempfile.TemporaryDirectory(prefix="gwbench-") as d:
        batch = max([int(c.rsplit("-", 1)[1]) for c in args.cases if c.startswith("sinkhorn-batch-")], default=1)
        # H only as far as the batch cases read it: at 10^5 points it would be 600 MB of text
        for name, A in (("X", X), ("Y", Y), ("Z", Z), ("H", H[:batch]), ("G", G)):
            np.savetxt(os.path.join(d, name + ".csv"), A, delimiter=",", fmt="%.17g")
        for c in args.cases:
            j = java_case(c, d, args.repeat if c.startswith("gemm") else 1)
            if c.rsplit("-", 1)[0] in JAVA_ONLY:
                rate = j["iterations"] / j["java_seconds"]
                row = {"case": c, "java_seconds": j["java_seconds"], "iterations": j["iterations"],
                       "iterations_per_second": rate, "java_objective": j["objective"]}
                if args.json:
                    print(json.dumps(row), flush=True)
                else:
                    print(f"{c:20s} {j['java_seconds']:9.3f} {'-':>9s} {'-':>8s}   Java only: {rate:.2f} outer iterations/s",
                          flush=True)
                continue
            pot_s, pot_obj = pot_case(c, X, Y, Z, args.repeat, H, G)
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

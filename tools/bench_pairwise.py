"""./workbench bench-pairwise: pairwise FGW throughput of the engines, in one run (a benchmark, not a test).

For each dataset, the same seeded subset of graphs (shortest-path structures, alpha 0.5, exact FGW, FGWK's
distance) runs through `./workbench pairwise` on the local engine (all cores of this JVM) and on Spark local[N]
(embedded, N = the cores), each into a fresh folder. Reported: pairs per second and per core (from the run's own
clock, after the JVM and SparkContext start), the start-up, and the projected wall time of the full matrix for
10^4 and 10^5 graphs at the measured per-pair cost: on this machine's cores and on 100 cores (the pairs are
independent; 10^5 graphs make 5e9 pairs and an 80 GB matrix of doubles, which stays in its row blocks).
Notebook 04's FGWK runs the local engine (Fgwk.distances through the same Pairwise code).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(dataset, graphs, engine, cores, out):
    args = [os.path.join(ROOT, "workbench"), "pairwise", "--dataset", dataset, "--graphs", str(graphs), "--out", out]
    if engine == "spark":
        args += ["--engine", "spark", "--master", "local[%d]" % cores]
    t0 = time.time()
    p = subprocess.run(args, capture_output=True, text=True)
    wall = time.time() - t0
    if p.returncode != 0:
        sys.exit("bench-pairwise: %s on %s failed: %s" % (dataset, engine, p.stderr.strip().splitlines()[-1:]))
    r = json.loads(p.stdout)
    return r, wall


def hours(pairs, seconds_per_pair_core, cores):
    return pairs * seconds_per_pair_core / cores / 3600


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", default="AIDS,PROTEINS")
    ap.add_argument("--graphs", type=int, default=200, help="graphs per dataset (a seeded subset)")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    cores = os.cpu_count() or 1
    rows = []
    for ds in a.datasets.split(","):
        for engine in ("local", "spark"):
            with tempfile.TemporaryDirectory(prefix="gwbench-pairwise-") as out:
                r, wall = run(ds, a.graphs, engine, cores, out)
            per_core = r["pairs_per_second"] / cores
            rows.append({"dataset": ds, "graphs": r["graphs"], "engine": r["engine"], "pairs": r["pairs"],
                         "seconds": r["seconds"], "startup_seconds": wall - r["seconds"], "pairs_per_second": r["pairs_per_second"],
                         "pairs_per_second_per_core": per_core,
                         "hours_1e4_here": hours(1e4 * (1e4 - 1) / 2, 1 / per_core, cores),
                         "hours_1e5_here": hours(1e5 * (1e5 - 1) / 2, 1 / per_core, cores),
                         "hours_1e5_on_100_cores": hours(1e5 * (1e5 - 1) / 2, 1 / per_core, 100)})
            print("bench-pairwise: %s %s done" % (ds, engine), file=sys.stderr)
    if a.json:
        print(json.dumps(rows, indent=1))
        return
    print("pairwise exact FGW (shortest-path, alpha 0.5), %d graphs per dataset, %d cores" % (a.graphs, cores))
    head = "%-9s %-18s %8s %9s %10s %12s %11s %11s %13s" % ("dataset", "engine", "pairs", "run s", "start s", "pairs/s/core",
                                                           "1e4 h here", "1e5 h here", "1e5 h 100c")
    print(head)
    for r in rows:
        print("%-9s %-18s %8d %9.1f %10.1f %12.0f %11.1f %11.0f %13.1f" % (r["dataset"], r["engine"], r["pairs"], r["seconds"],
              r["startup_seconds"], r["pairs_per_second_per_core"], r["hours_1e4_here"], r["hours_1e5_here"], r["hours_1e5_on_100_cores"]))


if __name__ == "__main__":
    main()

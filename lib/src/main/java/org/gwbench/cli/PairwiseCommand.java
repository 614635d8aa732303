package org.gwbench.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gwbench.data.Csv;
import org.gwbench.data.DataDir;
import org.gwbench.gwf.Fgwk;
import org.gwbench.gwf.GraphSet;
import org.gwbench.linalg.Mat;
import org.gwbench.pairwise.BlockStore;
import org.gwbench.pairwise.Engine;
import org.gwbench.pairwise.Pairwise;
import org.gwbench.pairwise.PairwiseSpec;

/**
 * {@code ./workbench pairwise --dataset NAME [--data DIR] [--graphs N] [--seed S] [--structure adjacency|shortest-path]
 * [--alpha A] [--method exact|entropic|ppa] [--epsilon E] [--gamma G] [--block ROWS] [--out DIR] [--engine local|spark]
 * [--master URL] [--knn K] [--kernel SCALE] [--prune K]}: the (fused) GW distances between all graphs of a TU dataset
 * ({@link Pairwise}), in blocks of rows written to DIR as they finish (a rerun resumes), then distances.csv (up to
 * 20 000 graphs), labels.csv, and on request knn-index.csv/knn-distance.csv (each graph's K nearest) and
 * kernel.csv (exp(−d/β), β = SCALE × the median distance). With --prune K, only each graph's K nearest are solved
 * exactly, the rest skipped by a lower bound. Progress (blocks, pairs/s, ETA) on stderr; one JSON object on stdout.
 */
final class PairwiseCommand {
    /** Beyond this many graphs the matrix stays in its blocks (10⁴ graphs: 800 MB of doubles as text is already large). */
    static final int LARGEST_ASSEMBLED = 20000;

    private PairwiseCommand() {
    }

    static Json run(String[] argv, PrintStream err) {
        Args a = new Args("pairwise", argv, 0, Set.of("dataset", "data", "graphs", "seed", "structure", "alpha", "method", "epsilon",
                "gamma", "block", "out", "engine", "master", "knn", "kernel", "prune"));
        String dataset = a.required("dataset");
        Path root = a.optional("data") == null ? DataDir.root() : Path.of(a.optional("data"));
        int graphs = a.integer("graphs", 0);
        if (graphs < 0 || graphs == 1) {
            throw new UsageException("--graphs must be 0 (all graphs) or at least 2, got " + graphs);
        }
        long seed = (long) a.number("seed", 0);
        Fgwk.Structure structure;
        try {
            structure = Fgwk.Structure.parse(a.optional("structure") == null ? "shortest-path" : a.optional("structure"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--structure must be adjacency or shortest-path, got '" + a.optional("structure") + "'");
        }
        PairwiseSpec spec = new PairwiseSpec(a.optional("method") == null ? "exact" : a.optional("method"), a.number("alpha", 0.5),
                a.number("epsilon", 0.1), a.number("gamma", 1.0), 1);
        int knn = a.integer("knn", 0);
        int prune = a.integer("prune", 0);
        double kernel = a.number("kernel", 0);
        if (knn < 0 || prune < 0 || !(kernel >= 0)) {
            throw new UsageException("--knn and --prune take a count of neighbours >= 1, --kernel a width scale > 0");
        }
        if (prune > 0 && (knn > 0 || kernel > 0)) {
            throw new UsageException("--prune K computes only the K nearest: it gives no full matrix for --knn or --kernel");
        }
        String engineName = a.optional("engine") == null ? "local" : a.optional("engine");
        String master = a.optional("master");
        String data = "dataset=" + dataset + (graphs > 0 ? " subset=" + graphs + " seed=" + seed : "") + " structure=" + structure.label();
        Path out = a.outputDir("out");
        if (out == null) {
            out = Path.of("results", "pairwise", dataset + (graphs > 0 ? "-" + graphs + "-seed" + seed : "") + "-alpha" + spec.alpha() + "-"
                    + structure.label() + ("exact".equals(spec.method()) ? "" : "-" + spec.method())).toAbsolutePath();
        }
        GraphSet set = GraphSet.load(root, dataset, graphs, seed);
        spec = spec.withBlock(a.integer("block", PairwiseSpec.defaultBlock(set.samples().size())));
        if (Math.max(knn, prune) >= set.samples().size()) {
            throw new UsageException("--knn and --prune must be below the number of graphs (" + set.samples().size() + "), got "
                    + Math.max(knn, prune));
        }
        Pairwise.Collection collection = Pairwise.Collection.ofSamples(Fgwk.structures(set.samples(), structure));
        BlockStore store = BlockStore.open(out, Pairwise.describe(data, collection.size(), spec));
        Pairwise.Result r;
        try (Engine engine = Engine.named(engineName, master)) {
            err.println("pairwise: " + collection.size() + " graphs of " + dataset + ", " + spec.describe() + ", on " + engine.name() + ", blocks in " + out);
            r = prune > 0 ? Pairwise.nearest(collection, spec, prune, store, engine, p -> err.println(p.line("pairwise")))
                    : Pairwise.distances(collection, spec, store, engine, p -> err.println(p.line("pairwise")));
        }
        return summary(r, set, spec, structure, out, knn > 0 ? knn : prune, kernel, dataset);
    }

    private static Json summary(Pairwise.Result r, GraphSet set, PairwiseSpec spec, Fgwk.Structure structure, Path out, int k, double kernel,
            String dataset) {
        List<String> files = new ArrayList<>();
        int n = set.samples().size();
        writeLabels(out, set.truth(), files);
        int[][] idx = r.neighbours();
        double[][] dist = r.neighbourDistances();
        if (r.distances() != null) {
            if (n <= LARGEST_ASSEMBLED) {
                write(out.resolve("distances.csv"), r.distances(), files);
            }
            if (kernel > 0) {
                write(out.resolve("kernel.csv"), Fgwk.kernelOf(r.distances(), kernel), files);
            }
            if (k > 0) {
                idx = Pairwise.nearestOf(r.distances(), k);
                dist = new double[n][k];
                for (int i = 0; i < n; i++) {
                    for (int t = 0; t < k; t++) {
                        dist[i][t] = r.distances().get(i, idx[i][t]);
                    }
                }
            }
        }
        if (idx != null) {
            Mat I = Mat.zeros(n, k);
            Mat Dk = Mat.zeros(n, k);
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < k; t++) {
                    I.set(i, t, idx[i][t]);
                    Dk.set(i, t, dist[i][t]);
                }
            }
            write(out.resolve("knn-index.csv"), I, files);
            write(out.resolve("knn-distance.csv"), Dk, files);
        }
        return new Json().put("dataset", dataset).put("graphs", n).put("structure", structure.label()).put("method", spec.method())
                .put("alpha", spec.alpha()).put("engine", r.engine()).put("pairs", r.pairs()).put("blocks", r.blocks())
                .put("blocks_cached", r.blocksCached()).put("exact_solves", r.solves()).put("exact_solves_in_blocks", r.solvesInBlocks())
                .put("candidate_solves", r.candidates()).put("skipped_solves", r.skipped()).put("seconds", r.seconds())
                .put("pairs_per_second", r.solves() == 0 ? Double.NaN : r.solves() / r.seconds()).put("out", out.toString())
                .put("files", files).put("notes", r.notes());
    }

    private static void writeLabels(Path out, int[] truth, List<String> files) {
        double[] v = new double[truth.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = truth[i];
        }
        Path f = out.resolve("labels.csv");
        Csv.writeVector(f, v);
        files.add(f.getFileName().toString());
    }

    private static void write(Path file, Mat m, List<String> files) {
        Csv.writeWhole(file, m);
        files.add(file.getFileName().toString());
    }
}

package org.gwbench.gwf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.gwbench.gw.ExactGw;
import org.gwbench.gw.ExactGwOptions;
import org.gwbench.gw.GwLoss;
import org.gwbench.gw.GwProblem;
import org.gwbench.linalg.Mat;
import org.gwbench.pairwise.BlockStore;
import org.gwbench.pairwise.Engine;
import org.gwbench.pairwise.LocalEngine;
import org.gwbench.pairwise.Pairwise;
import org.gwbench.pairwise.PairwiseSpec;
import org.gwbench.problem.ProgressListener;
import org.gwbench.linalg.SymmetricEigen;

/**
 * FGWK, the fused-GW kernel baseline of the GWF paper's Tables 1-2 (Vayer et al. 2019): pairwise exact
 * (fused) GW distances between graphs, computed in blocks of rows that can be kept on disk and resumed,
 * the kernel exp(−d/β) with β a multiple of the median distance, and spectral clustering.
 */
public final class Fgwk {
    private Fgwk() {
    }

    /**
     * The structure matrices FGWK compares (GWF and GWB-KM always use adjacency matrices, as the GWF
     * paper does). Vayer et al.'s FGW experiments use shortest-path (hop count) matrices; pairs of
     * nodes in different components get the graph's largest finite distance + 1.
     */
    public enum Structure {
        ADJACENCY("adjacency"), SHORTEST_PATH("shortest-path");

        private final String label;

        Structure(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** "adjacency" or "shortest-path". */
        public static Structure parse(String name) {
            for (Structure s : values()) {
                if (s.label.equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("fgwStructure must be adjacency or shortest-path, got '" + name + "'");
        }
    }

    /** The samples with their structures replaced as structure says (distributions and features kept). */
    public static List<Gwf.Sample> structures(List<Gwf.Sample> samples, Structure structure) {
        if (structure == Structure.ADJACENCY) {
            return samples;
        }
        List<Gwf.Sample> out = new ArrayList<>();
        for (Gwf.Sample g : samples) {
            Mat D = org.gwbench.graph.Graphs.shortestPaths(g.C(), Double.NaN);
            double max = 0;
            for (double d : D.data) {
                if (!Double.isNaN(d)) {
                    max = Math.max(max, d);
                }
            }
            for (int k = 0; k < D.data.length; k++) {
                if (Double.isNaN(D.data[k])) {
                    D.data[k] = max + 1;
                }
            }
            out.add(new Gwf.Sample(D, g.mu(), g.F()));
        }
        return out;
    }

    /** Fused GW with trade-off alpha; plain GW without attributes or when alpha = 1. */
    public static double fgw(Gwf.Sample a, Gwf.Sample b, ExactGw solver, double alpha) {
        GwProblem pb = new GwProblem(a.C(), b.C(), a.mu(), b.mu(), GwLoss.SQUARE);
        if (a.F() == null || alpha == 1) {
            return solver.solve(pb).value();
        }
        Mat M = org.gwbench.linalg.Distances.squared(a.F(), b.F());
        return solver.solveFused(pb, M, alpha, null).value();
    }

    /** Pairwise exact (fused) GW at α = 0.5 in this JVM; rows in blocks of the given size, kept in dir when given. */
    public static Mat distances(List<Gwf.Sample> s, Path dir, int block) {
        try (Engine engine = localEngine()) {
            return distances(s, dir, PairwiseSpec.exact(0.5).withBlock(block), null, null, engine);
        }
    }

    /** An engine on every core of this JVM. */
    public static Engine localEngine() {
        return new LocalEngine(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Pairwise (fused) GW of the samples as spec says ({@link Pairwise#distances}), on the engine; with dir, the
     * blocks are kept there ({@link BlockStore}, the format of {@code ./workbench pairwise}) and a rerun resumes.
     * With a label, a few progress lines (blocks done, pairs/s, ETA). Null when interrupted (no
     * partial block is ever written).
     *
     * @param describe the dataset and structure, for the folder's spec.txt (e.g. "dataset=AIDS structure=shortest-path")
     */
    public static Mat distances(List<Gwf.Sample> s, Path dir, PairwiseSpec spec, String label, String describe, Engine engine) {
        Pairwise.Collection graphs = Pairwise.Collection.ofSamples(s);
        BlockStore store = dir == null ? null : BlockStore.open(dir, Pairwise.describe(describe, graphs.size(), spec));
        ProgressListener progress = label == null ? ProgressListener.NONE : ProgressListener.printing(label + " FGW distances (" + engine.name() + ")", 4);
        try {
            return Pairwise.distances(graphs, spec, store, engine, progress).distances();
        } catch (CancellationException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** exp(−D/β), β = scale × the median of the off-diagonal entries. */
    public static Mat kernelOf(Mat D, double scale) {
        double beta = scale * medianOffDiagonal(D);
        Mat K = Mat.zeros(D.rows, D.cols);
        for (int k = 0; k < K.data.length; k++) {
            K.data[k] = Math.exp(-D.data[k] / beta);
        }
        return K;
    }

    /** The median of the entries above the diagonal (a floor of 1e-12 keeps β positive; 1 with one graph). */
    public static double medianOffDiagonal(Mat D) {
        int N = D.rows;
        double[] off = new double[N * (N - 1) / 2];
        int t = 0;
        for (int i = 0; i < N; i++) {
            for (int j = i + 1; j < N; j++) {
                off[t++] = D.get(i, j);
            }
        }
        Arrays.sort(off);
        return Math.max(off.length == 0 ? 1 : off[off.length / 2], 1e-12);
    }

    /** Spectral clustering (Ng, Jordan, Weiss): top eigenvectors of D^{−1/2} K D^{−1/2}, rows normalised, k-means. */
    public static int[] spectral(Mat K, int k, long seed) {
        return Clustering.kMeans(spectralEmbedding(K, k), k, 10, seed);
    }

    /** The rows k-means clusters in {@link #spectral}: the top k eigenvectors, each row scaled to length 1 (0 stays 0). */
    public static Mat spectralEmbedding(Mat K, int k) {
        int N = K.rows;
        Mat L = Clustering.scaleBySqrt(K, K.rowSums());
        for (int i = 0; i < N; i++) {
            for (int j = i + 1; j < N; j++) {
                double v = 0.5 * (L.get(i, j) + L.get(j, i));
                L.set(i, j, v);
                L.set(j, i, v);
            }
        }
        SymmetricEigen.Result e = SymmetricEigen.of(L);
        Mat Y = Mat.zeros(N, k);
        for (int i = 0; i < N; i++) {
            double s = 0;
            for (int c = 0; c < k; c++) {
                double v = e.vectors().get(i, c); // eigenvalues in decreasing order
                Y.set(i, c, v);
                s += v * v;
            }
            s = Math.sqrt(s);
            for (int c = 0; c < k; c++) {
                Y.set(i, c, s > 0 ? Y.get(i, c) / s : 0);
            }
        }
        return Y;
    }
}

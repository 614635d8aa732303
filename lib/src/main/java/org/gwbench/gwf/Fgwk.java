package org.gwbench.gwf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.gwbench.gw.ExactGw;
import org.gwbench.gw.ExactGwOptions;
import org.gwbench.gw.GwLoss;
import org.gwbench.gw.GwProblem;
import org.gwbench.linalg.BlasThreads;
import org.gwbench.linalg.Mat;
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

    /** Rows per cached block of the distance matrix. */
    public static final int DISTANCE_BLOCK = 64;

    /** Pairwise exact (fused) GW; rows in blocks of the given size, each read from or written to dir when given. */
    public static Mat distances(List<Gwf.Sample> s, Path dir, int block) {
        return distances(s, dir, block, null, 0.5);
    }

    /** As above; with a label, prints a progress line (rows done, elapsed, ETA) after each block it computes. */
    public static Mat distances(List<Gwf.Sample> s, Path dir, int block, String label, double alpha) {
        int N = s.size();
        long started = System.nanoTime();
        long pairsDone = 0;
        long pairsAll = (long) N * (N - 1) / 2;
        long pairsCached = 0;
        Mat D = Mat.zeros(N, N);
        ExactGw solver = new ExactGw(ExactGwOptions.defaults());
        for (int b0 = 0; b0 < N; b0 += block) {
            int b1 = Math.min(N, b0 + block);
            Path file = dir == null ? null : dir.resolve("rows-" + b0 + "-" + b1 + "-of-" + N + ".csv");
            if (file != null && java.nio.file.Files.isRegularFile(file)) {
                Mat R = org.gwbench.data.Csv.readMatrix("cached FGW distances", file);
                if (R.rows == b1 - b0 && R.cols == N) {
                    System.arraycopy(R.data, 0, D.data, b0 * N, R.data.length);
                    pairsCached += pairsInRows(b0, b1, N);
                    continue;
                }
            }
            if (Thread.currentThread().isInterrupted()) {
                return null;
            }
            int from = b0;
            Thread caller = Thread.currentThread(); // the pool's workers do not see the caller's interrupt
            try (BlasThreads.Scope serial = BlasThreads.serial()) {
                IntStream.range(b0, b1).parallel().forEach(i -> {
                    for (int j = i + 1; j < N && !caller.isInterrupted(); j++) {
                        D.set(i, j, Math.max(0, fgw(s.get(i), s.get(j), solver, alpha)));
                    }
                });
            }
            if (Thread.currentThread().isInterrupted()) {
                return null; // the solver may have stopped early: not a result
            }
            if (file != null) {
                Mat R = Mat.zeros(b1 - from, N);
                System.arraycopy(D.data, from * N, R.data, 0, R.data.length);
                try {
                    java.nio.file.Files.createDirectories(dir);
                    Path tmp = dir.resolve(file.getFileName() + ".part");
                    org.gwbench.data.Csv.write(tmp, R);
                    java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot write " + file, e);
                }
            }
            pairsDone += pairsInRows(b0, b1, N);
            if (label != null) {
                double secs = (System.nanoTime() - started) / 1e9;
                long left = pairsAll - pairsCached - pairsDone;
                System.out.print(String.format(java.util.Locale.ROOT, "%s FGW distances: rows %d/%d, %.0f s, ETA %.0f s%n",
                        label, b1, N, secs, pairsDone == 0 ? 0 : secs / pairsDone * left));
            }
        }
        for (int i = 0; i < N; i++) {
            for (int j = i + 1; j < N; j++) {
                D.set(j, i, D.get(i, j));
            }
        }
        return D;
    }

    /** Pairs (i, j), i < j, with i in [b0, b1) of N graphs. */
    private static long pairsInRows(int b0, int b1, int N) {
        long p = 0;
        for (int i = b0; i < b1; i++) {
            p += N - 1 - i;
        }
        return p;
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

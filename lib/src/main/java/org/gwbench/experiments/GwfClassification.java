package org.gwbench.experiments;

import java.util.ArrayList;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.gwbench.graph.Graphs;
import org.gwbench.gwf.Gwf;
import org.gwbench.gwf.KernelSvm;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * notebooks/05: Table 2 of Xu et al. — graph classification by 10-fold cross-validation (stratified,
 * seeded) with C-SVMs on precomputed kernels (libsvm):
 * <ul>
 * <li><b>GWF-PPA / GWF-BADMM</b>: in each fold, GWF trained with the label loss of eq. 14 on the
 *     training graphs (the test graphs unlabelled), then an RBF kernel exp(−‖z − z'‖²/σ²) on the
 *     embeddings, σ² the median squared distance;</li>
 * <li><b>FGWK</b>: exp(−d/β) of pairwise exact fused GW (GW without attributes), β the median;</li>
 * <li><b>SPK</b>: the shortest-path kernel without node labels (Borgwardt and Kriegel 2005): the dot
 *     product of the histograms of shortest-path lengths, cosine-normalised.</li>
 * </ul>
 *
 * @param clustering data loading and the GWF options (see {@link GwfClustering})
 * @param folds cross-validation folds (the paper: 10)
 * @param C the SVM's C
 * @param labelWeight β of the label loss
 */
public record GwfClassification(GwfClustering clustering, int folds, double C, double labelWeight) {
    public GwfClassification {
        if (clustering == null) {
            throw new IllegalArgumentException("clustering must be given");
        }
        Check.positive("folds", folds);
        Check.positive("C", C);
        Check.positive("labelWeight", labelWeight);
    }

    public static final String[] DATASETS = {"PROTEINS", "IMDB-BINARY"};
    public static final String[] METHODS = {"SPK", "FGWK", "GWF-BADMM", "GWF-PPA"};
    /** The paper's Table 2 (accuracy %), rows as {@link #DATASETS}, columns as {@link #METHODS}; NaN where it gives none. */
    public static final double[][] PAPER = {
        {Double.NaN, 75.1, 71.4, 73.7},
        {56.2, 64.2, 62.4, 63.9}};

    /** The fold accuracies (%) of one method on one dataset, and the wall time. */
    public record Cell(String dataset, String method, double[] foldAccuracies, double seconds) {
        public double mean() {
            return Stats.mean(foldAccuracies);
        }

        public double std() {
            return Stats.std(foldAccuracies);
        }
    }

    public Cell run(String dataset, String method, long seed, Gwf.Listener listener) {
        return run(dataset, method, seed, listener, null);
    }

    /**
     * One cell of Table 2. With a cache folder, FGWK's distances are shared with Table 1 (see
     * {@link GwfClustering#fgwKernel(GwfClustering.Loaded, Path)}) and each GWF fold's accuracy and
     * seconds are kept (settings in the folder name) and read back by a later run: a full run resumes
     * at the first fold not done. A cell's seconds are then the sum of its folds' own times.
     */
    public Cell run(String dataset, String method, long seed, Gwf.Listener listener, Path cache) {
        GwfClustering.Loaded data = clustering.load(dataset, seed);
        int[] y = data.truth();
        int[] fold = KernelSvm.stratifiedFolds(y, folds, seed);
        long t0 = System.nanoTime();
        double[] acc = new double[folds];
        switch (method) {
            case "SPK", "FGWK" -> {
                Mat K = method.equals("SPK") ? shortestPathKernel(data) : clustering.fgwKernel(data, cache);
                if (K == null) {
                    return new Cell(dataset, method, new double[0], (System.nanoTime() - t0) / 1e9); // interrupted
                }
                for (int f = 0; f < folds; f++) {
                    acc[f] = 100 * KernelSvm.foldAccuracy(K, y, rows(fold, f, false), rows(fold, f, true), C);
                }
            }
            case "GWF-PPA", "GWF-BADMM" -> {
                Gwf.Module module = method.equals("GWF-PPA") ? Gwf.Module.PPA : Gwf.Module.BADMM;
                Gwf.Options g = clustering.gwf();
                double cachedSeconds = 0;
                for (int f = 0; f < folds; f++) {
                    Path file = cache == null ? null : cache.resolve(configTag()).resolve(dataset)
                            .resolve(method + "-seed" + seed + "-fold" + f + ".txt");
                    double[] saved = file == null ? null : GwfClustering.readCached(file);
                    if (saved != null) {
                        acc[f] = saved[0];
                        cachedSeconds += saved[1];
                        continue;
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        break;
                    }
                    long f0 = System.nanoTime();
                    int[] partial = y.clone();
                    for (int i = 0; i < y.length; i++) {
                        if (fold[i] == f) {
                            partial[i] = -1;
                        }
                    }
                    Gwf.Options o = new Gwf.Options(Math.min(g.atoms(), y.length), g.gwbLayers(), g.gwdLayers(), module,
                            module == Gwf.Module.PPA ? g.gamma() : GwfClustering.badmmGamma, g.learningRate(), g.epochs(), g.batch(),
                            data.hasFeatures() ? Math.max(g.featureWeight(), 0) : 0, labelWeight, seed + f, g.forward());
                    Gwf model = Gwf.init(data.samples(), data.classes(), o);
                    model.fit(data.samples(), partial, listener);
                    acc[f] = 100 * KernelSvm.foldAccuracy(rbf(model.embeddings()), y, rows(fold, f, false), rows(fold, f, true), C);
                    if (file != null && !Thread.currentThread().isInterrupted()) {
                        GwfClustering.writeCached(file, acc[f], (System.nanoTime() - f0) / 1e9);
                    }
                }
                return new Cell(dataset, method, acc, (System.nanoTime() - t0) / 1e9 + cachedSeconds);
            }
            default -> throw new IllegalArgumentException("method must be one of " + Arrays.toString(METHODS) + ", got " + method);
        }
        return new Cell(dataset, method, acc, (System.nanoTime() - t0) / 1e9);
    }

    /** The settings a cached fold depends on, as a folder name. */
    public String configTag() {
        return "table2-" + clustering.configTag() + String.format(java.util.Locale.ROOT, "-C%s-beta%s-folds%d", C, labelWeight, folds);
    }

    static int[] rows(int[] fold, int f, boolean inFold) {
        return IntStream.range(0, fold.length).filter(i -> (fold[i] == f) == inFold).toArray();
    }

    /** exp(−‖z_i − z_j‖²/σ²), σ² the median of the off-diagonal squared distances. */
    static Mat rbf(Mat Z) {
        int N = Z.rows;
        Mat D = Mat.zeros(N, N);
        double[] off = new double[N * (N - 1) / 2];
        int t = 0;
        for (int i = 0; i < N; i++) {
            for (int j = i + 1; j < N; j++) {
                double s = 0;
                for (int c = 0; c < Z.cols; c++) {
                    double d = Z.get(i, c) - Z.get(j, c);
                    s += d * d;
                }
                D.set(i, j, s);
                D.set(j, i, s);
                off[t++] = s;
            }
        }
        Arrays.sort(off);
        double s2 = Math.max(off.length == 0 ? 1 : off[off.length / 2], 1e-12);
        for (int k = 0; k < D.data.length; k++) {
            D.data[k] = Math.exp(-D.data[k] / s2);
        }
        return D;
    }

    /** Cosine-normalised dot products of the histograms of shortest-path lengths (pairs i &lt; j, connected). */
    static Mat shortestPathKernel(GwfClustering.Loaded data) {
        List<double[]> hist = new ArrayList<>();
        int maxLen = 0;
        for (Gwf.Sample s : data.samples()) {
            Mat P = Graphs.shortestPaths(s.C(), -1);
            double[] h = new double[s.C().rows + 1];
            for (int i = 0; i < P.rows; i++) {
                for (int j = i + 1; j < P.cols; j++) {
                    double d = P.get(i, j);
                    if (d > 0) {
                        h[(int) d]++;
                        maxLen = Math.max(maxLen, (int) d);
                    }
                }
            }
            hist.add(h);
        }
        Mat H = Mat.zeros(hist.size(), maxLen + 1);
        for (int i = 0; i < hist.size(); i++) {
            double[] h = hist.get(i);
            System.arraycopy(h, 0, H.data, i * H.cols, Math.min(h.length, H.cols));
        }
        Mat K = Blas.active().multiply(H, false, H, true);
        double[] d = new double[K.rows];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(K.get(i, i), 1e-300);
        }
        return Stats.scaleBySqrt(K, d);
    }

    /** The cells with the paper's values beside. */
    public static Table table(List<Cell> cells) {
        StringColumn ds = StringColumn.create("dataset");
        StringColumn me = StringColumn.create("method");
        DoubleColumn mean = DoubleColumn.create("10-fold accuracy % (mean)");
        DoubleColumn sd = DoubleColumn.create("± std over folds");
        IntColumn nf = IntColumn.create("folds");
        DoubleColumn paper = DoubleColumn.create("paper %");
        DoubleColumn secs = DoubleColumn.create("wall s");
        for (Cell c : cells) {
            int d = Arrays.asList(DATASETS).indexOf(c.dataset());
            int m = Arrays.asList(METHODS).indexOf(c.method());
            ds.append(GwfClustering.displayName(c.dataset()));
            me.append(c.method());
            mean.append(c.mean());
            sd.append(c.std());
            nf.append(c.foldAccuracies().length);
            double p = d >= 0 && m >= 0 ? PAPER[d][m] : Double.NaN;
            if (Double.isNaN(p)) {
                paper.appendMissing();
            } else {
                paper.append(p);
            }
            secs.append(c.seconds());
        }
        // one decimal as the paper prints them (the CSV written by reproduce keeps every digit)
        org.gwbench.report.Tables.decimals(1, mean, sd, paper);
        org.gwbench.report.Tables.decimals(0, secs);
        return Table.create("Table 2: 10-fold classification accuracy (ours vs the paper)", ds, me, mean, sd, nf, paper, secs);
    }
}

package org.gwbench.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.gwbench.graph.Graphs;
import org.gwbench.gwf.Clustering;
import org.gwbench.gwf.Fgwk;
import org.gwbench.gwf.GraphSet;
import org.gwbench.gwf.Gwf;
import org.gwbench.gwf.KernelSvm;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.ProgressListener;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * notebooks/05: Table 2 of Xu et al. — graph classification by 10-fold cross-validation (stratified,
 * seeded) with C-SVMs on precomputed kernels (libsvm):
 * <ul>
 * <li><b>GWF-PPA / GWF-BADMM</b>: in each fold, GWF trained with the label loss of eq. 14 on the
 *     training graphs (the test graphs unlabelled, in the training as GW terms only); the test graphs
 *     are classified by the model's own linear classifier φ of eq. 14 ({@link Readout#CLASSIFIER},
 *     the default) or by an SVM with an RBF kernel exp(−‖z − z'‖²/σ²) on the embeddings, σ² a
 *     multiple of the median squared distance ({@link Readout#SVM}). Every fold prints both. The SVM
 *     reads the embeddings of the training graphs, which the label loss has moved one by one (each
 *     z_i is a free parameter), and those of the test graphs, which it has not: the inner
 *     cross-validation then sees separable classes (100%) that the test graphs do not share. With
 *     {@link Readout#UNSUPERVISED_SVM} there is no label loss: one model trained without labels on
 *     all graphs (Table 1's, through the cache) and the SVM on its embeddings in every fold
 *     (labelWeight unused);</li>
 * <li><b>FGWK</b>: exp(−d/β) of pairwise exact fused GW (GW without attributes), β a multiple of the
 *     median;</li>
 * <li><b>SPK</b>: the shortest-path kernel without node labels (Borgwardt and Kriegel 2005): the dot
 *     product of the histograms of shortest-path lengths, cosine-normalised.</li>
 * </ul>
 * With {@code innerFolds} ≥ 2 each outer fold chooses C from {@link #C_GRID} and the kernel width
 * (σ² or β, as a multiple of the median) from {@link #WIDTH_GRID} by a stratified inner
 * cross-validation on its training graphs (nested cross-validation, as Vayer et al. (2019) chose
 * FGWK's C and width); SPK has no width and chooses C only. With 0, every fold uses C and the
 * median width (FGWK: {@link GwfClustering#fgwBetaScale()} × the median).
 *
 * @param clustering data loading and the GWF options (see {@link GwfClustering})
 * @param folds cross-validation folds (the paper: 10)
 * @param C the SVM's C when not tuned
 * @param labelWeight β of the label loss
 * @param innerFolds folds of the inner cross-validation that chooses C and the width; 0 = no tuning
 * @param readout how the GWF methods classify the test graphs
 */
public record GwfClassification(GwfClustering clustering, int folds, double C, double labelWeight, int innerFolds,
                                Readout readout) {
    /** How the GWF methods classify the test graphs. */
    public enum Readout {
        /** the label loss's linear classifier φ(z) = W z + b (eq. 14) */
        CLASSIFIER,
        /** a C-SVM with an RBF kernel on the embeddings, trained on the training graphs' embeddings */
        SVM,
        /**
         * no label loss: one GWF model trained without labels on all graphs (Table 1's model, shared
         * through the cache), then the SVM on its embeddings in every fold
         */
        UNSUPERVISED_SVM;

        /** "classifier", "svm" or "unsupervised-svm" (any case). */
        public static Readout parse(String s) {
            for (Readout r : values()) {
                if (r.label().equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return r;
                }
            }
            throw new IllegalArgumentException("readout must be classifier, svm or unsupervised-svm, got " + s);
        }

        /** The name parse takes. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public GwfClassification {
        if (clustering == null) {
            throw new IllegalArgumentException("clustering must be given");
        }
        if (readout == null) {
            throw new IllegalArgumentException("readout must be given (classifier, svm or unsupervised-svm)");
        }
        Check.positive("folds", folds);
        Check.positive("C", C);
        Check.positive("labelWeight", labelWeight);
        if (innerFolds != 0 && innerFolds < 2) {
            throw new IllegalArgumentException("innerFolds must be 0 (no tuning) or at least 2, got " + innerFolds);
        }
    }

    /** The GWF methods read out by their classifier φ. */
    public GwfClassification(GwfClustering clustering, int folds, double C, double labelWeight, int innerFolds) {
        this(clustering, folds, C, labelWeight, innerFolds, Readout.CLASSIFIER);
    }

    /** Every fold with the given C and the median widths (no inner cross-validation). */
    public GwfClassification(GwfClustering clustering, int folds, double C, double labelWeight) {
        this(clustering, folds, C, labelWeight, 0);
    }

    /** The C values the inner cross-validation tries. */
    public static final double[] C_GRID = {0.01, 0.1, 1, 10, 100, 1000};
    /** The kernel widths (multiples of the median distance) the inner cross-validation tries. */
    public static final double[] WIDTH_GRID = {0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30};

    public static final String[] DATASETS = {"PROTEINS", "IMDB-BINARY"};
    public static final String[] METHODS = {"SPK", "FGWK", "GWF-BADMM", "GWF-PPA", "GDL"};
    /**
     * The paper's Table 2 (accuracy %), rows as {@link #DATASETS}, columns as {@link #METHODS}; NaN where it gives none
     * (GDL, the GW dictionary learning baseline, is not in the paper).
     */
    public static final double[][] PAPER = {
        {Double.NaN, 75.1, 71.4, 73.7, Double.NaN},
        {56.2, 64.2, 62.4, 63.9, Double.NaN}};

    /** The fold accuracies (%) of one method on one dataset, and the wall time. */
    public record Cell(String dataset, String method, double[] foldAccuracies, double seconds) {
        public double mean() {
            return Stats.mean(foldAccuracies);
        }

        public double std() {
            return Stats.std(foldAccuracies);
        }
    }

    public Cell run(String dataset, String method, long seed, ProgressListener listener) {
        return run(dataset, method, seed, listener, null);
    }

    /**
     * One cell of Table 2. With a cache folder, FGWK's distances are shared with Table 1 (see
     * {@link GwfClustering#fgwKernel(GraphSet, Path)}) and each GWF fold's accuracy and
     * seconds are kept (settings in the folder name) and read back by a later run: a full run resumes
     * at the first fold not done. A cell's seconds are then the sum of its folds' own times.
     */
    public Cell run(String dataset, String method, long seed, ProgressListener listener, Path cache) {
        GraphSet data = clustering.load(dataset, seed);
        int[] fold = KernelSvm.stratifiedFolds(data.truth(), folds, seed);
        long t0 = System.nanoTime();
        return switch (method) {
            case "SPK", "FGWK" -> kernelCell(data, method, fold, seed, cache, t0);
            case "GDL" -> gdlCell(data, fold, seed, t0);
            case "GWF-PPA", "GWF-BADMM" -> {
                Gwf.Module module = method.equals("GWF-PPA") ? Gwf.Module.PPA : Gwf.Module.BADMM;
                yield readout == Readout.UNSUPERVISED_SVM ? unsupervisedCell(data, method, module, fold, seed, listener, cache, t0)
                        : supervisedCell(data, method, module, fold, seed, listener, cache, t0);
            }
            default -> throw new IllegalArgumentException("method must be one of " + Arrays.toString(METHODS) + ", got " + method);
        };
    }

    /** SPK or FGWK: the kernel (FGWK's distances cached as Table 1's) and an SVM per fold. */
    private Cell kernelCell(GraphSet data, String method, int[] fold, long seed, Path cache, long t0) {
        String dataset = data.name();
        double[] acc = new double[folds];
        Mat D = method.equals("SPK") ? null : clustering.fgwDistanceMatrix(data, cache);
        if (method.equals("FGWK") && D == null) {
            return new Cell(dataset, method, new double[0], (System.nanoTime() - t0) / 1e9); // interrupted
        }
        List<Mat> kernels = method.equals("SPK") ? List.of(shortestPathKernel(data)) : kernels(D, clustering.fgwBetaScale());
        for (int f = 0; f < folds; f++) {
            if (Thread.currentThread().isInterrupted()) {
                return new Cell(dataset, method, Arrays.copyOf(acc, f), (System.nanoTime() - t0) / 1e9);
            }
            acc[f] = foldAccuracy(kernels, !method.equals("SPK"), data.truth(), fold, f, seed, dataset + " " + method);
        }
        return new Cell(dataset, method, acc, (System.nanoTime() - t0) / 1e9);
    }

    /** GDL (not in the paper): its unmixing weights learnt without labels on all graphs, then an SVM on them per fold. */
    private Cell gdlCell(GraphSet data, int[] fold, long seed, long t0) {
        Mat W = clustering.gdlEmbeddings(data, seed);
        List<Mat> kernels = kernels(org.gwbench.gw.GwBarycenter.squaredDistances(W, W), 1);
        double[] acc = new double[folds];
        for (int f = 0; f < folds; f++) {
            if (Thread.currentThread().isInterrupted()) {
                return new Cell(data.name(), "GDL", Arrays.copyOf(acc, f), (System.nanoTime() - t0) / 1e9);
            }
            acc[f] = foldAccuracy(kernels, true, data.truth(), fold, f, seed, data.name() + " GDL (unsupervised, SVM on w)");
        }
        return new Cell(data.name(), "GDL", acc, (System.nanoTime() - t0) / 1e9);
    }

    /** GWF without labels on all graphs (Table 1's model, through the cache), then an SVM on its embeddings per fold. */
    private Cell unsupervisedCell(GraphSet data, String method, Gwf.Module module, int[] fold, long seed, ProgressListener listener,
                                  Path cache, long t0) {
        org.gwbench.gwf.GwfTrainer.Trained trained = clustering.trained(data, module, seed, listener, cache);
        if (Thread.currentThread().isInterrupted()) {
            return new Cell(data.name(), method, new double[0], (System.nanoTime() - t0) / 1e9);
        }
        List<Mat> kernels = embeddingKernels(trained.model());
        double[] acc = new double[folds];
        for (int f = 0; f < folds; f++) {
            acc[f] = foldAccuracy(kernels, true, data.truth(), fold, f, seed, data.name() + " " + method + " (unsupervised, SVM on z)");
        }
        return new Cell(data.name(), method, acc, (System.nanoTime() - t0) / 1e9 + trained.earlierSeconds());
    }

    /** GWF trained per fold with the label loss on the other folds' labels; each finished fold cached. */
    private Cell supervisedCell(GraphSet data, String method, Gwf.Module module, int[] fold, long seed, ProgressListener listener,
                                Path cache, long t0) {
        double[] acc = new double[folds];
        double cachedSeconds = 0;
        int done = 0; // folds scored, in order: an interrupted run returns those
        for (int f = 0; f < folds; f++, done++) {
            Path file = cache == null ? null : cache.resolve(configTag()).resolve(data.name())
                    .resolve(method + "-seed" + seed + "-fold" + f + ".txt");
            double[] saved = file == null ? null : ResultCache.readCached(file);
            if (saved != null) {
                acc[f] = saved[0];
                cachedSeconds += saved[1];
                continue;
            }
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            long f0 = System.nanoTime();
            double score = supervisedFold(data, method, module, fold, f, seed, listener);
            if (Double.isNaN(score)) {
                break; // a model stopped mid-training is not scored
            }
            acc[f] = score;
            if (file != null && !Thread.currentThread().isInterrupted()) {
                ResultCache.writeCached(file, acc[f], (System.nanoTime() - f0) / 1e9);
            }
        }
        return new Cell(data.name(), method, Arrays.copyOf(acc, done), (System.nanoTime() - t0) / 1e9 + cachedSeconds);
    }

    /** One fold of {@link #supervisedCell}: the test accuracy of the readout (both printed); NaN when interrupted. */
    private double supervisedFold(GraphSet data, String method, Gwf.Module module, int[] fold, int f, long seed, ProgressListener listener) {
        int[] y = data.truth();
        int[] partial = y.clone();
        for (int i = 0; i < y.length; i++) {
            if (fold[i] == f) {
                partial[i] = -1;
            }
        }
        Gwf model = Gwf.init(data.samples(), data.classes(), clustering.optionsFor(data, module, seed + f, labelWeight));
        model.fit(data.samples(), partial, listener);
        if (Thread.currentThread().isInterrupted()) {
            return Double.NaN;
        }
        double svm = foldAccuracy(embeddingKernels(model), true, y, fold, f, seed, data.name() + " " + method + " (SVM on z)");
        double phi = 100 * accuracyOn(y, model.predict(), rows(fold, f, true));
        System.out.print(String.format(java.util.Locale.ROOT, "%s fold %d/%d: classifier φ of eq. 14, test %.1f%% (SVM on z %.1f%%)%n",
                data.name() + " " + method, f + 1, folds, phi, svm));
        return readout == Readout.CLASSIFIER ? phi : svm;
    }

    /** The settings a cached fold depends on, as a folder name. */
    public String configTag() {
        return "table2-" + clustering.configTag() + String.format(java.util.Locale.ROOT, "-C%s-beta%s-folds%d", C, labelWeight, folds)
                + (innerFolds == 0 ? "" : "-inner" + innerFolds) + "-" + readout.label();
    }

    /**
     * The kernels exp(−D/(w · median)) a fold chooses from: one per {@link #WIDTH_GRID} entry with tuning,
     * else the one of the given width.
     */
    List<Mat> kernels(Mat D, double width) {
        if (innerFolds == 0) {
            return List.of(Fgwk.kernelOf(D, width));
        }
        List<Mat> out = new ArrayList<>();
        for (double w : WIDTH_GRID) {
            out.add(Fgwk.kernelOf(D, w));
        }
        return out;
    }

    /**
     * Test accuracy (%) of outer fold f. Without tuning, kernels.get(0) and C; with it, the kernel and C
     * that the inner cross-validation of the training graphs chooses (seeded by seed + f), printed as a
     * progress line.
     */
    double foldAccuracy(List<Mat> kernels, boolean widths, int[] y, int[] fold, int f, long seed, String label) {
        int[] train = rows(fold, f, false);
        int[] test = rows(fold, f, true);
        if (innerFolds == 0) {
            return 100 * KernelSvm.foldAccuracy(kernels.get(0), y, train, test, C);
        }
        KernelSvm.Choice c = KernelSvm.choose(kernels, C_GRID, y, train, innerFolds, seed + f);
        double acc = 100 * KernelSvm.foldAccuracy(kernels.get(c.kernel()), y, train, test, c.C());
        System.out.print(String.format(java.util.Locale.ROOT, "%s fold %d/%d: %sC = %s chosen (inner %.1f%%), test %.1f%%%n", label, f + 1,
                folds, widths ? "width " + WIDTH_GRID[c.kernel()] + " x median, " : "", c.C(), 100 * c.innerAccuracy(), acc));
        return acc;
    }

    /** The RBF kernels on a model's embeddings that a fold chooses from (widths × the median squared distance). */
    List<Mat> embeddingKernels(Gwf model) {
        Mat Z = model.embeddings();
        return kernels(org.gwbench.gw.GwBarycenter.squaredDistances(Z, Z), 1);
    }

    /** The share of the given rows whose predicted class is the true one. */
    static double accuracyOn(int[] truth, int[] predicted, int[] rows) {
        long right = Arrays.stream(rows).filter(i -> predicted[i] == truth[i]).count();
        return (double) right / rows.length;
    }

    static int[] rows(int[] fold, int f, boolean inFold) {
        return IntStream.range(0, fold.length).filter(i -> (fold[i] == f) == inFold).toArray();
    }

    /** Cosine-normalised dot products of the histograms of shortest-path lengths (pairs i &lt; j, connected). */
    static Mat shortestPathKernel(GraphSet data) {
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
        return Clustering.scaleBySqrt(K, d);
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
        boolean gdl = cells.stream().anyMatch(c -> c.method().equals("GDL"));
        return Table.create("Table 2: 10-fold classification accuracy (ours vs the paper" + (gdl ? "; GDL is a baseline not in the paper" : "")
                + ")", ds, me, mean, sd, nf, paper, secs);
    }
}

package org.gwbench.align;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gwbench.data.Embeddings;
import org.gwbench.gw.ExactGw;
import org.gwbench.gw.ExactGwOptions;
import org.gwbench.gw.GwProblem;
import org.gwbench.gw.GwResult;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.neural.NeuralGw;
import org.gwbench.neural.Samplers;
import org.gwbench.problem.Check;
import org.gwbench.problem.ProgressListener;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Unsupervised word-embedding alignment as in the NGW paper (§5.3): the source vocabulary is split
 * into train (a fraction, 80% in the paper) and out-of-distribution (the rest) words by a seeded
 * shuffle; a map ℝ^m → ℝ^n is learned from the train source words and the whole target vocabulary;
 * top-1/5/10 accuracy (exact cosine nearest neighbours among all target words, {@link TopK}) is
 * measured on both splits against a gold dictionary. Three maps:
 * <ul>
 * <li><b>NGW</b>: {@link NeuralGw} between the empirical measures (unsupervised);</li>
 * <li><b>discrete GW + LR</b>: exact GW between up to {@code discreteSamples} train source and target
 *     words (C = XXᵀ), then the least-squares linear map to the plan's barycentric projection
 *     (unsupervised);</li>
 * <li><b>Procrustes</b>: the orthogonal map closest to the gold train pairs, both sides zero-padded to
 *     the larger dimension (supervised: an upper bound for an isometry).</li>
 * </ul>
 *
 * @param trainFraction share of source words in the train split
 * @param iterations NGW outer iterations
 * @param ngw NGW options
 * @param discreteSamples cap on the words per side of the discrete baseline
 * @param seed seed of the split and of the discrete subsample
 */
public record WordAlignment(double trainFraction, int iterations, NeuralGw.Options ngw, int discreteSamples, long seed) {
    public WordAlignment {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        if (ngw == null) {
            throw new IllegalArgumentException("ngw options must be given");
        }
        Check.positive("discreteSamples", discreteSamples);
    }

    /** One line of the result: a method on a split, its top-k accuracies and the time to learn the map. */
    public record Line(String method, String split, int words, double top1, double top5, double top10, double seconds) {
    }

    /** Gold targets of each source word (rows of target), from a dictionary; words without a target in the vocabulary get none. */
    public static int[][] gold(Embeddings source, Embeddings target, Map<String, List<String>> dictionary) {
        Map<String, Integer> tIdx = target.index();
        int[][] g = new int[source.size()][];
        for (int i = 0; i < source.size(); i++) {
            List<String> ts = dictionary.getOrDefault(source.words().get(i), List.of());
            g[i] = ts.stream().filter(tIdx::containsKey).mapToInt(tIdx::get).distinct().toArray();
        }
        return g;
    }

    /** Gold = the same word on both sides (two embeddings of one language). */
    public static int[][] identityGold(Embeddings source, Embeddings target) {
        Map<String, Integer> tIdx = target.index();
        int[][] g = new int[source.size()][];
        for (int i = 0; i < source.size(); i++) {
            Integer j = tIdx.get(source.words().get(i));
            g[i] = j == null ? new int[0] : new int[] {j};
        }
        return g;
    }

    /** Runs the three methods; source and target are used as given (preprocess them first). */
    public List<Line> run(Embeddings source, Embeddings target, int[][] gold, ProgressListener listener) {
        if (gold.length != source.size()) {
            throw new IllegalArgumentException("gold has " + gold.length + " entries for " + source.size() + " source words");
        }
        int N = source.size();
        int[] perm = new int[N];
        for (int i = 0; i < N; i++) {
            perm[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = N - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int nTrain = (int) Math.round(trainFraction * N);
        int[] train = java.util.Arrays.copyOfRange(perm, 0, nTrain);
        int[] ood = java.util.Arrays.copyOfRange(perm, nTrain, N);
        Mat X = source.vectors();
        Mat Y = target.vectors();
        Mat Xtrain = rows(X, train);
        List<Line> out = new ArrayList<>();

        long t0 = System.nanoTime();
        // NGW sees both sides scaled to unit mean variance per coordinate (E‖x‖² = dim): a global
        // scale changes no GW matching, and it puts the data on the scale of the default step sizes
        double sx = unitVarianceScale(Xtrain);
        double sy = unitVarianceScale(Y);
        NeuralGw net = new NeuralGw(Samplers.empirical(scaled(Xtrain, sx)), Samplers.empirical(scaled(Y, sy)), ngw);
        net.train(iterations, listener);
        double sNgw = (System.nanoTime() - t0) / 1e9;
        Mat mapped = net.map(scaled(X, sx)); // cosine neighbours do not see the target's scale
        evaluate(out, "NGW", mapped, Y, gold, train, ood, sNgw);

        long t1 = System.nanoTime();
        Mat A = discreteGwMap(X, Y, train, rnd);
        double sLr = (System.nanoTime() - t1) / 1e9;
        evaluate(out, "discrete GW + LR", Blas.active().multiply(X, false, A, true), Y, gold, train, ood, sLr);
        procrustesLine(out, X, Y, gold, train, ood);
        return out;
    }

    /**
     * The discrete baseline: exact inner-product GW between discreteSamples training words and as many
     * target words (drawn from rnd), then the least-squares linear map A from those words to their
     * barycentric projections (x ↦ A x).
     */
    private Mat discreteGwMap(Mat X, Mat Y, int[] train, SplittableRandom rnd) {
        int[] subS = subsample(train, discreteSamples, rnd);
        int[] allT = new int[Y.rows];
        for (int j = 0; j < allT.length; j++) {
            allT[j] = j;
        }
        int[] subT = subsample(allT, discreteSamples, rnd);
        Mat Xs = rows(X, subS);
        Mat Ys = rows(Y, subT);
        Blas blas = Blas.active();
        GwResult r = new ExactGw(ExactGwOptions.defaults())
                .solve(GwProblem.of(blas.multiply(Xs, false, Xs, true), blas.multiply(Ys, false, Ys, true)));
        Mat proj = blas.multiply(r.plan(), Ys);
        for (int k = 0; k < proj.data.length; k++) {
            proj.data[k] *= Xs.rows;
        }
        return org.gwbench.linalg.LeastSquares.fit(Xs, proj);

    }

    /** The supervised Procrustes line, from the training words' first gold translations (none: no line). */
    private static void procrustesLine(List<Line> out, Mat X, Mat Y, int[][] gold, int[] train, int[] ood) {
        Blas blas = Blas.active();
        long t2 = System.nanoTime();
        List<Integer> pairsS = new ArrayList<>();
        List<Integer> pairsT = new ArrayList<>();
        for (int i : train) {
            if (gold[i].length > 0) {
                pairsS.add(i);
                pairsT.add(gold[i][0]);
            }
        }
        if (!pairsS.isEmpty()) {
            int d = Math.max(X.cols, Y.cols);
            Mat Xp = pad(X, d);
            Mat Yp = pad(Y, d);
            Mat W = procrustes(rows(Xp, pairsS.stream().mapToInt(Integer::intValue).toArray()),
                    rows(Yp, pairsT.stream().mapToInt(Integer::intValue).toArray()));
            double sP = (System.nanoTime() - t2) / 1e9;
            evaluate(out, "Procrustes (supervised)", blas.multiply(Xp, false, W, true), Yp, gold, train, ood, sP);
        }
    }

    private static void evaluate(List<Line> out, String method, Mat mapped, Mat Y, int[][] gold, int[] train, int[] ood,
                                 double seconds) {
        for (int s = 0; s < 2; s++) {
            int[] split = s == 0 ? train : ood;
            int[] withGold = java.util.Arrays.stream(split).filter(i -> gold[i].length > 0).toArray();
            if (withGold.length == 0) {
                continue;
            }
            int[][] g = new int[withGold.length][];
            for (int k = 0; k < withGold.length; k++) {
                g[k] = gold[withGold[k]];
            }
            double[] acc = TopK.accuracy(rows(mapped, withGold), Y, g, 1, 5, 10);
            out.add(new Line(method, s == 0 ? "train" : "OOD", withGold.length, acc[0], acc[1], acc[2], seconds));
        }
    }

    /** s with E‖s x‖² = dim over the rows of X. */
    static double unitVarianceScale(Mat X) {
        double s = 0;
        for (double v : X.data) {
            s += v * v;
        }
        return Math.sqrt(X.cols * X.rows / s);
    }

    static Mat scaled(Mat X, double s) {
        Mat Y = X.copy();
        for (int k = 0; k < Y.data.length; k++) {
            Y.data[k] *= s;
        }
        return Y;
    }

    static int[] subsample(int[] from, int cap, SplittableRandom rnd) {
        if (from.length <= cap) {
            return from.clone();
        }
        int[] a = from.clone();
        for (int i = 0; i < cap; i++) {
            int j = i + rnd.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return java.util.Arrays.copyOf(a, cap);
    }

    static Mat rows(Mat X, int[] idx) {
        Mat R = Mat.zeros(idx.length, X.cols);
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(X.data, idx[k] * X.cols, R.data, k * X.cols, X.cols);
        }
        return R;
    }

    /**
     * Orthogonal Procrustes: the orthogonal W (d×d) minimising ‖X Wᵀ − Y‖_F, W = U Vᵀ from the SVD
     * YᵀX = U Σ Vᵀ. Between dimensions, both sides are first zero-padded to d = max(m, n) ({@link #pad}),
     * the usual way to compare spaces of different sizes by an isometry.
     */
    static Mat procrustes(Mat X, Mat Y) {
        Mat M = Blas.active().multiply(Y, true, X, false);
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(M.toArray(), false));
        return Mat.of(svd.getU().multiply(svd.getVT()).getData());
    }

    /** X with zero columns appended up to d columns. */
    static Mat pad(Mat X, int d) {
        if (X.cols == d) {
            return X;
        }
        Mat P = Mat.zeros(X.rows, d);
        for (int i = 0; i < X.rows; i++) {
            System.arraycopy(X.data, i * X.cols, P.data, i * d, X.cols);
        }
        return P;
    }

    /** The lines as a table. */
    public static Table table(String title, List<Line> lines) {
        StringColumn m = StringColumn.create("method");
        StringColumn s = StringColumn.create("split");
        IntColumn w = IntColumn.create("words");
        DoubleColumn t1 = DoubleColumn.create("top-1");
        DoubleColumn t5 = DoubleColumn.create("top-5");
        DoubleColumn t10 = DoubleColumn.create("top-10");
        DoubleColumn sec = DoubleColumn.create("fit s");
        for (Line l : lines) {
            m.append(l.method());
            s.append(l.split());
            w.append(l.words());
            t1.append(l.top1());
            t5.append(l.top5());
            t10.append(l.top10());
            sec.append(l.seconds());
        }
        return Table.create(title, m, s, w, t1, t5, t10, sec);
    }
}

package org.gwbench.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gwbench.gaussian.Gaussians;
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
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * notebooks/08: Table 1 of Nekrashevich et al., "Neural Gromov-Wasserstein" — innerGW between centred
 * Gaussians N(0, PᵀDP) with P a Haar rotation and D uniform on [1/2, 2]:
 * <ul>
 * <li>GT: the closed form innerGW² of Lemma 5.1 ({@link Gaussians#innerGw2});</li>
 * <li>DISCRETE: exact GW (conditional gradient, {@link ExactGw}) between two empirical measures of
 *     {@code samples} points with the inner-product structures C = XXᵀ, square loss; the reported value is
 *     the discrete GW objective of the plan;</li>
 * <li>DISCRETE+LR: the least-squares linear map A fitted to the plan's barycentric projection
 *     (x_i ↦ N Σ_j π_ij y_j), evaluated out of sample;</li>
 * <li>NGW: {@link NeuralGw} trained for {@code iterations} outer iterations.</li>
 * </ul>
 * The innerGW of a map is the Monte-Carlo functional of eq. 7 on {@code evalSamples} fresh points (the
 * paper: 2048) and BW2²-UVP (eq. 20) uses the mean and covariance of T#μ: exact for the linear map,
 * from {@code uvpSamples} points for the network.
 *
 * @param samples points per empirical measure of the discrete baseline (the paper: 2000)
 * @param evalSamples fresh points for the innerGW estimates (the paper: 2048)
 * @param uvpSamples points for the covariance of the network's push-forward
 * @param iterations NGW outer iterations
 * @param ngw NGW options; the hidden width of both networks is replaced per row by
 *        {@link #width(int, int)} when {@code autoWidth}
 * @param autoWidth pick the hidden width from the dimensions
 * @param seed seed of the covariances and all samples of a row (the row's dimensions are mixed in)
 */
public record NgwGaussians(int samples, int evalSamples, int uvpSamples, int iterations, NeuralGw.Options ngw,
                           boolean autoWidth, long seed) {
    public NgwGaussians {
        Check.positive("samples", samples);
        if (evalSamples < 2) {
            throw new IllegalArgumentException("evalSamples must be >= 2, got " + evalSamples);
        }
        Check.positive("uvpSamples", uvpSamples);
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        if (ngw == null) {
            throw new IllegalArgumentException("ngw options must be given");
        }
    }

    /** The 14 (source, target) dimension pairs of Table 1, in its order. */
    public static final int[][] TABLE1_DIMS = {
        {1024, 256}, {1024, 64}, {1024, 16}, {1024, 4},
        {256, 256}, {256, 64}, {256, 16}, {256, 4},
        {64, 64}, {64, 16}, {64, 4},
        {16, 16}, {16, 4},
        {4, 4}};

    /** The paper's Table 1, row by row as in {@link #TABLE1_DIMS}: GT, DISCRETE, DISCRETE+LR, NGW, UVP LR, UVP NGW. */
    public static final double[][] TABLE1_PAPER = {
        {1024.04, 2685.53, 1635.45, 1553.3, 0.28, 1.1},
        {1569.59, 2586.22, 1700.46, 1588.04, 0.07, 0.07},
        {1722.41, 2528.08, 1747.05, 1721.4, 0.04, 0.02},
        {1761.95, 2547.26, 1766.21, 1757.98, 0.20, 0.01},
        {0.95, 866.52, 346.60, 741.85, 1.01, 1.32},
        {266.18, 538.10, 386.12, 313.25, 0.50, 0.97},
        {398.03, 466.66, 415.71, 398.79, 0.19, 0.02},
        {433.04, 471.44, 430.39, 432.18, 0.07, 0.01},
        {1.07, 186.66, 67.38, 104.53, 0.83, 1.44},
        {67.77, 102.09, 84.60, 72.36, 0.21, 0.03},
        {99.59, 102.32, 101.41, 99.42, 0.04, 0.02},
        {1.56, 26.29, 8.73, 9.31, 0.28, 1.0},
        {19.4, 20.61, 19.54, 19.92, 0.01, 0.02},
        {1.76, 1.42, 0.59, 0.9, 0.01, 0.02}};

    /** One row of the table, with the wall time of each method. */
    public record Row(int src, int tgt, double gt, double discrete, double discreteLr, double ngw,
                      double uvpLr, double uvpNgw, double discreteSeconds, double ngwSeconds) {
    }

    /**
     * Hidden width used when {@code autoWidth}: min(m, n) + 64, at least 64 — wider than the rank of
     * the optimal linear map, and affordable on a CPU at m = 1024.
     */
    public static int width(int m, int n) {
        return Math.max(64, Math.min(m, n) + 64);
    }

    /** Runs one row; the listener sees NGW's iterations. */
    public Row run(int m, int n, ProgressListener listener) {
        Check.positive("m", m);
        Check.positive("n", n);
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + 1009L * m + n);
        Mat S1 = Gaussians.randomCovariance(m, 0.5, 2, rnd);
        Mat S2 = Gaussians.randomCovariance(n, 0.5, 2, rnd);
        double gt = Gaussians.innerGw2(S1, S2);
        Mat Xeval = Gaussians.sample(S1, evalSamples, rnd.split());

        long t0 = System.nanoTime();
        Mat X = Gaussians.sample(S1, samples, rnd.split());
        Mat Y = Gaussians.sample(S2, samples, rnd.split());
        Blas blas = Blas.active();
        GwResult r = new ExactGw(ExactGwOptions.defaults())
                .solve(GwProblem.of(blas.multiply(X, false, X, true), blas.multiply(Y, false, Y, true)));
        Mat A = leastSquaresMap(X, blas.multiply(r.plan(), Y), samples);
        double lr = Gaussians.innerGwFunctional(Xeval, blas.multiply(Xeval, false, A, true));
        Mat covLr = blas.multiply(blas.multiply(A, S1), false, A, true);
        double uvpLr = Gaussians.bw2Uvp(new double[n], covLr, new double[n], S2);
        double discreteSeconds = (System.nanoTime() - t0) / 1e9;

        long t1 = System.nanoTime();
        NeuralGw.Options o = ngw;
        if (autoWidth) {
            int w = width(m, n);
            o = new NeuralGw.Options(new int[] {w, w}, new int[] {w, w}, ngw.batch(), ngw.kP(), ngw.kF(), ngw.kT(),
                    ngw.lrT(), ngw.lrF(), ngw.lrP(), ngw.beta1(), ngw.beta2(), ngw.decayIterations(), ngw.seed());
        }
        NeuralGw net = new NeuralGw(Samplers.gaussian(S1), Samplers.gaussian(S2), o);
        net.train(iterations, listener);
        double ngwSeconds = (System.nanoTime() - t1) / 1e9;
        double ngwValue = Gaussians.innerGwFunctional(Xeval, net.map(Xeval));
        Mat TX = net.map(Gaussians.sample(S1, uvpSamples, rnd.split()));
        double uvpNgw = Gaussians.bw2Uvp(columnMeans(TX), covariance(TX), new double[n], S2);
        return new Row(m, n, gt, r.value(), lr, ngwValue, uvpLr, uvpNgw, discreteSeconds, ngwSeconds);
    }

    /** A (n×m) minimising Σ_i ‖A x_i − N (πY)_i‖²: the fit to the barycentric projection. */
    static Mat leastSquaresMap(Mat X, Mat piY, int N) {
        Mat target = piY.copy();
        for (int k = 0; k < target.data.length; k++) {
            target.data[k] *= N;
        }
        return org.gwbench.linalg.LeastSquares.fit(X, target);
    }

    static double[] columnMeans(Mat X) {
        double[] mu = new double[X.cols];
        for (int i = 0; i < X.rows; i++) {
            for (int j = 0; j < X.cols; j++) {
                mu[j] += X.data[i * X.cols + j];
            }
        }
        for (int j = 0; j < X.cols; j++) {
            mu[j] /= X.rows;
        }
        return mu;
    }

    /** The sample covariance (divisor N − 1) of the rows of X. */
    static Mat covariance(Mat X) {
        double[] mu = columnMeans(X);
        Mat Xc = X.copy();
        for (int i = 0; i < X.rows; i++) {
            for (int j = 0; j < X.cols; j++) {
                Xc.data[i * X.cols + j] -= mu[j];
            }
        }
        Mat C = Blas.active().multiply(Xc, true, Xc, false);
        for (int k = 0; k < C.data.length; k++) {
            C.data[k] /= X.rows - 1;
        }
        return C;
    }

    /** Runs the given rows (pairs from {@link #TABLE1_DIMS}) and returns the table with the paper's values beside ours. */
    public Table table(List<int[]> dims, ProgressListener listener) {
        List<Row> rows = new ArrayList<>();
        for (int[] d : dims) {
            rows.add(run(d[0], d[1], listener));
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return table(rows);
    }

    /** The rows as a table, the paper's values beside ours where the dimensions are a Table 1 row. */
    public static Table table(List<Row> rows) {
        Table t = Table.create("Table 1: innerGW between Gaussians (ours vs the paper)");
        IntColumn src = IntColumn.create("src");
        IntColumn tgt = IntColumn.create("tgt");
        String[] names = {"GT", "DISCRETE", "DISCRETE+LR", "NGW", "UVP % DISCRETE+LR", "UVP % NGW"};
        List<DoubleColumn> ours = new ArrayList<>();
        List<DoubleColumn> paper = new ArrayList<>();
        for (String nm : names) {
            ours.add(DoubleColumn.create(nm));
            paper.add(DoubleColumn.create(nm + " (paper)"));
        }
        DoubleColumn sd = DoubleColumn.create("discrete s");
        DoubleColumn sn = DoubleColumn.create("NGW s");
        for (Row r : rows) {
            src.append(r.src());
            tgt.append(r.tgt());
            double[] v = {r.gt(), r.discrete(), r.discreteLr(), r.ngw(), r.uvpLr(), r.uvpNgw()};
            double[] p = paperRow(r.src(), r.tgt());
            for (int k = 0; k < names.length; k++) {
                ours.get(k).append(v[k]);
                if (p == null) {
                    paper.get(k).appendMissing();
                } else {
                    paper.get(k).append(p[k]);
                }
            }
            sd.append(r.discreteSeconds());
            sn.append(r.ngwSeconds());
        }
        t.addColumns(src, tgt);
        for (int k = 0; k < names.length; k++) {
            t.addColumns(ours.get(k), paper.get(k));
        }
        t.addColumns(sd, sn);
        return t;
    }

    static double[] paperRow(int m, int n) {
        for (int i = 0; i < TABLE1_DIMS.length; i++) {
            if (TABLE1_DIMS[i][0] == m && TABLE1_DIMS[i][1] == n) {
                return TABLE1_PAPER[i];
            }
        }
        return null;
    }
}

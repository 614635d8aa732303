package org.gwbench.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
import org.gwbench.report.Charts;
import org.knowm.xchart.XYChart;

/**
 * notebooks/07: Figures 2 and 3 of Nekrashevich et al. — inner-product GW between Gaussian mixtures:
 * 10 → 5 components on the unit circle in ℝ² (Figure 2) and the 8 cube vertices in ℝ³ → 8 components on
 * the circle in ℝ² (Figure 3). For each: the source and target samples, the NGW map of two random
 * initialisations (image points coloured by the source component they come from), and the discrete GW
 * matching of two empirical samples (each target point coloured by the component of the source point
 * the plan sends to it). Centres sit on the unit circle / sphere and the components have standard
 * deviation {@code std} (the paper does not give it).
 *
 * @param samples points per empirical measure for the discrete GW and for the plots
 * @param iterations NGW outer iterations
 * @param ngw NGW options (the seed is replaced by seed and seed + 1 for the two initialisations)
 * @param std standard deviation of each mixture component
 * @param seed seed of the samples
 */
public record NgwToy(int samples, int iterations, NeuralGw.Options ngw, double std, long seed) {
    public NgwToy {
        Check.positive("samples", samples);
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        if (ngw == null) {
            throw new IllegalArgumentException("ngw options must be given");
        }
        Check.positive("std", std);
    }

    /** The figures of one source/target pair, and the share of source components sent mainly to one target component. */
    public record Result(String name, List<XYChart> charts, double[] ngwPurity, double discretePurity, double[] ngwSeconds) {
    }

    /** Figure 2: 10 → 5 components on the unit circle. */
    public Result figure2(ProgressListener listener) {
        return run("Fig. 2 (10 → 5, ℝ² → ℝ²)", Samplers.circle(10), Samplers.circle(5), listener);
    }

    /** Figure 3: cube vertices in ℝ³ → 8 components on the circle in ℝ². */
    public Result figure3(ProgressListener listener) {
        return run("Fig. 3 (cube ℝ³ → circle ℝ²)", Samplers.cubeVertices(), Samplers.circle(8), listener);
    }

    Result run(String name, Mat srcCentres, Mat tgtCentres, ProgressListener listener) {
        Samplers.Mixture src = Samplers.mixture(srcCentres, std);
        Samplers.Mixture tgt = Samplers.mixture(tgtCentres, std);
        SplittableRandom rnd = new SplittableRandom(seed);
        Samplers.Mixture.Labelled xs = src.sampleLabelled(samples, rnd);
        Samplers.Mixture.Labelled ys = tgt.sampleLabelled(samples, rnd);
        List<XYChart> charts = new ArrayList<>();
        charts.add(Charts.scatterByLabel(name + ": source" + (src.dim() == 3 ? " (cabinet proj.)" : ""),
                project(xs.points()), xs.components(), src.components(), "source component"));
        charts.add(Charts.scatterByLabel(name + ": target", ys.points(), ys.components(), tgt.components(), "target component"));
        double[] purity = new double[2];
        double[] seconds = new double[2];
        for (int r = 0; r < 2; r++) {
            NeuralGw.Options o = ngw.withSeed(ngw.seed() + r);
            NeuralGw g = new NeuralGw(src, tgt, o);
            long t0 = System.nanoTime();
            g.train(iterations, listener);
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            Mat TX = g.map(xs.points());
            charts.add(Charts.scatterByLabel(name + ": NGW map, init " + (r + 1), TX, xs.components(),
                    src.components(), "from source component"));
            purity[r] = purity(xs.components(), nearestCentre(TX, tgtCentres), src.components(), tgt.components());
        }
        Blas blas = Blas.active();
        GwResult d = new ExactGw(ExactGwOptions.defaults()).solve(GwProblem.of(
                blas.multiply(xs.points(), false, xs.points(), true), blas.multiply(ys.points(), false, ys.points(), true)));
        int[] sourceOfTarget = new int[samples];
        int[] targetOfSource = new int[samples];
        for (int j = 0; j < samples; j++) {
            int best = 0;
            for (int i = 1; i < samples; i++) {
                if (d.plan().get(i, j) > d.plan().get(best, j)) {
                    best = i;
                }
            }
            sourceOfTarget[j] = xs.components()[best];
        }
        for (int i = 0; i < samples; i++) {
            int best = 0;
            for (int j = 1; j < samples; j++) {
                if (d.plan().get(i, j) > d.plan().get(i, best)) {
                    best = j;
                }
            }
            targetOfSource[i] = ys.components()[best];
        }
        charts.add(Charts.scatterByLabel(name + ": discrete GW (" + samples + " pts)", ys.points(),
                sourceOfTarget, src.components(), "from source component"));
        double discretePurity = purity(xs.components(), targetOfSource, src.components(), tgt.components());
        return new Result(name, charts, purity, discretePurity, seconds);
    }

    /** ℝ³ drawn in the plane by a cabinet projection (x + ½z cos 30°, y + ½z sin 30°); other dimensions unchanged. */
    static Mat project(Mat X) {
        if (X.cols != 3) {
            return X;
        }
        Mat P = Mat.zeros(X.rows, 2);
        for (int i = 0; i < X.rows; i++) {
            P.set(i, 0, X.get(i, 0) + 0.5 * X.get(i, 2) * Math.cos(Math.PI / 6));
            P.set(i, 1, X.get(i, 1) + 0.5 * X.get(i, 2) * Math.sin(Math.PI / 6));
        }
        return P;
    }

    static int[] nearestCentre(Mat Y, Mat centres) {
        int[] lab = new int[Y.rows];
        for (int i = 0; i < Y.rows; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < centres.rows; k++) {
                double s = org.gwbench.linalg.Distances.squared(Y, i, centres, k);
                if (s < best) {
                    best = s;
                    lab[i] = k;
                }
            }
        }
        return lab;
    }

    /**
     * The share of points whose source component sends most of its points to the same target
     * component as they go to: 1 when every source component lands on a single target component.
     */
    static double purity(int[] srcLabels, int[] tgtLabels, int nSrc, int nTgt) {
        int[][] counts = new int[nSrc][nTgt];
        for (int i = 0; i < srcLabels.length; i++) {
            counts[srcLabels[i]][tgtLabels[i]]++;
        }
        int kept = 0;
        for (int[] row : counts) {
            int mx = 0;
            for (int c : row) {
                mx = Math.max(mx, c);
            }
            kept += mx;
        }
        return kept / (double) srcLabels.length;
    }
}

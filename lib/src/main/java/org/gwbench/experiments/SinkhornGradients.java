package org.gwbench.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gwbench.sinkhorn.SinkhornBarycenter;
import org.gwbench.sinkhorn.UnrolledSinkhorn;
import org.gwbench.grad.GradCheck;
import org.gwbench.sinkhorn.SinkhornGradient;
import org.gwbench.grad.WassersteinDictionary;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.ProgressListener;
import org.gwbench.report.Charts;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * notebooks/01-sinkhorn-gradients: Xie's validation of manual gradients for the Sinkhorn family,
 * reproduced: gradient errors against finite differences, the published reference values, unrolled
 * against envelope gradients as the iterations grow, and a dictionary-learning demonstration.
 *
 * @param n size of the random instances of the gradient checks
 * @param maxIterations largest iteration count of the unrolled-vs-envelope study
 * @param seed seed of every random instance
 */
public record SinkhornGradients(int n, int maxIterations, long seed) {
    public SinkhornGradients {
        if (n < 2) {
            throw new IllegalArgumentException("n must be at least 2, got " + n);
        }
        Check.positive("maxIterations", maxIterations);
    }

    /** Every analytic gradient of the family against central differences (two directions each). */
    public Table gradientErrors() {
        Table t = Table.create("Analytic gradients against central differences (fourth order, h = 1e-3), n = " + n,
                StringColumn.create("algorithm"), StringColumn.create("quantity"), DoubleColumn.create("analytic"),
                DoubleColumn.create("finite difference"), DoubleColumn.create("relative error"));
        for (String alg : List.of("sinkhorn", "sinkhorn-log", "barycenter", "wdl")) {
            for (GradCheck.Entry e : GradCheck.run(alg, n, seed).entries()) {
                t.stringColumn("algorithm").append(alg);
                t.stringColumn("quantity").append(e.quantity());
                t.doubleColumn("analytic").append(e.analytic());
                t.doubleColumn("finite difference").append(e.numeric());
                t.doubleColumn("relative error").append(e.relError());
            }
        }
        return t;
    }

    /** REFERENCE.md §2: rwig's published values (checked there against Julia autodiff) beside ours. */
    public static Table referenceValues() {
        double[] a = {.3, .4, .1, .1, .1};
        double[] b = {.4, .5, .1};
        Mat C = Mat.of(new double[][] {{.1, .2, .3}, {.2, .3, .4}, {.4, .3, .2}, {.3, .2, .1}, {.5, .5, .4}});
        Table t = Table.create("Published values (rwig / Julia autodiff) and ours", StringColumn.create("quantity"),
                DoubleColumn.create("published"), DoubleColumn.create("ours"), DoubleColumn.create("relative difference"));
        SinkhornGradient log = new UnrolledSinkhorn(UnrolledSinkhorn.Method.SINKHORN_LOG, 10, 0).solve(a, b, C, 0.1);
        row(t, "Sinkhorn log: loss (10 iterations)", -0.08551828893965516, log.loss());
        double[] gradA = {-0.06627246652209813, 0.062495747110156215, -0.04537730175603455, -0.14537728882766066, 0.13958900170936495};
        for (int i = 0; i < 5; i++) {
            row(t, "Sinkhorn log: grad_a[" + (i + 1) + "]", gradA[i], log.gradA()[i]);
        }
        row(t, "Sinkhorn log: P[1,1]", 0.15387266486398005, log.plan().get(0, 0));
        row(t, "Sinkhorn log: f[1]", -0.06969114121716402, log.f()[0]);
        row(t, "Sinkhorn log: g[1]", -0.017471845795974508, log.g()[0]);
        SinkhornGradient van = new UnrolledSinkhorn(UnrolledSinkhorn.Method.SINKHORN, 8, 0).solve(a, b, C, 0.1);
        row(t, "Sinkhorn vanilla: loss (8 iterations)", -0.08551825585323469, van.loss());
        row(t, "Sinkhorn vanilla: u[1]", 0.49812211751311114, Math.exp(van.f()[0] / 0.1));
        Mat A = Mat.of(new double[][] {{.3, .2}, {.2, .1}, {.1, .2}, {.1, .1}, {.3, .4}});
        Mat Cb = Mat.of(new double[][] {{.1, .2, .3, .4, .5}, {.2, .3, .4, .3, .2}, {.4, .3, .2, .1, .2},
            {.3, .2, .1, .2, .5}, {.5, .5, .4, .0, .2}});
        SinkhornBarycenter.Forward f = SinkhornBarycenter.defaults().forward(A, Cb, new double[] {.4, .6}, 0.1);
        double[] bc = f.barycenter();
        double[] bBar = new double[5];
        double loss = 0;
        for (int j = 0; j < 5; j++) {
            loss += (bc[j] - 0.2) * (bc[j] - 0.2);
            bBar[j] = 2 * (bc[j] - 0.2);
        }
        double[] bPub = {0.20678519000127618, 0.10800238756066238, 0.11915320248239648, 0.43600814073022814, 0.13005107922474135};
        for (int j = 0; j < 5; j++) {
            row(t, "barycenter: b[" + (j + 1) + "]", bPub[j], bc[j]);
        }
        row(t, "barycenter: loss", 0.07563849817530696, loss);
        SinkhornBarycenter.Gradients g = f.backward(bBar);
        row(t, "barycenter: grad_w[1]", 0.06395620382985355, g.gradW()[0]);
        row(t, "barycenter: grad_w[2]", 0.12898154801524858, g.gradW()[1]);
        row(t, "barycenter: grad_A[1,1]", -0.006760869016071031, g.gradA().get(0, 0));
        row(t, "barycenter: grad_A[1,2]", -0.02391482377435357, g.gradA().get(0, 1));
        return t;
    }

    private static void row(Table t, String q, double published, double ours) {
        t.stringColumn("quantity").append(q);
        t.doubleColumn("published").append(published);
        t.doubleColumn("ours").append(ours);
        t.doubleColumn("relative difference").append(Math.abs(ours - published) / Math.abs(published));
    }

    /**
     * For L = 1..maxIterations log-domain iterations on a random n×n instance (reg 0.05): the relative
     * error of the unrolled ∂loss/∂a and of the envelope gradient f against the central difference of
     * the L-iteration loss along one centred direction. The unrolled gradient is exact for every L; the
     * envelope gradient only once the iterations have converged.
     */
    public XYChart unrolledVersusEnvelope() {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a = GradCheck.simplex(rnd, n);
        double[] b = GradCheck.simplex(rnd, n);
        Mat C = Mat.zeros(n, n);
        for (int k = 0; k < C.data.length; k++) {
            C.data[k] = rnd.nextDouble();
        }
        double[] s = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            s[i] = (2 * rnd.nextDouble() - 1) * 0.4 / n;
            mean += s[i] / n;
        }
        for (int i = 0; i < n; i++) {
            s[i] -= mean;
        }
        double[] xs = new double[maxIterations];
        double[] unrolled = new double[maxIterations];
        double[] envelope = new double[maxIterations];
        for (int L = 1; L <= maxIterations; L++) {
            UnrolledSinkhorn d = new UnrolledSinkhorn(UnrolledSinkhorn.Method.SINKHORN_LOG, L, 0);
            SinkhornGradient r = d.solve(a, b, C, 0.05);
            GradCheck.Entry u = GradCheck.directional("unrolled", GradCheck.dot(r.gradA(), s), t -> d.solve(GradCheck.plus(a, t, s), b, C, 0.05).loss());
            xs[L - 1] = L;
            unrolled[L - 1] = Math.max(u.relError(), 1e-17);
            envelope[L - 1] = Math.max(Math.abs(GradCheck.dot(r.envelopeGradA(), s) - u.numeric()) / Math.abs(u.numeric()), 1e-17);
        }
        return Charts.logLines("Gradient w.r.t. a after L iterations (log domain, n = " + n + ")", "Sinkhorn iterations L",
                "relative error vs finite differences", List.of("unrolled (manual reverse pass)", "envelope (potential f)"),
                List.of(xs, xs), List.of(unrolled, envelope));
    }

    /** Histograms on a 1-D grid made of two Gaussian bumps each, and a dictionary learned from them. */
    public record Dictionary(Mat grid, Mat data, WassersteinDictionary.State state, Mat reconstructions,
                             XYChart atoms, XYChart fits, XYChart loss) {
    }

    /**
     * Dictionary learning on {@code samples} mixtures of two Gaussians on a grid of {@code bins} points
     * in [0, 1] (centres drawn near 0.25 and 0.7, random weights), squared-distance cost, K atoms.
     */
    public Dictionary dictionary(int bins, int samples, int atoms, int steps, ProgressListener progress) {
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        Mat grid = Mat.zeros(bins, 1);
        Mat C = Mat.zeros(bins, bins);
        for (int i = 0; i < bins; i++) {
            grid.set(i, 0, i / (double) (bins - 1));
        }
        for (int i = 0; i < bins; i++) {
            for (int j = 0; j < bins; j++) {
                double d = grid.get(i, 0) - grid.get(j, 0);
                C.set(i, j, d * d);
            }
        }
        Mat Y = Mat.zeros(bins, samples);
        for (int s = 0; s < samples; s++) {
            double m1 = 0.25 + 0.05 * (2 * rnd.nextDouble() - 1);
            double m2 = 0.7 + 0.05 * (2 * rnd.nextDouble() - 1);
            double w = 0.2 + 0.6 * rnd.nextDouble();
            double sum = 0;
            for (int i = 0; i < bins; i++) {
                double x = grid.get(i, 0);
                double v = w * Math.exp(-Math.pow((x - m1) / 0.05, 2) / 2) + (1 - w) * Math.exp(-Math.pow((x - m2) / 0.08, 2) / 2) + 1e-4;
                Y.set(i, s, v);
                sum += v;
            }
            for (int i = 0; i < bins; i++) {
                Y.set(i, s, Y.get(i, s) / sum);
            }
        }
        WassersteinDictionary wdl = new WassersteinDictionary(new WassersteinDictionary.Options(atoms, 2e-3, 40, steps, 0.1, seed));
        WassersteinDictionary.State st = wdl.fit(Y, C, null, progress);
        Mat R = wdl.reconstruct(C, st);
        double[] x = column(grid, 0);
        List<String> names = new ArrayList<>();
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        Mat D = st.atoms();
        for (int k = 0; k < atoms; k++) {
            names.add("atom " + (k + 1));
            xs.add(x);
            ys.add(column(D, k));
        }
        XYChart atomChart = Charts.lines("Learned atoms", "x", "mass", names, xs, ys);
        List<String> fn = new ArrayList<>();
        List<double[]> fx = new ArrayList<>();
        List<double[]> fy = new ArrayList<>();
        for (int s = 0; s < Math.min(3, samples); s++) {
            fn.add("data " + (s + 1));
            fx.add(x);
            fy.add(column(Y, s));
            fn.add("reconstruction " + (s + 1));
            fx.add(x);
            fy.add(column(R, s));
        }
        XYChart fits = Charts.lines("Data and reconstructions", "x", "mass", fn, fx, fy);
        double[] steps1 = new double[st.losses().length];
        for (int i = 0; i < steps1.length; i++) {
            steps1[i] = i + 1;
        }
        XYChart loss = Charts.logLines("Dictionary learning: Σ‖P(D, λ_i) − y_i‖²", "Adam step", "loss", List.of("loss"),
                List.of(steps1), List.of(st.losses()));
        return new Dictionary(grid, Y, st, R, atomChart, fits, loss);
    }

    private static double[] column(Mat X, int c) {
        double[] v = new double[X.rows];
        for (int r = 0; r < X.rows; r++) {
            v[r] = X.get(r, c);
        }
        return v;
    }
}

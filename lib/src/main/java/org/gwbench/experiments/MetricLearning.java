package org.gwbench.experiments;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.data.PointClouds;
import org.gwbench.grad.EzuzGw;
import org.gwbench.grad.EzuzGwOptions;
import org.gwbench.sinkhorn.SinkhornProjection;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;

/**
 * The demonstration of notebooks/02, in the spirit of Ezuz et al.'s metric-alignment layer: a planar
 * spiral X and a deformed copy Y (x stretched by {@code stretchX}, y by {@code stretchY}, plus noise),
 * point i of Y being the image of point i of X. The metric on Y is parametrised by an anisotropic
 * scaling θ: D(θ)_ij = ‖diag(e^θ)(y_i − y_j)‖ / c, with c the diameter of X, and θ is learned by Adam
 * through the GW layer so that its map matches the known correspondence. The loss is the expected
 * squared distance between where a point is sent and where it should go,
 * L(Γ) = Σ_ij π_ij ‖x_i − x_j‖² / c² with π = [μ0] Γ [μ]; its gradient reaches θ through ∇_D L.
 *
 * @param points points per shape
 * @param stretchX stretch of the first coordinate
 * @param stretchY stretch of the second coordinate
 * @param noise standard deviation of the noise on Y
 * @param steps Adam steps
 * @param learningRate Adam's step size
 * @param layer the GW layer's options
 * @param seed seed of the noise
 */
public record MetricLearning(int points, double stretchX, double stretchY, double noise, int steps, double learningRate,
                             EzuzGwOptions layer, long seed) {
    public MetricLearning {
        Check.positive("points", points);
        Check.positive("stretchX", stretchX);
        Check.positive("stretchY", stretchY);
        Check.positive("learningRate", learningRate);
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
    }

    /**
     * Projections for the demonstration: 1e-12 on ‖Γμ − 1‖∞. Sharp plans (small α) make Sinkhorn slow,
     * and a descent direction does not need the 1e-14 of the gradient checks.
     */
    public static final SinkhornProjection.Options PROJECTION = new SinkhornProjection.Options(100000, 1e-12);

    public static MetricLearning defaults() {
        return new MetricLearning(60, 2.5, 0.5, 0.01, 40, 0.03,
                new EzuzGwOptions(10, 0.002, 0.5, PROJECTION), 2026);
    }

    /** One optimisation step's record; converged says whether every projection met its tolerance. */
    public record Step(int step, double theta1, double theta2, double loss, double accuracy, boolean converged) {
    }

    /** The history, the learned θ and the plans before and after. */
    public record Output(Mat source, Mat target, List<Step> history, Mat couplingBefore, Mat couplingAfter) {
    }

    public Output run() {
        Mat X = PointClouds.spiral2d(points, 0.0, seed);
        Mat Y = Mat.zeros(points, 2);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed + 1);
        for (int i = 0; i < points; i++) {
            Y.set(i, 0, stretchX * X.get(i, 0) + noise * gaussian(rnd));
            Y.set(i, 1, stretchY * X.get(i, 1) + noise * gaussian(rnd));
        }
        double c = diameter(X);
        Mat D0 = scaledDistances(X, new double[] {0, 0}, c);
        Mat E = Mat.zeros(points, points);
        for (int i = 0; i < points; i++) {
            for (int j = 0; j < points; j++) {
                double dx = X.get(i, 0) - X.get(j, 0);
                double dy = X.get(i, 1) - X.get(j, 1);
                E.set(i, j, (dx * dx + dy * dy) / (c * c));
            }
        }
        double[] mu = Check.uniform(points);
        EzuzGw gw = new EzuzGw(layer);
        double[] theta = {0, 0};
        double[] m1 = new double[2];
        double[] m2 = new double[2];
        List<Step> history = new ArrayList<>();
        Mat before = null;
        Mat after = null;
        for (int step = 0; step <= steps; step++) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            EzuzGw.Forward f = gw.forward(D0, scaledDistances(Y, theta, c), mu, mu);
            Mat pi = f.coupling();
            double loss = E.dot(pi);
            history.add(new Step(step, theta[0], theta[1], loss, accuracy(pi), f.converged()));
            if (step == 0) {
                before = pi;
            }
            after = pi;
            if (step == steps) {
                break;
            }
            Mat gGamma = EzuzGw.coupling(E, mu, mu);
            Mat gD = f.backward(gGamma).gradD();
            double[] g = thetaGradient(Y, theta, c, gD);
            if (!Double.isFinite(g[0]) || !Double.isFinite(g[1])) {
                throw new IllegalStateException("step " + step + ": the layer's gradient is not finite; increase "
                        + "layer.alpha (" + layer.alpha() + ")");
            }
            org.gwbench.neural.Adam.update(theta, g, m1, m2, step + 1, learningRate, 0.9, 0.999, 1e-12);
        }
        return new Output(X, Y, history, before, after);
    }

    /** D(θ)_ij = ‖diag(e^θ)(y_i − y_j)‖ / c. */
    static Mat scaledDistances(Mat Y, double[] theta, double c) {
        int n = Y.rows;
        double s0 = Math.exp(theta[0]);
        double s1 = Math.exp(theta[1]);
        Mat D = Mat.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double a = s0 * (Y.get(i, 0) - Y.get(j, 0));
                double b = s1 * (Y.get(i, 1) - Y.get(j, 1));
                D.set(i, j, Math.sqrt(a * a + b * b) / c);
            }
        }
        return D;
    }

    /** dL/dθ_k = Σ_ij (∇_D L)_ij ∂D_ij/∂θ_k, ∂D_ij/∂θ_k = e^{2θ_k} Δ_k² / (c² D_ij) (0 on the diagonal). */
    static double[] thetaGradient(Mat Y, double[] theta, double c, Mat gD) {
        int n = Y.rows;
        double[] g = new double[2];
        Mat D = scaledDistances(Y, theta, c);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = D.get(i, j);
                if (d == 0) {
                    continue;
                }
                for (int k = 0; k < 2; k++) {
                    double delta = Y.get(i, k) - Y.get(j, k);
                    g[k] += gD.get(i, j) * Math.exp(2 * theta[k]) * delta * delta / (c * c * d);
                }
            }
        }
        return g;
    }

    /** Fraction of source points whose heaviest target is their own image or a neighbour (|i − j| ≤ 1). */
    public static double accuracy(Mat pi) {
        int ok = 0;
        for (int i = 0; i < pi.rows; i++) {
            int best = 0;
            for (int j = 1; j < pi.cols; j++) {
                if (pi.get(i, j) > pi.get(i, best)) {
                    best = j;
                }
            }
            if (Math.abs(best - i) <= 1) {
                ok++;
            }
        }
        return (double) ok / pi.rows;
    }

    /** Points (i, argmax_j π_ij): on the diagonal when the map matches the correspondence. */
    public static Mat matches(Mat pi) {
        Mat P = Mat.zeros(pi.rows, 2);
        for (int i = 0; i < pi.rows; i++) {
            int best = 0;
            for (int j = 1; j < pi.cols; j++) {
                if (pi.get(i, j) > pi.get(i, best)) {
                    best = j;
                }
            }
            P.set(i, 0, i);
            P.set(i, 1, best);
        }
        return P;
    }

    private static double diameter(Mat X) {
        double d = 0;
        for (int i = 0; i < X.rows; i++) {
            for (int j = 0; j < X.rows; j++) {
                double a = X.get(i, 0) - X.get(j, 0);
                double b = X.get(i, 1) - X.get(j, 1);
                d = Math.max(d, Math.sqrt(a * a + b * b));
            }
        }
        return d;
    }

    private static double gaussian(java.util.SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}

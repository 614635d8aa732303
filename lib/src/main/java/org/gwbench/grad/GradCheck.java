package org.gwbench.grad;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.gwbench.linalg.Mat;

/**
 * Analytic gradients against central finite differences along random directions:
 * (f(x + h·S) − f(x − h·S)) / 2h against ⟨∇f(x), S⟩, with h = 1e-5 and S of the scale of x
 * (symmetric for metrics; relative, S = x ⊙ U(−1, 1), for positive arguments). The relative error is
 * |analytic − numeric| / max(|analytic|, |numeric|). Used by {@code ./workbench gradcheck}, the tests
 * and the notebooks.
 */
public final class GradCheck {
    /** Finite-difference step. */
    public static final double H = 1e-5;
    /** The CLI's pass threshold. */
    public static final double THRESHOLD = 1e-5;

    /** One directional check. */
    public record Entry(String quantity, double analytic, double numeric, double relError) {
    }

    /** All checks of one algorithm on one random instance. */
    public record Report(String algorithm, int n, long seed, List<Entry> entries, double seconds) {
        public double maxRelError() {
            return entries.stream().mapToDouble(Entry::relError).max().orElse(0);
        }

        public boolean passed() {
            return maxRelError() <= THRESHOLD;
        }
    }

    private GradCheck() {
    }

    /** The algorithms {@link #run} knows. */
    public static List<String> algorithms() {
        return List.of("ezuz-gw");
    }

    public static Report run(String algorithm, int n, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("n must be at least 2, got " + n);
        }
        long t0 = System.nanoTime();
        List<Entry> entries = switch (algorithm) {
            case "ezuz-gw" -> ezuzGw(n, seed, 2);
            default -> throw new IllegalArgumentException("unknown algorithm '" + algorithm + "' (known: "
                    + String.join(", ", algorithms()) + ")");
        };
        return new Report(algorithm, n, seed, entries, (System.nanoTime() - t0) / 1e9);
    }

    /** Relative error of an analytic directional derivative against the central difference of f. */
    public static Entry directional(String quantity, double analytic, DoubleUnaryOperator f) {
        double numeric = (f.applyAsDouble(H) - f.applyAsDouble(-H)) / (2 * H);
        double den = Math.max(Math.abs(analytic), Math.abs(numeric));
        double rel = den == 0 ? 0 : Math.abs(analytic - numeric) / den;
        return new Entry(quantity, analytic, numeric, rel);
    }

    /**
     * The checks of issue 4 on a random instance with n and m = n + 3 points: ∇K through one
     * projection, ∇Γ through one iteration (eq. 21 and the projection), and ∇D, ∇D0, ∇Γ⁰ through
     * I = 3 iterations, each along {@code directions} random directions. The loss is
     * L(Γ) = ⟨W, Γ⟩ + ¼‖Γ‖² with W random.
     */
    public static List<Entry> ezuzGw(int n, long seed, int directions) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = n + 3;
        EzuzInstance in = EzuzInstance.random(n, m, rnd);
        Mat W = Mat.zeros(n, m);
        for (int k = 0; k < W.data.length; k++) {
            W.data[k] = 2 * rnd.nextDouble() - 1;
        }
        Loss loss = new Loss(W);
        EzuzGwOptions opt = new EzuzGwOptions(3, 0.05, 0.5, SinkhornProjection.Options.defaults());
        EzuzGw layer = new EzuzGw(opt);
        EzuzGw one = new EzuzGw(opt.withIterations(1));
        List<Entry> out = new ArrayList<>();
        // ∇K through one projection, at the kernel of the first iteration
        Mat K = in.kernel(opt);
        SinkhornProjection.Result pr = SinkhornProjection.project(K, in.mu0(), in.mu(), opt.projection());
        Mat gK = SinkhornProjection.vjp(pr, loss.gradient(pr.gamma()));
        // ∇Γ^{i−1} through one iteration, from a random positive plan
        Mat g0 = positive(rnd, n, m);
        EzuzGw.Forward f1 = one.forward(in.D0(), in.D(), in.mu0(), in.mu(), g0);
        EzuzGw.Gradients oneStep = f1.backward(loss.gradient(f1.gamma()));
        EzuzGw.Forward fw = layer.forward(in.D0(), in.D(), in.mu0(), in.mu(), g0);
        EzuzGw.Gradients all = fw.backward(loss.gradient(fw.gamma()));
        for (int d = 0; d < directions; d++) {
            Mat SK = relative(rnd, K);
            out.add(directional("dL/dK (projection)", gK.dot(SK), t -> loss.value(
                    SinkhornProjection.project(plus(K, t, SK), in.mu0(), in.mu(), opt.projection()).gamma())));
            Mat SG = relative(rnd, g0);
            out.add(directional("dL/dGamma (one iteration)", oneStep.gradGamma0().dot(SG), t -> loss.value(
                    one.forward(in.D0(), in.D(), in.mu0(), in.mu(), plus(g0, t, SG)).gamma())));
            Mat SD = symmetric(rnd, m);
            out.add(directional("dL/dD (3 iterations)", all.gradD().dot(SD), t -> loss.value(
                    layer.forward(in.D0(), plus(in.D(), t, SD), in.mu0(), in.mu(), g0).gamma())));
            Mat SD0 = symmetric(rnd, n);
            out.add(directional("dL/dD0 (3 iterations)", all.gradD0().dot(SD0), t -> loss.value(
                    layer.forward(plus(in.D0(), t, SD0), in.D(), in.mu0(), in.mu(), g0).gamma())));
            Mat SG0 = relative(rnd, g0);
            out.add(directional("dL/dGamma0 (3 iterations)", all.gradGamma0().dot(SG0), t -> loss.value(
                    layer.forward(in.D0(), in.D(), in.mu0(), in.mu(), plus(g0, t, SG0)).gamma())));
        }
        return out;
    }

    /** L(Γ) = ⟨W, Γ⟩ + ¼‖Γ‖²: linear and curved parts, so a wrong Hessian-free term shows. */
    public record Loss(Mat W) {
        public double value(Mat G) {
            return W.dot(G) + 0.25 * G.dot(G);
        }

        public Mat gradient(Mat G) {
            Mat g = W.copy();
            for (int k = 0; k < g.data.length; k++) {
                g.data[k] += 0.5 * G.data[k];
            }
            return g;
        }
    }

    static Mat plus(Mat A, double t, Mat S) {
        Mat B = A.copy();
        for (int k = 0; k < B.data.length; k++) {
            B.data[k] += t * S.data[k];
        }
        return B;
    }

    static Mat relative(SplittableRandom rnd, Mat A) {
        Mat S = Mat.zeros(A.rows, A.cols);
        for (int k = 0; k < S.data.length; k++) {
            S.data[k] = A.data[k] * (2 * rnd.nextDouble() - 1);
        }
        return S;
    }

    static Mat symmetric(SplittableRandom rnd, int n) {
        Mat S = Mat.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = 2 * rnd.nextDouble() - 1;
                S.data[i * n + j] = v;
                S.data[j * n + i] = v;
            }
        }
        return S;
    }

    static Mat positive(SplittableRandom rnd, int n, int m) {
        Mat G = Mat.zeros(n, m);
        for (int k = 0; k < G.data.length; k++) {
            G.data[k] = 0.5 + rnd.nextDouble();
        }
        return G;
    }
}

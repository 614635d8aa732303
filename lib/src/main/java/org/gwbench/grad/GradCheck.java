package org.gwbench.grad;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.gwbench.linalg.Mat;
import org.gwbench.sinkhorn.BatchSinkhorn;
import org.gwbench.sinkhorn.SinkhornBarycenter;
import org.gwbench.sinkhorn.SinkhornBarycenterLog;
import org.gwbench.sinkhorn.SinkhornGradient;
import org.gwbench.sinkhorn.SinkhornProjection;
import org.gwbench.sinkhorn.UnrolledSinkhorn;

/**
 * Analytic gradients against central finite differences along random directions: the fourth-order
 * stencil (8(f(h) − f(−h)) − (f(2h) − f(−2h))) / 12h, f(t) = loss(x + t·S), against ⟨∇f(x), S⟩, with
 * h = 1e-3 and S of the scale of x. The fourth-order stencil allows a step large enough that the
 * rounding of the loss (a sum of n·m terms, stopped iterations) stays below 1e-8 of the derivative,
 * while its truncation error, O(h⁴), stays below that too
 * (symmetric for metrics; relative, S = x ⊙ U(−1, 1), for positive arguments). The relative error is
 * |analytic − numeric| / max(|analytic|, |numeric|). Used by {@code ./workbench gradcheck}, the tests
 * and the notebooks.
 */
public final class GradCheck {
    /** Finite-difference step. */
    public static final double H = 1e-3;
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
        return List.of("sinkhorn", "sinkhorn-log", "barycenter", "wdl", "ezuz-gw");
    }

    public static Report run(String algorithm, int n, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("n must be at least 2, got " + n);
        }
        long t0 = System.nanoTime();
        List<Entry> entries = switch (algorithm) {
            case "ezuz-gw" -> ezuzGw(n, seed, 2);
            case "sinkhorn" -> sinkhorn(n, seed, UnrolledSinkhorn.Method.SINKHORN, 2);
            case "sinkhorn-log" -> sinkhorn(n, seed, UnrolledSinkhorn.Method.SINKHORN_LOG, 2);
            case "barycenter" -> barycenter(n, seed, 2);
            case "wdl" -> wdl(n, seed, 2);
            default -> throw new IllegalArgumentException("unknown algorithm '" + algorithm + "' (known: "
                    + String.join(", ", algorithms()) + ")");
        };
        return new Report(algorithm, n, seed, entries, (System.nanoTime() - t0) / 1e9);
    }

    /** Relative error of an analytic directional derivative against the central difference of f. */
    public static Entry directional(String quantity, double analytic, DoubleUnaryOperator f) {
        double numeric = (8 * (f.applyAsDouble(H) - f.applyAsDouble(-H)) - (f.applyAsDouble(2 * H) - f.applyAsDouble(-2 * H))) / (12 * H);
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

    /**
     * Sinkhorn on a random instance (n × (n + 2), C uniform on [0, 1], a and b positive): the unrolled
     * gradients w.r.t. a, b (directions centred to sum 0) and C (directions of size reg, since C
     * enters as C/reg) after 30 iterations, and the envelope
     * gradients f, g, P of a run converged to 1e-13.
     */
    public static List<Entry> sinkhorn(int n, long seed, UnrolledSinkhorn.Method method, int directions) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = n + 2;
        double reg = method == UnrolledSinkhorn.Method.SINKHORN ? 0.1 : 0.02;
        double[] a = simplex(rnd, n);
        double[] b = simplex(rnd, m);
        Mat C = Mat.zeros(n, m);
        for (int k = 0; k < C.data.length; k++) {
            C.data[k] = rnd.nextDouble();
        }
        UnrolledSinkhorn unrolled = new UnrolledSinkhorn(method, 30, 0);
        UnrolledSinkhorn converged = new UnrolledSinkhorn(method, 100000, 1e-13);
        SinkhornGradient u = unrolled.solve(a, b, C, reg);
        SinkhornGradient c = converged.solve(a, b, C, reg, false); // the envelope gradients need no tape
        List<Entry> out = new ArrayList<>();
        String tag = method == UnrolledSinkhorn.Method.SINKHORN ? "" : " (log)";
        for (int d = 0; d < directions; d++) {
            double[] sa = centred(rnd, n, 0.4 / n);
            double[] sb = centred(rnd, m, 0.4 / m);
            Mat sC = Mat.zeros(n, m);
            for (int k = 0; k < sC.data.length; k++) {
                sC.data[k] = reg * (2 * rnd.nextDouble() - 1); // C enters as C/reg
            }
            out.add(directional("dloss/da unrolled" + tag, dot(u.gradA(), sa),
                    t -> unrolled.solve(plus(a, t, sa), b, C, reg, false).loss()));
            out.add(directional("dloss/db unrolled" + tag, dot(u.gradB(), sb),
                    t -> unrolled.solve(a, plus(b, t, sb), C, reg, false).loss()));
            out.add(directional("dloss/dM unrolled" + tag, u.gradM().dot(sC),
                    t -> unrolled.solve(a, b, plus(C, t, sC), reg, false).loss()));
            out.add(directional("dloss/da envelope" + tag, dot(c.envelopeGradA(), sa),
                    t -> converged.solve(plus(a, t, sa), b, C, reg, false).loss()));
            out.add(directional("dloss/db envelope" + tag, dot(c.envelopeGradB(), sb),
                    t -> converged.solve(a, plus(b, t, sb), C, reg, false).loss()));
            out.add(directional("dloss/dM envelope" + tag, c.envelopeGradM().dot(sC),
                    t -> converged.solve(a, b, plus(C, t, sC), reg, false).loss()));
        }
        if (method == UnrolledSinkhorn.Method.SINKHORN) {
            out.addAll(batched(rnd, C, reg, directions));
        }
        return out;
    }

    /**
     * The barycenter (parallel and log domain) of 3 random histograms on n bins (C uniform on [0, 1],
     * reg 0.1, 30 iterations), loss L(b) = ⟨c, b⟩ + ‖b‖² with c random: ∂L/∂A along directions centred per column,
     * ∂L/∂w along directions centred to sum 0.
     */
    public static List<Entry> barycenter(int n, long seed, int directions) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int S = 3;
        Mat A = columns(rnd, n, S);
        Mat C = Mat.zeros(n, n);
        for (int k = 0; k < C.data.length; k++) {
            C.data[k] = rnd.nextDouble();
        }
        double[] w = simplex(rnd, S);
        double[] c = new double[n];
        for (int j = 0; j < n; j++) {
            c[j] = 2 * rnd.nextDouble() - 1;
        }
        java.util.function.Function<double[], Double> loss = b -> dot(c, b) + dot(b, b);
        List<Entry> out = new ArrayList<>();
        for (boolean log : new boolean[] {false, true}) {
            Variant bary = log ? (A1, w1) -> new SinkhornBarycenterLog(30, 0).forward(A1, C, w1, 0.1)
                    : (A1, w1) -> new SinkhornBarycenter(30, 0).forward(A1, C, w1, 0.1);
            String tag = log ? " (barycenter, log)" : " (barycenter)";
            SinkhornBarycenter.Pass f = bary.run(A, w);
            double[] b = f.barycenter();
            double[] bBar = new double[n];
            for (int j = 0; j < n; j++) {
                bBar[j] = c[j] + 2 * b[j];
            }
            SinkhornBarycenter.Gradients g = f.backward(bBar);
            for (int d = 0; d < directions; d++) {
                Mat SA = centredColumns(rnd, n, S);
                double[] sw = centred(rnd, S, 0.1);
                out.add(directional("dL/dA" + tag, g.gradA().dot(SA), t -> loss.apply(bary.run(plus(A, t, SA), w).barycenter())));
                out.add(directional("dL/dw" + tag, dot(g.gradW(), sw), t -> loss.apply(bary.run(A, plus(w, t, sw)).barycenter())));
            }
        }
        return out;
    }

    /**
     * Wasserstein dictionary learning on 4 random histograms over n bins with 2 atoms (C uniform,
     * reg 0.1, 20 barycenter iterations): ∂L/∂α (atom logits) and ∂L/∂β (weight logits).
     */
    public static List<Entry> wdl(int n, long seed, int directions) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Mat Y = columns(rnd, n, 4);
        Mat C = Mat.zeros(n, n);
        for (int k = 0; k < C.data.length; k++) {
            C.data[k] = rnd.nextDouble();
        }
        WassersteinDictionary wdl = new WassersteinDictionary(new WassersteinDictionary.Options(2, 0.1, 20, 1, 0.1, seed));
        WassersteinDictionary.State s = wdl.initial(n, 4);
        Mat ga = Mat.zeros(n, 2);
        Mat gb = Mat.zeros(2, 4);
        wdl.loss(Y, C, s.atomLogits(), s.weightLogits(), ga, gb);
        List<Entry> out = new ArrayList<>();
        for (int d = 0; d < directions; d++) {
            Mat sa = Mat.zeros(n, 2);
            Mat sb = Mat.zeros(2, 4);
            for (int k = 0; k < sa.data.length; k++) {
                sa.data[k] = 2 * rnd.nextDouble() - 1;
            }
            for (int k = 0; k < sb.data.length; k++) {
                sb.data[k] = 2 * rnd.nextDouble() - 1;
            }
            out.add(directional("dL/d atom logits (wdl)", ga.dot(sa),
                    t -> wdl.loss(Y, C, plus(s.atomLogits(), t, sa), s.weightLogits(), null, null)));
            out.add(directional("dL/d weight logits (wdl)", gb.dot(sb),
                    t -> wdl.loss(Y, C, s.atomLogits(), plus(s.weightLogits(), t, sb), null, null)));
        }
        return out;
    }

    @FunctionalInterface
    private interface Variant {
        SinkhornBarycenter.Pass run(Mat A, double[] w);
    }

    /** The batched Sinkhorn on 3 pairs: Σ λ_s ℓ_s w.r.t. A, B (columns centred) and C, 30 iterations. */
    private static List<Entry> batched(SplittableRandom rnd, Mat C, double reg, int directions) {
        int n = C.rows;
        int m = C.cols;
        int S = 3;
        Mat A = columns(rnd, n, S);
        Mat B = columns(rnd, m, S);
        double[] lambda = {0.5, -1.0, 2.0};
        BatchSinkhorn batch = new BatchSinkhorn(30, 0);
        java.util.function.ToDoubleFunction<BatchSinkhorn.Result> total = r -> dot(lambda, r.losses());
        BatchSinkhorn.Gradients g = batch.solve(A, B, C, reg).backward(lambda);
        List<Entry> out = new ArrayList<>();
        for (int d = 0; d < directions; d++) {
            Mat SA = centredColumns(rnd, n, S);
            Mat SB = centredColumns(rnd, m, S);
            Mat SC = Mat.zeros(n, m);
            for (int k = 0; k < SC.data.length; k++) {
                SC.data[k] = reg * (2 * rnd.nextDouble() - 1);
            }
            out.add(directional("dloss/dA (batched)", g.gradA().dot(SA), t -> total.applyAsDouble(batch.solve(plus(A, t, SA), B, C, reg))));
            out.add(directional("dloss/dB (batched)", g.gradB().dot(SB), t -> total.applyAsDouble(batch.solve(A, plus(B, t, SB), C, reg))));
            out.add(directional("dloss/dM (batched)", g.gradM().dot(SC), t -> total.applyAsDouble(batch.solve(A, B, plus(C, t, SC), reg))));
        }
        return out;
    }

    static Mat columns(SplittableRandom rnd, int n, int S) {
        Mat X = Mat.zeros(n, S);
        for (int s = 0; s < S; s++) {
            double[] h = simplex(rnd, n);
            for (int i = 0; i < n; i++) {
                X.set(i, s, h[i]);
            }
        }
        return X;
    }

    static Mat centredColumns(SplittableRandom rnd, int n, int S) {
        Mat X = Mat.zeros(n, S);
        for (int s = 0; s < S; s++) {
            double[] h = centred(rnd, n, 0.4 / n);
            for (int i = 0; i < n; i++) {
                X.set(i, s, h[i]);
            }
        }
        return X;
    }

    /** n positive weights (0.5 + U(0, 1), normalised): a random interior point of the simplex. */
    public static double[] simplex(SplittableRandom rnd, int n) {
        double[] x = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 + rnd.nextDouble();
            s += x[i];
        }
        for (int i = 0; i < n; i++) {
            x[i] /= s;
        }
        return x;
    }

    /** A random direction with entries of size about scale, centred to sum 0 (stays on the simplex). */
    static double[] centred(SplittableRandom rnd, int n, double scale) {
        double[] x = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            x[i] = scale * (2 * rnd.nextDouble() - 1);
            mean += x[i] / n;
        }
        for (int i = 0; i < n; i++) {
            x[i] -= mean;
        }
        return x;
    }

    public static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    public static double[] plus(double[] x, double t, double[] s) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += t * s[i];
        }
        return y;
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

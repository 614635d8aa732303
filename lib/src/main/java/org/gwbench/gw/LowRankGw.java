package org.gwbench.gw;

import java.util.SplittableRandom;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Progress;
import org.gwbench.problem.ProgressListener;
import org.gwbench.problem.Status;

/**
 * Low-rank GW between point clouds (Scetbon, Peyré, Cuturi, ICML 2022), as POT's
 * {@code lowrank_gromov_wasserstein_samples}: the plan is kept factored, T = Q diag(1/g) Rᵀ with Q (n×r),
 * R (m×r) and g (r) of matching marginals, and the squared-distance structures are kept factored too,
 * C1 = A1 A2ᵀ, C2 = B1 B2ᵀ of width d + 2 ({@link #factors}); no n×n, m×m or n×m matrix is formed, so a
 * step costs O((n + m)·r·(r + d)) time and O((n + m)·(r + d)) memory: 10⁵ points fit in megabytes.
 *
 * <p>Each outer step is mirror descent on (Q, R, g) with step γ (POT's "rescale" rule: 10 over the largest
 * squared gradient entry), the kernels
 * <pre>
 *   K1 = Q^{1−γ·reg} e^{−γ CR/g},  K2 = R^{1−γ·reg} e^{−γ CQ/g},  K3 = g^{1−γ·reg} e^{γ ω/g²},
 *   CR = −4 A1 A2ᵀ Q diag(1/g) Rᵀ B1 B2ᵀ R,  CQ likewise,  ω = diag(Qᵀ CR),
 * </pre>
 * projected by Dykstra's algorithm onto {Q1 = a, R1 = b, Qᵀ1 = Rᵀ1 = g ≥ α} (to stopThrDykstra in L1), until
 * the symmetric KL between successive factors, divided by γ², is below stopThr. Value: the GW objective of
 * the factored plan with its own marginals, through the factors. <b>Deviation marked</b>: POT's reported value
 * takes a and b for the plan's marginals and the 1/g of the step before the last (7e-4 relative apart on its
 * fixture, where the factors agree to 1e-9). The start is random (|N(0,1)| + 1 rows scaled to a, b and g
 * normalised, from the seed); {@link #solve(Mat, Mat, Mat, Mat, double[], double[], Mat, Mat, double[])} takes
 * a given one (POT's, for its fixture). A local method: the problem is non-convex.
 */
public final class LowRankGw {
    private final LowRankGwOptions options;
    private final ProgressListener listener;

    public LowRankGw(LowRankGwOptions options) {
        this(options, ProgressListener.NONE);
    }

    public LowRankGw(LowRankGwOptions options, ProgressListener listener) {
        if (options == null) {
            throw new IllegalArgumentException("options are missing");
        }
        this.options = options;
        this.listener = ProgressListener.orNone(listener);
    }

    /** The factored plan T = Q diag(1/g) Rᵀ and how the run ended. */
    public record Result(Mat Q, Mat R, double[] g, double value, int iterations, Status status, double seconds) {
        /** T as an n×m matrix: only for clouds small enough to hold it. */
        public Mat plan() {
            Mat T = Mat.zeros(Q.rows, R.rows);
            int r = g.length;
            for (int i = 0; i < Q.rows; i++) {
                for (int j = 0; j < R.rows; j++) {
                    double s = 0;
                    for (int k = 0; k < r; k++) {
                        s += Q.data[i * r + k] * R.data[j * r + k] / g[k];
                    }
                    T.data[i * R.rows + j] = s;
                }
            }
            return T;
        }
    }

    /**
     * The squared Euclidean distances of X as factors, |x_i − x_j|² = (M1 M2ᵀ)_ij with M1 = [|x|², 1, −2x],
     * M2 = [1, |x|², x]; rescaled (POT's rescale_cost) each by the square root of its largest entry.
     */
    public static Mat[] factors(Mat X, boolean rescale) {
        int n = X.rows;
        int d = X.cols;
        Mat M1 = Mat.zeros(n, d + 2);
        Mat M2 = Mat.zeros(n, d + 2);
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                double x = X.get(i, c);
                s += x * x;
                M1.set(i, c + 2, -2 * x);
                M2.set(i, c + 2, x);
            }
            M1.set(i, 0, s);
            M1.set(i, 1, 1);
            M2.set(i, 0, 1);
            M2.set(i, 1, s);
        }
        if (rescale) {
            for (Mat M : new Mat[] {M1, M2}) {
                double mx = Double.NEGATIVE_INFINITY;
                for (double v : M.data) {
                    mx = Math.max(mx, v);
                }
                double sq = Math.sqrt(mx);
                for (int k = 0; k < M.data.length; k++) {
                    M.data[k] /= sq;
                }
            }
        }
        return new Mat[] {M1, M2};
    }

    /** Between the point clouds Xs (n×d) and Xt (m×d'), weights a and b, from the seeded random start. */
    public Result solve(Mat Xs, Mat Xt, double[] a, double[] b) {
        Check.finite("Xs", Check.nonEmpty("Xs", Xs));
        Check.finite("Xt", Check.nonEmpty("Xt", Xt));
        Check.distribution("a", a, Xs.rows);
        Check.distribution("b", b, Xt.rows);
        int r = Math.min(options.rank(), Math.min(Xs.rows, Xt.rows));
        if (1.0 / r < options.alpha()) {
            throw new IllegalArgumentException("alpha (" + options.alpha() + ") must be below 1/rank (" + 1.0 / r + ") for Dykstra to converge");
        }
        Mat[] A = factors(Xs, options.rescaleCost());
        Mat[] B = factors(Xt, options.rescaleCost());
        SplittableRandom rnd = new SplittableRandom(options.seed());
        double[] g = new double[r];
        double gs = 0;
        for (int k = 0; k < r; k++) {
            g[k] = Math.abs(rnd.nextGaussian()) + 1;
            gs += g[k];
        }
        for (int k = 0; k < r; k++) {
            g[k] /= gs;
        }
        return solve(A[0], A[1], B[0], B[1], a, b, randomRows(a, r, rnd), randomRows(b, r, rnd), g);
    }

    private static Mat randomRows(double[] w, int r, SplittableRandom rnd) {
        Mat F = Mat.zeros(w.length, r);
        for (int i = 0; i < w.length; i++) {
            double s = 0;
            for (int k = 0; k < r; k++) {
                double x = Math.abs(rnd.nextGaussian()) + 1;
                F.set(i, k, x);
                s += x;
            }
            for (int k = 0; k < r; k++) {
                F.set(i, k, F.get(i, k) * w[i] / s);
            }
        }
        return F;
    }

    /** From the factors of the structures (C1 = A1 A2ᵀ, C2 = B1 B2ᵀ) and a start (Q0, R0, g0), which are not modified. */
    public Result solve(Mat A1, Mat A2, Mat B1, Mat B2, double[] a, double[] b, Mat Q0, Mat R0, double[] g0) {
        checkShapes(A1, A2, B1, B2, a, b, Q0, R0, g0);
        long start = System.nanoTime();
        Blas blas = Blas.active();
        Mat Q = Q0.copy();
        Mat R = R0.copy();
        double[] g = g0.clone();
        double reg = options.reg();
        Status status = Status.MAX_ITER;
        int it = 0;
        while (it < options.maxIter()) {
            if (Thread.currentThread().isInterrupted()) {
                status = Status.INTERRUPTED;
                break;
            }
            Gradients gr = gradients(A1, A2, B1, B2, Q, R, g, blas);
            double gamma = step(gr, Q, R, g, reg);
            Mat K1 = kernel(gr.CRg, Q, gamma, reg);
            Mat K2 = kernel(gr.CQg, R, gamma, reg);
            double[] K3 = new double[g.length];
            for (int k = 0; k < g.length; k++) {
                K3[k] = Math.exp(gamma * gr.omega[k] / (g[k] * g[k]) - (gamma * reg - 1) * Math.log(g[k]));
            }
            Dykstra.Out d = Dykstra.project(K1, K2, K3, a, b, options.alpha(), options.stopThrDykstra(), options.maxIterDykstra());
            double err = (1 / gamma) * (1 / gamma) * (symmetricKl(d.Q().data, Q.data) + symmetricKl(d.R().data, R.data) + symmetricKl(d.g(), g));
            it++;
            Q = d.Q();
            R = d.R();
            g = d.g();
            shift(Q.data);
            shift(R.data);
            shift(g);
            if (!Double.isFinite(err)) {
                status = Status.NUMERICAL_ERROR;
                break;
            }
            listener.onProgress(Progress.of("iteration", it, options.maxIter(), start, "change", err));
            if (err <= options.stopThr()) {
                status = Status.CONVERGED;
                break;
            }
        }
        double value = value(A1, A2, B1, B2, a, b, Q, R, g, blas);
        if (!Double.isFinite(value) && status != Status.INTERRUPTED) {
            status = Status.NUMERICAL_ERROR;
        }
        return new Result(Q, R, g, value, it, status, (System.nanoTime() - start) / 1e9);
    }

    private static void checkShapes(Mat A1, Mat A2, Mat B1, Mat B2, double[] a, double[] b, Mat Q0, Mat R0, double[] g0) {
        if (A1.rows != a.length || A2.rows != a.length || A1.cols != A2.cols) {
            throw new IllegalArgumentException("A1 and A2 must have " + a.length + " rows (one per weight of a) and one width, got "
                    + A1.rows + "x" + A1.cols + " and " + A2.rows + "x" + A2.cols);
        }
        if (B1.rows != b.length || B2.rows != b.length || B1.cols != B2.cols) {
            throw new IllegalArgumentException("B1 and B2 must have " + b.length + " rows (one per weight of b) and one width, got "
                    + B1.rows + "x" + B1.cols + " and " + B2.rows + "x" + B2.cols);
        }
        int r = g0.length;
        if (Q0.rows != a.length || Q0.cols != r || R0.rows != b.length || R0.cols != r) {
            throw new IllegalArgumentException("the start must be Q0 " + a.length + "x" + r + " and R0 " + b.length + "x" + r + " for g0 of "
                    + r + " entries, got " + Q0.rows + "x" + Q0.cols + " and " + R0.rows + "x" + R0.cols);
        }
    }

    /** CR/g and CQ/g (the gradients in Q and R) and ω = diag(Qᵀ CR), all through the factors. */
    private record Gradients(Mat CRg, Mat CQg, double[] omega) {
    }

    private static Gradients gradients(Mat A1, Mat A2, Mat B1, Mat B2, Mat Q, Mat R, double[] g, Blas blas) {
        int r = g.length;
        Mat Qg = scaledColumns(Q, g);
        Mat C1 = blas.multiply(A1, blas.multiply(A2, true, Qg, false)); // n×r
        for (int k = 0; k < C1.data.length; k++) {
            C1.data[k] *= -4;
        }
        Mat C2 = blas.multiply(blas.multiply(R, true, B1, false), false, B2, true); // r×m
        Mat CR = blas.multiply(C1, blas.multiply(C2, R)); // n×r
        Mat CQ = blas.multiply(C2, true, blas.multiply(C1, true, Q, false), false); // m×r
        double[] omega = new double[r];
        for (int i = 0; i < Q.rows; i++) {
            for (int k = 0; k < r; k++) {
                omega[k] += Q.data[i * r + k] * CR.data[i * r + k];
            }
        }
        return new Gradients(scaledColumns(CR, g), scaledColumns(CQ, g), omega);
    }

    /** X diag(1/g). */
    private static Mat scaledColumns(Mat X, double[] g) {
        Mat Y = X.copy();
        int r = g.length;
        for (int k = 0; k < Y.data.length; k++) {
            Y.data[k] /= g[k % r];
        }
        return Y;
    }

    /** POT's "rescale" step: 10 / max(max|CR/g + reg log Q|², max|CQ/g + reg log R|², max|ω/g²|²). */
    private static double step(Gradients gr, Mat Q, Mat R, double[] g, double reg) {
        double n1 = 0;
        for (int k = 0; k < Q.data.length; k++) {
            n1 = Math.max(n1, Math.abs(gr.CRg.data[k] + reg * Math.log(Q.data[k])));
        }
        double n2 = 0;
        for (int k = 0; k < R.data.length; k++) {
            n2 = Math.max(n2, Math.abs(gr.CQg.data[k] + reg * Math.log(R.data[k])));
        }
        double n3 = 0;
        for (int k = 0; k < g.length; k++) {
            n3 = Math.max(n3, Math.abs(-gr.omega[k] / (g[k] * g[k])));
        }
        return 10 / Math.max(n1 * n1, Math.max(n2 * n2, n3 * n3));
    }

    /** exp(−γ G − (γ·reg − 1) log F), entrywise. */
    private static Mat kernel(Mat G, Mat F, double gamma, double reg) {
        Mat K = Mat.zeros(F.rows, F.cols);
        for (int k = 0; k < K.data.length; k++) {
            K.data[k] = Math.exp(-gamma * G.data[k] - (gamma * reg - 1) * Math.log(F.data[k]));
        }
        return K;
    }

    /** KL(x‖y) + KL(y‖x) without the mass terms, as POT's kl_div (1e-16 inside the logarithms). */
    private static double symmetricKl(double[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += x[k] * Math.log(x[k] / y[k] + 1e-16) + y[k] * Math.log(y[k] / x[k] + 1e-16);
        }
        return s;
    }

    private static void shift(double[] x) {
        for (int k = 0; k < x.length; k++) {
            x[k] += 1e-16;
        }
    }

    /**
     * The GW objective of the factored plan T = Q diag(1/g) Rᵀ with its own marginals r = T1, c = Tᵀ1 (Dykstra leaves
     * them within its tolerance of a and b): rᵀ(C1∘C1)r + cᵀ(C2∘C2)c − 2⟨C1 T C2, T⟩, the last term as
     * ½ tr(Qᵀ CR diag(1/g)); plus reg times the factors' entropies. All through the factors.
     */
    private double value(Mat A1, Mat A2, Mat B1, Mat B2, double[] a, double[] b, Mat Q, Mat R, double[] g, Blas blas) {
        Gradients gr = gradients(A1, A2, B1, B2, Q, R, g, blas);
        double trace = 0;
        for (int k = 0; k < Q.data.length; k++) {
            trace += Q.data[k] * gr.CRg.data[k];
        }
        double[] rows = marginal(Q, R, g);
        double[] cols = marginal(R, Q, g);
        double v = squaredForm(A1, A2, rows) + squaredForm(B1, B2, cols) + trace / 2;
        if (options.reg() != 0) {
            v += options.reg() * (entropy(Q.data) + entropy(R.data) + entropy(g));
        }
        return v;
    }

    /** F diag(1/g) (Gᵀ1): the marginal of T on F's side. */
    private static double[] marginal(Mat F, Mat G, double[] g) {
        int r = g.length;
        double[] colSums = G.colSums();
        double[] out = new double[F.rows];
        for (int i = 0; i < F.rows; i++) {
            double s = 0;
            for (int k = 0; k < r; k++) {
                s += F.data[i * r + k] * colSums[k] / g[k];
            }
            out[i] = s;
        }
        return out;
    }

    /** wᵀ(C∘C)w for C = F1 F2ᵀ: Σ_ij (F1_i·F2_j)² w_i w_j = ⟨Σ_i w_i F1_i F1_iᵀ, Σ_j w_j F2_j F2_jᵀ⟩ (k×k Gram matrices). */
    static double squaredForm(Mat F1, Mat F2, double[] w) {
        int k = F1.cols;
        double[] G1 = new double[k * k];
        double[] G2 = new double[k * k];
        for (int i = 0; i < F1.rows; i++) {
            for (int x = 0; x < k; x++) {
                for (int y = 0; y < k; y++) {
                    G1[x * k + y] += w[i] * F1.data[i * k + x] * F1.data[i * k + y];
                    G2[x * k + y] += w[i] * F2.data[i * k + x] * F2.data[i * k + y];
                }
            }
        }
        double s = 0;
        for (int e = 0; e < k * k; e++) {
            s += G1[e] * G2[e];
        }
        return s;
    }

    private static double entropy(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * Math.log(v + 1e-16);
        }
        return s;
    }
}

package org.gwbench.sinkhorn;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;

/**
 * Sinkhorn with manual reverse-mode gradients (Xie, "Gradients of OT algorithms"; its R/C++ package
 * is rwig): the loss ℓ(a, b, M) = ⟨M,P⟩ + reg·Σ P(log P − 1) of the plan after L iterations, and
 * ∂ℓ/∂a, ∂ℓ/∂b, ∂ℓ/∂M of that L-iteration map, by a reverse pass through the stored iterates.
 *
 * <p>Iterations (rows first, as rwig), for l = 1..L:
 * <pre>
 *   kernel domain:  u^l = a ⊘ K v^{l−1},   v^l = b ⊘ Kᵀ u^l,          K = exp(−M/reg), v⁰ = 1
 *   log domain:     f^l_i = reg log a_i − reg LSE_j((g^{l−1}_j − C_ij)/reg),
 *                   g^l_j = reg log b_j − reg LSE_i((f^l_i − C_ij)/reg),  g⁰ = 0
 * </pre>
 * with f = reg log u, g = reg log v and P = exp((f ⊕ g − M)/reg) in both. Stops when
 * ‖P1 − a‖₁ &lt; tol after a full iteration (the columns then hold exactly) or after maxIter.
 *
 * <p>Reverse pass (log domain): with P̄ = ∂ℓ/∂P = M + reg log P, f̄^L = (P̄ ⊙ P)1/reg,
 * ḡ^L = (P̄ ⊙ P)ᵀ1/reg, M̄ = P − P̄ ⊙ P/reg; then for l = L..1, with the column softmax X^l_ij ∝
 * exp((f^l_i − C_ij)/reg) and the row softmax W^l_ij ∝ exp((g^{l−1}_j − C_ij)/reg):
 * b̄ += reg ḡ^l ⊘ b, f̄^l −= X ḡ^l, M̄ += X [ḡ^l]; ā += reg f̄^l ⊘ a, ḡ^{l−1} = −Wᵀ f̄^l,
 * M̄ += [f̄^l] W. The kernel domain's pass is the same chain through u, v and K.
 * Cost: the forward's work again (the softmaxes are recomputed from the stored potentials), memory
 * O(L·(n + m)).
 *
 * <p>The envelope shortcut ({@link SinkhornGradient#envelopeGradA()} and friends) costs nothing and is
 * exact at convergence; the unrolled gradient is exact for the L iterations actually run, which is
 * what a model that runs L iterations differentiates (REFERENCE.md §2's grad_a is of this kind).
 */
public final class UnrolledSinkhorn {
    /** The iteration to run. */
    public enum Method { SINKHORN, SINKHORN_LOG, AUTO }

    /** rwig's rule: the log domain when min(exp(−min M/reg), exp(−max M/reg)) is below this. */
    public static final double AUTO_THRESHOLD = 1e-300;

    private final Method method;
    private final int maxIter;
    private final double tol;

    public UnrolledSinkhorn(Method method, int maxIter, double tol) {
        if (method == null) {
            throw new IllegalArgumentException("method is missing");
        }
        this.method = method;
        this.maxIter = Check.positive("maxIter", maxIter);
        this.tol = tol;
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("tol must be >= 0, got " + tol);
        }
    }

    /** Automatic domain, 1000 iterations, ‖P1 − a‖₁ &lt; 1e-9. */
    public static UnrolledSinkhorn defaults() {
        return new UnrolledSinkhorn(Method.AUTO, 1000, 1e-9);
    }

    /**
     * True when the kernel exp(−M/reg) would under- or overflow (rwig's rule):
     * min(exp(−min M/reg), exp(−max M/reg)) &lt; {@link #AUTO_THRESHOLD}.
     */
    public static boolean needsLogDomain(Mat M, double reg) {
        double mn = Double.POSITIVE_INFINITY;
        double mx = Double.NEGATIVE_INFINITY;
        for (double c : M.data) {
            mn = Math.min(mn, c);
            mx = Math.max(mx, c);
        }
        return Math.min(Math.exp(-mn / reg), Math.exp(-mx / reg)) < AUTO_THRESHOLD
                || !Double.isFinite(Math.exp(-mn / reg));
    }

    /** Solves with a tape: the result carries the gradients of the unrolled iterations. */
    public SinkhornGradient solve(double[] a, double[] b, Mat M, double reg) {
        return solve(a, b, M, reg, true);
    }

    /**
     * Solves; with tape the iterates are kept (memory O(L·(n + m))) and the reverse pass gives
     * {@link SinkhornGradient#gradA()} and friends; without, only the last iterate is kept and the result has
     * the loss, plan and potentials but no gradients (the forward pass finite differences need).
     */
    public SinkhornGradient solve(double[] a, double[] b, Mat M, double reg, boolean tape) {
        Check.finite("M", Check.nonEmpty("M", M));
        Check.distribution("a", a, M.rows);
        Check.distribution("b", b, M.cols);
        Check.positive("reg", reg);
        for (double x : a) {
            if (!(x > 0)) {
                throw new IllegalArgumentException("a must be positive (log a enters the gradient), found " + x);
            }
        }
        for (double x : b) {
            if (!(x > 0)) {
                throw new IllegalArgumentException("b must be positive (log b enters the gradient), found " + x);
            }
        }
        boolean log = method == Method.SINKHORN_LOG || (method == Method.AUTO && needsLogDomain(M, reg));
        return log ? solveLog(a, b, M, reg, tape) : solveKernel(a, b, M, reg, tape);
    }

    /**
     * The iterates a solve keeps: index l holds the row and column iterate of iteration l (index 0 the
     * start, no row iterate). Without a tape only the start and the last iteration are kept.
     */
    private record Tape(List<double[]> rows, List<double[]> cols, boolean full) {
        static Tape start(double[] col0, boolean full) {
            List<double[]> rows = new ArrayList<>();
            List<double[]> cols = new ArrayList<>();
            rows.add(null);
            cols.add(col0);
            return new Tape(rows, cols, full);
        }

        void record(double[] row, double[] col) {
            if (!full && rows.size() == 2) {
                rows.set(1, row);
                cols.set(1, col);
            } else {
                rows.add(row);
                cols.add(col);
            }
        }

        double[] lastRow() {
            return rows.get(rows.size() - 1);
        }

        double[] lastCol() {
            return cols.get(cols.size() - 1);
        }
    }

    private SinkhornGradient solveLog(double[] a, double[] b, Mat M, double reg, boolean taped) {
        Tape tape = Tape.start(new double[M.cols], taped);
        int it = 0;
        double err = Double.POSITIVE_INFINITY;
        while (it < maxIter && !(err < tol)) {
            double[] f = LogDomain.rowUpdate(M, reg, tape.lastCol(), a);
            double[] g = LogDomain.colUpdate(M, reg, f, b);
            tape.record(f, g);
            it++;
            err = LogDomain.rowError(M, reg, f, g, a);
        }
        double[] f = tape.lastRow();
        double[] g = tape.lastCol();
        Mat P = LogDomain.plan(M, reg, f, g);
        double loss = loss(M, reg, P);
        double marginal = org.gwbench.gw.GwResult.marginalError(P, a, b);
        if (!taped) {
            return new SinkhornGradient(loss, P, f, g, it, marginal, true, null, null, null);
        }
        Gradients grads = backwardLog(a, b, M, reg, P, tape, it);
        return new SinkhornGradient(loss, P, f, g, it, marginal, true, grads.a, grads.b, grads.M);
    }

    private record Gradients(double[] a, double[] b, Mat M) {
    }

    /** The reverse pass of the log-domain iterations (class comment), from P̄ = M + reg log P. */
    private static Gradients backwardLog(double[] a, double[] b, Mat M, double reg, Mat P, Tape tape, int it) {
        int n = M.rows;
        int m = M.cols;
        double[] aBar = new double[n];
        double[] bBar = new double[m];
        Mat CBar = Mat.zeros(n, m);
        double[] fBar = new double[n];
        double[] gBar = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0, o = i * m; j < m; j++) {
                double p = P.data[o + j];
                double pbp = p == 0 ? 0 : (M.data[o + j] + reg * Math.log(p)) * p;
                fBar[i] += pbp / reg;
                gBar[j] += pbp / reg;
                CBar.data[o + j] = p - pbp / reg;
            }
        }
        for (int l = it; l >= 1; l--) {
            // g^l = reg log b − reg LSE_i((f^l − M)/reg): ∂g_j/∂f_i = −X_ij, ∂g_j/∂C_ij = X_ij
            for (int j = 0; j < m; j++) {
                bBar[j] += reg * gBar[j] / b[j];
            }
            Mat X = LogDomain.columnSoftmax(M, reg, tape.rows().get(l));
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0, o = i * m; j < m; j++) {
                    double x = X.data[o + j] * gBar[j];
                    s += x;
                    CBar.data[o + j] += x;
                }
                fBar[i] -= s;
            }
            // f^l = reg log a − reg LSE_j((g^{l−1} − M)/reg): ∂f_i/∂g_j = −W_ij, ∂f_i/∂C_ij = W_ij
            for (int i = 0; i < n; i++) {
                aBar[i] += reg * fBar[i] / a[i];
            }
            Mat W = LogDomain.rowSoftmax(M, reg, tape.cols().get(l - 1));
            double[] gNext = new double[m];
            for (int i = 0; i < n; i++) {
                for (int j = 0, o = i * m; j < m; j++) {
                    double w = W.data[o + j] * fBar[i];
                    gNext[j] -= w;
                    CBar.data[o + j] += w;
                }
            }
            gBar = gNext;
            fBar = new double[n];
        }
        return new Gradients(aBar, bBar, CBar);
    }

    private SinkhornGradient solveKernel(double[] a, double[] b, Mat M, double reg, boolean taped) {
        int n = M.rows;
        int m = M.cols;
        Mat K = Mat.zeros(n, m);
        for (int k = 0; k < K.data.length; k++) {
            K.data[k] = Math.exp(-M.data[k] / reg);
        }
        double[] v0 = new double[m];
        java.util.Arrays.fill(v0, 1.0);
        Tape tape = Tape.start(v0, taped);
        int it = forwardKernel(a, b, K, reg, tape);
        double[] u = tape.lastRow();
        double[] v = tape.lastCol();
        Mat P = Mat.zeros(n, m);
        for (int i = 0; i < n; i++) {
            for (int j = 0, o = i * m; j < m; j++) {
                P.data[o + j] = u[i] * K.data[o + j] * v[j];
            }
        }
        double loss = loss(M, reg, P);
        double[] f = new double[n];
        double[] g = new double[m];
        for (int i = 0; i < n; i++) {
            f[i] = reg * Math.log(u[i]);
        }
        for (int j = 0; j < m; j++) {
            g[j] = reg * Math.log(v[j]);
        }
        double marginal = org.gwbench.gw.GwResult.marginalError(P, a, b);
        if (!taped) {
            return new SinkhornGradient(loss, P, f, g, it, marginal, false, null, null, null);
        }
        Gradients grads = backwardKernel(a, b, M, K, reg, P, tape, it);
        return new SinkhornGradient(loss, P, f, g, it, marginal, false, grads.a, grads.b, grads.M);
    }

    /** u^l = a ⊘ K v^{l−1}, v^l = b ⊘ Kᵀ u^l until ‖[u] K v − a‖₁ &lt; tol or maxIter; returns the iterations run. */
    private int forwardKernel(double[] a, double[] b, Mat K, double reg, Tape tape) {
        int n = K.rows;
        int m = K.cols;
        double[] v = tape.lastCol();
        int it = 0;
        double err = Double.POSITIVE_INFINITY;
        while (it < maxIter && !(err < tol)) {
            double[] Kv = times(K, v);
            double[] u = new double[n];
            for (int i = 0; i < n; i++) {
                u[i] = a[i] / Kv[i];
            }
            double[] Ktu = timesT(K, u);
            v = new double[m];
            for (int j = 0; j < m; j++) {
                v[j] = b[j] / Ktu[j];
            }
            tape.record(u, v);
            it++;
            double[] rows = times(K, v);
            err = 0;
            for (int i = 0; i < n; i++) {
                err += Math.abs(u[i] * rows[i] - a[i]);
            }
            if (!Double.isFinite(err)) {
                throw new IllegalArgumentException("reg = " + reg + " underflows the kernel exp(−M/reg); use the log domain");
            }
        }
        return it;
    }

    /** The reverse pass through P = [u] K [v] and the kernel iterations, from P̄ = M + reg log P. */
    private static Gradients backwardKernel(double[] a, double[] b, Mat M, Mat K, double reg, Mat P, Tape tape, int it) {
        int n = M.rows;
        int m = M.cols;
        double[] u = tape.lastRow();
        double[] v = tape.lastCol();
        double[] aBar = new double[n];
        double[] bBar = new double[m];
        Mat KBar = Mat.zeros(n, m);
        double[] uBar = new double[n];
        double[] vBar = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0, o = i * m; j < m; j++) {
                double p = P.data[o + j];
                double pb = p == 0 ? 0 : M.data[o + j] + reg * Math.log(p);
                uBar[i] += pb * K.data[o + j] * v[j];
                vBar[j] += pb * u[i] * K.data[o + j];
                KBar.data[o + j] = u[i] * pb * v[j];
            }
        }
        for (int l = it; l >= 1; l--) {
            double[] ul = tape.rows().get(l);
            double[] vPrev = tape.cols().get(l - 1);
            // v^l = b ⊘ y, y = Kᵀ u^l
            double[] y = timesT(K, ul);
            double[] yBar = new double[m];
            for (int j = 0; j < m; j++) {
                bBar[j] += vBar[j] / y[j];
                yBar[j] = -vBar[j] * b[j] / (y[j] * y[j]);
            }
            double[] add = times(K, yBar);
            for (int i = 0; i < n; i++) {
                uBar[i] += add[i];
                for (int j = 0, o = i * m; j < m; j++) {
                    KBar.data[o + j] += ul[i] * yBar[j];
                }
            }
            // u^l = a ⊘ x, x = K v^{l−1}
            double[] x = times(K, vPrev);
            double[] xBar = new double[n];
            for (int i = 0; i < n; i++) {
                aBar[i] += uBar[i] / x[i];
                xBar[i] = -uBar[i] * a[i] / (x[i] * x[i]);
            }
            vBar = timesT(K, xBar);
            for (int i = 0; i < n; i++) {
                for (int j = 0, o = i * m; j < m; j++) {
                    KBar.data[o + j] += xBar[i] * vPrev[j];
                }
            }
            uBar = new double[n];
        }
        Mat CBar = Mat.zeros(n, m);
        for (int k = 0; k < CBar.data.length; k++) {
            CBar.data[k] = P.data[k] - KBar.data[k] * K.data[k] / reg;
        }
        return new Gradients(aBar, bBar, CBar);
    }

    /** ⟨M,P⟩ + reg·Σ P(log P − 1), with 0·log 0 = 0. */
    public static double loss(Mat M, double reg, Mat P) {
        double s = 0;
        for (int k = 0; k < P.data.length; k++) {
            double p = P.data[k];
            s += M.data[k] * p + (p > 0 ? reg * p * (Math.log(p) - 1) : 0);
        }
        return s;
    }

    private static double[] times(Mat K, double[] v) {
        double[] y = new double[K.rows];
        for (int i = 0; i < K.rows; i++) {
            double s = 0;
            for (int j = 0; j < K.cols; j++) {
                s += K.data[i * K.cols + j] * v[j];
            }
            y[i] = s;
        }
        return y;
    }

    private static double[] timesT(Mat K, double[] u) {
        double[] y = new double[K.cols];
        for (int i = 0; i < K.rows; i++) {
            for (int j = 0; j < K.cols; j++) {
                y[j] += K.data[i * K.cols + j] * u[i];
            }
        }
        return y;
    }
}

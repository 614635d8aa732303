package org.gwbench.sinkhorn;

import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Status;

/**
 * Unbalanced entropic OT (Chizat, Peyré, Schmitzer, Vialard 2018; Frogner et al. 2015), POT's
 * {@code sinkhorn_unbalanced} with its default {@code reg_type="kl"}:
 * <pre>
 *   min_P ⟨P, M⟩ + reg·KL(P ‖ a bᵀ) + regM1·KL(P1 ‖ a) + regM2·KL(Pᵀ1 ‖ b)
 * </pre>
 * The marginals are penalised, not imposed (a = b in mass is not needed; regM = ∞ imposes one). Scaling
 * iterations u = (a ⊘ Kv)^{φ1}, v = (b ⊘ Kᵀu)^{φ2}, K = exp(−M/reg) ⊙ a bᵀ, φ = regM/(regM + reg): on u
 * and v with K formed once (POT's iteration), or, where K underflows (a small reg), on log u and log v
 * (log-sum-exp) from the start. Stops as POT does: when
 * ½(‖u − u'‖∞/max(‖u‖∞, ‖u'‖∞, 1) + the same for v) &lt; tol.
 */
public final class UnbalancedSinkhorn {
    private final SinkhornOptions options;

    public UnbalancedSinkhorn(SinkhornOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must be given");
        }
        this.options = options;
    }

    /** POT's defaults: 1000 iterations, tol 1e-6. */
    public static UnbalancedSinkhorn defaults() {
        return new UnbalancedSinkhorn(new SinkhornOptions(1000, 1e-6));
    }

    /**
     * The plan, its transport cost ⟨P, M⟩ (POT's {@code sinkhorn_unbalanced2}), the whole objective, the mass
     * it moves and how the iteration ended.
     */
    public record Result(Mat plan, double cost, double objective, double mass, int iterations, Status status, double[] logU,
                         double[] logV) {
        public boolean converged() {
            return status == Status.CONVERGED;
        }
    }

    /** regM for both marginals. */
    public Result solve(double[] a, double[] b, Mat M, double reg, double regM) {
        return solve(a, b, M, reg, regM, regM);
    }

    /**
     * @param a source masses (positive, any total)
     * @param b target masses (positive, any total)
     * @param regM1 the penalty on the source marginal (Double.POSITIVE_INFINITY imposes it)
     * @param regM2 the penalty on the target marginal
     */
    public Result solve(double[] a, double[] b, Mat M, double reg, double regM1, double regM2) {
        return solve(a, b, M, reg, regM1, regM2, null, null);
    }

    /**
     * From the scalings u = exp(logU0), v = exp(logV0) of an earlier solve (its {@link Result#logU()} and
     * {@link Result#logV()}; null: u = v = 1, POT's cold start), as POT's {@code warmstart}.
     */
    public Result solve(double[] a, double[] b, Mat M, double reg, double regM1, double regM2, double[] logU0, double[] logV0) {
        check(a, b, M, reg, regM1, regM2);
        if ((logU0 == null) != (logV0 == null) || (logU0 != null && (logU0.length != a.length || logV0.length != b.length))) {
            throw new IllegalArgumentException("the warm start needs logU0 with " + a.length + " and logV0 with " + b.length + " entries");
        }
        double phi1 = regM1 == Double.POSITIVE_INFINITY ? 1 : regM1 / (regM1 + reg);
        double phi2 = regM2 == Double.POSITIVE_INFINITY ? 1 : regM2 / (regM2 + reg);
        Result fast = kernelDomain(a, b, M, reg, regM1, regM2, phi1, phi2, logU0, logV0);
        return fast != null ? fast : logDomain(a, b, M, reg, regM1, regM2, phi1, phi2, logU0, logV0);
    }

    /** The iteration on log u and log v (log-sum-exp): never underflows. */
    Result logDomain(double[] a, double[] b, Mat M, double reg, double regM1, double regM2, double phi1, double phi2,
                     double[] logU0, double[] logV0) {
        int n = a.length;
        int m = b.length;
        double[] logK = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                logK[i * m + j] = -M.data[i * m + j] / reg + Math.log(a[i]) + Math.log(b[j]);
            }
        }
        double[] logU = logU0 == null ? new double[n] : logU0.clone();
        double[] logV = logV0 == null ? new double[m] : logV0.clone();
        double[] prevU = new double[n];
        double[] prevV = new double[m];
        Status status = Status.MAX_ITER;
        int it = 0;
        while (it < options.maxIter()) {
            if (Thread.currentThread().isInterrupted()) {
                status = Status.INTERRUPTED;
                break;
            }
            System.arraycopy(logU, 0, prevU, 0, n);
            System.arraycopy(logV, 0, prevV, 0, m);
            for (int i = 0; i < n; i++) {
                logU[i] = phi1 * (Math.log(a[i]) - rowLse(logK, i, m, logV));
            }
            for (int j = 0; j < m; j++) {
                logV[j] = phi2 * (Math.log(b[j]) - columnLse(logK, j, n, m, logU));
            }
            it++;
            if (!allFinite(logU) || !allFinite(logV)) {
                System.arraycopy(prevU, 0, logU, 0, n); // POT keeps the last finite scalings
                System.arraycopy(prevV, 0, logV, 0, m);
                status = Status.NUMERICAL_ERROR;
                break;
            }
            if (0.5 * (relativeChange(logU, prevU) + relativeChange(logV, prevV)) < options.tol()) {
                status = Status.CONVERGED;
                break;
            }
        }
        Mat P = Mat.zeros(n, m);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                P.data[i * m + j] = Math.exp(logU[i] + logK[i * m + j] + logV[j]);
            }
        }
        return new Result(P, P.dot(M), objective(P, a, b, M, reg, regM1, regM2), sum(P.data), it, status, logU, logV);
    }

    /**
     * The same iteration on u and v themselves with K formed once (two matrix-vector products per iteration, as
     * POT); null when K has an empty row or column or a scaling leaves the floating-point range, and the log
     * domain then runs from the start.
     */
    private Result kernelDomain(double[] a, double[] b, Mat M, double reg, double regM1, double regM2, double phi1, double phi2,
                                double[] logU0, double[] logV0) {
        int n = a.length;
        int m = b.length;
        double[] K = new double[n * m];
        double[] Md = M.data;
        double inv = 1.0 / reg;
        // exp(−M/reg) by rows over the cores and SIMD lanes, then the reference measure a bᵀ
        org.gwbench.linalg.Parallel.rows(n, m, (lo, hi) -> {
            org.gwbench.linalg.VecMath.expAffine(0, null, Md, lo * m, (hi - lo) * m, inv, K);
            for (int i = lo; i < hi; i++) {
                for (int j = 0; j < m; j++) {
                    K[i * m + j] *= a[i] * b[j];
                }
            }
        });
        double[] u = new double[n];
        double[] v = new double[m];
        for (int i = 0; i < n; i++) {
            u[i] = logU0 == null ? 1 : Math.exp(logU0[i]);
        }
        for (int j = 0; j < m; j++) {
            v[j] = logV0 == null ? 1 : Math.exp(logV0[j]);
        }
        double[] pu = new double[n];
        double[] pv = new double[m];
        double[] ktu = new double[m];
        double[] kv = new double[n];
        org.gwbench.linalg.Blas blas = org.gwbench.linalg.Blas.active();
        Status status = Status.MAX_ITER;
        int it = 0;
        while (it < options.maxIter()) {
            if (Thread.currentThread().isInterrupted()) {
                status = Status.INTERRUPTED;
                break;
            }
            System.arraycopy(u, 0, pu, 0, n);
            System.arraycopy(v, 0, pv, 0, m);
            // K v and Kᵀ u through the BLAS (threads and SIMD, as POT's numpy)
            blas.gemv(false, n, m, 1.0, K, m, v, 0.0, kv);
            for (int i = 0; i < n; i++) {
                u[i] = Math.pow(a[i] / kv[i], phi1);
            }
            blas.gemv(true, n, m, 1.0, K, m, u, 0.0, ktu);
            for (int j = 0; j < m; j++) {
                v[j] = Math.pow(b[j] / ktu[j], phi2);
            }
            it++;
            if (!usable(u) || !usable(v)) {
                return null;
            }
            double err = 0.5 * (change(u, pu) + change(v, pv));
            if (err < options.tol()) {
                status = Status.CONVERGED;
                break;
            }
        }
        Mat P = Mat.zeros(n, m);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                P.data[i * m + j] = u[i] * K[i * m + j] * v[j];
            }
        }
        return new Result(P, P.dot(M), objective(P, a, b, M, reg, regM1, regM2), sum(P.data), it, status, logOf(u), logOf(v));
    }

    /** log(x + 1e-300), as POT returns its scalings for a warm start. */
    private static double[] logOf(double[] x) {
        double[] out = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = Math.log(x[k] + 1e-300);
        }
        return out;
    }

    /** Finite and positive: a zero scaling means an empty row or column of K (an underflow). */
    private static boolean usable(double[] x) {
        for (double v : x) {
            if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
                return false;
            }
        }
        return true;
    }

    private static double change(double[] x, double[] y) {
        double diff = 0;
        double big = 1;
        for (int k = 0; k < x.length; k++) {
            diff = Math.max(diff, Math.abs(x[k] - y[k]));
            big = Math.max(big, Math.max(Math.abs(x[k]), Math.abs(y[k])));
        }
        return diff / big;
    }

    /** ⟨P, M⟩ + reg·KL(P ‖ a bᵀ) + regM1·KL(P1 ‖ a) + regM2·KL(Pᵀ1 ‖ b), KL(x ‖ y) = Σ x log(x/y) − x + y. */
    static double objective(Mat P, double[] a, double[] b, Mat M, double reg, double regM1, double regM2) {
        int n = a.length;
        int m = b.length;
        double kl = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                kl += kl(P.data[i * m + j], a[i] * b[j]);
            }
        }
        double[] rows = P.rowSums();
        double[] cols = P.colSums();
        double k1 = 0;
        double k2 = 0;
        for (int i = 0; i < n; i++) {
            k1 += kl(rows[i], a[i]);
        }
        for (int j = 0; j < m; j++) {
            k2 += kl(cols[j], b[j]);
        }
        return P.dot(M) + reg * kl + (regM1 == Double.POSITIVE_INFINITY ? 0 : regM1 * k1)
                + (regM2 == Double.POSITIVE_INFINITY ? 0 : regM2 * k2);
    }

    private static double kl(double x, double y) {
        return (x > 0 ? x * Math.log(x / y) : 0) - x + y;
    }

    private static double rowLse(double[] logK, int i, int m, double[] logV) {
        double mx = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            mx = Math.max(mx, logK[i * m + j] + logV[j]);
        }
        double s = 0;
        for (int j = 0; j < m; j++) {
            s += Math.exp(logK[i * m + j] + logV[j] - mx);
        }
        return mx + Math.log(s);
    }

    private static double columnLse(double[] logK, int j, int n, int m, double[] logU) {
        double mx = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            mx = Math.max(mx, logK[i * m + j] + logU[i]);
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.exp(logK[i * m + j] + logU[i] - mx);
        }
        return mx + Math.log(s);
    }

    /** POT's rule on the scalings themselves: max|x − x'| / max(max|x|, max|x'|, 1), x = exp(log x). */
    private static double relativeChange(double[] logX, double[] logPrev) {
        double diff = 0;
        double big = 1;
        for (int k = 0; k < logX.length; k++) {
            double x = Math.exp(logX[k]);
            double y = Math.exp(logPrev[k]);
            diff = Math.max(diff, Math.abs(x - y));
            big = Math.max(big, Math.max(Math.abs(x), Math.abs(y)));
        }
        return diff / big;
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static void check(double[] a, double[] b, Mat M, double reg, double regM1, double regM2) {
        if (a == null || b == null || M == null) {
            throw new IllegalArgumentException((a == null ? "a" : b == null ? "b" : "M") + " is missing");
        }
        Check.finite("M", M);
        if (M.rows != a.length || M.cols != b.length) {
            throw new IllegalArgumentException("a has " + a.length + " and b " + b.length + " entries; M is " + M.rows + "x" + M.cols);
        }
        for (int k = 0; k < a.length + b.length; k++) {
            double x = k < a.length ? a[k] : b[k - a.length];
            if (!(x > 0 && x < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException((k < a.length ? "a" : "b") + " must hold positive finite masses, entry "
                        + (k < a.length ? k : k - a.length) + " is " + x);
            }
        }
        Check.positive("reg", reg);
        if (!(regM1 > 0) || !(regM2 > 0)) {
            throw new IllegalArgumentException("regM must be positive (Infinity imposes the marginal), got " + regM1 + " and " + regM2);
        }
    }
}

package org.gwbench.sinkhorn;

import org.gwbench.linalg.Mat;
import org.gwbench.linalg.Parallel;
import org.gwbench.linalg.VecMath;
import org.gwbench.problem.Check;
import org.gwbench.problem.Status;

/** What the Sinkhorn variants share: input checks and the summary of a finished solve. */
final class SinkhornSupport {
    private SinkhornSupport() {
    }

    static void validate(double[] a, double[] b, Mat M, double reg) {
        Check.nonEmpty("M", M);
        Check.distribution("a", a, M.rows);
        Check.distribution("b", b, M.cols);
        Check.positive("reg", reg);
    }

    /**
     * The shapes the warm-start entry point relies on (its values are the caller's to validate): O(1), so
     * a wrong length is one clear message rather than an index out of bounds deep in a loop.
     */
    static void checkShapes(double[] a, double[] b, Mat M, double[] f0, double[] g0) {
        if (M == null || a == null || b == null) {
            throw new IllegalArgumentException((M == null ? "M" : a == null ? "a" : "b") + " is missing");
        }
        if (a.length != M.rows || b.length != M.cols) {
            throw new IllegalArgumentException("a has " + a.length + " and b " + b.length + " entries; M is " + M.rows + "x" + M.cols);
        }
        if (f0 != null && f0.length != M.rows) {
            throw new IllegalArgumentException("f0 has " + f0.length + " entries, expected " + M.rows);
        }
        if (g0 != null && g0.length != M.cols) {
            throw new IllegalArgumentException("g0 has " + g0.length + " entries, expected " + M.cols);
        }
    }

    static Mat output(Mat out, Mat M) {
        if (out == null) {
            return Mat.zeros(M.rows, M.cols);
        }
        M.requireSameShape(out, "out");
        if (out == M || out.data == M.data) {
            throw new IllegalArgumentException("out must not be the cost matrix M");
        }
        return out;
    }

    /**
     * Writes P_ij = exp((f_i + g_j − M_ij)/reg) into P (unless planReady says P holds it already) and
     * returns the summary. The loss uses log P = (f + g − M)/reg, so
     * ⟨M,P⟩ + reg·Σ P(log P − 1) = Σ P_ij (f_i + g_j − reg) = Σ_i (f_i − reg)·r_i + Σ_j g_j·c_j with r, c
     * the row and column sums of P. One parallel pass over P.
     */
    static SinkhornResult finish(double[] a, double[] b, Mat M, double reg, double[] f, double[] g, Mat P,
                                 boolean planReady, int iterations, Status status, double[] errors) {
        int n = M.rows;
        int m = M.cols;
        double[] Md = M.data;
        double[] Pd = P.data;
        double inv = 1.0 / reg;
        int blocks = Parallel.blocks(n, m);
        int chunk = (n + blocks - 1) / blocks;
        double[] rows = new double[n];
        double[][] colPart = new double[blocks][m];
        double[] costPart = new double[blocks];
        Parallel.rows(blocks, Parallel.GRAIN, (lo, hi) -> {
            for (int bk = lo; bk < hi; bk++) {
                double[] cs = colPart[bk];
                double c = 0;
                for (int i = bk * chunk, e = Math.min(n, (bk + 1) * chunk); i < e; i++) {
                    int o = i * m;
                    if (!planReady) {
                        VecMath.expAffine(f[i], g, Md, o, m, inv, Pd);
                    }
                    double rs = 0;
                    for (int j = 0; j < m; j++) {
                        double p = Pd[o + j];
                        rs += p;
                        cs[j] += p;
                        c += Md[o + j] * p;
                    }
                    rows[i] = rs;
                }
                costPart[bk] = c;
            }
        });
        double[] cols = new double[m];
        double cost = 0;
        for (int bk = 0; bk < blocks; bk++) {
            cost += costPart[bk];
            for (int j = 0; j < m; j++) {
                cols[j] += colPart[bk][j];
            }
        }
        // Σ P_ij (f_i + g_j − reg) through the marginals; a row or column with f_i or g_j = −∞ has P = 0.
        double loss = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(f[i])) {
                loss += (f[i] - reg) * rows[i];
            }
        }
        for (int j = 0; j < m; j++) {
            if (Double.isFinite(g[j])) {
                loss += g[j] * cols[j];
            }
        }
        double err = 0;
        for (int i = 0; i < n; i++) {
            err += Math.abs(rows[i] - a[i]);
        }
        for (int j = 0; j < m; j++) {
            err += Math.abs(cols[j] - b[j]);
        }
        if (!Double.isFinite(err) && status != Status.INTERRUPTED) {
            status = Status.NUMERICAL_ERROR;
        }
        return new SinkhornResult(P, f, g, cost, loss, iterations, err, status, errors);
    }

    /** The stopping rule shared by the Sinkhorn loops: records each error and decides when to stop. */
    static final class StopRule {
        private final SinkhornOptions options;
        private final double[] errors;
        private int count;
        private Status status = Status.MAX_ITER;

        StopRule(SinkhornOptions options) {
            this.options = options;
            this.errors = new double[options.maxIter() + 1];
        }

        /** Records the L2 column-marginal error; true when it ends the solve (converged or not finite). */
        boolean record(double err) {
            errors[count++] = err;
            if (err < options.tol()) {
                status = Status.CONVERGED;
                return true;
            }
            if (!Double.isFinite(err)) {
                status = Status.NUMERICAL_ERROR;
                return true;
            }
            return false;
        }

        /** True when iteration it would exceed the budget or the thread was interrupted. */
        boolean exhausted(int it) {
            if (it == options.maxIter()) {
                return true;
            }
            if (Thread.currentThread().isInterrupted()) {
                status = Status.INTERRUPTED;
                return true;
            }
            return false;
        }

        void fail() {
            status = Status.NUMERICAL_ERROR;
        }

        Status status() {
            return status;
        }

        double[] errors() {
            return java.util.Arrays.copyOf(errors, count);
        }
    }
}

package org.gwbench.sinkhorn;

import org.gwbench.linalg.Mat;
import org.gwbench.linalg.Parallel;
import org.gwbench.linalg.VecMath;

/**
 * Sinkhorn in the log domain (log-sum-exp stabilised; Peyré and Cuturi 2019, Remark 4.23), as POT's
 * {@code sinkhorn_log} with potentials f = reg·log u, g = reg·log v:
 * <pre>
 *   g_j ← reg·log b_j − reg·LSE_i((f_i − M_ij)/reg)
 *   f_i ← reg·log a_i − reg·LSE_j((g_j − M_ij)/reg)
 * </pre>
 * from f = g = 0 (or a warm start). Stable for any reg &gt; 0. The L2 column-marginal error of the
 * current iterate is read from the column LSE of the next g-update, so it costs nothing.
 *
 * <p>Cost per iteration: 2·n·m exponentials and two max passes, split over the cores and, with the
 * Vector API, over SIMD lanes ({@link VecMath}).
 */
public final class SinkhornLog implements EntropicOtSolver {
    private final SinkhornOptions options;

    public SinkhornLog(SinkhornOptions options) {
        this.options = options;
    }

    public static SinkhornLog defaults() {
        return new SinkhornLog(SinkhornOptions.defaults());
    }

    public SinkhornOptions options() {
        return options;
    }

    @Override
    public String name() {
        return "sinkhorn-log";
    }

    @Override
    public SinkhornResult solve(double[] a, double[] b, Mat M, double reg, double[] f0, double[] g0, Mat out) {
        SinkhornSupport.checkShapes(a, b, M, f0, g0);
        int n = M.rows;
        int m = M.cols;
        Mat P = SinkhornSupport.output(out, M);
        double[] f = f0 == null ? new double[n] : f0.clone();
        double[] g = g0 == null ? new double[m] : g0.clone();
        double[] logA = new double[n];
        double[] logB = new double[m];
        for (int i = 0; i < n; i++) {
            logA[i] = reg * Math.log(a[i]);
        }
        for (int j = 0; j < m; j++) {
            logB[j] = reg * Math.log(b[j]);
        }
        ColumnLse colLse = new ColumnLse(M, reg);
        double[] lse = new double[m];
        SinkhornSupport.StopRule stop = new SinkhornSupport.StopRule(options);
        int it = 0;
        while (true) {
            colLse.compute(f, lse);
            if (it > 0 || f0 != null) {
                // column sums of the current plan: exp(g_j/reg + lse_j); the exponent is capped at 300 so that a warm
                // start far from this cost's solution reads as a large error (squares stay finite), not as an overflow
                double err = 0;
                for (int j = 0; j < m; j++) {
                    double d = Math.exp(Math.min(g[j] / reg + lse[j], 300)) - b[j];
                    err += d * d;
                }
                if (stop.record(Math.sqrt(err))) {
                    break;
                }
            }
            if (stop.exhausted(it)) {
                break;
            }
            for (int j = 0; j < m; j++) {
                g[j] = logB[j] - reg * lse[j];
            }
            rowUpdate(M, reg, g, logA, f);
            it++;
        }
        return SinkhornSupport.finish(a, b, M, reg, f, g, P, false, it, stop.status(), stop.errors());
    }

    /** f_i ← logA_i − reg·LSE_j((g_j − M_ij)/reg), rows split over the cores. */
    private static void rowUpdate(Mat M, double reg, double[] g, double[] logA, double[] f) {
        int m = M.cols;
        double[] Md = M.data;
        double inv = 1.0 / reg;
        Parallel.rows(M.rows, m, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int o = i * m;
                double mx = VecMath.maxDiff(g, Md, o, m);
                double s = VecMath.sumExp(g, Md, o, m, mx, inv);
                f[i] = logA[i] - mx - reg * Math.log(s);
            }
        });
    }

    /**
     * lse_j = LSE_i((f_i − M_ij)/reg), computed row-wise over contiguous memory: each worker keeps
     * its own column max and sum for a block of rows, and the blocks are merged.
     */
    private static final class ColumnLse {
        private final Mat M;
        private final double inv;
        private final double[] mx;

        ColumnLse(Mat M, double reg) {
            this.M = M;
            this.inv = 1.0 / reg;
            this.mx = new double[M.cols];
        }

        void compute(double[] f, double[] lse) {
            int n = M.rows;
            int m = M.cols;
            double[] Md = M.data;
            int blocks = Parallel.blocks(n, m);
            double[][] partMax = new double[blocks][m];
            int chunk = (n + blocks - 1) / blocks;
            Parallel.rows(blocks, Parallel.GRAIN, (lo, hi) -> {
                for (int bk = lo; bk < hi; bk++) {
                    double[] x = partMax[bk];
                    java.util.Arrays.fill(x, Double.NEGATIVE_INFINITY);
                    for (int i = bk * chunk, e = Math.min(n, (bk + 1) * chunk); i < e; i++) {
                        VecMath.maxDiffInto(f[i], Md, i * m, m, x);
                    }
                }
            });
            java.util.Arrays.fill(mx, Double.NEGATIVE_INFINITY);
            for (double[] x : partMax) {
                for (int j = 0; j < m; j++) {
                    mx[j] = Math.max(mx[j], x[j]);
                }
            }
            double[][] partial = new double[blocks][m];
            Parallel.rows(blocks, Parallel.GRAIN, (lo, hi) -> {
                for (int bk = lo; bk < hi; bk++) {
                    double[] s = partial[bk];
                    for (int i = bk * chunk, e = Math.min(n, (bk + 1) * chunk); i < e; i++) {
                        VecMath.addExp(f[i], Md, i * m, mx, m, inv, s);
                    }
                }
            });
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (double[] p : partial) {
                    s += p[j];
                }
                lse[j] = mx[j] * inv + Math.log(s);
            }
        }
    }
}

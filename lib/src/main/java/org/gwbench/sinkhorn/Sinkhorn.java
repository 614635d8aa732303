package org.gwbench.sinkhorn;

import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.linalg.Parallel;
import org.gwbench.linalg.VecMath;

/**
 * Sinkhorn-Knopp in the kernel domain (Cuturi 2013), as POT's {@code sinkhorn_knopp}:
 * K = exp(−M/reg), then repeat v ← b ⊘ Kᵀu, u ← a ⊘ Kv from u = 1/n, v = 1/m (or from a warm start
 * u = e^{f0/reg}, v = e^{g0/reg}). Stops on ‖v ⊙ Kᵀu − b‖₂ &lt; tol, read every iteration.
 *
 * <p>Cost per iteration: two matrix-vector products through the {@link Blas} seam (2·n·m multiply-adds),
 * plus n·m exponentials once for K. Underflows when M/reg is large (exp(−M/reg) = 0 on a whole row or
 * column gives a division by zero): the solve then stops with {@link Status#NUMERICAL_ERROR} and the
 * last finite iterate; use {@link SinkhornLog} for small reg.
 */
public final class Sinkhorn implements EntropicOtSolver {
    private final SinkhornOptions options;
    private final Blas blas;

    public Sinkhorn(SinkhornOptions options) {
        this(options, Blas.active());
    }

    public Sinkhorn(SinkhornOptions options, Blas blas) {
        this.options = options;
        this.blas = blas;
    }

    public static Sinkhorn defaults() {
        return new Sinkhorn(SinkhornOptions.defaults());
    }

    public SinkhornOptions options() {
        return options;
    }

    @Override
    public String name() {
        return "sinkhorn";
    }

    @Override
    public SinkhornResult solve(double[] a, double[] b, Mat M, double reg, double[] f0, double[] g0, Mat out) {
        SinkhornSupport.checkShapes(a, b, M, f0, g0);
        int n = M.rows;
        int m = M.cols;
        Mat K = SinkhornSupport.output(out, M);
        double[] Kd = K.data;
        double[] Md = M.data;
        double inv = 1.0 / reg;
        Parallel.rows(n, m, (lo, hi) -> VecMath.expAffine(0, null, Md, lo * m, (hi - lo) * m, inv, Kd));
        double[] u = scaling(f0, n, reg);
        double[] v = scaling(g0, m, reg);
        double[] uPrev = new double[n];
        double[] vPrev = new double[m];
        double[] KtU = new double[m];
        double[] Kv = new double[n];
        SinkhornSupport.StopRule stop = new SinkhornSupport.StopRule(options);
        int it = 0;
        while (true) {
            blas.gemv(true, n, m, 1.0, Kd, m, u, 0.0, KtU);
            if (it > 0 || f0 != null) {
                double err = 0;
                for (int j = 0; j < m; j++) {
                    double d = v[j] * KtU[j] - b[j];
                    err += d * d;
                }
                if (stop.record(Math.sqrt(err))) {
                    break;
                }
            }
            if (stop.exhausted(it)) {
                break;
            }
            System.arraycopy(u, 0, uPrev, 0, n);
            System.arraycopy(v, 0, vPrev, 0, m);
            for (int j = 0; j < m; j++) {
                v[j] = b[j] / KtU[j];
            }
            blas.gemv(false, n, m, 1.0, Kd, m, v, 0.0, Kv);
            boolean bad = false;
            for (int i = 0; i < n; i++) {
                u[i] = a[i] / Kv[i];
                bad |= !Double.isFinite(u[i]);
            }
            for (int j = 0; j < m; j++) {
                bad |= !Double.isFinite(v[j]);
            }
            if (bad) {
                System.arraycopy(uPrev, 0, u, 0, n);
                System.arraycopy(vPrev, 0, v, 0, m);
                stop.fail();
                break;
            }
            it++;
        }
        scaleInPlace(K, u, v);
        return SinkhornSupport.finish(a, b, M, reg, potential(u, reg), potential(v, reg), K, true, it, stop.status(), stop.errors());
    }

    /** The start of a scaling: 1/k everywhere (POT's), or e^{h0/reg} from a warm-start potential. */
    private static double[] scaling(double[] h0, int k, double reg) {
        double[] x = new double[k];
        for (int i = 0; i < k; i++) {
            x[i] = h0 == null ? 1.0 / k : Math.exp(h0[i] / reg);
        }
        return x;
    }

    /** reg·log x: the potential of a scaling. */
    private static double[] potential(double[] x, double reg) {
        double[] h = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            h[i] = reg * Math.log(x[i]);
        }
        return h;
    }

    /** K ← [u] K [v], rows split over the cores. */
    private static void scaleInPlace(Mat K, double[] u, double[] v) {
        int m = K.cols;
        double[] Kd = K.data;
        Parallel.rows(K.rows, m, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                double ui = u[i];
                for (int j = 0, o = i * m; j < m; j++) {
                    Kd[o + j] *= ui * v[j];
                }
            }
        });
    }
}

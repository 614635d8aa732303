package org.gwbench.grad;

import org.gwbench.linalg.Mat;
import org.gwbench.sinkhorn.SinkhornProjection;

/**
 * Test oracle: reverse mode through the unrolled Sinkhorn iterations of {@link SinkhornProjection}
 * (the same T iterations from v = w = 1, then the rescaling), written step by step with no implicit
 * function theorem. O(T·n·m) time and memory.
 */
final class UnrolledProjection {
    private UnrolledProjection() {
    }

    static Mat gradient(Mat K, double[] mu0, double[] mu, int T, Mat G) {
        int n = K.rows;
        int m = K.cols;
        double[][] vs = new double[T + 1][];
        double[][] ws = new double[T + 1][];
        ws[0] = new double[m];
        java.util.Arrays.fill(ws[0], 1.0);
        for (int t = 1; t <= T; t++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += K.get(i, j) * ws[t - 1][j] * mu[j];
                }
                v[i] = 1 / s;
            }
            double[] w = new double[m];
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += K.get(i, j) * v[i] * mu0[i];
                }
                w[j] = 1 / s;
            }
            vs[t] = v;
            ws[t] = w;
        }
        double[] vT = vs[T];
        double[] wT = ws[T];
        double sv = 0;
        double sw = 0;
        for (double x : vT) {
            sv += x;
        }
        for (double x : wT) {
            sw += x;
        }
        double r = Math.sqrt(sv / sw);
        double[] v = new double[n];
        double[] w = new double[m];
        for (int i = 0; i < n; i++) {
            v[i] = vT[i] / r;
        }
        for (int j = 0; j < m; j++) {
            w[j] = wT[j] * r;
        }
        // Γ = [v] K [w]
        Mat gK = Mat.zeros(n, m);
        double[] vb = new double[n];
        double[] wb = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double g = G.get(i, j);
                gK.set(i, j, v[i] * g * w[j]);
                vb[i] += g * K.get(i, j) * w[j];
                wb[j] += g * v[i] * K.get(i, j);
            }
        }
        // v = vT / r, w = wT · r, r = √(sv/sw)
        double rb = 0;
        for (int i = 0; i < n; i++) {
            rb -= vb[i] * vT[i] / (r * r);
        }
        for (int j = 0; j < m; j++) {
            rb += wb[j] * wT[j];
        }
        double svb = rb * r / (2 * sv);
        double swb = -rb * r / (2 * sw);
        double[] vtb = new double[n];
        double[] wtb = new double[m];
        for (int i = 0; i < n; i++) {
            vtb[i] = vb[i] / r + svb;
        }
        for (int j = 0; j < m; j++) {
            wtb[j] = wb[j] * r + swb;
        }
        for (int t = T; t >= 1; t--) {
            // w_t = 1 ⊘ Kᵀ(v_t ⊙ μ0)
            double[] vt = vs[t];
            double[] wt = ws[t];
            double[] vprev = vtb;
            double[] yb = new double[m];
            for (int j = 0; j < m; j++) {
                yb[j] = -wtb[j] * wt[j] * wt[j];
            }
            double[] vbt = vprev.clone();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    gK.set(i, j, gK.get(i, j) + vt[i] * mu0[i] * yb[j]);
                    vbt[i] += mu0[i] * K.get(i, j) * yb[j];
                }
            }
            // v_t = 1 ⊘ K(w_{t−1} ⊙ μ)
            double[] xb = new double[n];
            for (int i = 0; i < n; i++) {
                xb[i] = -vbt[i] * vt[i] * vt[i];
            }
            double[] wprevb = new double[m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    gK.set(i, j, gK.get(i, j) + xb[i] * ws[t - 1][j] * mu[j]);
                    wprevb[j] += mu[j] * K.get(i, j) * xb[i];
                }
            }
            wtb = wprevb;
            vtb = new double[n];
        }
        return gK;
    }
}

package org.gwbench.gw;

import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;

/**
 * Dykstra's algorithm for the low-rank coupling's projection (Scetbon, Cuturi, Peyré 2021, Algorithm 2; POT's
 * {@code _LR_Dysktra}): given kernels K1 (n×r), K2 (m×r), K3 (r), the factors Q = [u1] K1 [v1],
 * R = [u2] K2 [v2] and g ≥ α closest in KL with Q1 = p1, R1 = p2, Qᵀ1 = Rᵀ1 = g. Stops when
 * ‖u1 ⊙ K1 v1 − p1‖₁ + ‖u2 ⊙ K2 v2 − p2‖₁ ≤ stopThr, or after maxIter.
 */
final class Dykstra {
    record Out(Mat Q, Mat R, double[] g) {
    }

    private Dykstra() {
    }

    static Out project(Mat K1, Mat K2, double[] K3, double[] p1, double[] p2, double alpha, double stopThr, int maxIter) {
        int r = K3.length;
        double[] gt = K3.clone();
        double[] q31 = ones(r);
        double[] q32 = ones(r);
        double[] v1t = ones(r);
        double[] v2t = ones(r);
        double[] q1 = ones(r);
        double[] q2 = ones(r);
        double[] u1 = null;
        double[] u2 = null;
        double[] v1 = v1t;
        double[] v2 = v2t;
        double err = 1;
        for (int it = 0; it < maxIter && err > stopThr; it++) {
            u1 = divide(p1, times(K1, v1t));
            u2 = divide(p2, times(K2, v2t));
            double[] g = new double[r];
            for (int k = 0; k < r; k++) {
                g[k] = Math.max(alpha, gt[k] * q31[k]);
                q31[k] = gt[k] * q31[k] / g[k];
            }
            gt = g.clone();
            double[] k1u = timesT(K1, u1);
            double[] k2u = timesT(K2, u2);
            for (int k = 0; k < r; k++) {
                double prod1 = v1t[k] * q1[k] * k1u[k];
                double prod2 = v2t[k] * q2[k] * k2u[k];
                g[k] = Math.pow(gt[k] * q32[k] * prod1 * prod2, 1.0 / 3);
            }
            v1 = new double[r];
            v2 = new double[r];
            for (int k = 0; k < r; k++) {
                v1[k] = g[k] / k1u[k];
                v2[k] = g[k] / k2u[k];
                q1[k] = v1t[k] * q1[k] / v1[k];
                q2[k] = v2t[k] * q2[k] / v2[k];
                q32[k] = gt[k] * q32[k] / g[k];
            }
            v1t = v1.clone();
            v2t = v2.clone();
            gt = g;
            err = l1(u1, times(K1, v1), p1) + l1(u2, times(K2, v2), p2);
        }
        return new Out(scaled(K1, u1, v1), scaled(K2, u2, v2), gt);
    }

    private static double[] ones(int r) {
        double[] x = new double[r];
        java.util.Arrays.fill(x, 1);
        return x;
    }

    /** K v through the BLAS seam (K is n×r). */
    private static double[] times(Mat K, double[] v) {
        double[] out = new double[K.rows];
        Blas.active().gemv(false, K.rows, K.cols, 1.0, K.data, K.cols, v, 0.0, out);
        return out;
    }

    /** Kᵀ u through the BLAS seam. */
    private static double[] timesT(Mat K, double[] u) {
        double[] out = new double[K.cols];
        Blas.active().gemv(true, K.rows, K.cols, 1.0, K.data, K.cols, u, 0.0, out);
        return out;
    }

    private static double[] divide(double[] p, double[] x) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] / x[i];
        }
        return out;
    }

    private static double l1(double[] u, double[] kv, double[] p) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += Math.abs(u[i] * kv[i] - p[i]);
        }
        return s;
    }

    private static Mat scaled(Mat K, double[] u, double[] v) {
        Mat F = Mat.zeros(K.rows, K.cols);
        int r = K.cols;
        for (int i = 0; i < K.rows; i++) {
            for (int k = 0; k < r; k++) {
                F.data[i * r + k] = u[i] * K.data[i * r + k] * v[k];
            }
        }
        return F;
    }
}

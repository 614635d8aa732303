package org.gwbench.sinkhorn;

import org.gwbench.linalg.Mat;

/**
 * The log-domain updates and softmaxes of the unrolled Sinkhorn and the log-domain barycentre, one row
 * at a time and serial: their reverse passes recompute these softmaxes from the stored potentials.
 */
final class LogDomain {
    private LogDomain() {
    }

    /** f_i = reg log a_i − reg LSE_j((g_j − C_ij)/reg). */
    static double[] rowUpdate(Mat C, double reg, double[] g, double[] a) {
        int n = C.rows;
        int m = C.cols;
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            double mx = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                mx = Math.max(mx, (g[j] - C.data[i * m + j]) / reg);
            }
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += Math.exp((g[j] - C.data[i * m + j]) / reg - mx);
            }
            f[i] = reg * Math.log(a[i]) - reg * (mx + Math.log(s));
        }
        return f;
    }

    /** g_j = reg log b_j − reg LSE_i((f_i − C_ij)/reg): the row update of the transposed problem. */
    static double[] colUpdate(Mat C, double reg, double[] f, double[] b) {
        return rowUpdate(C.transpose(), reg, f, b);
    }

    /** W_ij = exp((g_j − C_ij)/reg) / Σ_j (row softmax). */
    static Mat rowSoftmax(Mat C, double reg, double[] g) {
        int n = C.rows;
        int m = C.cols;
        Mat W = Mat.zeros(n, m);
        for (int i = 0; i < n; i++) {
            double mx = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                mx = Math.max(mx, (g[j] - C.data[i * m + j]) / reg);
            }
            double s = 0;
            for (int j = 0; j < m; j++) {
                double e = Math.exp((g[j] - C.data[i * m + j]) / reg - mx);
                W.data[i * m + j] = e;
                s += e;
            }
            for (int j = 0; j < m; j++) {
                W.data[i * m + j] /= s;
            }
        }
        return W;
    }

    /** X_ij = exp((f_i − C_ij)/reg) / Σ_i (column softmax). */
    static Mat columnSoftmax(Mat C, double reg, double[] f) {
        Mat T = rowSoftmax(C.transpose(), reg, f);
        return T.transpose();
    }

    static double rowError(Mat C, double reg, double[] f, double[] g, double[] a) {
        int m = C.cols;
        double err = 0;
        for (int i = 0; i < C.rows; i++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += Math.exp((f[i] + g[j] - C.data[i * m + j]) / reg);
            }
            err += Math.abs(s - a[i]);
        }
        return err;
    }

    static Mat plan(Mat C, double reg, double[] f, double[] g) {
        int m = C.cols;
        Mat P = Mat.zeros(C.rows, m);
        for (int i = 0; i < C.rows; i++) {
            for (int j = 0; j < m; j++) {
                P.data[i * m + j] = Math.exp((f[i] + g[j] - C.data[i * m + j]) / reg);
            }
        }
        return P;
    }
}

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
    static double[] rowUpdate(Mat M, double reg, double[] g, double[] a) {
        int n = M.rows;
        int m = M.cols;
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            double mx = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                mx = Math.max(mx, (g[j] - M.data[i * m + j]) / reg);
            }
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += Math.exp((g[j] - M.data[i * m + j]) / reg - mx);
            }
            f[i] = reg * Math.log(a[i]) - reg * (mx + Math.log(s));
        }
        return f;
    }

    /** g_j = reg log b_j − reg LSE_i((f_i − C_ij)/reg): the row update of the transposed problem. */
    static double[] colUpdate(Mat M, double reg, double[] f, double[] b) {
        return rowUpdate(M.transpose(), reg, f, b);
    }

    /** W_ij = exp((g_j − C_ij)/reg) / Σ_j (row softmax). */
    static Mat rowSoftmax(Mat M, double reg, double[] g) {
        int n = M.rows;
        int m = M.cols;
        Mat W = Mat.zeros(n, m);
        for (int i = 0; i < n; i++) {
            double mx = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                mx = Math.max(mx, (g[j] - M.data[i * m + j]) / reg);
            }
            double s = 0;
            for (int j = 0; j < m; j++) {
                double e = Math.exp((g[j] - M.data[i * m + j]) / reg - mx);
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
    static Mat columnSoftmax(Mat M, double reg, double[] f) {
        Mat T = rowSoftmax(M.transpose(), reg, f);
        return T.transpose();
    }

    static double rowError(Mat M, double reg, double[] f, double[] g, double[] a) {
        int m = M.cols;
        double err = 0;
        for (int i = 0; i < M.rows; i++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += Math.exp((f[i] + g[j] - M.data[i * m + j]) / reg);
            }
            err += Math.abs(s - a[i]);
        }
        return err;
    }

    static Mat plan(Mat M, double reg, double[] f, double[] g) {
        int m = M.cols;
        Mat P = Mat.zeros(M.rows, m);
        for (int i = 0; i < M.rows; i++) {
            for (int j = 0; j < m; j++) {
                P.data[i * m + j] = Math.exp((f[i] + g[j] - M.data[i * m + j]) / reg);
            }
        }
        return P;
    }
}

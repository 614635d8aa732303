package org.gwbench.gw;

import org.gwbench.linalg.Mat;

/** Small plan computations the iterative GW solvers share. */
final class PlanMath {
    private PlanMath() {
    }

    /** ‖A − B‖_F. */
    static double distance(Mat A, Mat B) {
        double s = 0;
        for (int k = 0; k < A.data.length; k++) {
            double d = A.data[k] - B.data[k];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** Every entry finite. */
    static boolean allFinite(Mat T) {
        for (double v : T.data) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** f(C) w, or ½(f(C) w + f(Cᵀ) w) when not symmetric, f applied entrywise. */
    static double[] marginalTerm(Mat C, double[] w, java.util.function.DoubleUnaryOperator f, boolean symmetric) {
        int n = C.rows;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            double t = 0;
            for (int k = 0; k < n; k++) {
                s += f.applyAsDouble(C.get(i, k)) * w[k];
                t += f.applyAsDouble(C.get(k, i)) * w[k];
            }
            out[i] = symmetric ? s : 0.5 * (s + t);
        }
        return out;
    }

    /** ‖T1 − p‖₁: how far the plan's rows are from p (the semi-relaxed solvers impose only those). */
    static double rowError(Mat T, double[] p) {
        double[] r = T.rowSums();
        double e = 0;
        for (int i = 0; i < r.length; i++) {
            e += Math.abs(r[i] - p[i]);
        }
        return e;
    }

    /**
     * The coupling of p and q nearest T in the sense of Altschuler, Weed and Rigollet (NeurIPS 2017, Algorithm 2,
     * "round"): rows scaled down to at most p, then columns to at most q, then the missing mass added as the
     * rank-one (p − r)(q − c)ᵀ / ‖p − r‖₁. Its marginals are p and q to rounding, and it is within
     * 2(‖T1 − p‖₁ + ‖Tᵀ1 − q‖₁) of T in L1. T is not modified.
     */
    static Mat round(Mat T, double[] p, double[] q) {
        Mat X = T.copy();
        double[] r = X.rowSums();
        for (int i = 0; i < X.rows; i++) {
            double s = r[i] > p[i] ? p[i] / r[i] : 1;
            for (int j = 0; j < X.cols; j++) {
                X.set(i, j, X.get(i, j) * s);
            }
        }
        double[] c = X.colSums();
        for (int j = 0; j < X.cols; j++) {
            double s = c[j] > q[j] ? q[j] / c[j] : 1;
            for (int i = 0; i < X.rows; i++) {
                X.set(i, j, X.get(i, j) * s);
            }
        }
        r = X.rowSums();
        c = X.colSums();
        double[] er = new double[X.rows];
        double[] ec = new double[X.cols];
        double mass = 0;
        for (int i = 0; i < X.rows; i++) {
            er[i] = Math.max(p[i] - r[i], 0);
            mass += er[i];
        }
        for (int j = 0; j < X.cols; j++) {
            ec[j] = Math.max(q[j] - c[j], 0);
        }
        if (mass > 0) {
            for (int i = 0; i < X.rows; i++) {
                for (int j = 0; j < X.cols; j++) {
                    X.set(i, j, X.get(i, j) + er[i] * ec[j] / mass);
                }
            }
        }
        return X;
    }
}

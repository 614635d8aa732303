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
}

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
}

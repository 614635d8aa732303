package org.gwbench.gw;

import java.util.List;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Status;

/**
 * The outcome of a GW solve.
 *
 * @param plan the coupling T (n×m)
 * @param value Σ_{i,j,k,l} L(C1_ik, C2_jl) T_ij T_kl: no entropy, no ½, no square root (POT's d_GW is ½·√value)
 * @param iterations outer iterations done
 * @param marginalError ‖T1 − p‖₁ + ‖Tᵀ1 − q‖₁
 * @param status how the outer iteration ended
 * @param log one entry per outer iteration
 * @param seconds wall time of the solve
 */
public record GwResult(Mat plan, double value, int iterations, double marginalError, Status status,
                       List<GwIteration> log, double seconds) {
    public GwResult {
        log = List.copyOf(log);
    }

    public boolean converged() {
        return status == Status.CONVERGED;
    }

    /** ‖T1 − p‖₁ + ‖Tᵀ1 − q‖₁ for any plan. */
    public static double marginalError(Mat T, double[] p, double[] q) {
        double[] r = T.rowSums();
        double[] c = T.colSums();
        double e = 0;
        for (int i = 0; i < r.length; i++) {
            e += Math.abs(r[i] - p[i]);
        }
        for (int j = 0; j < c.length; j++) {
            e += Math.abs(c[j] - q[j]);
        }
        return e;
    }
}

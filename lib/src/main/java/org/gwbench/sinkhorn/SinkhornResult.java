package org.gwbench.sinkhorn;

import org.gwbench.linalg.Mat;
import org.gwbench.problem.Status;

/**
 * The outcome of an entropic OT solve min ⟨M,P⟩ + reg·Σ P(log P − 1) subject to P1 = a, Pᵀ1 = b.
 *
 * @param plan P = diag(e^{f/reg}) e^{−M/reg} diag(e^{g/reg})
 * @param f dual potential of the rows (reg·log u); defined up to f + c, g − c
 * @param g dual potential of the columns (reg·log v)
 * @param cost ⟨M, P⟩
 * @param loss ⟨M, P⟩ + reg·Σ P(log P − 1)
 * @param iterations number of (u, v) updates done
 * @param marginalError ‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁
 * @param status how the iteration ended
 * @param errors the L2 column-marginal error seen at each iteration
 */
public record SinkhornResult(Mat plan, double[] f, double[] g, double cost, double loss, int iterations,
                             double marginalError, Status status, double[] errors) {
    public boolean converged() {
        return status == Status.CONVERGED;
    }
}

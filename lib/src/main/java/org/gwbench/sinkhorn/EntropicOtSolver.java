package org.gwbench.sinkhorn;

import org.gwbench.linalg.Mat;

/**
 * A solver of entropic OT, min ⟨M,P⟩ + reg·Σ P(log P − 1) s.t. P1 = a, Pᵀ1 = b; the inner solver that
 * entropic GW is given.
 */
public interface EntropicOtSolver {

    /**
     * @param a row weights (n), validated by the caller
     * @param b column weights (m)
     * @param M cost, n×m
     * @param reg the entropic regularisation, &gt; 0
     * @param f0 warm-start row potential (reg·log u) or null for POT's cold start
     * @param g0 warm-start column potential or null
     * @param out where the plan is written (n×m, overwritten; may be reused across calls) or null to
     *     allocate; it must not be M
     */
    SinkhornResult solve(double[] a, double[] b, Mat M, double reg, double[] f0, double[] g0, Mat out);

    /** Validates the input and solves from a cold start into a new plan. */
    default SinkhornResult solve(double[] a, double[] b, Mat M, double reg) {
        SinkhornSupport.validate(a, b, M, reg);
        return solve(a, b, M, reg, null, null, null);
    }

    /** A short name for logs and JSON, e.g. "sinkhorn". */
    String name();
}

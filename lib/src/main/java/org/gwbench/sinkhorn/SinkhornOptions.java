package org.gwbench.sinkhorn;

import org.gwbench.problem.Check;

/**
 * Stopping rule of the Sinkhorn solvers: stop when ‖Pᵀ1 − b‖₂ &lt; tol (the row marginal is exact
 * after each u-update), as POT's {@code stopThr}, or after maxIter (u, v) updates. Unlike POT, which
 * looks every 10 iterations, the error is read every iteration: it comes free with the next Kᵀu.
 *
 * @param maxIter at most this many (u, v) updates
 * @param tol threshold on the L2 column-marginal error
 */
public record SinkhornOptions(int maxIter, double tol) {
    public SinkhornOptions {
        Check.positive("maxIter", maxIter);
        Check.positive("tol", tol);
    }

    /** POT's defaults: 1000 iterations, 1e-9. */
    public static SinkhornOptions defaults() {
        return new SinkhornOptions(1000, 1e-9);
    }

    public SinkhornOptions withMaxIter(int maxIter) {
        return new SinkhornOptions(maxIter, tol);
    }

    public SinkhornOptions withTol(double tol) {
        return new SinkhornOptions(maxIter, tol);
    }
}

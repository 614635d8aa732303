package org.gwbench.gw;

import org.gwbench.problem.Check;

/**
 * Configuration of {@link BapgGw}, in POT's convention ({@code BAPG_gromov_wasserstein} and its fused
 * version take the same ε, the same α through the problem, the same stopping rule).
 *
 * @param epsilon the step's Bregman (KL) regularisation, POT's ε
 * @param maxIter iterations at most (one row and one column projection each)
 * @param tol stop when ‖T_new − T‖_F ≤ tol after an iteration (POT reads it every 10th, this every one)
 * @param marginalLoss keep the terms of the loss that depend only on the marginals (POT's marginal_loss):
 *     false, POT's default, differentiates −α⟨h1(C1) T h2(C2)ᵀ, T⟩ (they are constant on couplings, but the
 *     iterates are not couplings until the end)
 */
public record BapgGwOptions(double epsilon, int maxIter, double tol, boolean marginalLoss) {
    public BapgGwOptions {
        Check.positive("epsilon", epsilon);
        Check.positive("maxIter", maxIter);
        if (!(tol >= 0 && tol < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("tol must be a finite number >= 0, got " + tol);
        }
    }

    /** POT's defaults: 1000 iterations, tol 1e-9, marginal_loss False. */
    public static BapgGwOptions defaults(double epsilon) {
        return new BapgGwOptions(epsilon, 1000, 1e-9, false);
    }

    public BapgGwOptions withMaxIter(int maxIter) {
        return new BapgGwOptions(epsilon, maxIter, tol, marginalLoss);
    }

    public BapgGwOptions withTol(double tol) {
        return new BapgGwOptions(epsilon, maxIter, tol, marginalLoss);
    }

    public BapgGwOptions withMarginalLoss(boolean marginalLoss) {
        return new BapgGwOptions(epsilon, maxIter, tol, marginalLoss);
    }
}

package org.gwbench.gw;

/**
 * A Gromov-Wasserstein solver: {@code solve(problem) → result}. Implemented by the exact conditional
 * gradient ({@link ExactGw}), the entropic iteration ({@link EntropicGw}), BAPG ({@link BapgGw}) and the
 * GWF paper's PPA and BADMM modules ({@link PpaGw}, {@link BadmmGw}); the fused term travels in the problem
 * ({@link GwProblem#withFused}), so code that is given a solver (barycentres, pairwise matrices,
 * baselines) works with any of them.
 *
 * <p>A result that is not {@link GwResult#converged()} says why in its {@link GwResult#status()}.
 * A solver that cannot take a problem (a fused problem for a solver without a feature term, the KL loss
 * where only the square loss is defined) throws IllegalArgumentException naming what it lacks.
 */
public interface GwSolver {
    GwResult solve(GwProblem problem);

    /** A short name for tables and logs, e.g. "exact-gw". */
    String name();
}

package org.gwbench.gw;

import org.gwbench.problem.Check;

/**
 * Configuration of the GWF paper's GW discrepancy modules ({@link PpaGw}, {@link BadmmGw}).
 *
 * @param gamma γ in the <b>GWF paper's convention</b> (REFERENCE.md §1: Φ = exp(−(Cst − 2 Cs T Ctᵀ)/γ) ⊙ T;
 *     POT's PPA with ε equals this with γ = ε/2)
 * @param layers M, the number of steps at most (the module's depth)
 * @param logLayers whether the result's log records the discrepancy after every layer (one more
 *     sandwich product per layer); GWF's training loop turns it off
 * @param tol the stopping rule: the module stops, {@code CONVERGED}, after the first layer whose plan
 *     change ‖T_new − T‖_F is at most tol while both marginals hold to {@link #MARGINAL_TOL} (L1). 0, the
 *     default, is the paper's fixed-depth module: every layer runs and the status is {@code MAX_ITER}
 * @param innerIterations Sinkhorn iterations per proximal step of {@link PpaGw} (BADMM has none): 1, the
 *     paper's module, takes one; POT's {@code entropic_gromov_wasserstein(solver="PPA")} solves each step's
 *     Sinkhorn problem to convergence, which many iterations reproduce (with γ = ε/2)
 */
public record ProximalGwOptions(double gamma, int layers, boolean logLayers, double tol, int innerIterations) {
    /** The L1 marginal error a converged plan may have at most. */
    public static final double MARGINAL_TOL = 1e-6;

    public ProximalGwOptions {
        Check.positive("gamma", gamma);
        Check.positive("layers", layers);
        if (!(tol >= 0 && tol < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("tol must be a finite number >= 0, got " + tol);
        }
        Check.positive("innerIterations", innerIterations);
    }

    /** The paper's module: one Sinkhorn iteration per proximal step. */
    public ProximalGwOptions(double gamma, int layers, boolean logLayers, double tol) {
        this(gamma, layers, logLayers, tol, 1);
    }

    /** The fixed-depth module (tol = 0). */
    public ProximalGwOptions(double gamma, int layers, boolean logLayers) {
        this(gamma, layers, logLayers, 0);
    }

    /** With the per-layer log, fixed depth. */
    public ProximalGwOptions(double gamma, int layers) {
        this(gamma, layers, true, 0);
    }

    /** The same module without the per-layer log (the plan and the final value are unchanged). */
    public ProximalGwOptions withoutLog() {
        return new ProximalGwOptions(gamma, layers, false, tol, innerIterations);
    }

    /** The same module stopping early by {@code tol} (see the class comment). */
    public ProximalGwOptions withTol(double tol) {
        return new ProximalGwOptions(gamma, layers, logLayers, tol, innerIterations);
    }

    /** The same module with this many Sinkhorn iterations per proximal step (PPA; see the class comment). */
    public ProximalGwOptions withInnerIterations(int innerIterations) {
        return new ProximalGwOptions(gamma, layers, logLayers, tol, innerIterations);
    }
}

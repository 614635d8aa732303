package org.gwbench.gw;

import org.gwbench.problem.Check;

/**
 * Configuration of the GWF paper's GW discrepancy modules ({@link PpaGw}, {@link BadmmGw}).
 *
 * @param gamma γ in the <b>GWF paper's convention</b> (REFERENCE.md §1: Φ = exp(−(Cst − 2 Cs T Ctᵀ)/γ) ⊙ T;
 *     POT's PPA with ε equals this with γ = ε/2)
 * @param layers M, the fixed number of steps (the module's depth)
 * @param logLayers whether the result's log records the discrepancy after every layer (one more
 *     sandwich product per layer); GWF's training loop turns it off
 */
public record ProximalGwOptions(double gamma, int layers, boolean logLayers) {
    public ProximalGwOptions {
        Check.positive("gamma", gamma);
        Check.positive("layers", layers);
    }

    /** With the per-layer log. */
    public ProximalGwOptions(double gamma, int layers) {
        this(gamma, layers, true);
    }

    /** The same module without the per-layer log (the plan and the final value are unchanged). */
    public ProximalGwOptions withoutLog() {
        return new ProximalGwOptions(gamma, layers, false);
    }
}

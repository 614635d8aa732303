package org.gwbench.gw;

import org.gwbench.problem.Check;

/**
 * Configuration of the GWF paper's GW discrepancy modules ({@link PpaGw}, {@link BadmmGw}).
 *
 * @param gamma γ in the <b>GWF paper's convention</b> (REFERENCE.md §1: Φ = exp(−(Cst − 2 Cs T Ctᵀ)/γ) ⊙ T;
 *     POT's PPA with ε equals this with γ = ε/2)
 * @param layers M, the fixed number of steps (the module's depth)
 */
public record ProximalGwOptions(double gamma, int layers) {
    public ProximalGwOptions {
        Check.positive("gamma", gamma);
        Check.positive("layers", layers);
    }
}

package org.gwbench.gw;

import org.gwbench.problem.Check;

/**
 * Configuration of {@link PartialGw} (POT's partial_gromov_wasserstein defaults).
 *
 * @param mass the mass m to transport, 0 &lt; m ≤ 1 (both weight vectors sum to 1; POT's default is 1)
 * @param maxIter conditional-gradient iterations at most (POT: 1e4)
 * @param tolRel stop when |Δf| / |f| &lt; tolRel (POT's tol, 1e-8)
 * @param tolAbs or when |Δf| &lt; tolAbs (POT: 0, off)
 * @param lowRank factorise the structures when they are of low rank to roundoff
 */
public record PartialGwOptions(double mass, int maxIter, double tolRel, double tolAbs, boolean lowRank) {
    public PartialGwOptions {
        if (!(mass > 0) || !(mass <= 1)) {
            throw new IllegalArgumentException("mass must be in (0, 1] (the share of the unit mass to transport), got " + mass);
        }
        Check.positive("maxIter", maxIter);
        if (!(tolRel >= 0) || !(tolAbs >= 0)) {
            throw new IllegalArgumentException("tolRel and tolAbs must be >= 0, got " + tolRel + ", " + tolAbs);
        }
    }

    /** POT's defaults with the given mass: 10⁴ iterations, relative tolerance 1e-8, no absolute one. */
    public static PartialGwOptions defaults(double mass) {
        return new PartialGwOptions(mass, 10000, 1e-8, 0, true);
    }

    public PartialGwOptions withMaxIter(int maxIter) {
        return new PartialGwOptions(mass, maxIter, tolRel, tolAbs, lowRank);
    }

    public PartialGwOptions withTol(double tolRel, double tolAbs) {
        return new PartialGwOptions(mass, maxIter, tolRel, tolAbs, lowRank);
    }
}

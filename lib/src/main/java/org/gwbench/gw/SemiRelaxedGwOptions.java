package org.gwbench.gw;

import org.gwbench.problem.Check;

/**
 * Configuration of {@link SemiRelaxedGw} (POT's semirelaxed_gromov_wasserstein defaults).
 *
 * @param maxIter conditional-gradient iterations at most (POT: 1e4)
 * @param tolRel stop when |Δf| / |f| &lt; tolRel (POT: 1e-9)
 * @param tolAbs or when |Δf| &lt; tolAbs (POT: 1e-9)
 * @param lowRank factorise the structures when they are of low rank to roundoff
 */
public record SemiRelaxedGwOptions(int maxIter, double tolRel, double tolAbs, boolean lowRank) {
    public SemiRelaxedGwOptions {
        Check.positive("maxIter", maxIter);
        if (!(tolRel >= 0) || !(tolAbs >= 0)) {
            throw new IllegalArgumentException("tolRel and tolAbs must be >= 0, got " + tolRel + ", " + tolAbs);
        }
    }

    public static SemiRelaxedGwOptions defaults() {
        return new SemiRelaxedGwOptions(10000, 1e-9, 1e-9, true);
    }

    public SemiRelaxedGwOptions withMaxIter(int maxIter) {
        return new SemiRelaxedGwOptions(maxIter, tolRel, tolAbs, lowRank);
    }

    public SemiRelaxedGwOptions withTol(double tolRel, double tolAbs) {
        return new SemiRelaxedGwOptions(maxIter, tolRel, tolAbs, lowRank);
    }
}

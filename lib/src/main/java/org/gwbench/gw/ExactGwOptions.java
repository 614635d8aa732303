package org.gwbench.gw;

import org.gwbench.problem.Check;

/**
 * Configuration of {@link ExactGw} (POT's gromov_wasserstein defaults).
 *
 * @param maxIter conditional-gradient iterations at most (POT: 1e4)
 * @param tolRel stop when |Δf| / |f| &lt; tolRel (POT's tol_rel, 1e-9)
 * @param tolAbs or when |Δf| &lt; tolAbs (POT's tol_abs, 1e-9)
 * @param lowRank factorise the structures when they are of low rank to roundoff
 */
public record ExactGwOptions(int maxIter, double tolRel, double tolAbs, boolean lowRank) {
    public ExactGwOptions {
        Check.positive("maxIter", maxIter);
        if (!(tolRel >= 0) || !(tolAbs >= 0)) {
            throw new IllegalArgumentException("tolRel and tolAbs must be >= 0, got " + tolRel + ", " + tolAbs);
        }
    }

    public static ExactGwOptions defaults() {
        return new ExactGwOptions(10000, 1e-9, 1e-9, true);
    }

    public ExactGwOptions withMaxIter(int maxIter) {
        return new ExactGwOptions(maxIter, tolRel, tolAbs, lowRank);
    }

    public ExactGwOptions withTol(double tolRel, double tolAbs) {
        return new ExactGwOptions(maxIter, tolRel, tolAbs, lowRank);
    }

    public ExactGwOptions withLowRank(boolean lowRank) {
        return new ExactGwOptions(maxIter, tolRel, tolAbs, lowRank);
    }
}

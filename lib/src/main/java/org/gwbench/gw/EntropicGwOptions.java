package org.gwbench.gw;

import org.gwbench.problem.Check;
import org.gwbench.sinkhorn.EntropicOtSolver;
import org.gwbench.sinkhorn.SinkhornAuto;

/**
 * Configuration of {@link EntropicGw}.
 *
 * @param epsilon entropic regularisation in POT's convention (the same ε gives POT's plan)
 * @param maxIter outer iterations at most
 * @param tol stop when ‖T_new − T‖_F &lt; tol (POT's rule; POT reads it every 10th iteration, we every one)
 * @param warmStart start each inner solve from the previous potentials (same fixed point, fewer iterations)
 * @param inner the entropic OT solver of each outer step
 * @param lowRank factorise the structures when they are of low rank to roundoff (see
 *     {@link org.gwbench.linalg.LowRank}); false forces the dense GEMMs
 */
public record EntropicGwOptions(double epsilon, int maxIter, double tol, boolean warmStart, EntropicOtSolver inner,
                                boolean lowRank) {
    public EntropicGwOptions {
        Check.positive("epsilon", epsilon);
        Check.positive("maxIter", maxIter);
        Check.positive("tol", tol);
        if (inner == null) {
            throw new IllegalArgumentException("inner solver is missing");
        }
    }

    /**
     * POT's defaults (max_iter 1000, tol 1e-9, inner Sinkhorn 1000 iterations at 1e-9) with warm starts and low-rank
     * products; the inner solves run in the kernel domain and move to the log domain where its kernel underflows
     * ({@link SinkhornAuto}: the kernel's result, bit for bit, wherever it works).
     */
    public static EntropicGwOptions defaults(double epsilon) {
        return new EntropicGwOptions(epsilon, 1000, 1e-9, true, SinkhornAuto.defaults(), true);
    }

    public EntropicGwOptions withEpsilon(double epsilon) {
        return new EntropicGwOptions(epsilon, maxIter, tol, warmStart, inner, lowRank);
    }

    public EntropicGwOptions withMaxIter(int maxIter) {
        return new EntropicGwOptions(epsilon, maxIter, tol, warmStart, inner, lowRank);
    }

    public EntropicGwOptions withTol(double tol) {
        return new EntropicGwOptions(epsilon, maxIter, tol, warmStart, inner, lowRank);
    }

    public EntropicGwOptions withWarmStart(boolean warmStart) {
        return new EntropicGwOptions(epsilon, maxIter, tol, warmStart, inner, lowRank);
    }

    public EntropicGwOptions withInner(EntropicOtSolver inner) {
        return new EntropicGwOptions(epsilon, maxIter, tol, warmStart, inner, lowRank);
    }

    public EntropicGwOptions withLowRank(boolean lowRank) {
        return new EntropicGwOptions(epsilon, maxIter, tol, warmStart, inner, lowRank);
    }
}

package org.gwbench.gw;

import org.gwbench.problem.Check;

/**
 * Configuration of {@link UnbalancedGw} (POT's fused_unbalanced_gromov_wasserstein defaults, with the
 * unbalanced Sinkhorn as the block solver).
 *
 * @param rho1 the KL penalty on the source marginals (POT's reg_marginals[0]); Infinity imposes them
 * @param rho2 the KL penalty on the target marginals
 * @param epsilon the joint entropic term's weight, &gt; 0 (POT's epsilon; 0, its MM solver, is not offered)
 * @param maxIter block-coordinate iterations at most (POT: 100)
 * @param tol stop when the sample plan moves less than this in L1 (POT: 1e-7)
 * @param maxIterOt unbalanced Sinkhorn iterations per block (POT's max_iter_ot: 500)
 * @param tolOt its tolerance (POT's tol_ot: 1e-7)
 */
public record UnbalancedGwOptions(double rho1, double rho2, double epsilon, int maxIter, double tol, int maxIterOt, double tolOt) {
    public UnbalancedGwOptions {
        if (!(rho1 > 0) || !(rho2 > 0)) {
            throw new IllegalArgumentException("rho1 and rho2 must be positive (Infinity imposes the marginal), got " + rho1 + " and " + rho2);
        }
        Check.positive("epsilon", epsilon);
        Check.positive("maxIter", maxIter);
        Check.positive("maxIterOt", maxIterOt);
        Check.positive("tolOt", tolOt);
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("tol must be >= 0, got " + tol);
        }
    }

    /** POT's defaults with the given penalty on both marginals and ε. */
    public static UnbalancedGwOptions defaults(double rho, double epsilon) {
        return new UnbalancedGwOptions(rho, rho, epsilon, 100, 1e-7, 500, 1e-7);
    }

    public UnbalancedGwOptions withRho(double rho1, double rho2) {
        return new UnbalancedGwOptions(rho1, rho2, epsilon, maxIter, tol, maxIterOt, tolOt);
    }

    public UnbalancedGwOptions withMaxIter(int maxIter) {
        return new UnbalancedGwOptions(rho1, rho2, epsilon, maxIter, tol, maxIterOt, tolOt);
    }
}

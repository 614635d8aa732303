package org.gwbench.sinkhorn;

import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Status;

/**
 * ε-scaling (Kosowsky and Yuille 1994; Schmitzer 2019, §3.2; POT's {@code sinkhorn_epsilon_scaling} and
 * {@code sinkhorn_unbalanced(..., method="sinkhorn_reg_scaling")} follow the same idea): the log-domain
 * Sinkhorn run at a decreasing sequence of regularisations
 * <pre>
 *   reg_k = max(reg, start · factor^k),   k = 0, 1, …
 * </pre>
 * each stage warm-started from the potentials of the one before, the last one (reg itself) to the inner
 * solver's tolerance and the earlier ones to a looser stageTol. The result is the entropic OT plan at reg
 * (the problem is strictly convex: the same plan as {@link SinkhornLog} from a cold start, to the
 * tolerance), reached in far fewer iterations when reg is small against the cost's range, where a cold
 * start needs O(max M / reg) iterations to move the potentials into place.
 *
 * <p>The schedule differs from POT's (which runs reg_k = (ε0 − reg)e^{−k} + reg with absorption into a
 * stabilised kernel and a fixed inner budget); the plan at convergence is the same.
 */
public final class EpsilonScaling implements EntropicOtSolver {
    private final SinkhornOptions inner;
    private final double start;
    private final double factor;
    private final double stageTol;

    /**
     * @param inner the last stage's budget and tolerance (earlier stages have the same budget each)
     * @param start the first regularisation, or NaN for the cost's largest entry minus its smallest (at least reg)
     * @param factor the ratio of two successive stages, in (0, 1)
     * @param stageTol the L2 column-marginal tolerance of the stages before the last
     */
    public EpsilonScaling(SinkhornOptions inner, double start, double factor, double stageTol) {
        if (inner == null) {
            throw new IllegalArgumentException("inner options are missing");
        }
        if (!Double.isNaN(start)) {
            Check.positive("start", start);
        }
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("factor must be in (0, 1), got " + factor);
        }
        Check.positive("stageTol", stageTol);
        this.inner = inner;
        this.start = start;
        this.factor = factor;
        this.stageTol = stageTol;
    }

    /** POT's inner defaults (1000 iterations, tol 1e-9) at the last stage; from the cost's range, halving, stages to 1e-4. */
    public static EpsilonScaling defaults() {
        return new EpsilonScaling(SinkhornOptions.defaults(), Double.NaN, 0.5, 1e-4);
    }

    @Override
    public String name() {
        return "sinkhorn-epsilon-scaling";
    }

    /** The stages' regularisations, last = reg. */
    public double[] schedule(Mat M, double reg) {
        double first = start;
        if (Double.isNaN(first)) {
            double mn = Double.POSITIVE_INFINITY;
            double mx = Double.NEGATIVE_INFINITY;
            for (double x : M.data) {
                mn = Math.min(mn, x);
                mx = Math.max(mx, x);
            }
            first = mx - mn;
        }
        first = Math.max(first, reg);
        int stages = 1 + (int) Math.max(0, Math.ceil(Math.log(reg / first) / Math.log(factor)));
        double[] regs = new double[stages];
        for (int k = 0; k < stages; k++) {
            regs[k] = Math.max(reg, first * Math.pow(factor, k));
        }
        regs[stages - 1] = reg;
        return regs;
    }

    @Override
    public SinkhornResult solve(double[] a, double[] b, Mat M, double reg, double[] f0, double[] g0, Mat out) {
        double[] regs = schedule(M, reg);
        double[] f = f0;
        double[] g = g0;
        int total = 0;
        SinkhornLog early = new SinkhornLog(new SinkhornOptions(inner.maxIter(), Math.max(stageTol, inner.tol())));
        SinkhornLog last = new SinkhornLog(inner);
        SinkhornResult r = null;
        for (int k = 0; k < regs.length; k++) {
            boolean final_ = k == regs.length - 1;
            r = (final_ ? last : early).solve(a, b, M, regs[k], f, g, out);
            total += r.iterations();
            if (r.status() == Status.NUMERICAL_ERROR || r.status() == Status.INTERRUPTED) {
                break;
            }
            f = r.f();
            g = r.g();
        }
        return new SinkhornResult(r.plan(), r.f(), r.g(), r.cost(), r.loss(), total, r.marginalError(), r.status(), r.errors());
    }
}

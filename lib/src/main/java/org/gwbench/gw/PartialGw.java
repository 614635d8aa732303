package org.gwbench.gw;

import org.gwbench.emd.Emd;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.ProgressListener;
import org.gwbench.problem.Status;

/**
 * Partial Gromov-Wasserstein (Chapel, Alaya, Gasso, NeurIPS 2020), as POT's
 * {@code partial_gromov_wasserstein} and, with a feature term in the problem,
 * {@code partial_fused_gromov_wasserstein}: transport only the mass m,
 * <pre>
 *   min (1 − α)⟨M, T⟩ + α Σ L(C1_ik, C2_jl) T_ij T_kl   over  T ≥ 0, T1 ≤ p, Tᵀ1 ≤ q, 1ᵀT1 = m,
 * </pre>
 * by conditional gradient. The objective is the quadratic form ⟨A(T), T⟩ with
 * A(T) = f1(C1) (T1) ⊕ f2(C2) (Tᵀ1) − h1(C1) T h2(C2)ᵀ (the plan's own marginals, which are free here;
 * symmetrised for asymmetric structures), so ∇ = (1 − α)M + 2α A(T), and the exact line search on
 * f(T + sΔ) = f(T) + b s + a s² has a = α⟨A(Δ), Δ⟩, b = ⟨∇, Δ⟩. The linear step is exact OT on the
 * problem extended by one dummy point on each side (weights 1 − m): a row's mass not transported goes to
 * the dummy column; each linear step starts from the previous one's basis (the weights stay, the cost
 * moves a little), which takes a fraction of the pivots of a cold start. Start: m·p qᵀ (POT's).
 *
 * <p><b>Deviation marked</b>: POT prices the dummy-to-dummy cell at 100·max((1 − α)M), which is 0 for
 * plain GW; here it is 100·max|∇| + 1, so the linear step never sends mass from dummy to dummy and the
 * plan carries exactly m. Where POT's plan carries m (the generic case) the two agree
 * (PartialGwPotTest). The result's marginalError is the violation of the constraints:
 * Σ(T1 − p)₊ + Σ(Tᵀ1 − q)₊ + |1ᵀT1 − m|.
 */
public final class PartialGw implements GwSolver {
    /** A plan whose constraint violation exceeds this is INFEASIBLE, not CONVERGED. */
    public static final double MARGINAL_TOL = 1e-6;

    private final PartialGwOptions options;
    private final Emd emd;
    private final ProgressListener listener;

    public PartialGw(PartialGwOptions options) {
        this(options, Emd.defaults(), ProgressListener.NONE);
    }

    public PartialGw(PartialGwOptions options, Emd emd, ProgressListener listener) {
        if (options == null) {
            throw new IllegalArgumentException("options are missing");
        }
        this.options = options;
        this.emd = emd == null ? Emd.defaults() : emd;
        this.listener = ProgressListener.orNone(listener);
    }

    @Override
    public String name() {
        return "partial-gw";
    }

    @Override
    public GwResult solve(GwProblem problem) {
        long start = System.nanoTime();
        double mass = options.mass();
        Mat T0 = Mat.outer(problem.p(), problem.q());
        for (int k = 0; k < T0.data.length; k++) {
            T0.data[k] *= mass;
        }
        Extended lp = new Extended(problem.p(), problem.q(), mass, emd);
        FreeMarginalCg.Outcome o = FreeMarginalCg.run(problem, T0, lp, options.maxIter(), options.tolRel(), options.tolAbs(),
                options.lowRank(), listener);
        double violation = violation(o.plan(), problem.p(), problem.q(), mass);
        Status status = o.status() == Status.CONVERGED && violation > MARGINAL_TOL ? Status.INFEASIBLE : o.status();
        return new GwResult(o.plan(), o.value(), o.iterations(), violation, status, o.log(), (System.nanoTime() - start) / 1e9);
    }

    /** Σ(T1 − p)₊ + Σ(Tᵀ1 − q)₊ + |1ᵀT1 − m|: zero exactly when T is a partial plan of mass m. */
    public static double violation(Mat T, double[] p, double[] q, double mass) {
        double[] r = T.rowSums();
        double[] c = T.colSums();
        double v = 0;
        double total = 0;
        for (int i = 0; i < r.length; i++) {
            v += Math.max(0, r[i] - p[i]);
            total += r[i];
        }
        for (int j = 0; j < c.length; j++) {
            v += Math.max(0, c[j] - q[j]);
        }
        return v + Math.abs(total - mass);
    }

    /** The linear step's problem: the gradient bordered by one dummy row and column of weight 1 − m. */
    private static final class Extended implements FreeMarginalCg.LinearStep {
        private final Emd emd;
        private final double[] a;
        private final double[] b;
        private final Mat cost;
        /** The last linear step's basis: the next one starts from it (the weights do not change). */
        private Emd.Basis basis;

        Extended(double[] p, double[] q, double mass, Emd emd) {
            this.emd = emd;
            int n = p.length;
            int m = q.length;
            a = java.util.Arrays.copyOf(p, n + 1);
            b = java.util.Arrays.copyOf(q, m + 1);
            a[n] = 1 - mass;
            b[m] = 1 - mass;
            cost = Mat.zeros(n + 1, m + 1);
        }

        /** out ← the real block of the extended problem's optimal plan for the cost grad. */
        @Override
        public FreeMarginalCg.Step solve(Mat grad, Mat out) {
            int m = grad.cols;
            double big = 0;
            for (int i = 0; i < grad.rows; i++) {
                for (int j = 0; j < m; j++) {
                    double g = grad.data[i * m + j];
                    cost.data[i * (m + 1) + j] = g;
                    big = Math.max(big, Math.abs(g));
                }
            }
            cost.data[cost.data.length - 1] = 100 * big + 1;
            Emd.Result r = emd.solveMass(a, b, cost, basis);
            basis = r.basis();
            for (int i = 0; i < out.rows; i++) {
                System.arraycopy(r.plan().data, i * (m + 1), out.data, i * m, m);
            }
            return new FreeMarginalCg.Step(r.status(), r.pivots());
        }
    }
}

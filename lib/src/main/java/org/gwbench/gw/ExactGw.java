package org.gwbench.gw;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.emd.Emd;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Progress;
import org.gwbench.problem.ProgressListener;
import org.gwbench.problem.Status;

/**
 * Gromov-Wasserstein by conditional gradient (Frank-Wolfe) with an exact line search, as POT's
 * {@code ot.gromov.gromov_wasserstein} (Peyré, Cuturi, Solomon 2016; Vayer et al. 2019):
 * <pre>
 *   min_{T ∈ Π(p,q)} f(T) = Σ L(C1_ik, C2_jl) T_ij T_kl = ⟨constC − S(T), T⟩
 *   T⁰ = p qᵀ;  T̃ = argmin_{X ∈ Π(p,q)} ⟨∇f(T), X⟩ (exact EMD, {@link Emd}),  Δ = T̃ − T,
 *   s = argmin_{[0,1]} f(T + sΔ) = f(T) + b s + a s²,  a = −⟨S(Δ), Δ⟩,  b = −2⟨S(T), Δ⟩,
 * </pre>
 * stopping when |Δf| / |f| &lt; tolRel or |Δf| &lt; tolAbs (f updated by the quadratic, as POT).
 * S is the self-adjoint quadratic part of the tensor ({@link GwTensor#product}); for asymmetric
 * structures ∇f is the symmetrised gradient. Because S is linear, S(T + sΔ) = S(T) + s S(Δ): each
 * iteration needs S(Δ) only, two GEMMs (POT computes four: the gradient and the line search), or
 * O(nm(k1 + k2)) with low-rank structures. A solution of the square loss is a local optimum: the
 * problem is non-convex.
 */
public final class ExactGw implements GwSolver {
    private final ExactGwOptions options;
    private final Emd emd;
    private final ProgressListener listener;

    public ExactGw(ExactGwOptions options) {
        this(options, Emd.defaults(), ProgressListener.NONE);
    }

    public ExactGw(ExactGwOptions options, Emd emd, ProgressListener listener) {
        this.options = options;
        this.emd = emd;
        this.listener = listener;
    }

    public ExactGw withListener(ProgressListener listener) {
        return new ExactGw(options, emd, listener);
    }

    @Override
    public String name() {
        return "exact-gw";
    }

    /** GW, or fused GW when the problem carries a feature term, from p qᵀ. */
    @Override
    public GwResult solve(GwProblem problem) {
        return solve(problem, null);
    }

    /** Solves from T0 (a coupling of p and q) or from p qᵀ; fused when the problem carries a feature term. */
    public GwResult solve(GwProblem problem, Mat T0) {
        return run(problem, problem.cost(), problem.alpha(), T0);
    }

    /**
     * Fused GW (Vayer et al. 2019; POT's fused_gromov_wasserstein, GWF paper eq. 15 with a trade-off):
     * min (1 − α)⟨M, T⟩ + α Σ L(C1_ik, C2_jl) T_ij T_kl over Π(p, q), by the same conditional gradient
     * (gradient (1 − α)M + 2α(constC − S(T)); line search a = −α⟨S(Δ), Δ⟩, b = (1 − α)⟨M, Δ⟩ − 2α⟨S(T), Δ⟩).
     * The result's value is the fused objective. α = 1 is GW; α = 0 is exact OT with cost M.
     *
     * @param M feature cost (n×m), e.g. squared distances between node features; null only when α = 1
     */
    public GwResult solveFused(GwProblem problem, Mat M, double alpha, Mat T0) {
        return solve(M == null && alpha == 1 ? problem : problem.withFused(M, alpha), T0);
    }

    private GwResult run(GwProblem problem, Mat M, double alpha, Mat T0) {
        long start = System.nanoTime();
        int n = problem.n();
        int m = problem.m();
        double[] p = problem.p();
        double[] q = problem.q();
        Mat T = T0 == null ? Mat.outer(p, q) : T0.copy();
        if (T.rows != n || T.cols != m) {
            throw new IllegalArgumentException("T0 has shape " + T.rows + "x" + T.cols + ", expected " + n + "x" + m);
        }
        GwTensor tensor = new GwTensor(problem, Blas.active(), options.lowRank());
        Mat constC = Mat.zeros(n, m);
        tensor.constant(constC);
        Mat ST = Mat.zeros(n, m);
        tensor.product(T, ST);
        Mat SD = Mat.zeros(n, m);
        Mat grad = Mat.zeros(n, m);
        Mat delta = Mat.zeros(n, m);
        Mat feat = M == null ? Mat.zeros(n, m) : M;
        double w = 1 - alpha;
        double cost = w * feat.dot(T) + alpha * (constC.dot(T) - ST.dot(T));
        List<GwIteration> log = new ArrayList<>();
        Status status = Status.MAX_ITER;
        int it = 0;
        while (it < options.maxIter()) {
            if (Thread.currentThread().isInterrupted()) {
                status = Status.INTERRUPTED;
                break;
            }
            it++;
            double old = cost;
            for (int k = 0; k < grad.data.length; k++) {
                grad.data[k] = w * feat.data[k] + 2 * alpha * (constC.data[k] - ST.data[k]);
            }
            Emd.Result lp = emd.solve(p, q, grad);
            if (lp.status() != Status.CONVERGED) {
                status = lp.status() == Status.INTERRUPTED ? Status.INTERRUPTED : Status.NUMERICAL_ERROR;
                break;
            }
            for (int k = 0; k < delta.data.length; k++) {
                delta.data[k] = lp.plan().data[k] - T.data[k];
            }
            tensor.product(delta, SD);
            double a = -alpha * SD.dot(delta);
            double b = w * feat.dot(delta) - 2 * alpha * ST.dot(delta);
            double step = lineSearch(a, b);
            for (int k = 0; k < T.data.length; k++) {
                T.data[k] += step * delta.data[k];
                ST.data[k] += step * SD.data[k];
            }
            cost = cost + a * step * step + b * step;
            double change = step * Math.sqrt(delta.dot(delta));
            log.add(new GwIteration(it, old, change, (int) Math.min(Integer.MAX_VALUE, lp.pivots()), lp.status()));
            listener.onProgress(Progress.of("iteration", it, options.maxIter(), start, "change", Math.abs(cost - old)));
            double abs = Math.abs(cost - old);
            if ((cost != 0 && abs / Math.abs(cost) < options.tolRel()) || abs < options.tolAbs()) {
                status = Status.CONVERGED;
                break;
            }
        }
        double value = w * feat.dot(T) + alpha * (constC.dot(T) - ST.dot(T));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new GwResult(T, value, it, GwResult.marginalError(T, p, q), status, log, seconds);
    }

    /** argmin over [0, 1] of a x² + b x (POT's solve_1d_linesearch_quad). */
    static double lineSearch(double a, double b) {
        if (a > 0) {
            return Math.min(1, Math.max(0, -b / (2 * a)));
        }
        return a + b < 0 ? 1 : 0;
    }
}

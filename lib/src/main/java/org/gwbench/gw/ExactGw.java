package org.gwbench.gw;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.emd.Emd;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.IterationListener;
import org.gwbench.problem.Status;

/**
 * Gromov-Wasserstein by conditional gradient (Frank-Wolfe) with an exact line search, as POT's
 * {@code ot.gromov.gromov_wasserstein} (Peyré, Cuturi, Solomon 2016; Vayer et al. 2019):
 * <pre>
 *   min_{T ∈ Π(p,q)} f(T) = Σ L(C1_ik, C2_jl) T_ij T_kl = ⟨constC − S(T), T⟩
 *   T⁰ = p qᵀ;  T̃ = argmin_{X ∈ Π(p,q)} ⟨∇f(T), X⟩ (exact EMD, {@link Emd}),  Δ = T̃ − T,
 *   α = argmin_{[0,1]} f(T + αΔ) = f(T) + bα + aα²,  a = −⟨S(Δ), Δ⟩,  b = −2⟨S(T), Δ⟩,
 * </pre>
 * stopping when |Δf| / |f| &lt; tolRel or |Δf| &lt; tolAbs (f updated by the quadratic, as POT).
 * S is the self-adjoint quadratic part of the tensor ({@link GwTensor#product}); for asymmetric
 * structures ∇f is the symmetrised gradient. Because S is linear, S(T + αΔ) = S(T) + α S(Δ): each
 * iteration needs S(Δ) only, two GEMMs (POT computes four: the gradient and the line search), or
 * O(nm(k1 + k2)) with low-rank structures. A solution of the square loss is a local optimum: the
 * problem is non-convex.
 */
public final class ExactGw {
    private final ExactGwOptions options;
    private final Emd emd;
    private final IterationListener listener;

    public ExactGw(ExactGwOptions options) {
        this(options, Emd.defaults(), IterationListener.NONE);
    }

    public ExactGw(ExactGwOptions options, Emd emd, IterationListener listener) {
        this.options = options;
        this.emd = emd;
        this.listener = listener;
    }

    public ExactGw withListener(IterationListener listener) {
        return new ExactGw(options, emd, listener);
    }

    public GwResult solve(GwProblem problem) {
        return solve(problem, null);
    }

    /** Solves from T0 (a coupling of p and q) or from p qᵀ. */
    public GwResult solve(GwProblem problem, Mat T0) {
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
        double cost = constC.dot(T) - ST.dot(T);
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
                grad.data[k] = 2 * (constC.data[k] - ST.data[k]);
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
            double a = -SD.dot(delta);
            double b = -2 * ST.dot(delta);
            double alpha = lineSearch(a, b);
            for (int k = 0; k < T.data.length; k++) {
                T.data[k] += alpha * delta.data[k];
                ST.data[k] += alpha * SD.data[k];
            }
            cost = cost + a * alpha * alpha + b * alpha;
            double change = Math.abs(alpha) * Math.sqrt(delta.dot(delta));
            log.add(new GwIteration(it, old, change, (int) Math.min(Integer.MAX_VALUE, lp.pivots()), lp.status()));
            listener.onIteration(it, options.maxIter(), Math.abs(cost - old));
            double abs = Math.abs(cost - old);
            if ((cost != 0 && abs / Math.abs(cost) < options.tolRel()) || abs < options.tolAbs()) {
                status = Status.CONVERGED;
                break;
            }
        }
        double value = constC.dot(T) - ST.dot(T);
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

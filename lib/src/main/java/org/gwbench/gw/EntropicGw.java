package org.gwbench.gw;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Progress;
import org.gwbench.problem.ProgressListener;
import org.gwbench.problem.Status;
import org.gwbench.sinkhorn.SinkhornResult;

/**
 * Entropic Gromov-Wasserstein by projected mirror descent (Peyré, Cuturi, Solomon, ICML 2016, Prop. 2;
 * POT's {@code entropic_gromov_wasserstein}, solver "PGD"):
 * <pre>
 *   T⁰ = p qᵀ,   T^{k+1} = argmin_{T ∈ Π(p,q)} ⟨2·L⊗T^k, T⟩ − ε H(T),
 * </pre>
 * each step an entropic OT problem with cost L⊗T^k and regularisation ε/2 (the same fixed point
 * T ∝ exp(−2 L⊗T/ε) as POT: <b>POT's ε</b>; OTT's ε is half of it, Peyré's MATLAB code a quarter).
 * The factor 2 is the one POT's gwggrad adds and Peyré 2016, Prop. 2 leaves out. Stops when
 * ‖T^{k+1} − T^k‖_F &lt; tol.
 *
 * <p><b>Fused</b> (a problem with a feature term, POT's {@code entropic_fused_gromov_wasserstein} with its
 * α and ε): the cost of each step is α·L⊗T + (1 − α)·M/2 at regularisation ε/2, POT's
 * α·2L⊗T + (1 − α)M at ε; the value is α·GW(T) + (1 − α)⟨M, T⟩.
 *
 * <p>Per iteration: two GEMMs for L⊗T (four for asymmetric structures) and one inner solve, warm
 * started from the previous potentials. Work buffers are allocated once per solve.
 */
public final class EntropicGw implements GwSolver {
    /** The L1 marginal error a converged plan may have at most; above it a run that stopped moving is INFEASIBLE. */
    public static final double MARGINAL_TOL = 1e-6;

    private final EntropicGwOptions options;
    private final Blas blas;
    private final ProgressListener listener;

    public EntropicGw(EntropicGwOptions options) {
        this(options, Blas.active(), ProgressListener.NONE);
    }

    public EntropicGw(EntropicGwOptions options, Blas blas, ProgressListener listener) {
        this.options = options;
        this.blas = blas;
        this.listener = listener;
    }

    public EntropicGwOptions options() {
        return options;
    }

    /** The same solver reporting each outer iteration to listener. */
    public EntropicGw withListener(ProgressListener listener) {
        return new EntropicGw(options, blas, listener);
    }

    @Override
    public String name() {
        return "entropic-gw";
    }

    @Override
    public GwResult solve(GwProblem problem) {
        return solve(problem, null);
    }

    /** Solves from T0 (n×m, a coupling of p and q) or from p qᵀ when T0 is null. */
    public GwResult solve(GwProblem problem, Mat T0) {
        long start = System.nanoTime();
        int n = problem.n();
        int m = problem.m();
        double[] p = problem.p();
        double[] q = problem.q();
        Mat T = T0 == null ? Mat.outer(p, q) : initialPlan(T0, n, m);
        Mat next = Mat.zeros(n, m);
        Mat grad = Mat.zeros(n, m);
        GwTensor tensor = new GwTensor(problem, blas, options.lowRank());
        double reg = options.epsilon() / 2;
        double[] f = null;
        double[] g = null;
        List<GwIteration> log = new ArrayList<>();
        Status status = Status.MAX_ITER;
        int it = 0;
        while (it < options.maxIter()) {
            if (Thread.currentThread().isInterrupted()) {
                status = Status.INTERRUPTED;
                break;
            }
            double value = fusedGradient(tensor, problem, T, grad);
            SinkhornResult inner = options.inner().solve(p, q, grad, reg, f, g, next);
            if (inner.status() == Status.NUMERICAL_ERROR || inner.status() == Status.INTERRUPTED) {
                log.add(new GwIteration(it + 1, value, Double.NaN, inner.iterations(), inner.status()));
                status = inner.status();
                break;
            }
            if (options.warmStart()) {
                f = inner.f();
                g = inner.g();
            }
            double change = PlanMath.distance(next, T);
            Mat swap = T;
            T = next;
            next = swap;
            it++;
            log.add(new GwIteration(it, value, change, inner.iterations(), inner.status()));
            listener.onProgress(Progress.of("iteration", it, options.maxIter(), start, "change", change));
            if (change < options.tol()) {
                status = Status.CONVERGED;
                break;
            }
        }
        double value = fusedGradient(tensor, problem, T, grad);
        double seconds = (System.nanoTime() - start) / 1e9;
        double marginal = GwResult.marginalError(T, p, q);
        if (status == Status.CONVERGED && !(marginal <= MARGINAL_TOL)) {
            // the plans stopped moving, but the inner solves never reached the marginals (e.g. out of iterations at a
            // small ε on a large cost): not a result
            status = Status.INFEASIBLE;
        }
        return new GwResult(T, value, it, marginal, status, log, seconds);
    }

    /**
     * grad ← the step's cost, L⊗T, or α·L⊗T + (1 − α)·M/2 for a fused problem; returns the value at T,
     * GW(T) or α·GW(T) + (1 − α)⟨M, T⟩.
     */
    private static double fusedGradient(GwTensor tensor, GwProblem problem, Mat T, Mat grad) {
        tensor.gradient(T, grad);
        double gw = GwTensor.value(grad, T);
        Mat M = problem.cost();
        if (M == null) {
            return gw;
        }
        double alpha = problem.alpha();
        for (int k = 0; k < grad.data.length; k++) {
            grad.data[k] = alpha * grad.data[k] + (1 - alpha) * 0.5 * M.data[k];
        }
        return alpha * gw + (1 - alpha) * M.dot(T);
    }

    private static Mat initialPlan(Mat T0, int n, int m) {
        if (T0.rows != n || T0.cols != m) {
            throw new IllegalArgumentException("T0 has shape " + T0.rows + "x" + T0.cols + ", expected " + n + "x" + m);
        }
        org.gwbench.problem.Check.finite("T0", T0);
        return T0.copy();
    }
}

package org.gwbench.gw;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Progress;
import org.gwbench.problem.ProgressListener;
import org.gwbench.problem.Status;

/**
 * Entropic semi-relaxed GW (Vincent-Cuaz, Flamary, Corneli, Vayer, Courty, ICLR 2022), POT's
 * {@code entropic_semirelaxed_gromov_wasserstein} and, with a feature term in the problem,
 * {@code entropic_semirelaxed_fused_gromov_wasserstein}: only the source marginal p is imposed, the target
 * weights are what the plan puts there (so srGW(C1, C2) ≤ GW for any target weights; the plan's column
 * sums are a learned distribution on C2's nodes: a partition of graph 1 onto C2's "prototype" nodes).
 * <pre>
 *   T⁰ = p qᵀ (q the problem's target weights: only the start),   T ← diag(p ⊘ (T ⊙ e^{−∇/ε})1) (T ⊙ e^{−∇/ε}),
 *   ∇ = 2α·L⊗T + (1 − α)M,   L⊗T = f1(C1) p 1ᵀ + 1 (f2(C2) T ᵀ1)ᵀ − h1(C1) T h2(C2)ᵀ
 * </pre>
 * (POT's gradient with its factor 2; symmetrised for asymmetric structures as POT does). The steps run on
 * log T, so entries below the exponential's range are carried. Stops when ‖T_new − T‖_F ≤ tol (POT reads it
 * every 10th iteration, this every one). The value is α·Σ L T T + (1 − α)⟨M, T⟩ with the plan's own
 * column sums (POT's srgw_dist / srfgw_dist).
 */
public final class EntropicSemiRelaxedGw implements GwSolver {
    private final double epsilon;
    private final int maxIter;
    private final double tol;
    private final ProgressListener listener;

    /** POT's defaults: 1000 iterations, tol 1e-9. */
    public EntropicSemiRelaxedGw(double epsilon) {
        this(epsilon, 1000, 1e-9, ProgressListener.NONE);
    }

    public EntropicSemiRelaxedGw(double epsilon, int maxIter, double tol, ProgressListener listener) {
        this.epsilon = Check.positive("epsilon", epsilon);
        this.maxIter = Check.positive("maxIter", maxIter);
        if (!(tol >= 0 && tol < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("tol must be a finite number >= 0, got " + tol);
        }
        this.tol = tol;
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    @Override
    public String name() {
        return "entropic-srgw";
    }

    @Override
    public GwResult solve(GwProblem problem) {
        long start = System.nanoTime();
        int n = problem.n();
        int m = problem.m();
        double[] p = problem.p();
        GwTensor tensor = new GwTensor(problem, Blas.active(), true);
        double[] rowTerm = rowTerm(problem);
        Mat T = Mat.outer(p, problem.q());
        double[] logT = new double[n * m];
        for (int k = 0; k < logT.length; k++) {
            logT[k] = Math.log(T.data[k]);
        }
        Mat grad = Mat.zeros(n, m);
        Mat previous = Mat.zeros(n, m);
        List<GwIteration> log = new ArrayList<>();
        Status status = Status.MAX_ITER;
        int it = 0;
        while (it < maxIter) {
            if (Thread.currentThread().isInterrupted()) {
                status = Status.INTERRUPTED;
                break;
            }
            System.arraycopy(T.data, 0, previous.data, 0, T.data.length);
            gradient(tensor, problem, rowTerm, T, grad);
            for (int k = 0; k < grad.data.length; k++) {
                grad.data[k] = 2 * problem.alpha() * grad.data[k] + (problem.cost() == null ? 0 : (1 - problem.alpha()) * problem.cost().data[k]);
            }
            BapgGw.scaleRows(T, logT, grad, p, epsilon);
            it++;
            if (!PlanMath.allFinite(T)) {
                status = Status.NUMERICAL_ERROR;
                break;
            }
            double change = PlanMath.distance(T, previous);
            log.add(new GwIteration(it, Double.NaN, change, 0, Status.CONVERGED));
            listener.onProgress(Progress.of("iteration", it, maxIter, start, "change", change));
            if (change <= tol) {
                status = Status.CONVERGED;
                break;
            }
        }
        double value = Double.NaN;
        if (status != Status.NUMERICAL_ERROR) {
            gradient(tensor, problem, rowTerm, T, grad);
            double gw = grad.dot(T);
            value = problem.cost() == null ? gw : problem.alpha() * gw + (1 - problem.alpha()) * problem.cost().dot(T);
        }
        // the rows hold by construction; the columns are free
        double rowError = PlanMath.rowError(T, p);
        return new GwResult(T, value, it, rowError, status, log, (System.nanoTime() - start) / 1e9);
    }

    /** The plan's target weights: what srGW learns on C2's nodes. */
    public static double[] targetWeights(GwResult r) {
        return r.plan().colSums();
    }

    /** grad ← L⊗T with the plan's own column sums as the target weights (symmetrised for asymmetric structures). */
    private static void gradient(GwTensor tensor, GwProblem problem, double[] rowTerm, Mat T, Mat grad) {
        tensor.product(T, grad); // S(T)
        double[] colTerm = columnTerm(problem, T.colSums());
        int m = T.cols;
        for (int k = 0; k < grad.data.length; k++) {
            grad.data[k] = rowTerm[k / m] + colTerm[k % m] - grad.data[k];
        }
    }

    /** f1(C1) p, averaged with f1(C1ᵀ) p for asymmetric structures (POT's symmetrisation). */
    static double[] rowTerm(GwProblem problem) {
        GwLoss loss = problem.loss();
        return PlanMath.marginalTerm(problem.c1(), problem.p(), loss::f1, problem.symmetric());
    }

    /** f2(C2) q, averaged with f2(C2ᵀ) q for asymmetric structures. */
    static double[] columnTerm(GwProblem problem, double[] q) {
        GwLoss loss = problem.loss();
        return PlanMath.marginalTerm(problem.c2(), q, loss::f2, problem.symmetric());
    }
}

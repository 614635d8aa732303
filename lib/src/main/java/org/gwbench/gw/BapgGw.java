package org.gwbench.gw;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Progress;
import org.gwbench.problem.ProgressListener;
import org.gwbench.problem.Status;

/**
 * Bregman alternating projected gradient (BAPG; Li, Yu, Xu, Li, So, ICLR 2023), POT's
 * {@code BAPG_gromov_wasserstein} and {@code BAPG_fused_gromov_wasserstein}: a single loop with no inner
 * solver,
 * <pre>
 *   T ← diag(p ⊘ (T ⊙ e^{−∇/ε})1) (T ⊙ e^{−∇/ε}),   ∇ = ∇f(T)   (rows)
 *   T ← (T ⊙ e^{−∇/ε}) diag(q ⊘ (T ⊙ e^{−∇/ε})ᵀ1),  ∇ = ∇f(T)   (columns)
 * </pre>
 * with ∇f(T) = 2α·(L⊗T) + (1 − α)M when {@code marginalLoss}, else 2α·(−S(T)) + (1 − α)M (S the quadratic
 * part of L⊗T, {@link GwTensor#product}): POT's gradients, factor 2 included. The steps run on log T
 * (log-sum-exp projections), so entries whose exponentials underflow are carried and no row or column
 * empties: POT's iterates to roundoff where POT's own products stay finite, and finite where they do not.
 *
 * <p>The iterates are not couplings: after the column step the columns hold, the rows only approximately,
 * and BAPG's fixed point itself can be far from one (POT's note; on an 8×6 instance with ε = 0.1 both
 * POT and this end with the rows off by 0.78 in L1). A run is {@code CONVERGED} when ‖T_new − T‖_F ≤ tol
 * with both marginals holding to 1e-6 (L1); one whose plan stopped moving off the marginals runs its
 * budget out and ends {@code INFEASIBLE}, any other {@code MAX_ITER}. The value
 * is α·GW(T) + (1 − α)⟨M, T⟩ with the whole loss, as POT's fgw_dist.
 */
public final class BapgGw implements GwSolver {
    /** The L1 marginal error a converged plan may have at most. */
    public static final double MARGINAL_TOL = 1e-6;

    private final BapgGwOptions options;
    private final ProgressListener listener;

    public BapgGw(BapgGwOptions options) {
        this(options, ProgressListener.NONE);
    }

    /** listener hears (iteration, maxIter, ‖T_new − T‖_F) after every iteration. */
    public BapgGw(BapgGwOptions options, ProgressListener listener) {
        if (options == null) {
            throw new IllegalArgumentException("options must be given");
        }
        this.options = options;
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    @Override
    public String name() {
        return "bapg-gw";
    }

    @Override
    public GwResult solve(GwProblem problem) {
        long start = System.nanoTime();
        int n = problem.n();
        int m = problem.m();
        double[] p = problem.p();
        double[] q = problem.q();
        GwTensor tensor = new GwTensor(problem, Blas.active(), true);
        Mat constC = Mat.zeros(n, m);
        tensor.constant(constC);
        Mat T = Mat.outer(p, q);
        double[] logT = new double[n * m];
        for (int k = 0; k < logT.length; k++) {
            logT[k] = Math.log(p[k / m]) + Math.log(q[k % m]);
        }
        Mat grad = Mat.zeros(n, m);
        Mat previous = Mat.zeros(n, m);
        List<GwIteration> log = new ArrayList<>();
        Status status = Status.MAX_ITER;
        boolean stalled = false;
        int it = 0;
        while (it < options.maxIter()) {
            if (Thread.currentThread().isInterrupted()) {
                status = Status.INTERRUPTED;
                break;
            }
            System.arraycopy(T.data, 0, previous.data, 0, T.data.length);
            gradient(tensor, problem, constC, T, grad);
            scaleRows(T, logT, grad, p, options.epsilon());
            gradient(tensor, problem, constC, T, grad);
            scaleColumns(T, logT, grad, q, options.epsilon());
            it++;
            if (!PlanMath.allFinite(T)) {
                status = Status.NUMERICAL_ERROR;
                log.add(new GwIteration(it, Double.NaN, Double.NaN, 0, status));
                break;
            }
            double change = PlanMath.distance(T, previous);
            log.add(new GwIteration(it, Double.NaN, change, 0, Status.CONVERGED));
            listener.onProgress(Progress.of("iteration", it, options.maxIter(), start, "change", change));
            if (change <= options.tol() && GwResult.marginalError(T, p, q) <= MARGINAL_TOL) {
                status = Status.CONVERGED;
                break;
            }
            // a plan that stopped moving off the marginals may still move on (its log-domain entries below the
            // exponential's range keep changing): the budget runs on, and the end says which it was
            stalled = change <= options.tol();
        }
        if (status == Status.MAX_ITER && stalled) {
            status = Status.INFEASIBLE;
        }
        double value = status == Status.NUMERICAL_ERROR ? Double.NaN : value(tensor, problem, T);
        return new GwResult(T, value, it, GwResult.marginalError(T, p, q), status, log, (System.nanoTime() - start) / 1e9);
    }

    /** grad ← ∇f(T) as the class comment says. */
    private void gradient(GwTensor tensor, GwProblem problem, Mat constC, Mat T, Mat grad) {
        tensor.product(T, grad); // S(T)
        double alpha = problem.alpha();
        Mat M = problem.cost();
        for (int k = 0; k < grad.data.length; k++) {
            double quadratic = options.marginalLoss() ? constC.data[k] - grad.data[k] : -grad.data[k];
            grad.data[k] = 2 * alpha * quadratic + (M == null ? 0 : (1 - alpha) * M.data[k]);
        }
    }

    /**
     * log T_ij ← log T_ij − ∇_ij/ε, then each row shifted so that it sums to p_i (a log-sum-exp); T = exp(log T).
     * The logs carry entries whose exponentials underflow, so a row never empties.
     */
    static void scaleRows(Mat T, double[] logT, Mat grad, double[] p, double eps) {
        int m = T.cols;
        for (int i = 0; i < T.rows; i++) {
            int o = i * m;
            double hi = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                logT[o + j] -= grad.data[o + j] / eps;
                hi = Math.max(hi, logT[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < m; j++) {
                double e = Math.exp(logT[o + j] - hi);
                T.data[o + j] = e;
                sum += e;
            }
            // one exponential per entry: T = p_i e_ij / Σ_j e_ij, and log T shifted to match
            double shift = Math.log(p[i]) - hi - Math.log(sum);
            double scale = p[i] / sum;
            for (int j = 0; j < m; j++) {
                logT[o + j] += shift;
                T.data[o + j] *= scale;
            }
        }
    }

    /** The same for the columns, to q. */
    static void scaleColumns(Mat T, double[] logT, Mat grad, double[] q, double eps) {
        int n = T.rows;
        int m = T.cols;
        double[] hi = new double[m];
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int k = 0; k < logT.length; k++) {
            logT[k] -= grad.data[k] / eps;
            hi[k % m] = Math.max(hi[k % m], logT[k]);
        }
        double[] sum = new double[m];
        for (int k = 0; k < logT.length; k++) {
            double e = Math.exp(logT[k] - hi[k % m]);
            T.data[k] = e;
            sum[k % m] += e;
        }
        double[] shift = new double[m];
        double[] scale = new double[m];
        for (int j = 0; j < m; j++) {
            shift[j] = Math.log(q[j]) - hi[j] - Math.log(sum[j]);
            scale[j] = q[j] / sum[j];
        }
        for (int i = 0; i < n; i++) {
            int o = i * m;
            for (int j = 0; j < m; j++) {
                logT[o + j] += shift[j];
                T.data[o + j] *= scale[j];
            }
        }
    }

    /** α·GW(T) + (1 − α)⟨M, T⟩ (POT's fgw_dist; GW(T) for a plain problem). */
    private static double value(GwTensor tensor, GwProblem problem, Mat T) {
        double gw = tensor.value(T);
        Mat M = problem.cost();
        return M == null ? gw : problem.alpha() * gw + (1 - problem.alpha()) * M.dot(T);
    }
}

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
        int n = problem.n();
        int m = problem.m();
        double mass = options.mass();
        double alpha = problem.alpha();
        Mat M = problem.cost();
        Blas blas = Blas.active();
        Quadratic A = new Quadratic(problem, new GwTensor(problem, blas, options.lowRank()), blas);
        Mat T = Mat.outer(problem.p(), problem.q());
        for (int k = 0; k < T.data.length; k++) {
            T.data[k] *= mass;
        }
        Mat AT = Mat.zeros(n, m);
        A.apply(T, AT);
        double cost = (M == null ? 0 : (1 - alpha) * M.dot(T)) + alpha * AT.dot(T);
        Extended lp = new Extended(problem.p(), problem.q(), mass);
        Mat grad = Mat.zeros(n, m);
        Mat delta = Mat.zeros(n, m);
        Mat AD = Mat.zeros(n, m);
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
                grad.data[k] = (M == null ? 0 : (1 - alpha) * M.data[k]) + 2 * alpha * AT.data[k];
            }
            Emd.Result r = lp.solve(emd, grad);
            if (r.status() != Status.CONVERGED) {
                status = r.status() == Status.INTERRUPTED ? Status.INTERRUPTED : Status.NUMERICAL_ERROR;
                break;
            }
            lp.realBlock(r.plan(), delta);
            for (int k = 0; k < delta.data.length; k++) {
                delta.data[k] -= T.data[k];
            }
            A.apply(delta, AD);
            double a = alpha * AD.dot(delta);
            double b = grad.dot(delta);
            double step = ExactGw.lineSearch(a, b);
            for (int k = 0; k < T.data.length; k++) {
                T.data[k] += step * delta.data[k];
                AT.data[k] += step * AD.data[k];
            }
            cost = cost + a * step * step + b * step;
            double change = Math.abs(cost - old);
            log.add(new GwIteration(it, old, step * Math.sqrt(delta.dot(delta)), (int) Math.min(Integer.MAX_VALUE, r.pivots()), r.status()));
            listener.onProgress(Progress.of("iteration", it, options.maxIter(), start, "change", change));
            if ((cost != 0 && change / Math.abs(cost) < options.tolRel()) || change < options.tolAbs()) {
                status = Status.CONVERGED;
                break;
            }
        }
        A.apply(T, AT);
        double value = (M == null ? 0 : (1 - alpha) * M.dot(T)) + alpha * AT.dot(T);
        double violation = violation(T, problem.p(), problem.q(), mass);
        if (!Double.isFinite(value) || !PlanMath.allFinite(T)) {
            status = Status.NUMERICAL_ERROR;
        } else if (status == Status.CONVERGED && violation > MARGINAL_TOL) {
            status = Status.INFEASIBLE;
        }
        return new GwResult(T, value, it, violation, status, log, (System.nanoTime() - start) / 1e9);
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

    /**
     * X ↦ A(X) = F1 (X1) ⊕ F2 (Xᵀ1) − S(X), the objective's linear operator, with F1 = f1(C1) and
     * F2 = f2(C2) formed once (symmetrised, ½(F + Fᵀ), for asymmetric structures) and applied by gemv.
     */
    private static final class Quadratic {
        private final GwTensor tensor;
        private final Blas blas;
        private final Mat F1;
        private final Mat F2;
        private final double[] row;
        private final double[] col;

        Quadratic(GwProblem problem, GwTensor tensor, Blas blas) {
            this.tensor = tensor;
            this.blas = blas;
            this.F1 = applied(problem.c1(), problem.loss()::f1);
            this.F2 = applied(problem.c2(), problem.loss()::f2);
            this.row = new double[F1.rows];
            this.col = new double[F2.rows];
        }

        private static Mat applied(Mat C, java.util.function.DoubleUnaryOperator f) {
            int n = C.rows;
            Mat F = Mat.zeros(n, n);
            boolean sym = C.isSymmetric(1e-12);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    double x = f.applyAsDouble(C.data[i * n + k]);
                    F.data[i * n + k] = sym ? x : 0.5 * (x + f.applyAsDouble(C.data[k * n + i]));
                }
            }
            return F;
        }

        /** out ← A(X); out must not be X. */
        void apply(Mat X, Mat out) {
            int n = X.rows;
            int m = X.cols;
            blas.gemv(false, n, n, 1.0, F1.data, n, X.rowSums(), 0.0, row);
            blas.gemv(false, m, m, 1.0, F2.data, m, X.colSums(), 0.0, col);
            tensor.product(X, out);
            for (int k = 0; k < out.data.length; k++) {
                out.data[k] = row[k / m] + col[k % m] - out.data[k];
            }
        }
    }

    /** The linear step's problem: the gradient bordered by one dummy row and column of weight 1 − m. */
    private static final class Extended {
        private final double[] a;
        private final double[] b;
        private final Mat cost;
        /** The last linear step's basis: the next one starts from it (the weights do not change). */
        private Emd.Basis basis;

        Extended(double[] p, double[] q, double mass) {
            int n = p.length;
            int m = q.length;
            a = java.util.Arrays.copyOf(p, n + 1);
            b = java.util.Arrays.copyOf(q, m + 1);
            a[n] = 1 - mass;
            b[m] = 1 - mass;
            cost = Mat.zeros(n + 1, m + 1);
        }

        Emd.Result solve(Emd emd, Mat grad) {
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
            return r;
        }

        void realBlock(Mat ext, Mat out) {
            int m = out.cols;
            for (int i = 0; i < out.rows; i++) {
                System.arraycopy(ext.data, i * (m + 1), out.data, i * m, m);
            }
        }
    }
}

package org.gwbench.gw;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Progress;
import org.gwbench.problem.ProgressListener;
import org.gwbench.problem.Status;

/**
 * Conditional gradient for the (fused) GW objective over plans whose marginals are not both imposed
 * (partial GW: bounded by p and q; semi-relaxed GW: the rows only). The objective is then the quadratic
 * form (1 − α)⟨M, T⟩ + α⟨A(T), T⟩ with the plan's own marginals in
 * <pre>
 *   A(T) = F1 (T1) ⊕ F2 (Tᵀ1) − S(T),   F1 = f1(C1), F2 = f2(C2), S(T) = h1(C1) T h2(C2)ᵀ
 * </pre>
 * (symmetrised for asymmetric structures; F1 and F2 formed once, applied by gemv), so ∇ = (1 − α)M + 2α A(T)
 * and the exact line search on f(T + sΔ) = f(T) + b s + a s² has a = α⟨A(Δ), Δ⟩, b = ⟨∇, Δ⟩. The
 * feasible set enters only through the linear step (argmin of ⟨∇, X⟩ over it), which the solver supplies.
 * Stops when |Δf| / |f| &lt; tolRel or |Δf| &lt; tolAbs, f updated by the quadratic (POT's rule).
 */
final class FreeMarginalCg {
    /** out ← a minimiser of ⟨grad, X⟩ over the feasible set; returns the status and the inner work done. */
    interface LinearStep {
        Step solve(Mat grad, Mat out);
    }

    /** How a linear step went: its status and its inner iterations (pivots), for the log. */
    record Step(Status status, long work) {
    }

    /** What a run leaves: the plan, its objective value (recomputed, not the running quadratic), the iterations, status and log. */
    record Outcome(Mat plan, double value, int iterations, Status status, List<GwIteration> log) {
    }

    private FreeMarginalCg() {
    }

    static Outcome run(GwProblem problem, Mat T0, LinearStep lp, int maxIter, double tolRel, double tolAbs, boolean lowRank,
                       ProgressListener listener) {
        long start = System.nanoTime();
        int n = problem.n();
        int m = problem.m();
        double alpha = problem.alpha();
        Mat M = problem.cost();
        Blas blas = Blas.active();
        Quadratic A = new Quadratic(problem, new GwTensor(problem, blas, lowRank), blas);
        Mat T = T0.copy();
        Mat AT = Mat.zeros(n, m);
        A.apply(T, AT);
        double cost = (M == null ? 0 : (1 - alpha) * M.dot(T)) + alpha * AT.dot(T);
        Mat grad = Mat.zeros(n, m);
        Mat delta = Mat.zeros(n, m);
        Mat AD = Mat.zeros(n, m);
        List<GwIteration> log = new ArrayList<>();
        Status status = Status.MAX_ITER;
        int it = 0;
        while (it < maxIter) {
            if (Thread.currentThread().isInterrupted()) {
                status = Status.INTERRUPTED;
                break;
            }
            it++;
            double old = cost;
            for (int k = 0; k < grad.data.length; k++) {
                grad.data[k] = (M == null ? 0 : (1 - alpha) * M.data[k]) + 2 * alpha * AT.data[k];
            }
            Step r = lp.solve(grad, delta);
            if (r.status() != Status.CONVERGED) {
                status = r.status() == Status.INTERRUPTED ? Status.INTERRUPTED : Status.NUMERICAL_ERROR;
                break;
            }
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
            log.add(new GwIteration(it, old, step * Math.sqrt(delta.dot(delta)), (int) Math.min(Integer.MAX_VALUE, r.work()), r.status()));
            listener.onProgress(Progress.of("iteration", it, maxIter, start, "change", change));
            if ((cost != 0 && change / Math.abs(cost) < tolRel) || change < tolAbs) {
                status = Status.CONVERGED;
                break;
            }
        }
        A.apply(T, AT);
        double value = (M == null ? 0 : (1 - alpha) * M.dot(T)) + alpha * AT.dot(T);
        if (!Double.isFinite(value) || !PlanMath.allFinite(T)) {
            status = Status.NUMERICAL_ERROR;
        }
        return new Outcome(T, value, it, status, log);
    }

    /** X ↦ A(X) = F1 (X1) ⊕ F2 (Xᵀ1) − S(X). */
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

        /** f(C) entrywise, or ½(f(C) + f(C)ᵀ) when C is not symmetric. */
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
}

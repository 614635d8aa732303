package org.gwbench.gw;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Progress;
import org.gwbench.problem.ProgressListener;
import org.gwbench.problem.Status;
import org.gwbench.sinkhorn.SinkhornOptions;
import org.gwbench.sinkhorn.UnbalancedSinkhorn;

/**
 * Unbalanced and fused unbalanced GW (Séjourné, Vialard, Peyré, NeurIPS 2021; Thual et al., NeurIPS 2022),
 * as POT's {@code fused_unbalanced_gromov_wasserstein} with KL divergences and the unbalanced Sinkhorn:
 * the lower bound over two plans P, Q of equal mass
 * <pre>
 *   Σ (C1_ik − C2_jl)² P_ij Q_kl + (λ/2)⟨M, P + Q⟩ + ρ1 KL(P1 ⊗ Q1 ‖ p ⊗ p) + ρ2 KL(Pᵀ1 ⊗ Qᵀ1 ‖ q ⊗ q)
 *     + ε KL(P ⊗ Q ‖ (p qᵀ) ⊗ (p qᵀ)),
 * </pre>
 * by block-coordinate descent: with P fixed, Q solves an unbalanced entropic OT problem whose cost is the
 * GW term's gradient plus the constant parts of the penalties, with regularisation ε·m(P) and penalties
 * ρ·m(P) (m the mass), warm-started from the last block's scalings; then P with Q fixed; each plan is
 * rescaled so that the two keep equal mass. Stops when P moves less than tol in L1. The marginals are
 * penalised, not imposed: the result's marginalError is how far P's are from p and q, never a failure.
 *
 * <p>The fused term comes from the problem in POT's FGW convention (α = 1: structure only) and enters as
 * the linear weight λ = (1 − α)/α, the same trade-off between the two terms (FUGW's objective is FGW's
 * divided by α); α = 0 has no unbalanced GW counterpart. Square loss only, as POT.
 */
public final class UnbalancedGw implements GwSolver {
    private final UnbalancedGwOptions options;
    private final ProgressListener listener;

    public UnbalancedGw(UnbalancedGwOptions options) {
        this(options, ProgressListener.NONE);
    }

    public UnbalancedGw(UnbalancedGwOptions options, ProgressListener listener) {
        if (options == null) {
            throw new IllegalArgumentException("options are missing");
        }
        this.options = options;
        this.listener = ProgressListener.orNone(listener);
    }

    @Override
    public String name() {
        return "unbalanced-gw";
    }

    /** Both plans of a solve: P (the result's plan, the sample coupling) and Q. */
    public record Plans(GwResult result, Mat Q) {
    }

    @Override
    public GwResult solve(GwProblem problem) {
        return solveBoth(problem).result();
    }

    public Plans solveBoth(GwProblem problem) {
        if (problem.loss() != GwLoss.SQUARE) {
            throw new IllegalArgumentException("unbalanced GW takes the square loss only (as POT), got " + problem.loss());
        }
        if (problem.cost() != null && !(problem.alpha() > 0)) {
            throw new IllegalArgumentException("alpha must be > 0 for unbalanced GW (α = 0, OT alone, has no unbalanced GW form)");
        }
        long start = System.nanoTime();
        double[] p = problem.p();
        double[] q = problem.q();
        Mat C1 = problem.c1();
        Mat C2 = problem.c2();
        Mat linear = null;
        if (problem.cost() != null) {
            double lambda = (1 - problem.alpha()) / problem.alpha();
            linear = problem.cost().copy();
            for (int k = 0; k < linear.data.length; k++) {
                linear.data[k] *= lambda / 2;
            }
        }
        // symmetric structures: X π Yᵀ through the tensor's (low-rank when possible) product S(π) = C1 π (2 C2)ᵀ
        GwTensor tensor = problem.symmetric() ? new GwTensor(new GwProblem(C1, C2, p, q, GwLoss.SQUARE), Blas.active(), true) : null;
        Block samp = new Block(C1, C2, linear, tensor);
        Block feat = tensor != null ? samp : new Block(C1.transpose(), C2.transpose(), linear, null);
        Mat P = Mat.outer(p, q);
        Mat Q = Mat.outer(p, q);
        UnbalancedSinkhorn uot = new UnbalancedSinkhorn(new SinkhornOptions(options.maxIterOt(), options.tolOt()));
        double[][] dualsP = {null, null};
        double[][] dualsQ = {null, null};
        List<GwIteration> log = new ArrayList<>();
        Status status = Status.MAX_ITER;
        int it = 0;
        while (it < options.maxIter()) {
            if (Thread.currentThread().isInterrupted()) {
                status = Status.INTERRUPTED;
                break;
            }
            Mat previous = P.copy();
            UnbalancedSinkhorn.Result rq = update(uot, feat, P, Q, p, q, dualsQ);
            UnbalancedSinkhorn.Result rp = update(uot, samp, Q, P, p, q, dualsP);
            it++;
            if (rq.status() == Status.NUMERICAL_ERROR || rp.status() == Status.NUMERICAL_ERROR || !PlanMath.allFinite(P)) {
                status = Status.NUMERICAL_ERROR;
                break;
            }
            double err = 0;
            for (int k = 0; k < P.data.length; k++) {
                err += Math.abs(P.data[k] - previous.data[k]);
            }
            log.add(new GwIteration(it, Double.NaN, err, rq.iterations() + rp.iterations(), rp.status()));
            listener.onProgress(Progress.of("iteration", it, options.maxIter(), start, "change", err));
            if (err < options.tol()) {
                status = Status.CONVERGED;
                break;
            }
        }
        double value = status == Status.NUMERICAL_ERROR ? Double.NaN : cost(C1, C2, linear, P, Q, p, q);
        GwResult r = new GwResult(P, value, it, GwResult.marginalError(P, p, q), status, log, (System.nanoTime() - start) / 1e9);
        return new Plans(r, Q);
    }

    /**
     * One block: the plan target ← the unbalanced OT solution for the cost given fixed, with regularisation
     * ε·m(fixed) and penalties ρ·m(fixed), warm-started from duals (updated), rescaled to √(m(fixed)/m(target))
     * times itself (POT's rescale_plan).
     */
    private UnbalancedSinkhorn.Result update(UnbalancedSinkhorn uot, Block block, Mat fixed, Mat target, double[] p, double[] q,
                                             double[][] duals) {
        double mass = sum(fixed.data);
        Mat cost = block.cost(fixed, p, q, options);
        UnbalancedSinkhorn.Result r = uot.solve(p, q, cost, mass * options.epsilon(), options.rho1() * mass, options.rho2() * mass,
                duals[0], duals[1]);
        duals[0] = r.logU();
        duals[1] = r.logV();
        double scale = Math.sqrt(mass / sum(r.plan().data));
        for (int k = 0; k < target.data.length; k++) {
            target.data[k] = scale * r.plan().data[k];
        }
        return r;
    }

    /** The local cost of one block: the structures (transposed for the Q block, as POT) and the linear term. */
    private static final class Block {
        private final Mat X;
        private final Mat Y;
        private final Mat X2;
        private final Mat Y2;
        private final Mat linear;
        private final GwTensor tensor;

        Block(Mat X, Mat Y, Mat linear, GwTensor tensor) {
            this.tensor = tensor;
            this.X = X;
            this.Y = Y;
            this.X2 = squared(X);
            this.Y2 = squared(Y);
            this.linear = linear;
        }

        /**
         * (X∘X)(π1) ⊕ (Y∘Y)(πᵀ1) − 2 X π Yᵀ + the linear term + ρ1 KL(π1 ‖ p) + ρ2 KL(πᵀ1 ‖ q) (without the mass
         * terms) + ε (Σ π log π − ⟨π1, log p⟩ − ⟨πᵀ1, log q⟩): POT's uot_cost_matrix with the joint term.
         */
        Mat cost(Mat pi, double[] p, double[] q, UnbalancedGwOptions o) {
            int n = X.rows;
            int m = Y.rows;
            double[] r = pi.rowSums();
            double[] c = pi.colSums();
            Blas blas = Blas.active();
            double[] A = new double[n];
            double[] B = new double[m];
            blas.gemv(false, n, n, 1.0, X2.data, n, r, 0.0, A);
            blas.gemv(false, m, m, 1.0, Y2.data, m, c, 0.0, B);
            Mat out;
            if (tensor != null) {
                out = Mat.zeros(n, m);
                tensor.product(pi, out); // C1 π (2 C2)ᵀ
                for (int k = 0; k < out.data.length; k++) {
                    out.data[k] *= 0.5;
                }
            } else {
                out = blas.multiply(blas.multiply(X, pi), false, Y, true);
            }
            double shift = 0;
            if (o.rho1() != Double.POSITIVE_INFINITY) {
                shift += o.rho1() * klNoMass(r, p);
            }
            if (o.rho2() != Double.POSITIVE_INFINITY) {
                shift += o.rho2() * klNoMass(c, q);
            }
            double ent = 0;
            for (double x : pi.data) {
                ent += x * Math.log(x + (x == 0 ? 1 : 0));
            }
            for (int i = 0; i < n; i++) {
                ent -= r[i] * Math.log(p[i]);
            }
            for (int j = 0; j < m; j++) {
                ent -= c[j] * Math.log(q[j]);
            }
            shift += o.epsilon() * ent;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    int k = i * m + j;
                    out.data[k] = A[i] + B[j] - 2 * out.data[k] + (linear == null ? 0 : linear.data[k]) + shift;
                }
            }
            return out;
        }

        static Mat squared(Mat C) {
            Mat S = C.copy();
            for (int k = 0; k < S.data.length; k++) {
                S.data[k] *= S.data[k];
            }
            return S;
        }
    }

    /** Σ x log(x/y + 1e-16): POT's kl_div without the mass terms. */
    static double klNoMass(double[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += x[k] * Math.log(x[k] / y[k] + 1e-16);
        }
        return s;
    }

    /** KL with the mass terms: Σ x log(x/y + 1e-16) + Σ(y − x). */
    static double kl(double[] x, double[] y) {
        double s = klNoMass(x, y);
        for (int k = 0; k < x.length; k++) {
            s += y[k] - x[k];
        }
        return s;
    }

    private static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    /** KL(μ ⊗ ν ‖ a ⊗ b) = m(ν) KL(μ ‖ a) + m(μ) KL(ν ‖ b) + (m(μ) − m(a))(m(ν) − m(b)). */
    private static double klProduct(double[] mu, double[] nu, double[] a, double[] b) {
        return sum(nu) * kl(mu, a) + sum(mu) * kl(nu, b) + (sum(mu) - sum(a)) * (sum(nu) - sum(b));
    }

    /**
     * The FUGW objective at (P, Q) (POT's fugw_cost): ⟨(C1∘C1) Q1, P1⟩ + ⟨(C2∘C2) Qᵀ1, Pᵀ1⟩ − 2⟨C1 Q C2ᵀ, P⟩ + the
     * linear terms + ρ1 KL(P1 ⊗ Q1 ‖ p ⊗ p) + ρ2 KL(Pᵀ1 ⊗ Qᵀ1 ‖ q ⊗ q) + ε KL(P ⊗ Q ‖ (p qᵀ) ⊗ (p qᵀ)).
     */
    double cost(Mat C1, Mat C2, Mat linear, Mat P, Mat Q, double[] p, double[] q) {
        Blas blas = Blas.active();
        double[] P1 = P.rowSums();
        double[] P2 = P.colSums();
        double[] Q1 = Q.rowSums();
        double[] Q2 = Q.colSums();
        int n = C1.rows;
        int m = C2.rows;
        double[] a = new double[n];
        double[] b = new double[m];
        blas.gemv(false, n, n, 1.0, Block.squared(C1).data, n, Q1, 0.0, a);
        blas.gemv(false, m, m, 1.0, Block.squared(C2).data, m, Q2, 0.0, b);
        double value = dot(a, P1) + dot(b, P2) - 2 * blas.multiply(blas.multiply(C1, Q), false, C2, true).dot(P);
        if (linear != null) {
            value += linear.dot(P) + linear.dot(Q);
        }
        if (options.rho1() != Double.POSITIVE_INFINITY) {
            value += options.rho1() * klProduct(P1, Q1, p, p);
        }
        if (options.rho2() != Double.POSITIVE_INFINITY) {
            value += options.rho2() * klProduct(P2, Q2, q, q);
        }
        double[] pq = Mat.outer(p, q).data;
        return value + options.epsilon() * klProduct(P.data, Q.data, pq, pq);
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += x[k] * y[k];
        }
        return s;
    }
}

package org.gwbench.gw;

import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.ProgressListener;
import org.gwbench.problem.Status;

/**
 * Semi-relaxed Gromov-Wasserstein by conditional gradient (Vincent-Cuaz, Flamary, Corneli, Vayer, Courty,
 * ICLR 2022), as POT's {@code semirelaxed_gromov_wasserstein} and, with a feature term in the problem,
 * {@code semirelaxed_fused_gromov_wasserstein}: only the source weights p are imposed,
 * <pre>
 *   min (1 − α)⟨M, T⟩ + α Σ L(C1_ik, C2_jl) T_ij T_kl   over  T ≥ 0, T1 = p,
 * </pre>
 * and the target weights T ᵀ1 are learned ({@link EntropicSemiRelaxedGw#targetWeights}). The linear step
 * needs no OT solver: each row puts its weight p_i on the columns where the gradient is smallest (split
 * evenly between entries within 1e-15 of the minimum, as POT). Start: p qᵀ with the problem's q (uniform
 * from {@link GwProblem#of}), POT's default. A local method: the problem is non-convex.
 *
 * <p>{@link #partition} is the paper's graph partitioning: srGW of a graph onto k nodes with no edges
 * between them (the identity), each node going to the column that takes most of its mass.
 */
public final class SemiRelaxedGw implements GwSolver {
    private final SemiRelaxedGwOptions options;
    private final ProgressListener listener;

    public SemiRelaxedGw(SemiRelaxedGwOptions options) {
        this(options, ProgressListener.NONE);
    }

    public SemiRelaxedGw(SemiRelaxedGwOptions options, ProgressListener listener) {
        if (options == null) {
            throw new IllegalArgumentException("options are missing");
        }
        this.options = options;
        this.listener = ProgressListener.orNone(listener);
    }

    @Override
    public String name() {
        return "srgw";
    }

    @Override
    public GwResult solve(GwProblem problem) {
        return solve(problem, Mat.outer(problem.p(), problem.q()));
    }

    /** From the plan T0, whose rows must sum to p. */
    public GwResult solve(GwProblem problem, Mat T0) {
        long start = System.nanoTime();
        double[] p = problem.p();
        if (T0.rows != problem.n() || T0.cols != problem.m()) {
            throw new IllegalArgumentException("T0 is " + T0.rows + "x" + T0.cols + ", expected " + problem.n() + "x" + problem.m());
        }
        if (PlanMath.rowError(T0, p) > 1e-8) {
            throw new IllegalArgumentException("T0's rows must sum to p (off by " + PlanMath.rowError(T0, p) + " in L1)");
        }
        FreeMarginalCg.Outcome o = FreeMarginalCg.run(problem, T0, (grad, out) -> rowMinima(grad, p, out), options.maxIter(),
                options.tolRel(), options.tolAbs(), options.lowRank(), listener);
        return new GwResult(o.plan(), o.value(), o.iterations(), PlanMath.rowError(o.plan(), p), o.status(), o.log(),
                (System.nanoTime() - start) / 1e9);
    }

    /** out_ij = p_i / c_i on the c_i entries of row i within 1e-15 of its minimum, 0 elsewhere. */
    static FreeMarginalCg.Step rowMinima(Mat grad, double[] p, Mat out) {
        int m = grad.cols;
        for (int i = 0; i < grad.rows; i++) {
            int o = i * m;
            double mn = Double.POSITIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                mn = Math.min(mn, grad.data[o + j]);
            }
            if (!Double.isFinite(mn)) {
                return new FreeMarginalCg.Step(Status.NUMERICAL_ERROR, 0);
            }
            int count = 0;
            for (int j = 0; j < m; j++) {
                count += grad.data[o + j] <= mn + 1e-15 ? 1 : 0;
            }
            for (int j = 0; j < m; j++) {
                out.data[o + j] = grad.data[o + j] <= mn + 1e-15 ? p[i] / count : 0;
            }
        }
        return new FreeMarginalCg.Step(Status.CONVERGED, 0);
    }

    /**
     * The paper's srGW partitioning of a graph into k parts: srGW (square loss) from structure C with node
     * weights p onto the k×k identity; node i goes to the column holding most of its mass. The start is
     * random (row i: p_i times a uniform draw normalised, from seed; POT's init "random"): from p ⊗ uniform
     * every column has the same gradient and all nodes fall into one part.
     *
     * @return the part of each node, in 0..k−1, and the srGW result behind it
     */
    public Partition partition(Mat C, double[] p, int k, long seed) {
        Check.square("C", C);
        Check.distribution("p", p, C.rows);
        if (k < 1 || k > C.rows) {
            throw new IllegalArgumentException("k must be between 1 and the " + C.rows + " nodes, got " + k);
        }
        Mat identity = Mat.zeros(k, k);
        for (int j = 0; j < k; j++) {
            identity.set(j, j, 1);
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        Mat T0 = Mat.zeros(C.rows, k);
        for (int i = 0; i < C.rows; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                double w = rnd.nextDouble();
                T0.set(i, j, w);
                s += w;
            }
            for (int j = 0; j < k; j++) {
                T0.set(i, j, p[i] * T0.get(i, j) / s);
            }
        }
        GwResult r = solve(new GwProblem(C, identity, p, Check.uniform(k), GwLoss.SQUARE), T0);
        int[] parts = new int[C.rows];
        for (int i = 0; i < C.rows; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (r.plan().get(i, j) > r.plan().get(i, best)) {
                    best = j;
                }
            }
            parts[i] = best;
        }
        return new Partition(parts, r);
    }

    /** A partition and the srGW solve it came from. */
    public record Partition(int[] parts, GwResult result) {
    }
}

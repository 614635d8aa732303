package org.gwbench.emd;

import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Status;

/**
 * Exact optimal transport (the earth mover's distance) by the primal transportation simplex:
 * <pre>
 *   min ⟨C, T⟩  subject to  T 1 = a,  Tᵀ 1 = b,  T ≥ 0.
 * </pre>
 * The basis is a spanning tree of n + m − 1 cells of the bipartite row/column graph. Start: the
 * north-west corner rule. Each pivot: potentials u, v with u_i + v_j = C_ij on the tree (one pass
 * over the tree, then updated incrementally), pricing by block search over the cells (blocks of about √(nm) cells, from where
 * the previous search stopped; the most negative reduced cost C_ij − u_i − v_j of the first block
 * that has one enters), the cycle the entering cell closes in the tree, and the ratio test on its
 * alternate cells. Stops when no reduced cost is below −1e-12·max|C| (optimal), or after maxPivots.
 * The duals u, v are returned with u_0 = 0.
 *
 * <p>Weights: a and b must each sum to 1 within 1e-6; b is then scaled by Σa/Σb (at most 1e-6
 * relative, as POT's emd does) so that the problem is exactly balanced.
 *
 * <p>Cost per pivot: the pricing block, the cycle (two walks up the tree) and the re-hanging of the
 * subtree cut off by the leaving cell (potentials shifted, parents and depths reset), which is usually
 * a small part of the tree. Written for this project
 * (no maintained JVM network-simplex library with real-valued costs exists; OR-Tools' min-cost flow
 * takes integer costs and capacities).
 */
public final class Emd {
    private final long maxPivots;

    public Emd(long maxPivots) {
        if (maxPivots <= 0) {
            throw new IllegalArgumentException("maxPivots must be positive, got " + maxPivots);
        }
        this.maxPivots = maxPivots;
    }

    public static Emd defaults() {
        return new Emd(100_000_000L);
    }

    /** The optimal plan, its cost ⟨C, T⟩, the duals and the number of pivots. */
    /**
     * The solve's result; basis is its final basis, which {@link #solveMass(double[], double[], Mat, Basis)}
     * takes as a warm start for the same weights and another cost.
     */
    public record Result(Mat plan, double cost, double[] u, double[] v, long pivots, Status status, Basis basis) {
        public boolean converged() {
            return status == Status.CONVERGED;
        }
    }

    /** A basis: the n + m − 1 tree cells (row, column) and their flows, a feasible solution for its weights. */
    public record Basis(int rows, int cols, int[] i, int[] j, double[] flow) {
    }

    public Result solve(double[] a, double[] b, Mat C) {
        Check.finite("C", Check.nonEmpty("C", C));
        Check.distribution("a", a, C.rows);
        Check.distribution("b", b, C.cols);
        return balanced(a, b, C, Check.mass("a", a, C.rows), Check.mass("b", b, C.cols), null);
    }

    /**
     * Exact OT between non-negative weights of any equal total (a partial-transport problem extended by
     * dummy points has total 2 − m, not 1).
     */
    public Result solveMass(double[] a, double[] b, Mat C) {
        Check.finite("C", Check.nonEmpty("C", C));
        double sa = Check.mass("a", a, C.rows);
        double sb = Check.mass("b", b, C.cols);
        if (!(sa > 0) || Math.abs(sa - sb) > Check.SUM_TOL * Math.max(1, sa)) {
            throw new IllegalArgumentException("a and b must have the same positive total, got " + sa + " and " + sb);
        }
        return balanced(a, b, C, sa, sb, null);
    }

    /**
     * {@link #solveMass(double[], double[], Mat)} from the final basis of an earlier solve with the same
     * weights (null: the north-west corner): the conditional-gradient solvers' linear steps change the cost
     * a little each iteration, and the last optimum's tree is then a few pivots from the next.
     */
    public Result solveMass(double[] a, double[] b, Mat C, Basis warm) {
        Check.finite("C", Check.nonEmpty("C", C));
        double sa = Check.mass("a", a, C.rows);
        double sb = Check.mass("b", b, C.cols);
        if (warm != null && (warm.rows() != C.rows || warm.cols() != C.cols)) {
            throw new IllegalArgumentException("the warm basis is for " + warm.rows() + "x" + warm.cols() + ", C is " + C.rows + "x" + C.cols);
        }
        return balanced(a, b, C, sa, sb, warm);
    }

    /** b rescaled to a's total sa (b's is sb), so that the tree's flows balance exactly. */
    private Result balanced(double[] a, double[] b, Mat C, double sa, double sb, Basis warm) {
        int m = C.cols;
        double[] bb = b.clone();
        for (int j = 0; j < m; j++) {
            bb[j] *= sa / sb;
        }
        return new NetworkSimplex(a, bb, C, warm).run(maxPivots);
    }
}

package org.gwbench.gw;

import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;

/**
 * A Gromov-Wasserstein problem between (C1, p) and (C2, q): min over couplings T of
 * Σ_{i,j,k,l} L(C1_ik, C2_jl) T_ij T_kl, or, with a {@link Fused} term, of
 * (1 − α)⟨M, T⟩ + α Σ L(C1_ik, C2_jl) T_ij T_kl (fused GW, POT's α). Data only, validated on
 * construction: C1 (n×n) and C2 (m×m) square and finite, p and q probability vectors (summing to 1
 * within 1e-6; never renormalised), KL loss only on non-negative structures, M n×m and finite. The
 * matrices and vectors are copied in and copied out, so a problem cannot be changed after it was checked;
 * the solvers of this package read them in place ({@link #c1}, {@link #c2}, {@link #cost}).
 */
public record GwProblem(Mat C1, Mat C2, double[] p, double[] q, GwLoss loss, Fused fused) {
    /**
     * The feature term of fused GW: cost M (n×m, e.g. squared distances between node features) and the
     * trade-off alpha in [0, 1] (POT's: 1 is GW alone, 0 is OT with cost M alone).
     */
    public record Fused(Mat M, double alpha) {
        public Fused {
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
            }
            if (M == null) {
                throw new IllegalArgumentException("M (the feature cost) is missing");
            }
            Check.finite("M", M);
            M = M.copy();
        }

        /** A copy of the feature cost. */
        @Override
        public Mat M() {
            return M.copy();
        }
    }

    public GwProblem {
        Check.square("C1", C1);
        Check.square("C2", C2);
        Check.distribution("p", p, C1.rows);
        Check.distribution("q", q, C2.rows);
        if (loss == null) {
            throw new IllegalArgumentException("loss is missing");
        }
        if (loss == GwLoss.KL) {
            Check.nonNegative("C1", C1);
            Check.nonNegative("C2", C2);
        }
        if (fused != null && (fused.M.rows != C1.rows || fused.M.cols != C2.rows)) {
            throw new IllegalArgumentException("M has shape " + fused.M.rows + "x" + fused.M.cols + ", expected "
                    + C1.rows + "x" + C2.rows);
        }
        C1 = C1.copy();
        C2 = C2.copy();
        p = p.clone();
        q = q.clone();
    }

    /** A plain (not fused) GW problem. */
    public GwProblem(Mat C1, Mat C2, double[] p, double[] q, GwLoss loss) {
        this(C1, C2, p, q, loss, null);
    }

    /**
     * Fused GW between attributed structures (POT's {@code fused_gromov_wasserstein} with its α):
     * M_ij = ‖F1_i − F2_j‖², uniform weights, square loss.
     */
    public static GwProblem fused(Mat C1, Mat C2, Mat F1, Mat F2, double alpha) {
        return of(C1, C2).withFused(org.gwbench.linalg.Distances.squared(F1, F2), alpha);
    }

    /** The same problem with the feature term (1 − alpha)⟨M, T⟩. */
    public GwProblem withFused(Mat M, double alpha) {
        return new GwProblem(C1, C2, p, q, loss, new Fused(M, alpha));
    }

    /** The same structures and weights without a feature term. */
    public GwProblem withoutFused() {
        return new GwProblem(C1, C2, p, q, loss, null);
    }

    /** The trade-off α: 1 for a plain GW problem. */
    public double alpha() {
        return fused == null ? 1.0 : fused.alpha();
    }

    /** A copy of the feature cost, or null for a plain GW problem. */
    public Mat M() {
        return fused == null ? null : fused.M();
    }

    /** A copy of the source structure. */
    @Override
    public Mat C1() {
        return C1.copy();
    }

    /** A copy of the target structure. */
    @Override
    public Mat C2() {
        return C2.copy();
    }

    /** The source structure itself, for this package's solvers, which never write to it. */
    Mat c1() {
        return C1;
    }

    /** The target structure itself, for this package's solvers, which never write to it. */
    Mat c2() {
        return C2;
    }

    /** The feature cost itself (null when not fused), for this package's solvers, which never write to it. */
    Mat cost() {
        return fused == null ? null : fused.M;
    }

    /** Uniform weights and the square loss. */
    public static GwProblem of(Mat C1, Mat C2) {
        Check.square("C1", C1);
        Check.square("C2", C2);
        return new GwProblem(C1, C2, Check.uniform(C1.rows), Check.uniform(C2.rows), GwLoss.SQUARE);
    }

    public GwProblem withLoss(GwLoss loss) {
        return new GwProblem(C1, C2, p, q, loss, fused);
    }

    public GwProblem withWeights(double[] p, double[] q) {
        return new GwProblem(C1, C2, p, q, loss, fused);
    }

    public int n() {
        return C1.rows;
    }

    public int m() {
        return C2.rows;
    }

    /** True when both structures are symmetric (to 1e-12 relative), so one gradient term suffices. */
    public boolean symmetric() {
        return C1.isSymmetric(1e-12) && C2.isSymmetric(1e-12);
    }

    @Override
    public double[] p() {
        return p.clone();
    }

    @Override
    public double[] q() {
        return q.clone();
    }
}

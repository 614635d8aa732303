package org.gwbench.gw;

import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;

/**
 * A Gromov-Wasserstein problem between (C1, p) and (C2, q): min over couplings T of
 * Σ_{i,j,k,l} L(C1_ik, C2_jl) T_ij T_kl. Data only, validated on construction: C1 (n×n) and C2 (m×m)
 * square and finite, p and q probability vectors (summing to 1 within 1e-6; never renormalised), KL
 * loss only on non-negative structures. The matrices are copied.
 */
public record GwProblem(Mat C1, Mat C2, double[] p, double[] q, GwLoss loss) {
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
        C1 = C1.copy();
        C2 = C2.copy();
        p = p.clone();
        q = q.clone();
    }

    /** Uniform weights and the square loss. */
    public static GwProblem of(Mat C1, Mat C2) {
        Check.square("C1", C1);
        Check.square("C2", C2);
        return new GwProblem(C1, C2, Check.uniform(C1.rows), Check.uniform(C2.rows), GwLoss.SQUARE);
    }

    public GwProblem withLoss(GwLoss loss) {
        return new GwProblem(C1, C2, p, q, loss);
    }

    public GwProblem withWeights(double[] p, double[] q) {
        return new GwProblem(C1, C2, p, q, loss);
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

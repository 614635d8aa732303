package org.gwbench.linalg;

import java.util.SplittableRandom;

/**
 * Finds an exact-to-roundoff low-rank factorisation A = Q·R (Q n×k with orthonormal columns,
 * R = QᵀA k×c) when one exists, by a randomised range finder (Halko, Martinsson, Tropp 2011, Alg. 4.1)
 * with an a-posteriori check: the residual ‖A − QR‖_F is computed in full and the factorisation is
 * kept only if it is at most {@code relTol}·‖A‖_F. Nothing is assumed about A: a full-rank matrix
 * simply yields no factorisation.
 *
 * <p>Why: structure matrices of point clouds are often of tiny rank (squared Euclidean distances in
 * ℝ^d have rank ≤ d + 2), and then the GW gradient C1·T·C2ᵀ costs O(n·m·(k1 + k2)) instead of
 * O(n²m + nm²). With relTol = 1e-12 the factorised product differs from the dense one by about what
 * the dense GEMM's own roundoff is at n in the thousands.
 *
 * <p>Cost: about 6·n·c·k flops per tried rank k = 8, 16, 32, … up to c/8 (at most a couple of dense
 * GEMMs in all). The random test matrix comes from a fixed seed, so the result is reproducible.
 */
public final class LowRank {
    /** Relative Frobenius residual accepted by default. */
    public static final double DEFAULT_REL_TOL = 1e-12;
    private static final long SEED = 0x5EED_6A3BL;
    private static final int SMALLEST = 64;

    /** A ≈ Q·R with the measured relative residual. */
    public record Factor(Mat Q, Mat R, double relResidual) {
        public int rank() {
            return Q.cols;
        }
    }

    private LowRank() {
    }

    /**
     * The factorisation of the smallest tried rank that passes, or null when none does (or A is too
     * small for a factorisation to pay: fewer than 64 rows or columns).
     */
    public static Factor find(Mat A, double relTol, Blas blas) {
        int n = A.rows;
        int c = A.cols;
        if (Math.min(n, c) < SMALLEST) {
            return null;
        }
        double norm = Math.sqrt(A.dot(A));
        if (norm == 0 || !Double.isFinite(norm)) {
            return null;
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int k = 8; k <= Math.min(n, c) / 8; k *= 2) {
            Mat omega = Mat.zeros(c, k);
            for (int i = 0; i < omega.data.length; i++) {
                omega.data[i] = gaussian(rnd);
            }
            Mat Q = orthonormalColumns(blas.multiply(A, omega));
            if (Q == null) {
                continue;
            }
            Mat R = blas.multiply(Q, true, A, false);
            Mat E = A.copy();
            blas.gemm(false, false, n, c, Q.cols, -1.0, Q.data, Q.cols, R.data, c, 1.0, E.data, c);
            double res = Math.sqrt(E.dot(E)) / norm;
            if (res <= relTol) {
                return new Factor(Q, R, res);
            }
        }
        return null;
    }

    /**
     * An orthonormal basis of the column span of Y by Gram-Schmidt applied twice ("twice is enough"),
     * dropping columns that vanish relative to the largest: Y's numerical rank may be below its width.
     * Null when Y is zero.
     */
    static Mat orthonormalColumns(Mat Y) {
        int n = Y.rows;
        int k = Y.cols;
        double[][] cols = new double[k][n];
        double maxNorm = 0;
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                cols[j][i] = Y.data[i * k + j];
            }
            maxNorm = Math.max(maxNorm, norm(cols[j]));
        }
        if (maxNorm == 0) {
            return null;
        }
        double[][] basis = new double[k][];
        int r = 0;
        for (int j = 0; j < k; j++) {
            double[] v = cols[j];
            for (int pass = 0; pass < 2; pass++) {
                for (int b = 0; b < r; b++) {
                    double d = 0;
                    for (int i = 0; i < n; i++) {
                        d += basis[b][i] * v[i];
                    }
                    for (int i = 0; i < n; i++) {
                        v[i] -= d * basis[b][i];
                    }
                }
            }
            double nv = norm(v);
            if (nv > 1e-13 * maxNorm) {
                for (int i = 0; i < n; i++) {
                    v[i] /= nv;
                }
                basis[r++] = v;
            }
        }
        Mat Q = Mat.zeros(n, r);
        for (int b = 0; b < r; b++) {
            for (int i = 0; i < n; i++) {
                Q.data[i * r + b] = basis[b][i];
            }
        }
        return Q;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller on the seeded stream (SplittableRandom has no nextGaussian in Java 17)
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}

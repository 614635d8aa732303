package org.gwbench.gw;

import org.gwbench.linalg.Blas;
import org.gwbench.linalg.LowRank;
import org.gwbench.linalg.Mat;

/**
 * The shared kernel of every square/KL GW solver (POT's init_matrix / tensor_product / gwloss):
 * <pre>
 *   L⊗T = constC − h1(C1) · T · h2(C2)ᵀ,   constC = f1(C1) p 1ᵀ + 1 qᵀ f2(C2)ᵀ
 * </pre>
 * which equals Σ_{k,l} L(C1_ik, C2_jl) T_kl when T has marginals p and q. For asymmetric structures
 * the gradient of the GW objective is (L⊗T) + (Lᵀ⊗T), the second term built from C1ᵀ and C2ᵀ;
 * {@link #gradient} returns half of it (the symmetrised L⊗T) so both cases have the same scale, and
 * the GW value is ⟨L⊗T, T⟩ in either case. Cost: two GEMMs (n²m + nm²) per term, or
 * O(n·m·(k1 + k2)) when h1(C1) and h2(C2) have exact-to-roundoff factorisations of ranks k1, k2
 * ({@link LowRank}; point clouds under squared distances have rank ≤ d + 2). Holds its own
 * work buffers, so a solver reuses one instance over its iterations; not thread-safe.
 */
public final class GwTensor {
    private final int n;
    private final int m;
    private final Blas blas;
    private final Term direct;
    private final Term transposed;
    private final Mat tmp;

    /** With automatic low-rank factorisation of the structures ({@link LowRank}). */
    public GwTensor(GwProblem problem, Blas blas) {
        this(problem, blas, true);
    }

    /**
     * @param lowRank look for exact-to-roundoff low-rank factorisations of h1(C1) and h2(C2) and use
     *     them in the products (false: always the dense GEMMs)
     */
    public GwTensor(GwProblem problem, Blas blas, boolean lowRank) {
        this.n = problem.n();
        this.m = problem.m();
        this.blas = blas;
        double[] p = problem.p();
        double[] q = problem.q();
        this.direct = new Term(problem.c1(), problem.c2(), p, q, problem.loss(), lowRank, blas);
        this.transposed = problem.symmetric() ? null
                : new Term(problem.c1().transpose(), problem.c2().transpose(), p, q, problem.loss(), lowRank, blas);
        this.tmp = Mat.zeros(n, m);
    }

    /** How the products are computed, e.g. "rank 4 x rank 5" or "dense x dense". */
    public String structure() {
        return direct.describe();
    }

    public boolean symmetric() {
        return transposed == null;
    }

    /** out ← L⊗T (symmetrised for asymmetric structures); out must not be T. */
    public void gradient(Mat T, Mat out) {
        direct.apply(T, out, tmp, blas, 0.0, true);
        if (transposed != null) {
            // out ← ½ (direct + transposed): scale the direct term, then add half the transposed one
            for (int k = 0; k < out.data.length; k++) {
                out.data[k] *= 0.5;
            }
            transposed.apply(T, out, tmp, blas, 0.5, true);
        }
    }

    /**
     * out ← S(X), the quadratic part of the tensor: h1(C1)·X·h2(C2)ᵀ, or for asymmetric structures
     * ½(h1(C1)·X·h2(C2)ᵀ + h1(C1ᵀ)·X·h2(C2ᵀ)ᵀ), so that L⊗T = constC − S(T) and S is self-adjoint.
     * Linear in X: conditional-gradient solvers update S(T + αΔ) = S(T) + α S(Δ) without new products.
     */
    public void product(Mat X, Mat out) {
        direct.apply(X, out, tmp, blas, 0.0, false);
        if (transposed != null) {
            for (int k = 0; k < out.data.length; k++) {
                out.data[k] *= 0.5;
            }
            transposed.apply(X, out, tmp, blas, 0.5, false);
        }
        for (int k = 0; k < out.data.length; k++) {
            out.data[k] = -out.data[k];
        }
    }

    /** out ← constC (symmetrised for asymmetric structures): L⊗T = constC − S(T). */
    public void constant(Mat out) {
        direct.fillConstant(out, 1.0, false);
        if (transposed != null) {
            for (int k = 0; k < out.data.length; k++) {
                out.data[k] *= 0.5;
            }
            transposed.fillConstant(out, 0.5, true);
        }
    }

    /** Σ L(C1_ik, C2_jl) T_ij T_kl given grad = L⊗T from {@link #gradient}: the inner product ⟨grad, T⟩. */
    public static double value(Mat grad, Mat T) {
        return grad.dot(T);
    }

    /** The GW value of T: one gradient evaluation and a dot product. */
    public double value(Mat T) {
        Mat g = Mat.zeros(n, m);
        gradient(T, g);
        return value(g, T);
    }

    /** One of the two terms: constC and the transformed structures h1(C1), h2(C2), factorised when possible. */
    private static final class Term {
        final double[] constRow;
        final double[] constCol;
        final Mat h1C1;
        final Mat h2C2;
        final LowRank.Factor f1;
        final LowRank.Factor f2;
        private Mat w;
        private Mat z;
        private Mat u;

        Term(Mat C1, Mat C2, double[] p, double[] q, GwLoss loss, boolean lowRank, Blas blas) {
            int n = C1.rows;
            int m = C2.rows;
            constRow = new double[n];
            constCol = new double[m];
            h1C1 = Mat.zeros(n, n);
            h2C2 = Mat.zeros(m, m);
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    double c = C1.data[i * n + k];
                    s += loss.f1(c) * p[k];
                    h1C1.data[i * n + k] = loss.h1(c);
                }
                constRow[i] = s;
            }
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int l = 0; l < m; l++) {
                    double c = C2.data[j * m + l];
                    s += loss.f2(c) * q[l];
                    h2C2.data[j * m + l] = loss.h2(c);
                }
                constCol[j] = s;
            }
            f1 = lowRank ? LowRank.find(h1C1, LowRank.DEFAULT_REL_TOL, blas) : null;
            f2 = lowRank ? LowRank.find(h2C2, LowRank.DEFAULT_REL_TOL, blas) : null;
        }

        /**
         * beta = 0: out ← constC − h1(C1)·T·h2(C2)ᵀ; otherwise out ← out + beta·(constC − h1(C1)·T·h2(C2)ᵀ).
         * With factors h1(C1) = Q1 R1 and h2(C2) = Q2 R2 the product is Q1·((R1·T)·R2ᵀ)·Q2ᵀ.
         */
        void apply(Mat T, Mat out, Mat tmp, Blas blas, double beta, boolean withConst) {
            int n = constRow.length;
            int m = constCol.length;
            double w0 = beta == 0 ? 1.0 : beta;
            double[] o = out.data;
            if (withConst) {
                fillConstant(out, w0, beta != 0);
            } else if (beta == 0) {
                java.util.Arrays.fill(o, 0.0);
            }
            // W = h1C1·T (n×m) or R1·T (k1×m)
            Mat W;
            if (f1 == null) {
                W = tmp;
                blas.gemm(false, false, n, m, n, 1.0, h1C1.data, n, T.data, m, 0.0, W.data, m);
            } else {
                W = w == null ? (w = Mat.zeros(f1.rank(), m)) : w;
                blas.gemm(false, false, f1.rank(), m, n, 1.0, f1.R().data, n, T.data, m, 0.0, W.data, m);
            }
            if (f2 == null) {
                if (f1 == null) {
                    blas.gemm(false, true, n, m, m, -w0, W.data, m, h2C2.data, m, 1.0, o, m);
                } else {
                    Mat Z = z == null ? (z = Mat.zeros(f1.rank(), m)) : z;
                    blas.gemm(false, true, f1.rank(), m, m, 1.0, W.data, m, h2C2.data, m, 0.0, Z.data, m);
                    blas.gemm(false, false, n, m, f1.rank(), -w0, f1.Q().data, f1.rank(), Z.data, m, 1.0, o, m);
                }
                return;
            }
            int k2 = f2.rank();
            int rw = W.rows;
            Mat Z = z == null ? (z = Mat.zeros(rw, k2)) : z;
            blas.gemm(false, true, rw, k2, m, 1.0, W.data, m, f2.R().data, m, 0.0, Z.data, k2);
            Mat U = Z;
            if (f1 != null) {
                U = u == null ? (u = Mat.zeros(n, k2)) : u;
                blas.gemm(false, false, n, k2, f1.rank(), 1.0, f1.Q().data, f1.rank(), Z.data, k2, 0.0, U.data, k2);
            }
            blas.gemm(false, true, n, m, k2, -w0, U.data, k2, f2.Q().data, k2, 1.0, o, m);
        }

        /** out ← w·constC, or out += w·constC when add. */
        void fillConstant(Mat out, double w, boolean add) {
            int n = constRow.length;
            int m = constCol.length;
            double[] o = out.data;
            for (int i = 0; i < n; i++) {
                double r = constRow[i];
                for (int j = 0, k = i * m; j < m; j++) {
                    double c = w * (r + constCol[j]);
                    o[k + j] = add ? o[k + j] + c : c;
                }
            }
        }

        String describe() {
            return (f1 == null ? "dense" : "rank " + f1.rank()) + " x " + (f2 == null ? "dense" : "rank " + f2.rank());
        }
    }
}

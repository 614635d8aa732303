package org.gwbench.sinkhorn;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;

/**
 * Parallel (batched) Sinkhorn: S pairs of histograms (the columns of A, n×S, and B, m×S) against one
 * cost M, every step a matrix-matrix product through the BLAS seam (Xie's parallel Sinkhorn; POT's
 * sinkhorn with a matrix b). Kernel domain, rows first, from V⁰ = 1:
 * <pre>
 *   U^l = A ⊘ K V^{l−1},   V^l = B ⊘ Kᵀ U^l,   K = exp(−M/reg),
 * </pre>
 * until ‖U ⊙ K V − A‖_F &lt; tol (read from the next iteration's product, so free) or maxIter.
 *
 * <p>Losses ℓ_s = ⟨M,P_s⟩ + reg·Σ P_s(log P_s − 1) = Σ_i (f_is − reg)(P_s 1)_i + Σ_j g_js (P_sᵀ1)_j with
 * f = reg log U, g = reg log V, so no plan is formed. {@link Result#backward} gives the gradients of
 * Σ_s λ_s ℓ_s w.r.t. A, B and M by the reverse pass through the L iterations, again as GEMMs: with
 * ∂ℓ/∂P = f ⊕ g, Ū = F ⊙ (K V) + K (G ⊙ V), V̄ = Kᵀ(F ⊙ U) + G ⊙ (Kᵀ U) (columns scaled by λ),
 * then per step Ȳ = −V̄ ⊙ B ⊘ Y², Ū += K Ȳ, X̄ = −Ū ⊙ A ⊘ X², V̄ = Kᵀ X̄, with K̄ accumulated as
 * U Ȳᵀ + X̄ Vᵀ and M̄ = (U Λ Vᵀ) ⊙ K − K̄ ⊙ K / reg. Cost: 2 GEMMs (n·m·S) per iteration forward,
 * 4 backward; memory O(L·(n + m)·S).
 */
public final class BatchSinkhorn {
    private final int maxIter;
    private final double tol;

    public BatchSinkhorn(int maxIter, double tol) {
        this.maxIter = Check.positive("maxIter", maxIter);
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("tol must be >= 0, got " + tol);
        }
        this.tol = tol;
    }

    public static BatchSinkhorn defaults() {
        return new BatchSinkhorn(1000, 1e-9);
    }

    /** Solves all S problems; keeps the iterates for {@link Result#backward}. */
    public Result solve(Mat A, Mat B, Mat M, double reg) {
        return solve(A, B, M, reg, true);
    }

    /**
     * Solves all S problems. With tape = false only the last iterates are kept (memory O((n + m)·S)
     * instead of O(L·(n + m)·S)) and {@link Result#backward} is unavailable.
     */
    public Result solve(Mat A, Mat B, Mat M, double reg, boolean tape) {
        Check.finite("M", Check.nonEmpty("M", M));
        Check.positive("reg", reg);
        if (A.rows != M.rows || B.rows != M.cols || A.cols != B.cols) {
            throw new IllegalArgumentException("shapes: A is " + A.rows + "x" + A.cols + ", B is " + B.rows + "x" + B.cols
                    + ", M is " + M.rows + "x" + M.cols + " (need A n×S, B m×S, M n×m)");
        }
        checkColumns("A", A);
        checkColumns("B", B);
        int n = M.rows;
        int m = M.cols;
        int S = A.cols;
        Blas blas = Blas.active();
        Mat K = Mat.zeros(n, m);
        for (int k = 0; k < K.data.length; k++) {
            K.data[k] = Math.exp(-M.data[k] / reg);
        }
        List<Mat> Us = new ArrayList<>();
        List<Mat> Vs = new ArrayList<>();
        Mat V0 = Mat.zeros(m, S);
        java.util.Arrays.fill(V0.data, 1.0);
        Vs.add(V0);
        Us.add(null);
        Run run = iterate(A, B, K, reg, Us, Vs, tape, blas);
        Mat U = Us.get(Us.size() - 1);
        Mat V = Vs.get(Vs.size() - 1);
        Mat KV = run.KV();
        Mat KtU = blas.multiply(K, true, U, false);
        double[] losses = new double[S];
        double[] costs = new double[S];
        Mat CK = Mat.zeros(n, m); // ⟨M, P_s⟩ = u_sᵀ (M ⊙ K) v_s
        for (int k = 0; k < CK.data.length; k++) {
            CK.data[k] = M.data[k] * K.data[k];
        }
        Mat CKV = blas.multiply(CK, V);
        for (int s = 0; s < S; s++) {
            double l = 0;
            double c = 0;
            for (int i = 0; i < n; i++) {
                double u = U.data[i * S + s];
                l += (reg * Math.log(u) - reg) * u * KV.data[i * S + s];
                c += u * CKV.data[i * S + s];
            }
            for (int j = 0; j < m; j++) {
                double v = V.data[j * S + s];
                l += reg * Math.log(v) * v * KtU.data[j * S + s];
            }
            losses[s] = l;
            costs[s] = c;
        }
        return new Result(A, B, M, K, reg, losses, costs, run.iterations(), run.error(), Us, Vs, tape);
    }

    /**
     * U^l = A ⊘ K V^{l−1}, V^l = B ⊘ Kᵀ U^l from Vs[0] until ‖U ⊙ K V − A‖_F &lt; tol or maxIter; appends every
     * iterate to Us and Vs with a tape, else keeps only the last one.
     */
    private Run iterate(Mat A, Mat B, Mat K, double reg, List<Mat> Us, List<Mat> Vs, boolean tape, Blas blas) {
        int n = K.rows;
        int m = K.cols;
        int S = A.cols;
        Mat V = Vs.get(0);
        Mat KV = blas.multiply(K, V);
        Mat U;
        int it = 0;
        double err = Double.POSITIVE_INFINITY;
        while (it < maxIter && !(err < tol)) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            U = Mat.zeros(n, S);
            for (int k = 0; k < U.data.length; k++) {
                U.data[k] = A.data[k] / KV.data[k];
            }
            Mat KtU = blas.multiply(K, true, U, false);
            V = Mat.zeros(m, S);
            for (int k = 0; k < V.data.length; k++) {
                V.data[k] = B.data[k] / KtU.data[k];
            }
            if (!tape) {
                Us.set(Us.size() - 1, U);
                Vs.set(Vs.size() - 1, V);
            } else {
                Us.add(U);
                Vs.add(V);
            }
            it++;
            KV = blas.multiply(K, V);
            double e = 0;
            for (int k = 0; k < U.data.length; k++) {
                double d = U.data[k] * KV.data[k] - A.data[k];
                e += d * d;
            }
            err = Math.sqrt(e);
            if (!Double.isFinite(err)) {
                throw new IllegalArgumentException("reg = " + reg + " underflows the kernel exp(−M/reg); the batched "
                        + "Sinkhorn works in the kernel domain: increase reg or rescale M");
            }
        }
        return new Run(it, err, KV);
    }

    /** What the iterations left: their number, the final error and K V of the last V. */
    private record Run(int iterations, double error, Mat KV) {
    }

    private static void checkColumns(String name, Mat X) {
        for (int s = 0; s < X.cols; s++) {
            double sum = 0;
            for (int i = 0; i < X.rows; i++) {
                double x = X.get(i, s);
                if (!(x > 0) || !Double.isFinite(x)) {
                    throw new IllegalArgumentException(name + " must be positive and finite, found " + x + " at (" + i + ", " + s + ")");
                }
                sum += x;
            }
            if (Math.abs(sum - 1) > Check.SUM_TOL) {
                throw new IllegalArgumentException("column " + s + " of " + name + " sums to " + sum + ", not 1");
            }
        }
    }

    /** The S solves. */
    public static final class Result {
        private final Mat A;
        private final Mat B;
        private final Mat M;
        private final Mat K;
        private final double reg;
        private final double[] losses;
        private final double[] costs;
        private final int iterations;
        private final double error;
        private final List<Mat> Us;
        private final List<Mat> Vs;
        private final boolean tape;

        Result(Mat A, Mat B, Mat M, Mat K, double reg, double[] losses, double[] costs, int iterations, double error,
               List<Mat> Us, List<Mat> Vs, boolean tape) {
            this.tape = tape;
            this.A = A;
            this.B = B;
            this.M = M;
            this.K = K;
            this.reg = reg;
            this.losses = losses;
            this.costs = costs;
            this.iterations = iterations;
            this.error = error;
            this.Us = Us;
            this.Vs = Vs;
        }

        /** ℓ_s = ⟨M,P_s⟩ + reg·Σ P_s(log P_s − 1). */
        public double[] losses() {
            return losses.clone();
        }

        /** ⟨M, P_s⟩ (POT's sinkhorn with a matrix b returns these). */
        public double[] costs() {
            return costs.clone();
        }

        public int iterations() {
            return iterations;
        }

        /** ‖U ⊙ K V − A‖_F at the end. */
        public double error() {
            return error;
        }

        /** The plan of pair s, [u_s] K [v_s]. */
        public Mat plan(int s) {
            Mat U = Us.get(Us.size() - 1);
            Mat V = Vs.get(Vs.size() - 1);
            int S = U.cols;
            Mat P = Mat.zeros(K.rows, K.cols);
            for (int i = 0; i < K.rows; i++) {
                for (int j = 0; j < K.cols; j++) {
                    P.data[i * K.cols + j] = U.data[i * S + s] * K.data[i * K.cols + j] * V.data[j * S + s];
                }
            }
            return P;
        }

        /** Gradients of Σ_s λ_s ℓ_s w.r.t. A (n×S), B (m×S) and M (n×m). */
        public Gradients backward(double[] lambda) {
            if (!tape) {
                throw new IllegalStateException("solved without a tape: call solve(A, B, M, reg, true) for gradients");
            }
            Blas blas = Blas.active();
            int n = K.rows;
            int m = K.cols;
            int S = A.cols;
            if (lambda.length != S) {
                throw new IllegalArgumentException("lambda has " + lambda.length + " entries, expected " + S);
            }
            Mat U = Us.get(iterations);
            Mat V = Vs.get(iterations);
            Seed seed = seed(U, V, lambda, blas);
            Mat UBar = seed.UBar();
            Mat VBar = seed.VBar();
            Mat KBar = seed.KBar();
            Mat CBar = seed.CBar();
            Mat gA = Mat.zeros(n, S);
            Mat gB = Mat.zeros(m, S);
            for (int l = iterations; l >= 1; l--) {
                Mat Ul = Us.get(l);
                Mat Vprev = Vs.get(l - 1);
                Mat Y = blas.multiply(K, true, Ul, false);
                Mat YBar = Mat.zeros(m, S);
                for (int k = 0; k < YBar.data.length; k++) {
                    gB.data[k] += VBar.data[k] / Y.data[k];
                    YBar.data[k] = -VBar.data[k] * B.data[k] / (Y.data[k] * Y.data[k]);
                }
                Mat add = blas.multiply(K, YBar);
                for (int k = 0; k < UBar.data.length; k++) {
                    UBar.data[k] += add.data[k];
                }
                blas.gemm(false, true, n, m, S, 1.0, Ul.data, S, YBar.data, S, 1.0, KBar.data, m);
                Mat X = blas.multiply(K, Vprev);
                Mat XBar = Mat.zeros(n, S);
                for (int k = 0; k < XBar.data.length; k++) {
                    gA.data[k] += UBar.data[k] / X.data[k];
                    XBar.data[k] = -UBar.data[k] * A.data[k] / (X.data[k] * X.data[k]);
                }
                VBar = blas.multiply(K, true, XBar, false);
                blas.gemm(false, true, n, m, S, 1.0, XBar.data, S, Vprev.data, S, 1.0, KBar.data, m);
                UBar = Mat.zeros(n, S);
            }
            for (int k = 0; k < CBar.data.length; k++) {
                CBar.data[k] = CBar.data[k] * K.data[k] - KBar.data[k] * K.data[k] / reg;
            }
            return new Gradients(gA, gB, CBar);
        }

        /**
         * The reverse pass's start at the last iterates: Ū, V̄ and K̄ of Σ_s λ_s ℓ_s through P_s = [u_s] K [v_s]
         * with ∂ℓ/∂P = f ⊕ g, and M's direct term (λU) Vᵀ (multiplied by K at the end).
         */
        private Seed seed(Mat U, Mat V, double[] lambda, Blas blas) {
            int n = K.rows;
            int m = K.cols;
            int S = U.cols;
            Mat UF = Mat.zeros(n, S);
            Mat UL = Mat.zeros(n, S);
            for (int i = 0; i < n; i++) {
                for (int s = 0; s < S; s++) {
                    double u = U.data[i * S + s];
                    UF.data[i * S + s] = lambda[s] * u * reg * Math.log(u);
                    UL.data[i * S + s] = lambda[s] * u;
                }
            }
            Mat VG = Mat.zeros(m, S);
            for (int k = 0; k < VG.data.length; k++) {
                VG.data[k] = V.data[k] * reg * Math.log(V.data[k]);
            }
            // Ū = λ ⊙ (F ⊙ KV + K(G ⊙ V)), V̄ = λ ⊙ (Kᵀ(F ⊙ U) + G ⊙ KᵀU): ∂ℓ/∂P = f ⊕ g
            Mat KV = blas.multiply(K, V);
            Mat KVG = blas.multiply(K, VG);
            Mat UBar = Mat.zeros(n, S);
            for (int i = 0; i < n; i++) {
                for (int s = 0; s < S; s++) {
                    int k = i * S + s;
                    UBar.data[k] = lambda[s] * (reg * Math.log(U.data[k]) * KV.data[k] + KVG.data[k]);
                }
            }
            Mat KtUF = blas.multiply(K, true, UF, false);
            Mat KtUL = blas.multiply(K, true, UL, false);
            Mat VBar = Mat.zeros(m, S);
            for (int k = 0; k < VBar.data.length; k++) {
                VBar.data[k] = KtUF.data[k] + reg * Math.log(V.data[k]) * KtUL.data[k];
            }
            // K̄ = Σ_s λ_s [u_s] P̄_s [v_s] = (λU ⊙ F) Vᵀ + (λU)(V ⊙ G)ᵀ; direct ∂ℓ/∂M = (λU) Vᵀ ⊙ K
            Mat KBar = blas.multiply(UF, false, V, true);
            blas.gemm(false, true, n, m, S, 1.0, UL.data, S, VG.data, S, 1.0, KBar.data, m);
            Mat CBar = blas.multiply(UL, false, V, true);
            return new Seed(UBar, VBar, KBar, CBar);
        }
    }

    private record Seed(Mat UBar, Mat VBar, Mat KBar, Mat CBar) {
    }

    /** ∂/∂A, ∂/∂B, ∂/∂M of Σ_s λ_s ℓ_s. */
    public record Gradients(Mat gradA, Mat gradB, Mat gradM) {
    }
}

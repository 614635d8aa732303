package org.gwbench.sinkhorn;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;

/**
 * Entropic Wasserstein barycenter of the columns of A by iterative Bregman projections (Benamou et
 * al. 2015, the "parallel" algorithm of Xie's note and rwig), with the gradient of any downstream loss
 * of the barycenter with respect to A and the weights w by a manual reverse pass.
 *
 * <p>K = exp(−C/reg) (M×N; A's columns live on C's rows, the barycenter on its columns); from V⁰ = 1,
 * for l = 1..L:
 * <pre>
 *   U^l = A ⊘ K V^{l−1},   T^l = Kᵀ U^l,   b^l = Π_s (T^l_s)^{w_s},   V^l_s = b^l ⊘ T^l_s,
 * </pre>
 * stopping when ‖U^l ⊙ K V^l − A‖_F &lt; tol. The barycenter is b = b^L (it sums to 1 up to tol; it is
 * not renormalised, so the gradient is exactly that of the returned vector).
 *
 * <p>Reverse pass, given b̄ = ∂L/∂b: for l = L..1, b̄^l += Σ_s V̄^l_s ⊘ T^l_s,
 * T̄^l_s = (w_s b̄^l − V̄^l_s ⊘ T^l_s) ⊙ V^l_s, w̄_s += ⟨b̄^l ⊙ b^l, log T^l_s⟩, Ū^l = K T̄^l,
 * Ā += Ū^l ⊘ K V^{l−1}, V̄^{l−1} = −Kᵀ(Ū^l ⊙ U^l ⊘ K V^{l−1}). Every product is a GEMM over all S
 * histograms at once (the BLAS seam). Cost: twice the forward's; memory O(L·(M + N)·S).
 */
public final class SinkhornBarycenter {
    private final int maxIter;
    private final double tol;

    public SinkhornBarycenter(int maxIter, double tol) {
        this.maxIter = Check.positive("maxIter", maxIter);
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("tol must be >= 0, got " + tol);
        }
        this.tol = tol;
    }

    /** rwig's defaults: 1000 iterations, tol 1e-6. */
    public static SinkhornBarycenter defaults() {
        return new SinkhornBarycenter(1000, 1e-6);
    }

    /** A forward pass; {@link Forward#backward} gives the gradients for any ∂L/∂b. */
    public Forward forward(Mat A, Mat C, double[] w, double reg) {
        validate(A, C, w, reg);
        int M = C.rows;
        int N = C.cols;
        int S = A.cols;
        Mat K = Mat.zeros(M, N);
        for (int k = 0; k < K.data.length; k++) {
            K.data[k] = Math.exp(-C.data[k] / reg);
        }
        Blas blas = Blas.active();
        List<Mat> Us = new ArrayList<>();
        List<Mat> Vs = new ArrayList<>();
        List<Mat> Ts = new ArrayList<>();
        List<double[]> bs = new ArrayList<>();
        Mat V = Mat.zeros(N, S);
        java.util.Arrays.fill(V.data, 1.0);
        Vs.add(V);
        Us.add(null);
        Ts.add(null);
        bs.add(null);
        double err = Double.POSITIVE_INFINITY;
        int it = 0;
        double[] b = null;
        while (it < maxIter && !(err < tol)) {
            Mat KV = blas.multiply(K, V);
            Mat U = Mat.zeros(M, S);
            for (int k = 0; k < U.data.length; k++) {
                U.data[k] = A.data[k] / KV.data[k];
            }
            Mat T = blas.multiply(K, true, U, false);
            b = new double[N];
            for (int j = 0; j < N; j++) {
                double lb = 0;
                for (int s = 0; s < S; s++) {
                    lb += w[s] * Math.log(T.data[j * S + s]);
                }
                b[j] = Math.exp(lb);
            }
            V = Mat.zeros(N, S);
            for (int j = 0; j < N; j++) {
                for (int s = 0; s < S; s++) {
                    V.data[j * S + s] = b[j] / T.data[j * S + s];
                }
            }
            Us.add(U);
            Ts.add(T);
            bs.add(b);
            Vs.add(V);
            it++;
            Mat KV2 = blas.multiply(K, V);
            double e = 0;
            for (int k = 0; k < U.data.length; k++) {
                double d = U.data[k] * KV2.data[k] - A.data[k];
                e += d * d;
            }
            err = Math.sqrt(e);
            if (!Double.isFinite(err)) {
                throw new IllegalArgumentException("reg = " + reg + " underflows the kernel exp(−C/reg) (the parallel "
                        + "barycenter works in the kernel domain); increase reg or rescale C");
            }
        }
        return new Forward(A, K, w, b, it, err, Us, Vs, Ts, bs);
    }

    /** A finished forward pass of either variant. */
    public interface Pass {
        double[] barycenter();

        int iterations();

        /** The stopping quantity ‖U ⊙ K V − A‖_F (row marginals of the S plans) at the last iteration. */
        double error();

        /** ∂L/∂A (M×S) and ∂L/∂w (S) for bBar = ∂L/∂b. */
        Gradients backward(double[] bBar);
    }

    /** A finished forward pass. */
    public static final class Forward implements Pass {
        private final Mat A;
        private final Mat K;
        private final double[] w;
        private final double[] b;
        private final int iterations;
        private final double error;
        private final List<Mat> Us;
        private final List<Mat> Vs;
        private final List<Mat> Ts;
        private final List<double[]> bs;

        Forward(Mat A, Mat K, double[] w, double[] b, int iterations, double error, List<Mat> Us, List<Mat> Vs,
                List<Mat> Ts, List<double[]> bs) {
            this.A = A;
            this.K = K;
            this.w = w;
            this.b = b;
            this.iterations = iterations;
            this.error = error;
            this.Us = Us;
            this.Vs = Vs;
            this.Ts = Ts;
            this.bs = bs;
        }

        @Override
        public double[] barycenter() {
            return b.clone();
        }

        @Override
        public int iterations() {
            return iterations;
        }

        @Override
        public double error() {
            return error;
        }

        /** Scalings of the last iteration (M×S and N×S). */
        public Mat U() {
            return Us.get(iterations).copy();
        }

        public Mat V() {
            return Vs.get(iterations).copy();
        }

        @Override
        public Gradients backward(double[] bBar) {
            int M = A.rows;
            int S = A.cols;
            int N = K.cols;
            if (bBar.length != N) {
                throw new IllegalArgumentException("bBar has " + bBar.length + " entries, expected " + N);
            }
            Blas blas = Blas.active();
            Mat gA = Mat.zeros(M, S);
            double[] gw = new double[S];
            Mat VBar = Mat.zeros(N, S);
            for (int l = iterations; l >= 1; l--) {
                Mat T = Ts.get(l);
                Mat V = Vs.get(l);
                Mat U = Us.get(l);
                double[] bl = bs.get(l);
                double[] bb = new double[N];
                if (l == iterations) {
                    System.arraycopy(bBar, 0, bb, 0, N);
                }
                for (int j = 0; j < N; j++) {
                    for (int s = 0; s < S; s++) {
                        bb[j] += VBar.data[j * S + s] / T.data[j * S + s];
                    }
                }
                Mat TBar = Mat.zeros(N, S);
                for (int j = 0; j < N; j++) {
                    for (int s = 0; s < S; s++) {
                        int k = j * S + s;
                        TBar.data[k] = (w[s] * bb[j] - VBar.data[k] / T.data[k]) * V.data[k];
                        gw[s] += bb[j] * bl[j] * Math.log(T.data[k]);
                    }
                }
                Mat UBar = blas.multiply(K, TBar);
                Mat KV = blas.multiply(K, Vs.get(l - 1));
                Mat XBar = Mat.zeros(M, S);
                for (int k = 0; k < UBar.data.length; k++) {
                    gA.data[k] += UBar.data[k] / KV.data[k];
                    XBar.data[k] = -UBar.data[k] * U.data[k] / KV.data[k];
                }
                VBar = blas.multiply(K, true, XBar, false);
            }
            return new Gradients(gA, gw);
        }
    }

    /** Checks shared by both variants: A's columns are positive histograms on C's rows, w a distribution. */
    static void validate(Mat A, Mat C, double[] w, double reg) {
        Check.finite("A", Check.nonEmpty("A", A));
        Check.finite("C", Check.nonEmpty("C", C));
        if (A.rows != C.rows) {
            throw new IllegalArgumentException("A has " + A.rows + " rows but C has " + C.rows + " (A's columns live on C's rows)");
        }
        Check.distribution("w", w, A.cols);
        Check.positive("reg", reg);
        for (int s = 0; s < A.cols; s++) {
            double sum = 0;
            for (int i = 0; i < A.rows; i++) {
                double x = A.get(i, s);
                if (!(x > 0)) {
                    throw new IllegalArgumentException("A must be positive, found " + x + " at (" + i + ", " + s + ")");
                }
                sum += x;
            }
            if (Math.abs(sum - 1) > Check.SUM_TOL) {
                throw new IllegalArgumentException("column " + s + " of A sums to " + sum + ", not 1");
            }
        }
    }

    /** ∂L/∂A and ∂L/∂w. */
    public record Gradients(Mat gradA, double[] gradW) {
    }
}

package org.gwbench.sinkhorn;

import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Status;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealVector;

/**
 * SINKHORN-PROJECTION of Ezuz, Solomon, Kim and Ben-Chen, "Derivative of Gromov-Wasserstein"
 * (Algorithm 1), with its forward- and reverse-mode derivatives (§1–2 of the note).
 *
 * <p>Forward: Γ = [v] K [w] with Γμ = 1 and Γᵀμ0 = 1 (so the coupling [μ0] Γ [μ] has marginals μ0
 * and μ), by v ← 1 ⊘ K(w ⊙ μ), w ← 1 ⊘ Kᵀ(v ⊙ μ0) from v = w = 1, until
 * ‖v ⊙ K(w ⊙ μ) − 1‖∞ ≤ tol (the column conditions hold exactly after each w-update). Then
 * v ← v/s, w ← w·s with s = √(1ᵀv / 1ᵀw), which makes 1ᵀv = 1ᵀw (eq. 4).
 * <b>Deviation marked</b>: the note prints "w ← w / √(1ᵀv/1ᵀw)"; dividing both would not give
 * 1ᵀv = 1ᵀw, so w is multiplied.
 *
 * <p>Derivatives: the conditions (1)–(4) differentiated (eq. 5–8) form the bordered system (9). In the
 * relative unknowns a = dv ⊘ v, b = dw ⊘ w it reads
 * <pre>
 *   a + Γ[μ] b = r1,   Γᵀ[μ0] a + b = r2,   vᵀa − wᵀb = 0,
 *   r1 = −[v] dK (w ⊙ μ),  r2 = −[w] dKᵀ (v ⊙ μ0)
 * </pre>
 * (eq. 10 multiplied by [v], [w]). Eliminating a leaves the (m+1)×m bordered system
 * [(I − Γᵀ[μ0]Γ[μ]); (Γᵀv ⊙ μ + w)ᵀ] b = [r2 − Γᵀ[μ0] r1; vᵀ r1], solved by least squares with
 * Hipparchus' QR (the system is consistent, so the least-squares solution is exact). The reverse mode
 * solves the transposed system once for the adjoint λ and gives eq. 17 in the form
 * <pre>
 *   ∇_K L = [v] G [w] − (λ1 ⊙ v)(w ⊙ μ)ᵀ − (v ⊙ μ0)(λ2 ⊙ w)ᵀ,   G = ∇_Γ L,
 * </pre>
 * instead of forming the left inverse (A B; C E) of eq. 13. Cost of a derivative: O(n·m²) for the
 * Schur matrix (one GEMM) plus the QR, O(m³).
 */
public final class SinkhornProjection {
    /** Iteration budget and the tolerance on ‖Γμ − 1‖∞. */
    public record Options(int maxIter, double tol) {
        public Options {
            Check.positive("maxIter", maxIter);
            Check.positive("tol", tol);
        }

        /** 100000 iterations, tol 1e-14: tight enough for the implicit derivative to match finite differences. */
        public static Options defaults() {
            return new Options(100000, 1e-14);
        }
    }

    /** A projection: Γ = [v] K [w] and what the derivatives need. K is referenced, not copied. */
    public record Result(Mat gamma, double[] v, double[] w, Mat K, double[] mu0, double[] mu, int iterations,
                         double residual, Status status) {
        public boolean converged() {
            return status == Status.CONVERGED;
        }
    }

    /** dv, dw and dΓ for one perturbation dK. */
    public record Tangent(double[] dv, double[] dw, Mat dGamma) {
    }

    private SinkhornProjection() {
    }

    /** Projects the positive kernel K (n×m) onto {Γ ≥ 0: Γμ = 1, Γᵀμ0 = 1}. */
    public static Result project(Mat K, double[] mu0, double[] mu, Options options) {
        int n = K.rows;
        int m = K.cols;
        Check.nonEmpty("K", K);
        Check.distribution("mu0", mu0, n);
        Check.distribution("mu", mu, m);
        for (double k : K.data) {
            if (!(k >= 0) || !Double.isFinite(k)) {
                throw new IllegalArgumentException("K must be finite and non-negative, found " + k);
            }
        }
        Blas blas = Blas.active();
        double[] v = new double[n];
        double[] w = new double[m];
        java.util.Arrays.fill(v, 1.0);
        java.util.Arrays.fill(w, 1.0);
        double[] x = new double[m];
        double[] y = new double[n];
        double[] Kx = new double[n];
        double[] Kty = new double[m];
        Status status = Status.MAX_ITER;
        double residual = Double.NaN;
        int it = 0;
        for (int j = 0; j < m; j++) {
            x[j] = w[j] * mu[j];
        }
        blas.gemv(false, n, m, 1.0, K.data, m, x, 0.0, Kx);
        while (it < options.maxIter()) {
            if (Thread.currentThread().isInterrupted()) {
                status = Status.INTERRUPTED;
                break;
            }
            for (int i = 0; i < n; i++) {
                v[i] = 1.0 / Kx[i];
                y[i] = v[i] * mu0[i];
            }
            blas.gemv(true, n, m, 1.0, K.data, m, y, 0.0, Kty);
            for (int j = 0; j < m; j++) {
                w[j] = 1.0 / Kty[j];
                x[j] = w[j] * mu[j];
            }
            it++;
            blas.gemv(false, n, m, 1.0, K.data, m, x, 0.0, Kx);
            residual = 0;
            for (int i = 0; i < n; i++) {
                residual = Math.max(residual, Math.abs(v[i] * Kx[i] - 1.0));
            }
            if (!Double.isFinite(residual)) {
                status = Status.NUMERICAL_ERROR;
                break;
            }
            if (residual <= options.tol()) {
                status = Status.CONVERGED;
                break;
            }
        }
        balance(v, w);
        Mat gamma = Mat.zeros(n, m);
        for (int i = 0; i < n; i++) {
            for (int j = 0, o = i * m; j < m; j++) {
                gamma.data[o + j] = v[i] * K.data[o + j] * w[j];
            }
        }
        return new Result(gamma, v, w, K, mu0.clone(), mu.clone(), it, residual, status);
    }

    /** v ← v/s, w ← w·s with s = √(1ᵀv / 1ᵀw): makes 1ᵀv = 1ᵀw (eq. 4) and leaves [v] K [w] as it is. */
    private static void balance(double[] v, double[] w) {
        double sv = 0;
        double sw = 0;
        for (double t : v) {
            sv += t;
        }
        for (double t : w) {
            sw += t;
        }
        double s = Math.sqrt(sv / sw);
        for (int i = 0; i < v.length; i++) {
            v[i] /= s;
        }
        for (int j = 0; j < w.length; j++) {
            w[j] *= s;
        }
    }

    /** Forward mode: the solution of the bordered system (eq. 9) for dK, and dΓ by eq. 5. */
    public static Tangent jvp(Result r, Mat dK) {
        Mat G = r.gamma();
        int n = G.rows;
        int m = G.cols;
        r.K().requireSameShape(dK, "dK");
        double[] v = r.v();
        double[] w = r.w();
        double[] mu0 = r.mu0();
        double[] mu = r.mu();
        double[] r1 = new double[n];
        double[] rhs = tangentRhs(r, dK, r1);
        double[][] A = schur(r, false);
        // border row (Γᵀv ⊙ μ + w)ᵀ
        double[] bRow = A[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0, o = i * m; j < m; j++) {
                bRow[j] += G.data[o + j] * v[i];
            }
        }
        for (int j = 0; j < m; j++) {
            bRow[j] = bRow[j] * mu[j] + w[j];
        }
        double[] b = solve(A, rhs);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0, o = i * m; j < m; j++) {
                s += G.data[o + j] * mu[j] * b[j];
            }
            a[i] = r1[i] - s;
        }
        double[] dv = new double[n];
        double[] dw = new double[m];
        Mat dG = Mat.zeros(n, m);
        for (int i = 0; i < n; i++) {
            dv[i] = v[i] * a[i];
            for (int j = 0, o = i * m; j < m; j++) {
                dG.data[o + j] = (a[i] + b[j]) * G.data[o + j] + v[i] * dK.data[o + j] * w[j];
            }
        }
        for (int j = 0; j < m; j++) {
            dw[j] = w[j] * b[j];
        }
        return new Tangent(dv, dw, dG);
    }

    /**
     * The bordered system's right-hand side for dK: r2 − Γᵀ[μ0] r1 and the border vᵀ r1 (m + 1 entries),
     * with r1 = −[v] dK (w ⊙ μ) written into r1 and r2 = −[w] dKᵀ (v ⊙ μ0).
     */
    private static double[] tangentRhs(Result r, Mat dK, double[] r1) {
        Mat G = r.gamma();
        int n = G.rows;
        int m = G.cols;
        double[] v = r.v();
        double[] w = r.w();
        double[] mu0 = r.mu0();
        double[] mu = r.mu();
        double[] r2 = new double[m];
        for (int i = 0; i < n; i++) {
            double s1 = 0;
            for (int j = 0, o = i * m; j < m; j++) {
                double d = dK.data[o + j];
                s1 += d * w[j] * mu[j];
                r2[j] -= w[j] * d * v[i] * mu0[i];
            }
            r1[i] = -v[i] * s1;
        }
        double[] rhs = new double[m + 1];
        double border = 0;
        for (int i = 0; i < n; i++) {
            border += v[i] * r1[i];
        }
        for (int j = 0; j < m; j++) {
            rhs[j] = r2[j];
        }
        for (int i = 0; i < n; i++) {
            double c = mu0[i] * r1[i];
            for (int j = 0, o = i * m; j < m; j++) {
                rhs[j] -= G.data[o + j] * c;
            }
        }
        rhs[m] = border;
        return rhs;
    }

    /** Reverse mode: ∇_K L from G = ∇_Γ L (eq. 17 through the adjoint of the bordered system). */
    public static Mat vjp(Result r, Mat gradGamma) {
        Mat G = r.gamma();
        int n = G.rows;
        int m = G.cols;
        G.requireSameShape(gradGamma, "gradGamma");
        double[] v = r.v();
        double[] w = r.w();
        double[] mu0 = r.mu0();
        double[] mu = r.mu();
        // ga = (∇Γ ⊙ Γ) 1, gb = (∇Γ ⊙ Γ)ᵀ 1
        double[] ga = new double[n];
        double[] gb = new double[m];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0, o = i * m; j < m; j++) {
                double t = gradGamma.data[o + j] * G.data[o + j];
                s += t;
                gb[j] += t;
            }
            ga[i] = s;
        }
        // λ1 = ga − [μ0]Γ λ2 and (I − [μ]Γᵀ[μ0]Γ) λ2 = gb − [μ]Γᵀ ga, bordered by μᵀλ2 = 0
        double[] rhs = new double[m + 1];
        for (int j = 0; j < m; j++) {
            rhs[j] = gb[j];
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0, o = i * m; j < m; j++) {
                rhs[j] -= mu[j] * G.data[o + j] * ga[i];
            }
        }
        double[][] A = schur(r, true);
        System.arraycopy(mu, 0, A[m], 0, m);
        double[] l2 = solve(A, rhs);
        double[] l1 = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0, o = i * m; j < m; j++) {
                s += G.data[o + j] * l2[j];
            }
            l1[i] = ga[i] - mu0[i] * s;
        }
        Mat gK = Mat.zeros(n, m);
        for (int i = 0; i < n; i++) {
            double a1 = l1[i] * v[i];
            double a2 = v[i] * mu0[i];
            for (int j = 0, o = i * m; j < m; j++) {
                gK.data[o + j] = v[i] * gradGamma.data[o + j] * w[j] - a1 * w[j] * mu[j] - a2 * l2[j] * w[j];
            }
        }
        return gK;
    }

    /**
     * The (m+1)×m array whose first m rows are I − Γᵀ[μ0]Γ[μ] (or its transpose) and whose last row is
     * zero, for the caller's border. One GEMM: Γᵀ[μ0]Γ.
     */
    private static double[][] schur(Result r, boolean transpose) {
        Mat G = r.gamma();
        int n = G.rows;
        int m = G.cols;
        Mat scaled = Mat.zeros(n, m);
        for (int i = 0; i < n; i++) {
            for (int j = 0, o = i * m; j < m; j++) {
                scaled.data[o + j] = r.mu0()[i] * G.data[o + j];
            }
        }
        Mat P = Mat.zeros(m, m);
        Blas.active().gemm(true, false, m, m, n, 1.0, scaled.data, m, G.data, m, 0.0, P.data, m);
        double[][] A = new double[m + 1][m];
        double[] mu = r.mu();
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < m; k++) {
                // (Γᵀ[μ0]Γ[μ])_jk = P_jk μ_k; transposed: μ_j P_kj = μ_j P_jk (P is symmetric)
                double pj = P.data[j * m + k] * (transpose ? mu[j] : mu[k]);
                A[j][k] = (j == k ? 1.0 : 0.0) - pj;
            }
        }
        return A;
    }

    private static double[] solve(double[][] A, double[] rhs) {
        QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(A, false));
        RealVector x = qr.getSolver().solve(new ArrayRealVector(rhs, false));
        return x.toArray();
    }
}

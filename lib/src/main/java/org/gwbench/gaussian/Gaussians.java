package org.gwbench.gaussian;

import java.util.SplittableRandom;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.linalg.SymmetricEigen;
import org.gwbench.problem.Check;

/**
 * Closed forms between centred Gaussians (Nekrashevich et al., "Neural Gromov-Wasserstein", §5.2;
 * Delon, Desolneux and Salmona 2022) and the tools of the paper's Table 1: random covariances,
 * sampling, the Bures-Wasserstein distance and BW₂²-UVP.
 *
 * <p>Eigen-decompositions are Σ = V diag(d) Vᵀ with d in decreasing order ({@link SymmetricEigen}); the
 * paper writes Σ = Pᵀ D P, so P = Vᵀ.
 */
public final class Gaussians {
    private Gaussians() {
    }

    /**
     * innerGW² between N(0, Σ1) on ℝ^m and N(0, Σ2) on ℝ^n (Lemma 5.1, stated for m ≥ n; the value
     * is symmetric, so the larger dimension may be on either side):
     * tr(D_μ²) + tr(D_ν²) − 2 tr((D_μ)_{≤n} D_ν), eigenvalues paired in decreasing order.
     */
    public static double innerGw2(Mat cov1, Mat cov2) {
        double[] a = covarianceSpectrum("cov1", cov1);
        double[] b = covarianceSpectrum("cov2", cov2);
        double[] big = a.length >= b.length ? a : b;
        double[] small = a.length >= b.length ? b : a;
        double v = 0;
        for (double x : big) {
            v += x * x;
        }
        for (int i = 0; i < small.length; i++) {
            v += small[i] * small[i] - 2 * big[i] * small[i];
        }
        return v;
    }

    /**
     * The optimal linear map of Lemma 5.1 from N(0, Σ_src) (dimension m) to N(0, Σ_tgt) (dimension
     * n ≤ m): T = V_ν A V_μᵀ (n×m), A = (Ĩ D_ν^{1/2} (D_μ)_{≤n}^{−1/2}, 0). With the signs Ĩ = diag(signs).
     * <b>Deviation marked</b>: the paper prints T = P_ν A P_μ with Σ = Pᵀ D P; pushing N(0, Σ_μ) through
     * that gives covariance P_ν D_ν P_νᵀ, not Σ_ν, so the left factor must be P_νᵀ = V_ν.
     */
    public static Mat innerGwMap(Mat covSrc, Mat covTgt, double[] signs) {
        SymmetricEigen.Result s = eigen("covSrc", covSrc);
        SymmetricEigen.Result t = eigen("covTgt", covTgt);
        int m = covSrc.rows;
        int n = covTgt.rows;
        if (n > m) {
            throw new IllegalArgumentException("the map goes from the larger dimension to the smaller: source has "
                    + m + ", target " + n);
        }
        if (signs != null && signs.length != n) {
            throw new IllegalArgumentException("signs must have " + n + " entries, got " + signs.length);
        }
        Mat A = Mat.zeros(n, m);
        for (int i = 0; i < n; i++) {
            if (!(s.values()[i] > 0)) {
                throw new IllegalArgumentException("covSrc must be positive definite on its top " + n + " eigenvalues");
            }
            double sign = signs == null ? 1 : Math.signum(signs[i]);
            A.set(i, i, sign * Math.sqrt(Math.max(t.values()[i], 0) / s.values()[i]));
        }
        Blas blas = Blas.active();
        return blas.multiply(blas.multiply(t.vectors(), A), false, s.vectors(), true);
    }

    /**
     * Gromov-Wasserstein between Gaussians for squared-distance costs, restricted to Gaussian plans
     * (Delon, Desolneux, Salmona; POT's gaussian_gromov_wasserstein_distance):
     * √(4(Σd_s − Σd_t)² + 8Σ_{i≤n}(d_s,i − d_t,i)² + 8Σ_{i&gt;n} d_s,i²), the larger dimension as source.
     */
    public static double gaussianGw(Mat cov1, Mat cov2) {
        double[] a = covarianceSpectrum("cov1", cov1);
        double[] b = covarianceSpectrum("cov2", cov2);
        double[] s = a.length >= b.length ? a : b;
        double[] t = a.length >= b.length ? b : a;
        double ts = 0;
        double tt = 0;
        for (double x : s) {
            ts += x;
        }
        for (double x : t) {
            tt += x;
        }
        double v = 4 * (ts - tt) * (ts - tt);
        for (int i = 0; i < s.length; i++) {
            double d = i < t.length ? s[i] - t[i] : s[i];
            v += 8 * d * d;
        }
        return Math.sqrt(v);
    }

    /** BW₂²(N(m1, Σ1), N(m2, Σ2)) = ‖m1 − m2‖² + tr Σ1 + tr Σ2 − 2 tr (Σ2^{1/2} Σ1 Σ2^{1/2})^{1/2}. */
    public static double bw2(double[] m1, Mat cov1, double[] m2, Mat cov2) {
        if (cov1.rows != cov2.rows || m1.length != cov1.rows || m2.length != cov2.rows) {
            throw new IllegalArgumentException("means and covariances must share one dimension");
        }
        Mat r = sqrtPsd(cov2);
        Blas blas = Blas.active();
        Mat inner = blas.multiply(blas.multiply(r, cov1), r);
        symmetrise(inner);
        double cross = 0;
        for (double x : eigenvalues("cov", inner)) {
            cross += Math.sqrt(Math.max(x, 0));
        }
        double d = 0;
        for (int i = 0; i < m1.length; i++) {
            d += (m1[i] - m2[i]) * (m1[i] - m2[i]);
        }
        return d + trace(cov1) + trace(cov2) - 2 * cross;
    }

    /** BW₂²-UVP (eq. 20): 100 · BW₂²(T#μ, ν) / (½ tr Σ_ν), T#μ given by its mean and covariance. */
    public static double bw2Uvp(double[] mean, Mat cov, double[] targetMean, Mat targetCov) {
        return 100 * bw2(mean, cov, targetMean, targetCov) / (0.5 * trace(targetCov));
    }

    /**
     * Σ = Pᵀ D P with P a Haar-random rotation (QR of a Gaussian matrix, signs fixed by R's diagonal,
     * determinant +1) and D uniform on [lo, hi] (the paper: [1/2, 2]).
     */
    public static Mat randomCovariance(int d, double lo, double hi, SplittableRandom rnd) {
        Check.positive("d", d);
        if (!(lo > 0 && hi >= lo)) {
            throw new IllegalArgumentException("need 0 < lo <= hi, got " + lo + ", " + hi);
        }
        Mat Q = randomRotation(d, rnd);
        Mat QD = Mat.zeros(d, d);
        for (int j = 0; j < d; j++) {
            double e = lo + (hi - lo) * rnd.nextDouble();
            for (int i = 0; i < d; i++) {
                QD.set(i, j, Q.get(i, j) * e);
            }
        }
        Mat S = Blas.active().multiply(QD, false, Q, true);
        symmetrise(S);
        return S;
    }

    /** A Haar-random rotation (orthogonal, determinant +1) by modified Gram-Schmidt on Gaussian columns. */
    public static Mat randomRotation(int d, SplittableRandom rnd) {
        double[][] cols = new double[d][d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < d; i++) {
                cols[j][i] = gaussian(rnd);
            }
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += cols[k][i] * cols[j][i];
                }
                for (int i = 0; i < d; i++) {
                    cols[j][i] -= dot * cols[k][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += cols[j][i] * cols[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                cols[j][i] /= norm;
            }
        }
        Mat Q = Mat.zeros(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                Q.set(i, j, cols[j][i]);
            }
        }
        // Gram-Schmidt on Gaussian columns is Haar on O(d); flip one column to land in SO(d)
        if (determinantSign(Q) < 0) {
            for (int i = 0; i < d; i++) {
                Q.set(i, 0, -Q.get(i, 0));
            }
        }
        return Q;
    }

    /** N samples (rows) of N(0, Σ): x = Σ^{1/2} z. */
    public static Mat sample(Mat cov, int N, SplittableRandom rnd) {
        Check.positive("N", N);
        int d = cov.rows;
        Mat Z = Mat.zeros(N, d);
        for (int k = 0; k < Z.data.length; k++) {
            Z.data[k] = gaussian(rnd);
        }
        return Blas.active().multiply(Z, false, sqrtPsd(cov), true);
    }

    /**
     * The innerGW functional of a map given on samples (eq. 7 by Monte Carlo): X (N×m) drawn from μ and
     * their images TX (N×n); the U-statistic over all ordered pairs i ≠ j,
     * mean_{i≠j} |⟨x_i, x_j⟩ − ⟨T x_i, T x_j⟩|².
     *
     * <p>The sum over the N² pairs equals ‖XᵀX‖²_F − 2‖XᵀY‖²_F + ‖YᵀY‖²_F − Σ_i (|x_i|² − |y_i|²)² (Y = TX),
     * which costs O(N·(m + n)²) instead of O(N²·(m + n)) (at N = 200 000, milliseconds instead of
     * minutes). When those terms cancel to less than {@link #GRAM_CANCELLATION} of their size (a map close
     * to an isometry), the pairs are summed one by one from the Gram matrices, block by block of rows, so
     * that the result keeps its digits either way.
     */
    public static double innerGwFunctional(Mat X, Mat TX) {
        Check.finite("X", X);
        Check.finite("TX", TX);
        if (X.rows != TX.rows || X.rows < 2) {
            throw new IllegalArgumentException("X and TX need the same number (at least 2) of rows, got "
                    + X.rows + " and " + TX.rows);
        }
        Blas blas = Blas.active();
        double s = gramSum(blas, X, TX);
        return (Double.isNaN(s) ? pairwiseSum(blas, X, TX) : s) / ((double) X.rows * (X.rows - 1));
    }

    /**
     * Σ_{i≠j} (⟨x_i, x_j⟩ − ⟨y_i, y_j⟩)² from the m×m, n×n and m×n Gram matrices, or NaN when its terms
     * cancel beyond {@link #GRAM_CANCELLATION}.
     */
    static double gramSum(Blas blas, Mat X, Mat TX) {
        int N = X.rows;
        double xx = frobenius2(blas.multiply(X, true, X, false));
        double yy = frobenius2(blas.multiply(TX, true, TX, false));
        double xy = frobenius2(blas.multiply(X, true, TX, false));
        double diag = 0;
        double diagSize = 0;
        for (int i = 0; i < N; i++) {
            double nx = dotRow(X, i);
            double ny = dotRow(TX, i);
            diag += (nx - ny) * (nx - ny);
            diagSize += (nx + ny) * (nx + ny);
        }
        double s = xx - 2 * xy + yy - diag;
        return s > GRAM_CANCELLATION * (xx + 2 * xy + yy + diagSize) ? s : Double.NaN;
    }

    /**
     * The smallest ratio of the functional's sum to the size of the Gram terms it is the difference of,
     * for the Gram route: at 10⁻³ it loses at most three of the digits the pairwise sum keeps.
     */
    static final double GRAM_CANCELLATION = 1e-3;

    /** Σ_{i≠j} (⟨x_i, x_j⟩ − ⟨y_i, y_j⟩)², pair by pair from blocks of the two Gram matrices. */
    static double pairwiseSum(Blas blas, Mat X, Mat TX) {
        int N = X.rows;
        int chunk = 512;
        double s = 0;
        for (int r0 = 0; r0 < N; r0 += chunk) {
            int r1 = Math.min(N, r0 + chunk);
            Mat G = blas.multiply(rows(X, r0, r1), false, X, true);
            Mat H = blas.multiply(rows(TX, r0, r1), false, TX, true);
            for (int i = r0; i < r1; i++) {
                for (int j = 0; j < N; j++) {
                    if (i != j) {
                        double d = G.data[(i - r0) * N + j] - H.data[(i - r0) * N + j];
                        s += d * d;
                    }
                }
            }
        }
        return s;
    }

    private static double frobenius2(Mat A) {
        double s = 0;
        for (double v : A.data) {
            s += v * v;
        }
        return s;
    }

    private static double dotRow(Mat X, int i) {
        double s = 0;
        for (int k = i * X.cols, e = k + X.cols; k < e; k++) {
            s += X.data[k] * X.data[k];
        }
        return s;
    }

    private static Mat rows(Mat X, int r0, int r1) {
        return new Mat(r1 - r0, X.cols, java.util.Arrays.copyOfRange(X.data, r0 * X.cols, r1 * X.cols));
    }

    /** The symmetric square root of a positive semi-definite matrix. */
    public static Mat sqrtPsd(Mat S) {
        SymmetricEigen.Result e = eigen("matrix", S);
        int d = S.rows;
        Mat VD = Mat.zeros(d, d);
        for (int j = 0; j < d; j++) {
            double r = Math.sqrt(Math.max(e.values()[j], 0));
            for (int i = 0; i < d; i++) {
                VD.set(i, j, e.vectors().get(i, j) * r);
            }
        }
        Mat R = Blas.active().multiply(VD, false, e.vectors(), true);
        symmetrise(R);
        return R;
    }

    private static SymmetricEigen.Result eigen(String name, Mat S) {
        Check.finite(name, Check.square(name, Check.nonEmpty(name, S)));
        try {
            return SymmetricEigen.of(S);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    /**
     * The eigenvalues of a covariance, decreasing; a matrix with an eigenvalue below −1e-12 × its largest
     * magnitude is not one (an indefinite "covariance" gave a number before).
     */
    private static double[] covarianceSpectrum(String name, Mat S) {
        double[] e = eigenvalues(name, S);
        double scale = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double x : e) {
            scale = Math.max(scale, Math.abs(x));
            min = Math.min(min, x);
        }
        if (min < -1e-12 * scale) {
            throw new IllegalArgumentException(name + " must be positive semi-definite (a covariance), its smallest eigenvalue is " + min);
        }
        return e;
    }

    private static double[] eigenvalues(String name, Mat S) {
        Check.finite(name, Check.square(name, Check.nonEmpty(name, S)));
        try {
            return SymmetricEigen.values(S);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    private static void symmetrise(Mat S) {
        for (int i = 0; i < S.rows; i++) {
            for (int j = i + 1; j < S.cols; j++) {
                double v = 0.5 * (S.get(i, j) + S.get(j, i));
                S.set(i, j, v);
                S.set(j, i, v);
            }
        }
    }

    static double trace(Mat S) {
        double t = 0;
        for (int i = 0; i < S.rows; i++) {
            t += S.get(i, i);
        }
        return t;
    }

    /** Sign of det(Q) for an orthogonal Q, by Gaussian elimination with partial pivoting. */
    private static double determinantSign(Mat Q) {
        int d = Q.rows;
        double[][] a = Q.toArray();
        double sign = 1;
        for (int k = 0; k < d; k++) {
            int p = k;
            for (int i = k + 1; i < d; i++) {
                if (Math.abs(a[i][k]) > Math.abs(a[p][k])) {
                    p = i;
                }
            }
            if (p != k) {
                double[] t = a[p];
                a[p] = a[k];
                a[k] = t;
                sign = -sign;
            }
            if (a[k][k] < 0) {
                sign = -sign;
            }
            for (int i = k + 1; i < d; i++) {
                double f = a[i][k] / a[k][k];
                for (int j = k; j < d; j++) {
                    a[i][j] -= f * a[k][j];
                }
            }
        }
        return sign;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}

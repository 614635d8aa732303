package org.gwbench.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.linalg.SymmetricEigen;
import org.junit.jupiter.api.Test;

class GaussiansTest {
    static Mat diag(double... d) {
        Mat D = Mat.zeros(d.length, d.length);
        for (int i = 0; i < d.length; i++) {
            D.set(i, i, d[i]);
        }
        return D;
    }

    static Mat rotate(Mat S, Mat Q) {
        Blas b = Blas.active();
        Mat R = b.multiply(b.multiply(Q, S), false, Q, true);
        for (int i = 0; i < R.rows; i++) {
            for (int j = i + 1; j < R.cols; j++) {
                double v = 0.5 * (R.get(i, j) + R.get(j, i));
                R.set(i, j, v);
                R.set(j, i, v);
            }
        }
        return R;
    }

    /** REFERENCE.md §4 (POT's gaussian_gromov_wasserstein_distance). */
    @Test
    void delonDesolneuxSalmonaReferenceValues() {
        assertEquals(Math.sqrt(60), Gaussians.gaussianGw(diag(3, 2, 1), diag(2, 1)), 1e-12);
        assertEquals(Math.sqrt(60), Gaussians.gaussianGw(diag(2, 1), diag(3, 2, 1)), 1e-12, "larger dimension as source");
        assertEquals(5.717192624095785, Gaussians.gaussianGw(Mat.of(new double[][] {{2, .5}, {.5, 1}}), diag(1)), 1e-12);
        Mat S = Gaussians.randomCovariance(4, 0.5, 2, new SplittableRandom(1));
        Mat R = rotate(S, Gaussians.randomRotation(4, new SplittableRandom(2)));
        assertEquals(0.0, Gaussians.gaussianGw(S, R), 1e-6, "equal spectra");
    }

    @Test
    void innerGwIsRotationInvariantAndIgnoresZeroPadding() {
        SplittableRandom rnd = new SplittableRandom(3);
        Mat S = Gaussians.randomCovariance(5, 0.5, 2, rnd);
        Mat T = Gaussians.randomCovariance(3, 0.5, 2, rnd);
        double v = Gaussians.innerGw2(S, T);
        assertTrue(v > 0);
        assertEquals(v, Gaussians.innerGw2(rotate(S, Gaussians.randomRotation(5, rnd)), T), 1e-10 * v);
        assertEquals(v, Gaussians.innerGw2(S, rotate(T, Gaussians.randomRotation(3, rnd))), 1e-10 * v);
        assertEquals(v, Gaussians.innerGw2(T, S), 1e-12 * v, "symmetric");
        Mat padded = Mat.zeros(4, 4);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                padded.set(i, j, T.get(i, j));
            }
        }
        assertEquals(v, Gaussians.innerGw2(S, padded), 1e-10 * v, "a zero-padded dimension changes nothing");
        // by hand on diagonals: tr(Dμ²) + tr(Dν²) − 2 tr((Dμ)≤n Dν)
        assertEquals(9 + 4 + 1 + 4 + 1 - 2 * (3 * 2 + 2 * 1), Gaussians.innerGw2(diag(1, 3, 2), diag(1, 2)), 1e-12);
    }

    @Test
    void theMapPushesTheSourceOntoTheTarget() {
        SplittableRandom rnd = new SplittableRandom(4);
        Mat S = Gaussians.randomCovariance(6, 0.5, 2, rnd);
        Mat T = Gaussians.randomCovariance(3, 0.5, 2, rnd);
        for (double[] signs : new double[][] {null, {1, -1, 1}}) {
            Mat A = Gaussians.innerGwMap(S, T, signs);
            Blas b = Blas.active();
            Mat pushed = b.multiply(b.multiply(A, S), false, A, true);
            assertTrue(pushed.maxAbsDiff(T) < 1e-10, "A Σμ Aᵀ = Σν");
        }
        assertThrows(IllegalArgumentException.class, () -> Gaussians.innerGwMap(T, S, null));
    }

    /**
     * The closed form against the Monte-Carlo functional (eq. 7) of its own map. (A discrete GW on
     * samples is not within a few percent at sizes a unit test can afford: in 3 → 2 dimensions it is
     * 12–14% above at 400–1000 samples, the finite-sample bias the paper's Table 1 also shows.)
     */
    @Test
    void closedFormAgainstSamples() {
        SplittableRandom rnd = new SplittableRandom(5);
        Mat S = Gaussians.randomCovariance(3, 0.5, 2, rnd);
        Mat T = Gaussians.randomCovariance(2, 0.5, 2, rnd);
        double gt = Gaussians.innerGw2(S, T);
        Mat X = Gaussians.sample(S, 200000, rnd);
        Mat A = Gaussians.innerGwMap(S, T, null);
        Mat TX = Blas.active().multiply(X, false, A, true);
        assertEquals(gt, Gaussians.innerGwFunctional(X, TX), 0.03 * gt, "Monte Carlo of eq. 7 at the optimal map");
    }

    /**
     * The Gram-matrix route of the functional against the pair-by-pair sum it replaces, on a map far from
     * an isometry (Gram route) and on one close to it (the sum cancels: the pairwise fallback).
     */
    @Test
    void functionalByGramMatricesEqualsThePairwiseSum() {
        SplittableRandom rnd = new SplittableRandom(11);
        Mat S = Gaussians.randomCovariance(3, 0.5, 2, rnd);
        Mat X = Gaussians.sample(S, 1500, rnd);
        Mat A = Gaussians.innerGwMap(S, Gaussians.randomCovariance(2, 0.5, 2, rnd), null);
        Mat TX = Blas.active().multiply(X, false, A, true);
        double pairs = Gaussians.pairwiseSum(Blas.active(), X, TX) / (1500.0 * 1499);
        assertTrue(!Double.isNaN(Gaussians.gramSum(Blas.active(), X, TX)), "this map takes the Gram route");
        assertEquals(pairs, Gaussians.innerGwFunctional(X, TX), 1e-12 * pairs);

        Mat Q = Gaussians.randomRotation(3, rnd);
        Mat near = Blas.active().multiply(X, false, Q, true);
        for (int k = 0; k < near.data.length; k++) {
            near.data[k] *= 1 + 1e-7 * (rnd.nextDouble() - 0.5);
        }
        double tiny = Gaussians.pairwiseSum(Blas.active(), X, near) / (1500.0 * 1499);
        assertTrue(tiny > 0 && tiny < 1e-10, "a near-isometry: " + tiny);
        assertTrue(Double.isNaN(Gaussians.gramSum(Blas.active(), X, near)), "a near-isometry is summed pair by pair");
        assertEquals(tiny, Gaussians.innerGwFunctional(X, near), 1e-9 * tiny);
    }

    @Test
    void buresWassersteinAgainstTheCommutingFormula() {
        double[] m1 = {1, 0, -1};
        double[] m2 = {0, 2, -1};
        double bw = Gaussians.bw2(m1, diag(1, 4, 9), m2, diag(4, 1, 1));
        double expected = 1 + 4 + Math.pow(1 - 2, 2) + Math.pow(2 - 1, 2) + Math.pow(3 - 1, 2);
        assertEquals(expected, bw, 1e-10);
        SplittableRandom rnd = new SplittableRandom(6);
        Mat S = Gaussians.randomCovariance(4, 0.5, 2, rnd);
        Mat Q = Gaussians.randomRotation(4, rnd);
        // a common rotation of both Gaussians (means and covariances) keeps BW
        Mat R = Gaussians.randomRotation(3, rnd);
        double[] r1 = Blas.active().multiply(R, new Mat(3, 1, m1)).data;
        double[] r2 = Blas.active().multiply(R, new Mat(3, 1, m2)).data;
        assertEquals(expected, Gaussians.bw2(r1, rotate(diag(1, 4, 9), R), r2, rotate(diag(4, 1, 1), R)), 1e-9);
        assertEquals(0.0, Gaussians.bw2(new double[4], S, new double[4], S), 1e-10);
        assertEquals(0.0, Gaussians.bw2Uvp(new double[4], rotate(S, Q), new double[4], rotate(S, Q)), 1e-8);
    }

    @Test
    void randomCovariancesRotationsAndSamples() {
        SplittableRandom rnd = new SplittableRandom(7);
        Mat Q = Gaussians.randomRotation(7, rnd);
        Mat QtQ = Blas.active().multiply(Q, true, Q, false);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                assertEquals(i == j ? 1 : 0, QtQ.get(i, j), 1e-12);
            }
        }
        Mat S = Gaussians.randomCovariance(7, 0.5, 2, rnd);
        for (double e : SymmetricEigen.of(S).values()) {
            assertTrue(e >= 0.5 - 1e-12 && e <= 2 + 1e-12, "eigenvalue " + e);
        }
        Mat X = Gaussians.sample(S, 100000, rnd);
        Mat C = Blas.active().multiply(X, true, X, false);
        for (int k = 0; k < C.data.length; k++) {
            C.data[k] /= 100000;
        }
        assertTrue(C.maxAbsDiff(S) < 0.05, "sample covariance " + C.maxAbsDiff(S));
        assertThrows(IllegalArgumentException.class, () -> Gaussians.innerGw2(Mat.of(new double[][] {{1, 2}, {0, 1}}), diag(1)));
    }

    @Test
    void anIndefiniteCovarianceIsRefused() {
        Mat ok = Gaussians.randomCovariance(2, 0.5, 2, new SplittableRandom(1));
        Mat indefinite = new Mat(2, 2, new double[] {1, 0, 0, -1});
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Gaussians.innerGw2(indefinite, ok));
        assertTrue(e.getMessage().startsWith("cov1 must be positive semi-definite (a covariance), its smallest eigenvalue is -1"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Gaussians.gaussianGw(ok, indefinite));
        // semi-definite (a degenerate Gaussian) is a covariance
        Mat singular = new Mat(2, 2, new double[] {1, 0, 0, 0});
        assertTrue(Gaussians.innerGw2(singular, ok) >= 0);
    }
}

package org.gwbench.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gwbench.bench.BenchCase;
import org.junit.jupiter.api.Test;

class LowRankTest {
    static Mat points(SplittableRandom rnd, int n, int d) {
        Mat X = Mat.zeros(n, d);
        for (int i = 0; i < X.data.length; i++) {
            X.data[i] = 2 * rnd.nextDouble() - 1;
        }
        return X;
    }

    @Test
    void squaredDistancesInThreeDimensionsHaveRankFive() {
        SplittableRandom rnd = new SplittableRandom(1);
        Mat X = points(rnd, 300, 3);
        Mat C = BenchCase.sqdistNormalised(X, X);
        LowRank.Factor f = LowRank.find(C, LowRank.DEFAULT_REL_TOL, Blas.active());
        assertNotNull(f);
        assertEquals(5, f.rank(), "sqdist in R^3 is [|x|^2, 1, -2x] times [1, |y|^2, y]^T");
        assertTrue(f.relResidual() <= LowRank.DEFAULT_REL_TOL);
        Mat QtQ = Blas.active().multiply(f.Q(), true, f.Q(), false);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(i == j ? 1.0 : 0.0, QtQ.get(i, j), 1e-13);
            }
        }
        Mat QR = Blas.active().multiply(f.Q(), f.R());
        assertTrue(QR.maxAbsDiff(C) < 1e-13, "QR reproduces C entrywise");
    }

    @Test
    void fullRankAndSmallMatricesGetNoFactor() {
        SplittableRandom rnd = new SplittableRandom(2);
        Mat A = points(rnd, 200, 200);
        assertNull(LowRank.find(A, LowRank.DEFAULT_REL_TOL, Blas.active()));
        Mat small = BenchCase.sqdistNormalised(points(rnd, 40, 2), points(rnd, 40, 2));
        assertNull(LowRank.find(small, LowRank.DEFAULT_REL_TOL, Blas.active()), "below 64 rows it does not pay");
        assertNull(LowRank.find(Mat.zeros(100, 100), LowRank.DEFAULT_REL_TOL, Blas.active()));
    }

    @Test
    void rankJustAboveATrialSizeIsFound() {
        // rank 9 > 8: the first trial fails its residual check and the second (16) passes
        SplittableRandom rnd = new SplittableRandom(3);
        Mat U = points(rnd, 256, 9);
        Mat V = points(rnd, 256, 9);
        Mat A = Blas.active().multiply(U, false, V, true);
        LowRank.Factor f = LowRank.find(A, LowRank.DEFAULT_REL_TOL, Blas.active());
        assertNotNull(f);
        assertEquals(9, f.rank());
    }
}

package org.gwbench.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparseRowsTest {
    static Mat sparse(int r, int c, double density, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Mat A = Mat.zeros(r, c);
        for (int k = 0; k < A.data.length; k++) {
            if (rnd.nextDouble() < density) {
                A.data[k] = rnd.nextDouble() * 2 - 1;
            }
        }
        return A;
    }

    static void assertClose(Mat expected, Mat actual) {
        assertEquals(expected.rows, actual.rows);
        assertEquals(expected.cols, actual.cols);
        double scale = 0;
        for (double v : expected.data) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < expected.data.length; k++) {
            assertEquals(expected.data[k], actual.data[k], 1e-14 * Math.max(1, scale), "entry " + k);
        }
    }

    @Test
    void productsEqualTheDenseOnesInBothOrientations() {
        Blas ref = Blas.reference();
        Mat A = sparse(13, 13, 0.15, 1);
        Mat B = sparse(11, 11, 0.3, 2);
        Mat X = sparse(13, 11, 1.0, 3);
        X.data[5] = 0; // a zero of the dense side is skipped, not mis-read
        assertEquals(SparseRows.density(A) * 169, SparseRows.of(A, false).nonZeros(), 1e-9);
        assertClose(ref.multiply(A, false, X, false), SparseRows.of(A, false).times(X));
        assertClose(ref.multiply(A, true, X, false), SparseRows.of(A, true).times(X));
        assertClose(ref.multiply(X, false, B, true), SparseRows.of(B, false).leftTimesTranspose(X));
        assertClose(ref.multiply(X, false, B, false), SparseRows.of(B, true).leftTimesTranspose(X));
        Mat empty = Mat.zeros(4, 4);
        assertClose(Mat.zeros(4, 2), SparseRows.of(empty, false).times(sparse(4, 2, 1.0, 4)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparseRows.of(A, false).times(B));
        assertEquals("X has 11 rows, expected 13", e.getMessage());
    }
}

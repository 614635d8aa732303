package org.gwbench.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The BLAS seam against the simplest loops, on every shape 0..4 with all transposes. */
class BlasTest {
    private static double[] random(SplittableRandom rnd, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = rnd.nextDouble(-1, 1);
        }
        return a;
    }

    /** The textbook triple loop, written independently of JavaBlas. */
    private static double[] naiveGemm(boolean tA, boolean tB, int m, int n, int k, double alpha, double[] A,
                                      double[] B, double beta, double[] C0) {
        double[] C = C0.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double a = tA ? A[p * m + i] : A[i * k + p];
                    double b = tB ? B[j * k + p] : B[p * n + j];
                    s += a * b;
                }
                C[i * n + j] = alpha * s + (beta == 0 ? 0 : beta * C0[i * n + j]);
            }
        }
        return C;
    }

    @Test
    void gemmMatchesNaiveOnAllSmallShapes() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (Blas blas : new Blas[] {Blas.active(), Blas.reference()}) {
            for (int m = 0; m <= 4; m++) {
                for (int n = 0; n <= 4; n++) {
                    for (int k = 0; k <= 4; k++) {
                        for (int t = 0; t < 4; t++) {
                            boolean tA = (t & 1) != 0;
                            boolean tB = (t & 2) != 0;
                            double[] A = random(rnd, m * k);
                            double[] B = random(rnd, k * n);
                            double[] C = random(rnd, m * n);
                            double alpha = rnd.nextDouble(-2, 2);
                            double beta = (m + n + k) % 3 == 0 ? 0.0 : rnd.nextDouble(-2, 2);
                            double[] want = naiveGemm(tA, tB, m, n, k, alpha, A, B, beta, C);
                            blas.gemm(tA, tB, m, n, k, alpha, A, tA ? m : k, B, tB ? k : n, beta, C, n);
                            for (int e = 0; e < want.length; e++) {
                                assertEquals(want[e], C[e], 1e-13, blas.name() + " m=" + m + " n=" + n + " k=" + k
                                        + " tA=" + tA + " tB=" + tB + " entry " + e);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void gemvMatchesNaiveOnAllSmallShapes() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (Blas blas : new Blas[] {Blas.active(), Blas.reference()}) {
            for (int r = 0; r <= 4; r++) {
                for (int c = 0; c <= 4; c++) {
                    for (boolean t : new boolean[] {false, true}) {
                        double[] A = random(rnd, r * c);
                        double[] x = random(rnd, t ? r : c);
                        double[] y = random(rnd, t ? c : r);
                        double alpha = rnd.nextDouble(-2, 2);
                        double beta = r == c ? 0.0 : rnd.nextDouble(-2, 2);
                        double[] want = new double[y.length];
                        for (int i = 0; i < y.length; i++) {
                            double s = 0;
                            for (int p = 0; p < x.length; p++) {
                                s += (t ? A[p * c + i] : A[i * c + p]) * x[p];
                            }
                            want[i] = alpha * s + (beta == 0 ? 0 : beta * y[i]);
                        }
                        blas.gemv(t, r, c, alpha, A, c, x, beta, y);
                        for (int i = 0; i < y.length; i++) {
                            assertEquals(want[i], y[i], 1e-13, blas.name() + " r=" + r + " c=" + c + " t=" + t);
                        }
                    }
                }
            }
        }
    }

    @Test
    void betaZeroOverwritesNaN() {
        double[] C = {Double.NaN};
        Blas.active().gemm(false, false, 1, 1, 1, 1.0, new double[] {2}, 1, new double[] {3}, 1, 0.0, C, 1);
        assertEquals(6.0, C[0]);
    }

    @Test
    void largeProductAgreesWithReference() {
        SplittableRandom rnd = new SplittableRandom(3);
        int m = 67;
        int n = 45;
        int k = 129;
        Mat A = new Mat(m, k, random(rnd, m * k));
        Mat B = new Mat(n, k, random(rnd, n * k));
        Mat fast = Blas.active().multiply(A, false, B, true);
        Mat slow = Blas.reference().multiply(A, false, B, true);
        assertTrue(fast.maxAbsDiff(slow) < 1e-12);
    }

    @Test
    void rejectsBadShapesAndAliasing() {
        double[] A = new double[4];
        assertThrows(IllegalArgumentException.class,
                () -> Blas.active().gemm(false, false, 2, 2, 2, 1, A, 2, new double[4], 2, 0, A, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Blas.active().gemm(false, false, 3, 2, 2, 1, A, 2, new double[4], 2, 0, new double[6], 2));
        assertThrows(IllegalArgumentException.class,
                () -> Blas.active().multiply(new Mat(2, 3, new double[6]), new Mat(2, 3, new double[6])));
    }

    @Test
    void activeBlasIsNativeUnlessJavaWasAskedFor() {
        if ("java".equalsIgnoreCase(System.getenv("GWBENCH_BLAS"))) {
            assertEquals("plain Java", Blas.active().name());
        } else {
            assertTrue(Blas.active().name().startsWith("OpenBLAS"),
                    "native BLAS expected (libopenblas0-pthread), got " + Blas.active().name());
        }
    }
}

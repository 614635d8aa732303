package org.gwbench.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SIMD loops against the Math.exp reference on every tail length and on −∞ entries. */
class VecMathTest {
    private static final VecMath.Kernels REF = VecMath.scalar();
    private static final VecMath.Kernels ACT = VecMath.active();
    private static final int[] LENGTHS = {0, 1, 2, 3, 4, 5, 7, 8, 9, 17, 1003};

    @Test
    void vectorPathIsActiveUnderTheTestJvm() {
        // surefire runs with --add-modules jdk.incubator.vector, so this compares two implementations
        if (!"off".equalsIgnoreCase(System.getenv("GWBENCH_VECTOR"))) {
            assertEquals("vector", VecMath.name());
        }
    }

    @Test
    void reductionsMatchReference() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int len : LENGTHS) {
            int off = 3;
            double[] x = random(rnd, len, 1.0);
            double[] y = random(rnd, len + off, 1.0);
            if (len > 2) {
                x[1] = Double.NEGATIVE_INFINITY;
            }
            assertEquals(REF.maxDiff(x, y, off, len), ACT.maxDiff(x, y, off, len), 0.0, "maxDiff len " + len);
            double c = REF.maxDiff(x, y, off, len);
            double mx = len == 0 ? 0 : c;
            double r = REF.sumExp(x, y, off, len, mx, 50.0);
            double v = ACT.sumExp(x, y, off, len, mx, 50.0);
            assertEquals(r, v, 1e-14 * Math.max(1, Math.abs(r)), "sumExp len " + len);
            if (len > 0) {
                assertTrue(v >= 1.0 - 1e-15, "the max term is exp(0) = 1");
            }
        }
    }

    @Test
    void accumulatorsAndPlansMatchReference() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int len : LENGTHS) {
            int off = 5;
            double[] y = random(rnd, len + off, 1.0);
            double[] c = random(rnd, len, 0.5);
            double[] x = random(rnd, len, 0.5);
            double[] a1 = random(rnd, len, 1.0);
            double[] a2 = a1.clone();
            REF.maxDiffInto(0.3, y, off, len, a1);
            ACT.maxDiffInto(0.3, y, off, len, a2);
            assertArrayClose(a1, a2, 0.0);
            double[] s1 = random(rnd, len, 1.0);
            double[] s2 = s1.clone();
            REF.addExp(0.1, y, off, c, len, 20.0, s1);
            ACT.addExp(0.1, y, off, c, len, 20.0, s2);
            assertArrayClose(s1, s2, 2e-15);
            double[] o1 = new double[len + off];
            double[] o2 = new double[len + off];
            REF.expAffine(-0.2, x, y, off, len, 30.0, o1);
            ACT.expAffine(-0.2, x, y, off, len, 30.0, o2);
            assertArrayClose(o1, o2, 2e-15);
            REF.expAffine(0, null, y, off, len, -10.0, o1);
            ACT.expAffine(0, null, y, off, len, -10.0, o2);
            assertArrayClose(o1, o2, 2e-15);
            assertEquals(0.0, o2[0], 0.0, "entries before the offset are left alone");
        }
    }

    @Test
    void underflowGivesZeroNotNaN() {
        double[] y = {1e6, 1e6, 1e6, 1e6, 1e6};
        double[] out = new double[5];
        ACT.expAffine(0, null, y, 0, 5, 1.0, out);
        for (double o : out) {
            assertEquals(0.0, o, 0.0);
        }
        assertEquals(0.0, ACT.sumExp(new double[5], y, 0, 5, 0, 1.0), 0.0);
    }

    private static double[] random(SplittableRandom rnd, int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = scale * (2 * rnd.nextDouble() - 1);
        }
        return x;
    }

    private static void assertArrayClose(double[] e, double[] a, double rel) {
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], rel * Math.abs(e[i]), "entry " + i);
        }
    }
}

package org.gwbench.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/**
 * The Vector API exponential of {@link VectorKernels}: accurate against Math.exp, right at the edges,
 * and bit for bit the same as a scalar transcription of its IEEE operations (which is what makes it
 * independent of the JIT tier, unlike the Vector API's own EXP).
 */
class VectorExpTest {
    private static final int L = DoubleVector.SPECIES_PREFERRED.length();

    @Test
    void withinTwoUlpOfMathExpOverTheWholeRange() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        SplittableRandom rnd = new SplittableRandom(3);
        double worst = 0;
        for (int rep = 0; rep < 20000; rep++) {
            double[] t = new double[L];
            for (int j = 0; j < L; j++) {
                t[j] = rep % 2 == 0 ? -745 + 1454 * rnd.nextDouble() : 40 * (rnd.nextDouble() - 0.5);
            }
            double[] e = lanes(t);
            for (int j = 0; j < L; j++) {
                double ref = Math.exp(t[j]);
                double ulps = ref == 0 ? (e[j] == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.abs(e[j] - ref) / Math.ulp(ref);
                if (Math.abs(ref) >= Double.MIN_NORMAL) {
                    worst = Math.max(worst, ulps);
                }
            }
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulp");
    }

    @Test
    void edgesAndSpecialValues() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        double[] in = {0, -0.0, 1, -1, 709.78, 709.79, 710, 1e300, -745.1, -745.2, -746, -1e300,
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN, -708.5, -730};
        for (double t : in) {
            double[] e = lanes(fill(t));
            double ref = Math.exp(t);
            if (Double.isNaN(ref)) {
                assertTrue(Double.isNaN(e[0]), "exp(NaN)");
            } else if (ref == 0 || Double.isInfinite(ref)) {
                assertEquals(ref, e[0], 0.0, "exp(" + t + ")");
            } else {
                // subnormal results (t < −708.4) lose relative precision; compare in absolute ulps of MIN_VALUE
                assertEquals(ref, e[0], Math.max(2 * Math.ulp(ref), 2 * Double.MIN_VALUE), "exp(" + t + ")");
            }
        }
        assertEquals(1.0, lanes(fill(0))[0], 0.0, "exp(0) is exactly 1");
    }

    @Test
    void bitForBitTheScalarTranscription() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        SplittableRandom rnd = new SplittableRandom(5);
        for (int rep = 0; rep < 5000; rep++) {
            double[] t = new double[L];
            for (int j = 0; j < L; j++) {
                t[j] = -800 + 1520 * rnd.nextDouble();
            }
            double[] e = lanes(t);
            for (int j = 0; j < L; j++) {
                assertEquals(Double.doubleToRawLongBits(scalar(t[j])), Double.doubleToRawLongBits(e[j]), "exp(" + t[j] + ")");
            }
        }
    }

    /** The same steps as VectorKernels.exp, one lane, with Math.fma. */
    private static double scalar(double t) {
        double x = Math.min(Math.max(t, -1100.0), 710.0);
        double k = x * 1.4426950408889634 + 0x1.8p52 - 0x1.8p52;
        double r = Math.fma(-k, 6.93147180369123816490e-01, x);
        r = Math.fma(-k, 1.90821492927058770002e-10, r);
        double[] c = new double[14];
        double f = 1;
        for (int j = 0; j < 14; j++) {
            f = j == 0 ? 1 : f * j;
            c[j] = 1 / f;
        }
        double r2 = r * r;
        double r4 = r2 * r2;
        double[] q = new double[7];
        for (int i = 0; i < 7; i++) {
            q[i] = Math.fma(r, c[2 * i + 1], c[2 * i]);
        }
        double u0 = Math.fma(Math.fma(q[3], r2, q[2]), r4, Math.fma(q[1], r2, q[0]));
        double u1 = Math.fma(q[6], r4, Math.fma(q[5], r2, q[4]));
        double p = Math.fma(u1, r4 * r4, u0);
        double sh = 0x1.8p52;
        double k1 = k * 0.5 - 0.25 + sh;
        double k2 = k - (k1 - sh) + sh;
        long b = Double.doubleToRawLongBits(sh);
        return p * Double.longBitsToDouble((Double.doubleToRawLongBits(k1) + 1023 - b) << 52)
                * Double.longBitsToDouble((Double.doubleToRawLongBits(k2) + 1023 - b) << 52);
    }

    private static double[] fill(double t) {
        double[] a = new double[L];
        java.util.Arrays.fill(a, t);
        return a;
    }

    private static double[] lanes(double[] t) {
        double[] out = new double[L];
        VectorKernels.exp(DoubleVector.fromArray(DoubleVector.SPECIES_PREFERRED, t, 0)).intoArray(out, 0);
        return out;
    }
}

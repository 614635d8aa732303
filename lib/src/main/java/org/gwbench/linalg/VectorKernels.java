package org.gwbench.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VecMath} on the Vector API (jdk.incubator.vector). Loaded by reflection only when the
 * module is in the boot layer, so the library still runs on a plain JVM. Tails use Math.exp.
 *
 * <p>The lanes' exponential is {@link #exp} below, built from adds, multiplies and FMAs only, not the
 * Vector API's {@code EXP}: that one is the SVML routine once C2 has compiled the loop but a
 * different (Math.exp-based) one before, and the two differ in the last bit. Which of them a given
 * call met depended on when the JIT finished, so the same seed gave different GWF plans from run to
 * run (PPA at γ = 0.01 amplifies one ulp). IEEE adds, multiplies and FMAs round the same way in
 * every tier, so these results do not depend on timing.
 */
final class VectorKernels implements VecMath.Kernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    // exp(t) = 2^k · exp(r), k = rint(t / ln 2), r = t − k ln 2 (Cody-Waite, fdlibm's split of ln 2)
    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double SHIFTER = 0x1.8p52; // adding and subtracting it rounds to an integer
    // the polynomial is 1/j! for j = 0..13 (Horner): the Taylor remainder on |r| ≤ ln2/2 is below 5e-18

    /**
     * e^t lane by lane, within 2 ulp of Math.exp; 0 below −745.2 (−∞ included), +∞ above 709.8, NaN
     * for NaN. Subnormal results come from two exact power-of-two scalings.
     */
    static DoubleVector exp(DoubleVector t) {
        DoubleVector x = t.max(-1100.0).min(710.0); // NaN stays NaN (max/min propagate it)
        DoubleVector k = x.mul(LOG2E).add(SHIFTER).sub(SHIFTER);
        DoubleVector r = k.neg().fma(DoubleVector.broadcast(S, LN2_HI), x);
        r = k.neg().fma(DoubleVector.broadcast(S, LN2_LO), r);
        // 2^k as 2^k1 · 2^k2, k1 = ⌊k/2⌋: both stay normal down to k = −1587. The integers are read
        // from the bits of j + 1.5·2^52 (AVX2 has no double→long conversion, C2 would box the lanes)
        DoubleVector k1 = k.mul(0.5).sub(0.25).add(SHIFTER);
        DoubleVector k2 = k.sub(k1.sub(SHIFTER)).add(SHIFTER);
        DoubleVector s1 = pow2(k1);
        DoubleVector s2 = pow2(k2);
        return taylor(r).mul(s1).mul(s2);
    }

    /**
     * Σ_{j ≤ 13} r^j / j! by Estrin's scheme (pairs, then powers r², r⁴, r⁸): a dependency chain of
     * five FMAs instead of Horner's thirteen. A method of its own so that exp and it each stay small
     * enough for C2 to inline.
     */
    private static DoubleVector taylor(DoubleVector r) {
        DoubleVector r2 = r.mul(r);
        DoubleVector r4 = r2.mul(r2);
        DoubleVector q0 = r.fma(DoubleVector.broadcast(S, 1.0), DoubleVector.broadcast(S, 1.0));
        DoubleVector q1 = r.fma(DoubleVector.broadcast(S, 0.16666666666666666), DoubleVector.broadcast(S, 0.5));
        DoubleVector q2 = r.fma(DoubleVector.broadcast(S, 0.008333333333333333), DoubleVector.broadcast(S, 0.041666666666666664));
        DoubleVector q3 = r.fma(DoubleVector.broadcast(S, 0.0001984126984126984), DoubleVector.broadcast(S, 0.001388888888888889));
        DoubleVector q4 = r.fma(DoubleVector.broadcast(S, 2.7557319223985893e-06), DoubleVector.broadcast(S, 2.48015873015873e-05));
        DoubleVector q5 = r.fma(DoubleVector.broadcast(S, 2.505210838544172e-08), DoubleVector.broadcast(S, 2.755731922398589e-07));
        DoubleVector q6 = r.fma(DoubleVector.broadcast(S, 1.6059043836821613e-10), DoubleVector.broadcast(S, 2.08767569878681e-09));
        DoubleVector s0 = q1.fma(r2, q0);
        DoubleVector s1 = q3.fma(r2, q2);
        DoubleVector s2 = q5.fma(r2, q4);
        DoubleVector s3 = q6;
        DoubleVector u0 = s1.fma(r4, s0);
        DoubleVector u1 = s3.fma(r4, s2);
        return u1.fma(r4.mul(r4), u0);
    }

    /** 2^j for j + 1.5·2^52 given (the low mantissa bits hold j). */
    private static DoubleVector pow2(DoubleVector shifted) {
        LongVector bits = (LongVector) shifted.reinterpretAsLongs();
        return (DoubleVector) bits.add(1023L - SHIFTER_BITS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    }

    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int lanes() {
        return S.length();
    }

    @Override
    public double maxDiff(double[] x, double[] y, int yOff, int len) {
        DoubleVector acc = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
        int j = 0;
        for (int up = S.loopBound(len); j < up; j += L) {
            acc = acc.max(DoubleVector.fromArray(S, x, j).sub(DoubleVector.fromArray(S, y, yOff + j)));
        }
        double mx = acc.reduceLanes(VectorOperators.MAX);
        for (; j < len; j++) {
            mx = Math.max(mx, x[j] - y[yOff + j]);
        }
        return mx;
    }

    @Override
    public void maxDiffInto(double xi, double[] y, int yOff, int len, double[] acc) {
        int j = 0;
        for (int up = S.loopBound(len); j < up; j += L) {
            DoubleVector d = DoubleVector.broadcast(S, xi).sub(DoubleVector.fromArray(S, y, yOff + j));
            DoubleVector.fromArray(S, acc, j).max(d).intoArray(acc, j);
        }
        for (; j < len; j++) {
            acc[j] = Math.max(acc[j], xi - y[yOff + j]);
        }
    }

    @Override
    public double sumExp(double[] x, double[] y, int yOff, int len, double c, double s) {
        DoubleVector acc = DoubleVector.zero(S);
        int j = 0;
        for (int up = S.loopBound(len); j < up; j += L) {
            DoubleVector t = DoubleVector.fromArray(S, x, j).sub(DoubleVector.fromArray(S, y, yOff + j)).sub(c).mul(s);
            acc = acc.add(exp(t));
        }
        // lanes summed in index order: reduceLanes(ADD) leaves the order to the JIT, and JDK 17's and
        // JDK 25's C2 sum in different orders (seeded log-domain Sinkhorn plans differed in the last bits)
        double sum = 0;
        for (int k = 0; k < L; k++) {
            sum += acc.lane(k);
        }
        for (; j < len; j++) {
            sum += Math.exp((x[j] - y[yOff + j] - c) * s);
        }
        return sum;
    }

    @Override
    public void addExp(double xi, double[] y, int yOff, double[] c, int len, double s, double[] acc) {
        int j = 0;
        for (int up = S.loopBound(len); j < up; j += L) {
            DoubleVector t = DoubleVector.broadcast(S, xi).sub(DoubleVector.fromArray(S, y, yOff + j))
                    .sub(DoubleVector.fromArray(S, c, j)).mul(s);
            DoubleVector.fromArray(S, acc, j).add(exp(t)).intoArray(acc, j);
        }
        for (; j < len; j++) {
            acc[j] += Math.exp((xi - y[yOff + j] - c[j]) * s);
        }
    }

    @Override
    public void expAffine(double xi, double[] x, double[] y, int yOff, int len, double s, double[] out) {
        int j = 0;
        for (int up = S.loopBound(len); j < up; j += L) {
            DoubleVector t = DoubleVector.broadcast(S, xi);
            if (x != null) {
                t = t.add(DoubleVector.fromArray(S, x, j));
            }
            exp(t.sub(DoubleVector.fromArray(S, y, yOff + j)).mul(s)).intoArray(out, yOff + j);
        }
        for (; j < len; j++) {
            double xj = x == null ? 0 : x[j];
            out[yOff + j] = Math.exp((xi + xj - y[yOff + j]) * s);
        }
    }
}

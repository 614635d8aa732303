package org.gwbench.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VecMath} on the Vector API (jdk.incubator.vector). Loaded by reflection only when the
 * module is in the boot layer, so the library still runs on a plain JVM. Tails use Math.exp.
 */
final class VectorKernels implements VecMath.Kernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public String name() {
        return "vector";
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
            acc = acc.add(t.lanewise(VectorOperators.EXP));
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
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
            DoubleVector.fromArray(S, acc, j).add(t.lanewise(VectorOperators.EXP)).intoArray(acc, j);
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
            t.sub(DoubleVector.fromArray(S, y, yOff + j)).mul(s).lanewise(VectorOperators.EXP).intoArray(out, yOff + j);
        }
        for (; j < len; j++) {
            double xj = x == null ? 0 : x[j];
            out[yOff + j] = Math.exp((xi + xj - y[yOff + j]) * s);
        }
    }
}

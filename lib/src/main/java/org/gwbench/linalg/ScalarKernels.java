package org.gwbench.linalg;

/** {@link VecMath} on {@link Math#exp}: the reference, and the fallback without the Vector API. */
final class ScalarKernels implements VecMath.Kernels {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public double maxDiff(double[] x, double[] y, int yOff, int len) {
        double mx = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) {
            mx = Math.max(mx, x[j] - y[yOff + j]);
        }
        return mx;
    }

    @Override
    public void maxDiffInto(double xi, double[] y, int yOff, int len, double[] acc) {
        for (int j = 0; j < len; j++) {
            acc[j] = Math.max(acc[j], xi - y[yOff + j]);
        }
    }

    @Override
    public double sumExp(double[] x, double[] y, int yOff, int len, double c, double s) {
        double sum = 0;
        for (int j = 0; j < len; j++) {
            sum += Math.exp((x[j] - y[yOff + j] - c) * s);
        }
        return sum;
    }

    @Override
    public void addExp(double xi, double[] y, int yOff, double[] c, int len, double s, double[] acc) {
        for (int j = 0; j < len; j++) {
            acc[j] += Math.exp((xi - y[yOff + j] - c[j]) * s);
        }
    }

    @Override
    public void expAffine(double xi, double[] x, double[] y, int yOff, int len, double s, double[] out) {
        for (int j = 0; j < len; j++) {
            double xj = x == null ? 0 : x[j];
            out[yOff + j] = Math.exp((xi + xj - y[yOff + j]) * s);
        }
    }
}

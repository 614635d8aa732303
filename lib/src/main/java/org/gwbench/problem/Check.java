package org.gwbench.problem;

import org.gwbench.linalg.Mat;

/**
 * Argument checks shared by every public entry point. Each failure is an
 * {@link IllegalArgumentException} whose message starts with the parameter's name.
 */
public final class Check {
    /** Weights must sum to 1 within this absolute tolerance; they are never renormalised silently. */
    public static final double SUM_TOL = 1e-6;

    private Check() {
    }

    public static Mat finite(String name, Mat m) {
        if (m == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        for (int k = 0; k < m.data.length; k++) {
            if (!Double.isFinite(m.data[k])) {
                throw new IllegalArgumentException(name + " has a non-finite entry " + m.data[k]
                        + " at (" + (k / Math.max(1, m.cols) + 1) + ", " + (k % Math.max(1, m.cols) + 1) + ")");
            }
        }
        return m;
    }

    public static Mat nonEmpty(String name, Mat m) {
        finite(name, m);
        if (m.rows == 0 || m.cols == 0) {
            throw new IllegalArgumentException(name + " is empty (" + m.rows + "x" + m.cols + ")");
        }
        return m;
    }

    public static Mat square(String name, Mat m) {
        nonEmpty(name, m);
        if (m.rows != m.cols) {
            throw new IllegalArgumentException(name + " must be square, got " + m.rows + "x" + m.cols);
        }
        return m;
    }

    public static Mat nonNegative(String name, Mat m) {
        for (double v : m.data) {
            if (v < 0) {
                throw new IllegalArgumentException(name + " has a negative entry " + v + " (the KL loss needs entries >= 0)");
            }
        }
        return m;
    }

    /** A probability vector of the given length: finite, non-negative, summing to 1 within {@link #SUM_TOL}. */
    public static double[] distribution(String name, double[] w, int expectedLength) {
        if (w == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        if (w.length != expectedLength) {
            throw new IllegalArgumentException(name + " has " + w.length + " entries, expected " + expectedLength);
        }
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i])) {
                throw new IllegalArgumentException(name + " has a non-finite entry " + w[i] + " at position " + (i + 1));
            }
            if (w[i] < 0) {
                throw new IllegalArgumentException(name + " has a negative weight " + w[i] + " at position " + (i + 1));
            }
            s += w[i];
        }
        if (Math.abs(s - 1.0) > SUM_TOL) {
            throw new IllegalArgumentException(name + " sums to " + s + ", not 1 (within " + SUM_TOL
                    + "); normalise it yourself if that is what you mean");
        }
        return w;
    }

    /** The total of non-negative finite weights w (expectedLength entries), which need not sum to 1. */
    public static double mass(String name, double[] w, int expectedLength) {
        if (w == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        if (w.length != expectedLength) {
            throw new IllegalArgumentException(name + " has " + w.length + " entries, expected " + expectedLength);
        }
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || !Double.isFinite(w[i])) {
                throw new IllegalArgumentException(name + " has an entry " + w[i] + " at position " + (i + 1) + " (weights are finite and >= 0)");
            }
            s += w[i];
        }
        return s;
    }

    public static double positive(String name, double x) {
        if (!(x > 0) || !Double.isFinite(x)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + x);
        }
        return x;
    }

    public static int positive(String name, int x) {
        if (x <= 0) {
            throw new IllegalArgumentException(name + " must be a positive integer, got " + x);
        }
        return x;
    }

    public static double[] uniform(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0 / n);
        return w;
    }
}

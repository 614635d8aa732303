package org.gwbench.linalg;

import java.util.Arrays;

/**
 * A dense row-major matrix of doubles: entry (i, j) is {@code data[i * cols + j]}.
 *
 * <p>The array is exposed on purpose: solvers run their hot loops on it directly and pass it to the
 * {@link Blas} seam. A {@code Mat} handed out in a result is a private copy, so results stay immutable
 * in effect.
 */
public final class Mat {
    public final int rows;
    public final int cols;
    public final double[] data;

    public Mat(int rows, int cols, double[] data) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix shape must be non-negative, got " + rows + "x" + cols);
        }
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException(
                    "matrix data has " + data.length + " entries, shape " + rows + "x" + cols + " needs " + (long) rows * cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    public static Mat zeros(int rows, int cols) {
        return new Mat(rows, cols, new double[Math.multiplyExact(rows, cols)]);
    }

    /** Copies a rectangular {@code double[][]}; a ragged array is rejected. */
    public static Mat of(double[][] a) {
        int r = a.length;
        int c = r == 0 ? 0 : a[0].length;
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (a[i].length != c) {
                throw new IllegalArgumentException("ragged array: row 0 has " + c + " entries, row " + i + " has " + a[i].length);
            }
            System.arraycopy(a[i], 0, d, i * c, c);
        }
        return new Mat(r, c, d);
    }

    /** The outer product a bᵀ. */
    public static Mat outer(double[] a, double[] b) {
        Mat m = zeros(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            int o = i * b.length;
            for (int j = 0; j < b.length; j++) {
                m.data[o + j] = a[i] * b[j];
            }
        }
        return m;
    }

    public double get(int i, int j) {
        return data[i * cols + j];
    }

    public void set(int i, int j, double v) {
        data[i * cols + j] = v;
    }

    public double[] row(int i) {
        return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }

    public Mat copy() {
        return new Mat(rows, cols, data.clone());
    }

    public Mat transpose() {
        Mat t = zeros(cols, rows);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t.data[j * rows + i] = data[i * cols + j];
            }
        }
        return t;
    }

    public double[][] toArray() {
        double[][] a = new double[rows][];
        for (int i = 0; i < rows; i++) {
            a[i] = row(i);
        }
        return a;
    }

    /** Row sums P 1. */
    public double[] rowSums() {
        double[] s = new double[rows];
        for (int i = 0; i < rows; i++) {
            double acc = 0;
            for (int j = 0, o = i * cols; j < cols; j++) {
                acc += data[o + j];
            }
            s[i] = acc;
        }
        return s;
    }

    /** Column sums Pᵀ 1. */
    public double[] colSums() {
        double[] s = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0, o = i * cols; j < cols; j++) {
                s[j] += data[o + j];
            }
        }
        return s;
    }

    /** Frobenius inner product ⟨this, other⟩. */
    public double dot(Mat other) {
        requireSameShape(other, "other");
        double acc = 0;
        for (int k = 0; k < data.length; k++) {
            acc += data[k] * other.data[k];
        }
        return acc;
    }

    public boolean isSymmetric(double tol) {
        if (rows != cols) {
            return false;
        }
        for (int i = 0; i < rows; i++) {
            for (int j = i + 1; j < cols; j++) {
                double a = data[i * cols + j];
                double b = data[j * cols + i];
                if (Math.abs(a - b) > tol * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)))) {
                    return false;
                }
            }
        }
        return true;
    }

    public void requireSameShape(Mat other, String name) {
        if (other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException(
                    name + " has shape " + other.rows + "x" + other.cols + ", expected " + rows + "x" + cols);
        }
    }

    /** Largest absolute entrywise difference. */
    public double maxAbsDiff(Mat other) {
        requireSameShape(other, "other");
        double m = 0;
        for (int k = 0; k < data.length; k++) {
            m = Math.max(m, Math.abs(data[k] - other.data[k]));
        }
        return m;
    }

    @Override
    public String toString() {
        return "Mat[" + rows + "x" + cols + "]";
    }
}

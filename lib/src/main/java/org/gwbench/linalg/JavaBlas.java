package org.gwbench.linalg;

/**
 * Plain-Java BLAS: the simplest correct loops, used as the oracle in tests and as the fallback when
 * no native BLAS loads. Indices are computed in long where a product could exceed an int.
 */
final class JavaBlas implements Blas {
    static final JavaBlas INSTANCE = new JavaBlas();

    private JavaBlas() {
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     double[] A, int lda, double[] B, int ldb, double beta, double[] C, int ldc) {
        checkGemm(transA, transB, m, n, k, A, lda, B, ldb, C, ldc);
        scale(m, n, beta, C, ldc);
        if (alpha == 0 || k == 0) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int ci = i * ldc;
            for (int p = 0; p < k; p++) {
                double a = alpha * (transA ? A[p * lda + i] : A[i * lda + p]);
                if (a == 0) {
                    continue;
                }
                if (!transB) {
                    int bp = p * ldb;
                    for (int j = 0; j < n; j++) {
                        C[ci + j] += a * B[bp + j];
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        C[ci + j] += a * B[j * ldb + p];
                    }
                }
            }
        }
    }

    @Override
    public void gemv(boolean transA, int rows, int cols, double alpha, double[] A, int lda,
                     double[] x, double beta, double[] y) {
        checkGemv(transA, rows, cols, A, lda, x, y);
        int ylen = transA ? cols : rows;
        scale(1, ylen, beta, y, ylen);
        for (int i = 0; i < rows; i++) {
            int o = i * lda;
            if (transA) {
                double xi = alpha * x[i];
                for (int j = 0; j < cols; j++) {
                    y[j] += A[o + j] * xi;
                }
            } else {
                double acc = 0;
                for (int j = 0; j < cols; j++) {
                    acc += A[o + j] * x[j];
                }
                y[i] += alpha * acc;
            }
        }
    }

    @Override
    public String name() {
        return "plain Java";
    }

    /** C ← beta · C on an m×n block; beta = 0 overwrites with zeros. */
    static void scale(int m, int n, double beta, double[] C, int ldc) {
        if (beta == 1) {
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0, o = i * ldc; j < n; j++) {
                C[o + j] = beta == 0 ? 0.0 : beta * C[o + j];
            }
        }
    }

    static void checkGemm(boolean transA, boolean transB, int m, int n, int k,
                          double[] A, int lda, double[] B, int ldb, double[] C, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: negative dimension m=" + m + " n=" + n + " k=" + k);
        }
        checkStored("A", A, transA ? k : m, transA ? m : k, lda);
        checkStored("B", B, transB ? n : k, transB ? k : n, ldb);
        checkStored("C", C, m, n, ldc);
        if (C == A || C == B) {
            throw new IllegalArgumentException("gemm: C must not alias A or B");
        }
    }

    static void checkGemv(boolean transA, int rows, int cols, double[] A, int lda, double[] x, double[] y) {
        checkStored("A", A, rows, cols, lda);
        int xlen = transA ? rows : cols;
        int ylen = transA ? cols : rows;
        if (x.length < xlen || y.length < ylen) {
            throw new IllegalArgumentException("gemv: x needs " + xlen + " entries (has " + x.length
                    + "), y needs " + ylen + " (has " + y.length + ")");
        }
        if (x == y) {
            throw new IllegalArgumentException("gemv: y must not alias x");
        }
    }

    private static void checkStored(String name, double[] X, int r, int c, int ld) {
        if (r == 0 || c == 0) {
            return;
        }
        if (ld < c) {
            throw new IllegalArgumentException("leading dimension of " + name + " is " + ld + " < " + c);
        }
        if ((long) (r - 1) * ld + c > X.length) {
            throw new IllegalArgumentException(name + " has " + X.length + " entries, a " + r + "x" + c
                    + " block with leading dimension " + ld + " needs " + ((long) (r - 1) * ld + c));
        }
    }
}

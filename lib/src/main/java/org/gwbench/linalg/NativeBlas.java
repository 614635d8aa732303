package org.gwbench.linalg;

import dev.ludovic.netlib.blas.BLAS;

/**
 * OpenBLAS (the system's libblas.so.3) through dev.ludovic.netlib's JNI binding. Row-major products
 * are mapped to column-major BLAS by C = A·B ⟺ Cᵀ = Bᵀ·Aᵀ. Only the native instance is accepted:
 * netlib's own Java fallback is never used (its dgemm overflows an int index for n ≥ 1291).
 */
final class NativeBlas implements Blas {
    private final BLAS blas;

    private NativeBlas(BLAS blas) {
        this.blas = blas;
    }

    /** Kept strongly reachable: java.util.logging holds loggers weakly, and the level must stick. */
    private static final java.util.logging.Logger NETLIB_LOG = java.util.logging.Logger.getLogger("dev.ludovic.netlib");

    static NativeBlas load() {
        // netlib logs a WARNING for each Java implementation it cannot build; we never use them, and that
        // noise would land in notebook outputs and on the CLI's stderr
        NETLIB_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            return new NativeBlas(dev.ludovic.netlib.blas.NativeBLAS.getInstance());
        } catch (Throwable e) {
            throw new IllegalStateException("native BLAS (libblas.so.3 via JNI) did not load: " + e.getMessage());
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     double[] A, int lda, double[] B, int ldb, double beta, double[] C, int ldc) {
        JavaBlas.checkGemm(transA, transB, m, n, k, A, lda, B, ldb, C, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            JavaBlas.scale(m, n, beta, C, ldc);
            return;
        }
        // column-major view: Cᵀ (n×m, ld ldc) = op(B)ᵀ (n×k) · op(A)ᵀ (k×m)
        blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                B, Math.max(1, ldb), A, Math.max(1, lda), beta, C, Math.max(1, ldc));
    }

    @Override
    public void gemv(boolean transA, int rows, int cols, double alpha, double[] A, int lda,
                     double[] x, double beta, double[] y) {
        JavaBlas.checkGemv(transA, rows, cols, A, lda, x, y);
        int ylen = transA ? cols : rows;
        if (ylen == 0) {
            return;
        }
        if ((transA ? rows : cols) == 0) {
            JavaBlas.scale(1, ylen, beta, y, ylen);
            return;
        }
        // row-major A (rows×cols) is column-major Aᵀ (cols×rows, ld lda)
        blas.dgemv(transA ? "N" : "T", cols, rows, alpha, A, Math.max(1, lda), x, 1, beta, y, 1);
    }

    @Override
    public String name() {
        return "OpenBLAS via JNI (" + blas.getClass().getSimpleName() + ")";
    }
}

package org.gwbench.linalg;

/**
 * The one seam for every O(n³) and O(n²) dense product in the library. Matrices are row-major.
 *
 * <p>{@link #active()} is OpenBLAS through JNI ({@link NativeBlas}) when it loads, otherwise the
 * plain-Java {@link JavaBlas}, which then says so once on stderr (never a silent fallback). The
 * environment variable {@code GWBENCH_BLAS=java} forces the Java implementation, {@code native}
 * makes a missing native library an error.
 */
public interface Blas {

    /**
     * C ← alpha · op(A) · op(B) + beta · C, with op(X) = X or Xᵀ; op(A) is m×k, op(B) is k×n, C is m×n.
     * Leading dimensions are the row lengths of the stored (untransposed) arrays. With beta = 0, C is
     * overwritten (NaN in C does not propagate). C must not alias A or B.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
              double[] A, int lda, double[] B, int ldb, double beta, double[] C, int ldc);

    /**
     * y ← alpha · op(A) · x + beta · y, A stored row-major as rows×cols with leading dimension lda;
     * op(A) = A (y has rows entries) or Aᵀ (y has cols entries). With beta = 0, y is overwritten.
     */
    void gemv(boolean transA, int rows, int cols, double alpha, double[] A, int lda,
              double[] x, double beta, double[] y);

    /** A short name of the implementation, e.g. "OpenBLAS (JNI)" or "plain Java". */
    String name();

    /** C = op(A) · op(B) as a new matrix. */
    default Mat multiply(Mat A, boolean transA, Mat B, boolean transB) {
        int m = transA ? A.cols : A.rows;
        int kA = transA ? A.rows : A.cols;
        int kB = transB ? B.cols : B.rows;
        int n = transB ? B.rows : B.cols;
        if (kA != kB) {
            throw new IllegalArgumentException("inner dimensions differ: op(A) is " + m + "x" + kA + ", op(B) is " + kB + "x" + n);
        }
        Mat C = Mat.zeros(m, n);
        gemm(transA, transB, m, n, kA, 1.0, A.data, A.cols, B.data, B.cols, 0.0, C.data, n);
        return C;
    }

    default Mat multiply(Mat A, Mat B) {
        return multiply(A, false, B, false);
    }

    /** The implementation in use by the whole library (chosen once). */
    static Blas active() {
        return BlasHolder.ACTIVE;
    }

    /** The plain-Java reference implementation (the test oracle). */
    static Blas reference() {
        return JavaBlas.INSTANCE;
    }
}

package org.gwbench.linalg;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;

/**
 * Eigen-decomposition of a symmetric matrix, S = V diag(λ) Vᵀ, eigenvalues in decreasing order and
 * the columns of V the eigenvectors. LAPACK's dsyevd through JNI (the system's liblapack, OpenBLAS's
 * on the workbench) when it loads; otherwise Hipparchus, which is correct but slow for large d
 * (about 20 s at d = 1024 against well under a second for dsyevd). {@link #backend()} says which.
 */
public final class SymmetricEigen {
    private static final java.util.logging.Logger NETLIB_LOG = java.util.logging.Logger.getLogger("dev.ludovic.netlib");
    private static final dev.ludovic.netlib.lapack.LAPACK NATIVE = load();

    /** λ (decreasing) and V (d×d, row-major, column k the eigenvector of λ_k). */
    public record Result(double[] values, Mat vectors) {
    }

    private SymmetricEigen() {
    }

    private static dev.ludovic.netlib.lapack.LAPACK load() {
        NETLIB_LOG.setLevel(java.util.logging.Level.OFF);
        if ("java".equalsIgnoreCase(System.getenv("GWBENCH_BLAS"))) {
            return null;
        }
        try {
            return dev.ludovic.netlib.lapack.NativeLAPACK.getInstance();
        } catch (Throwable e) {
            return null;
        }
    }

    /** "LAPACK dsyevd (JNI)" or "Hipparchus". */
    public static String backend() {
        return NATIVE != null ? "LAPACK dsyevd (JNI)" : "Hipparchus";
    }

    /** The eigenvalues alone, in decreasing order (LAPACK skips the eigenvectors: several times faster). */
    public static double[] values(Mat S) {
        check(S);
        int d = S.rows;
        if (NATIVE == null || d == 0) {
            return of(S).values();
        }
        double[] a = S.data.clone();
        double[] w = new double[d];
        double[] work = new double[1];
        int[] iwork = new int[1];
        org.netlib.util.intW info = new org.netlib.util.intW(0);
        NATIVE.dsyevd("N", "U", d, a, d, w, work, -1, iwork, -1, info);
        work = new double[Math.max(1, (int) work[0])];
        iwork = new int[Math.max(1, iwork[0])];
        NATIVE.dsyevd("N", "U", d, a, d, w, work, work.length, iwork, iwork.length, info);
        if (info.val != 0) {
            throw new IllegalStateException("dsyevd failed with info = " + info.val);
        }
        double[] values = new double[d];
        for (int k = 0; k < d; k++) {
            values[k] = w[d - 1 - k];
        }
        return values;
    }

    private static void check(Mat S) {
        if (S.rows != S.cols) {
            throw new IllegalArgumentException("a symmetric matrix must be square, got " + S.rows + "x" + S.cols);
        }
        if (!S.isSymmetric(1e-10 * Math.max(1, maxAbs(S)))) {
            throw new IllegalArgumentException("matrix is not symmetric");
        }
    }

    public static Result of(Mat S) {
        check(S);
        int d = S.rows;
        double[] w = new double[d];
        Mat V = Mat.zeros(d, d);
        if (d == 0) {
            return new Result(w, V);
        }
        if (NATIVE != null) {
            // column-major A: S is symmetric, so its row-major data is its column-major data
            double[] a = S.data.clone();
            double[] work = new double[1];
            int[] iwork = new int[1];
            org.netlib.util.intW info = new org.netlib.util.intW(0);
            NATIVE.dsyevd("V", "U", d, a, d, w, work, -1, iwork, -1, info);
            work = new double[(int) work[0]];
            iwork = new int[iwork[0]];
            NATIVE.dsyevd("V", "U", d, a, d, w, work, work.length, iwork, iwork.length, info);
            if (info.val != 0) {
                throw new IllegalStateException("dsyevd failed with info = " + info.val);
            }
            // ascending → decreasing; a holds the eigenvectors column-major
            double[] values = new double[d];
            for (int k = 0; k < d; k++) {
                int src = d - 1 - k;
                values[k] = w[src];
                for (int i = 0; i < d; i++) {
                    V.data[i * d + k] = a[src * d + i];
                }
            }
            return new Result(values, V);
        }
        RealMatrix m = new Array2DRowRealMatrix(S.toArray(), false);
        EigenDecompositionSymmetric e = new EigenDecompositionSymmetric(m);
        double[] ev = e.getEigenvalues();
        Integer[] order = new Integer[d];
        for (int k = 0; k < d; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(ev[y], ev[x]));
        double[] values = new double[d];
        for (int k = 0; k < d; k++) {
            values[k] = ev[order[k]];
            org.hipparchus.linear.RealVector v = e.getEigenvector(order[k]);
            for (int i = 0; i < d; i++) {
                V.data[i * d + k] = v.getEntry(i);
            }
        }
        return new Result(values, V);
    }

    private static double maxAbs(Mat A) {
        double m = 0;
        for (double x : A.data) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}

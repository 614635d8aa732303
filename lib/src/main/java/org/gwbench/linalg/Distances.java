package org.gwbench.linalg;

/**
 * Squared Euclidean distances between rows, the one helper every package uses (feature costs of fused
 * GW, point-cloud structures, k-means, t-SNE). Each sum runs over the columns in order, so every caller
 * gets the same bits for the same rows.
 */
public final class Distances {
    private Distances() {
    }

    /** ‖A_i − B_j‖², row i of A against row j of B (the same number of columns). */
    public static double squared(Mat A, int i, Mat B, int j) {
        double s = 0;
        int a = i * A.cols;
        int b = j * B.cols;
        for (int c = 0; c < A.cols; c++) {
            double t = A.data[a + c] - B.data[b + c];
            s += t * t;
        }
        return s;
    }

    /** M_ij = ‖A_i − B_j‖² (A is n×d, B is m×d; M is n×m). */
    public static Mat squared(Mat A, Mat B) {
        if (A.cols != B.cols) {
            throw new IllegalArgumentException("the rows have " + A.cols + " and " + B.cols + " coordinates");
        }
        Mat M = Mat.zeros(A.rows, B.rows);
        for (int i = 0; i < A.rows; i++) {
            for (int j = 0; j < B.rows; j++) {
                M.data[i * B.rows + j] = squared(A, i, B, j);
            }
        }
        return M;
    }

    /** Divides D by its largest entry, in place (a zero matrix stays zero); returns D. */
    public static Mat byMax(Mat D) {
        double mx = 0;
        for (double v : D.data) {
            mx = Math.max(mx, v);
        }
        if (mx > 0) {
            for (int k = 0; k < D.data.length; k++) {
                D.data[k] /= mx;
            }
        }
        return D;
    }

    /** The Euclidean distances between the rows of X (square roots of {@link #squared(Mat, Mat)}). */
    public static Mat euclidean(Mat X) {
        Mat D = squared(X, X);
        for (int k = 0; k < D.data.length; k++) {
            D.data[k] = Math.sqrt(D.data[k]);
        }
        return D;
    }
}

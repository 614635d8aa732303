package org.gwbench.linalg;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/** Linear least squares for the linear-regression baselines. */
public final class LeastSquares {
    private LeastSquares() {
    }

    /**
     * A (n×m) minimising ‖X Aᵀ − Y‖_F for X (N×m) and Y (N×n), by the normal equations: Cholesky of
     * XᵀX (symmetrised, with a 1e-12 relative ridge on the diagonal so that a rank-deficient X still
     * has a solution).
     */
    public static Mat fit(Mat X, Mat Y) {
        if (X.rows != Y.rows) {
            throw new IllegalArgumentException("X has " + X.rows + " rows, Y has " + Y.rows);
        }
        Blas blas = Blas.active();
        Mat G = blas.multiply(X, true, X, false);
        int m = G.rows;
        double tr = 0;
        for (int i = 0; i < m; i++) {
            tr += G.get(i, i);
        }
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                a[i][j] = 0.5 * (G.get(i, j) + G.get(j, i));
            }
            a[i][i] += 1e-12 * tr / m;
        }
        Mat XtY = blas.multiply(X, true, Y, false);
        RealMatrix sol = new CholeskyDecomposition(new Array2DRowRealMatrix(a, false))
                .getSolver().solve(new Array2DRowRealMatrix(XtY.toArray(), false)); // m × n
        return Mat.of(sol.transpose().getData());
    }
}

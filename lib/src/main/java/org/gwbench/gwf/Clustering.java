package org.gwbench.gwf;

import java.util.SplittableRandom;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;

/** k-means with k-means++ seeding, and clustering accuracy as in the GWF paper. */
public final class Clustering {
    private Clustering() {
    }

    /** Best of {@code restarts} Lloyd runs (by inertia), each seeded by k-means++ from the generator. */
    public static int[] kMeans(Mat X, int k, int restarts, long seed) {
        Check.nonEmpty("X", X);
        Check.positive("k", k);
        Check.positive("restarts", restarts);
        if (k > X.rows) {
            throw new IllegalArgumentException("k = " + k + " clusters for " + X.rows + " points");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int r = 0; r < restarts; r++) {
            Mat centres = plusPlus(X, k, rnd);
            int[] lab = new int[X.rows];
            double inertia = 0;
            for (int it = 0; it < 300; it++) {
                inertia = 0;
                boolean changed = false;
                for (int i = 0; i < X.rows; i++) {
                    int arg = 0;
                    double bd = Double.POSITIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        double d = dist2(X, i, centres, c);
                        if (d < bd) {
                            bd = d;
                            arg = c;
                        }
                    }
                    if (it == 0 || lab[i] != arg) {
                        changed = true;
                    }
                    lab[i] = arg;
                    inertia += bd;
                }
                if (!changed) {
                    break;
                }
                centres = means(X, lab, k, centres);
            }
            if (inertia < bestInertia) {
                bestInertia = inertia;
                best = lab.clone();
            }
        }
        return best;
    }

    /** The mean of each group c = 0..k−1 of the rows of X (an empty group keeps its row of fallback). */
    private static Mat means(Mat X, int[] lab, int k, Mat fallback) {
        Mat next = Mat.zeros(k, X.cols);
        int[] count = new int[k];
        for (int i = 0; i < X.rows; i++) {
            count[lab[i]]++;
            for (int d = 0; d < X.cols; d++) {
                next.data[lab[i] * X.cols + d] += X.get(i, d);
            }
        }
        for (int c = 0; c < k; c++) {
            for (int d = 0; d < X.cols; d++) {
                next.data[c * X.cols + d] = count[c] > 0 ? next.data[c * X.cols + d] / count[c] : fallback.get(c, d);
            }
        }
        return next;
    }

    /**
     * Σ_i ‖x_i − mean of x_i's group‖², the objective k-means minimises, of any grouping of the rows of X
     * (labels 0, 1, ...): compare the class partition's with that of {@link #kMeans} to see whether k-means
     * could return the classes at all.
     */
    public static double inertia(Mat X, int[] labels) {
        Check.nonEmpty("X", X);
        int k = groups("labels", labels, X.rows);
        Mat centres = means(X, labels, k, Mat.zeros(k, X.cols));
        double s = 0;
        for (int i = 0; i < X.rows; i++) {
            s += dist2(X, i, centres, labels[i]);
        }
        return s;
    }

    /**
     * Leave-one-out 1-nearest-neighbour accuracy (Euclidean; the first of equally near points): how well
     * the rows of X separate the classes locally, whatever the shape of the classes.
     */
    public static double nearestNeighbourAccuracy(Mat X, int[] truth) {
        Check.nonEmpty("X", X);
        groups("truth", truth, X.rows);
        if (X.rows < 2) {
            throw new IllegalArgumentException("X needs at least 2 rows for leave-one-out, got " + X.rows);
        }
        int right = 0;
        for (int i = 0; i < X.rows; i++) {
            double best = Double.POSITIVE_INFINITY;
            int arg = -1;
            for (int j = 0; j < X.rows; j++) {
                if (j != i) {
                    double d = dist2(X, i, X, j);
                    if (d < best) {
                        best = d;
                        arg = j;
                    }
                }
            }
            if (truth[arg] == truth[i]) {
                right++;
            }
        }
        return right / (double) X.rows;
    }

    /** The number of groups of labels (max + 1), checked: one per row, all >= 0. */
    private static int groups(String name, int[] labels, int rows) {
        if (labels == null || labels.length != rows) {
            throw new IllegalArgumentException(name + " needs one label per row of X (" + rows + ")");
        }
        int k = 0;
        for (int v : labels) {
            if (v < 0) {
                throw new IllegalArgumentException(name + " must be >= 0, got " + v);
            }
            k = Math.max(k, v + 1);
        }
        return k;
    }

    static Mat plusPlus(Mat X, int k, SplittableRandom rnd) {
        Mat C = Mat.zeros(k, X.cols);
        int first = rnd.nextInt(X.rows);
        System.arraycopy(X.data, first * X.cols, C.data, 0, X.cols);
        double[] d = new double[X.rows];
        for (int i = 0; i < X.rows; i++) {
            d[i] = dist2(X, i, C, 0);
        }
        for (int c = 1; c < k; c++) {
            double s = 0;
            for (double v : d) {
                s += v;
            }
            int pick = rnd.nextInt(X.rows);
            if (s > 0) {
                double u = rnd.nextDouble() * s;
                double acc = 0;
                for (int i = 0; i < X.rows; i++) {
                    acc += d[i];
                    if (acc >= u) {
                        pick = i;
                        break;
                    }
                }
            }
            System.arraycopy(X.data, pick * X.cols, C.data, c * X.cols, X.cols);
            for (int i = 0; i < X.rows; i++) {
                d[i] = Math.min(d[i], dist2(X, i, C, c));
            }
        }
        return C;
    }

    static double dist2(Mat X, int i, Mat C, int c) {
        return org.gwbench.linalg.Distances.squared(X, i, C, c);
    }

    /**
     * Clustering accuracy: the share of points whose cluster, mapped to a class by the best one-to-one
     * matching of clusters to classes (Hungarian algorithm), is their class. For two clusters this is
     * the GWF paper's 1 − min(‖y − ŷ‖₁, ‖y − 1 + ŷ‖₁)/N.
     */
    public static double accuracy(int[] truth, int[] clusters) {
        if (truth.length != clusters.length || truth.length == 0) {
            throw new IllegalArgumentException("truth and clusters need the same, positive length");
        }
        int nc = 0;
        int nk = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || clusters[i] < 0) {
                throw new IllegalArgumentException("labels must be >= 0");
            }
            nc = Math.max(nc, truth[i] + 1);
            nk = Math.max(nk, clusters[i] + 1);
        }
        int n = Math.max(nc, nk);
        double[][] cost = new double[n][n];
        for (int i = 0; i < truth.length; i++) {
            cost[clusters[i]][truth[i]] -= 1;
        }
        int[] assign = hungarian(cost);
        int hits = 0;
        for (int i = 0; i < truth.length; i++) {
            if (assign[clusters[i]] == truth[i]) {
                hits++;
            }
        }
        return hits / (double) truth.length;
    }

    /** Minimum-cost assignment of rows to columns of a square matrix (O(n³) Hungarian method). */
    static int[] hungarian(double[][] a) {
        int n = a.length;
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] p = new int[n + 1];
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[n + 1];
            java.util.Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowToCol = new int[n];
        for (int j = 1; j <= n; j++) {
            rowToCol[p[j] - 1] = j - 1;
        }
        return rowToCol;
    }

    /** K_ij / √(w_i w_j) as a new matrix: the cosine normalisation (w = diag K) or D^{−1/2} K D^{−1/2} (w = degrees). */
    public static Mat scaleBySqrt(Mat K, double[] w) {
        int N = K.rows;
        double[] s = new double[N];
        for (int i = 0; i < N; i++) {
            s[i] = 1 / Math.sqrt(w[i]);
        }
        Mat out = Mat.zeros(N, K.cols);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < K.cols; j++) {
                out.data[i * K.cols + j] = K.data[i * K.cols + j] * s[i] * s[j];
            }
        }
        return out;
    }
}

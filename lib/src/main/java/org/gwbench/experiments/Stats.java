package org.gwbench.experiments;

import java.util.Arrays;
import org.gwbench.linalg.Mat;

/** Small helpers the experiment tables share. */
final class Stats {
    private Stats() {
    }

    static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    /** The sample standard deviation (n − 1; 0 for one value). */
    static double std(double[] x) {
        double m = mean(x);
        return Math.sqrt(Arrays.stream(x).map(a -> (a - m) * (a - m)).sum() / Math.max(1, x.length - 1));
    }

    /** K_ij / √(w_i w_j) as a new matrix: the cosine normalisation (w = diag K) or D^{−1/2} K D^{−1/2} (w = degrees). */
    static Mat scaleBySqrt(Mat K, double[] w) {
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

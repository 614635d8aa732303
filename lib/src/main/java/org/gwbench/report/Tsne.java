package org.gwbench.report;

import java.util.SplittableRandom;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;

/**
 * Exact t-SNE (van der Maaten and Hinton 2008) for a few thousand points, to draw embeddings in the
 * plane: Gaussian affinities with a per-point bandwidth found by bisection to the given perplexity,
 * symmetrised; Student-t affinities in 2-D; gradient descent with momentum 0.5 then 0.8, early
 * exaggeration ×12 for the first 250 iterations, learning rate max(N/48, 50) (scikit-learn's "auto") and the gains of the reference
 * implementation. O(N²) memory and time per iteration. (Smile's t-SNE is GPL from version 3 on;
 * this small exact one keeps the library's licence simple.)
 */
public final class Tsne {
    private Tsne() {
    }

    /** Y (N × 2) from the rows of X; seeded initial layout N(0, 1e-4) (standard deviation 1e-2). */
    public static Mat embed(Mat X, double perplexity, int iterations, long seed) {
        Check.nonEmpty("X", X);
        int N = X.rows;
        if (!(perplexity > 1 && perplexity < N)) {
            throw new IllegalArgumentException("perplexity must be in (1, N) = (1, " + N + "), got " + perplexity);
        }
        Check.positive("iterations", iterations);
        double[] P = affinities(X, perplexity);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] y = new double[2 * N];
        for (int k = 0; k < y.length; k++) {
            y[k] = 1e-2 * rnd.nextGaussian();
        }
        double[] vel = new double[2 * N];
        double[] gains = new double[2 * N];
        java.util.Arrays.fill(gains, 1);
        double[] num = new double[N * N];
        double[] grad = new double[2 * N];
        double eta = Math.max(N / 12.0 / 4, 50); // scikit-learn's "auto" learning rate
        for (int it = 0; it < iterations; it++) {
            double exag = it < 250 ? 12 : 1;
            double momentum = it < 250 ? 0.5 : 0.8;
            double sumQ = 0;
            for (int i = 0; i < N; i++) {
                for (int j = i + 1; j < N; j++) {
                    double dx = y[2 * i] - y[2 * j];
                    double dy = y[2 * i + 1] - y[2 * j + 1];
                    double q = 1 / (1 + dx * dx + dy * dy);
                    num[i * N + j] = q;
                    num[j * N + i] = q;
                    sumQ += 2 * q;
                }
            }
            java.util.Arrays.fill(grad, 0);
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    if (i == j) {
                        continue;
                    }
                    double q = num[i * N + j];
                    double mult = 4 * (exag * P[i * N + j] - q / sumQ) * q;
                    grad[2 * i] += mult * (y[2 * i] - y[2 * j]);
                    grad[2 * i + 1] += mult * (y[2 * i + 1] - y[2 * j + 1]);
                }
            }
            for (int k = 0; k < y.length; k++) {
                gains[k] = Math.signum(grad[k]) != Math.signum(vel[k]) ? gains[k] + 0.2 : Math.max(0.01, gains[k] * 0.8);
                vel[k] = momentum * vel[k] - eta * gains[k] * grad[k];
                y[k] += vel[k];
            }
            double mx = 0;
            double my = 0;
            for (int i = 0; i < N; i++) {
                mx += y[2 * i] / N;
                my += y[2 * i + 1] / N;
            }
            for (int i = 0; i < N; i++) {
                y[2 * i] -= mx;
                y[2 * i + 1] -= my;
            }
        }
        return new Mat(N, 2, y);
    }

    /** Symmetrised affinities p_ij = (p_j|i + p_i|j) / 2N, each row's bandwidth at the perplexity. */
    static double[] affinities(Mat X, double perplexity) {
        int N = X.rows;
        double[] D = new double[N * N];
        for (int i = 0; i < N; i++) {
            for (int j = i + 1; j < N; j++) {
                double s = org.gwbench.linalg.Distances.squared(X, i, X, j);
                D[i * N + j] = s;
                D[j * N + i] = s;
            }
        }
        double target = Math.log(perplexity);
        double[] Pc = new double[N * N];
        for (int i = 0; i < N; i++) {
            double beta = 1;
            double lo = 0;
            double hi = Double.POSITIVE_INFINITY;
            for (int t = 0; t < 100; t++) {
                double sum = 0;
                double dsum = 0;
                double dmin = Double.POSITIVE_INFINITY;
                for (int j = 0; j < N; j++) {
                    if (j != i) {
                        dmin = Math.min(dmin, D[i * N + j]);
                    }
                }
                for (int j = 0; j < N; j++) {
                    if (j == i) {
                        continue;
                    }
                    double p = Math.exp(-beta * (D[i * N + j] - dmin));
                    Pc[i * N + j] = p;
                    sum += p;
                    dsum += p * (D[i * N + j] - dmin);
                }
                double entropy = Math.log(sum) + beta * dsum / sum;
                for (int j = 0; j < N; j++) {
                    Pc[i * N + j] /= sum;
                }
                double diff = entropy - target;
                if (Math.abs(diff) < 1e-5) {
                    break;
                }
                if (diff > 0) {
                    lo = beta;
                    beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
                } else {
                    hi = beta;
                    beta = (beta + lo) / 2;
                }
            }
        }
        double[] P = new double[N * N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                P[i * N + j] = Math.max((Pc[i * N + j] + Pc[j * N + i]) / (2.0 * N), 1e-12);
            }
        }
        return P;
    }
}

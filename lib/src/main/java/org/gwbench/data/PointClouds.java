package org.gwbench.data;

import java.util.SplittableRandom;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;

/** Seeded point-cloud generators for examples and tests. */
public final class PointClouds {
    private PointClouds() {
    }

    /**
     * n points on a planar spiral r = 1 + t, angle 3πt for t uniform in [0, 1] (sorted), plus Gaussian
     * noise of the given standard deviation.
     */
    public static Mat spiral2d(int n, double noise, long seed) {
        return curve(n, 2, noise, seed);
    }

    /** n points on a 3-D helix (1 + t)(cos 3πt, sin 3πt) with height 2t: the curve parameter of {@link #spiral2d}. */
    public static Mat helix3d(int n, double noise, long seed) {
        return curve(n, 3, noise, seed);
    }

    private static Mat curve(int n, int dims, double noise, long seed) {
        Check.positive("n", n);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] t = sortedUniform(rnd, n);
        Mat X = Mat.zeros(n, dims);
        for (int i = 0; i < n; i++) {
            double r = 1 + t[i];
            double a = 3 * Math.PI * t[i];
            X.set(i, 0, r * Math.cos(a) + noise * rnd.nextGaussian());
            X.set(i, 1, r * Math.sin(a) + noise * rnd.nextGaussian());
            if (dims == 3) {
                X.set(i, 2, 2 * t[i] + noise * rnd.nextGaussian());
            }
        }
        return X;
    }

    /** Euclidean distance matrix between the rows of X, divided by its maximum. */
    public static Mat distances(Mat X) {
        return org.gwbench.linalg.Distances.byMax(org.gwbench.linalg.Distances.euclidean(X));
    }

    private static double[] sortedUniform(SplittableRandom rnd, int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = rnd.nextDouble();
        }
        java.util.Arrays.sort(t);
        return t;
    }
}

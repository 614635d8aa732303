package org.gwbench.grad;

import java.util.SplittableRandom;
import org.gwbench.data.PointClouds;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;

/**
 * A random instance for the GW layer: Euclidean distance matrices (divided by their maximum) of n and
 * m uniform points in the unit square, and positive weights μ0, μ summing to 1.
 */
public record EzuzInstance(Mat D0, Mat D, double[] mu0, double[] mu) {
    public static EzuzInstance random(int n, int m, SplittableRandom rnd) {
        return new EzuzInstance(PointClouds.distances(points(rnd, n)), PointClouds.distances(points(rnd, m)),
                GradCheck.simplex(rnd, n), GradCheck.simplex(rnd, m));
    }

    /** The kernel of the first iteration from Γ⁰ = 1 (before any shift): exp(D0 μ0 μᵀ Dᵀ η/α). */
    public Mat kernel(EzuzGwOptions o) {
        Mat pi = Mat.outer(mu0, mu);
        Blas b = Blas.active();
        Mat X = b.multiply(b.multiply(D0, pi), false, D, true);
        for (int k = 0; k < X.data.length; k++) {
            X.data[k] = Math.exp(X.data[k] * o.eta() / o.alpha());
        }
        return X;
    }

    private static Mat points(SplittableRandom rnd, int n) {
        Mat X = Mat.zeros(n, 2);
        for (int k = 0; k < X.data.length; k++) {
            X.data[k] = rnd.nextDouble();
        }
        return X;
    }
}

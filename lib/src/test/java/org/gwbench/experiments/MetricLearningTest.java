package org.gwbench.experiments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gwbench.data.PointClouds;
import org.gwbench.grad.EzuzGw;
import org.gwbench.grad.EzuzGwOptions;
import org.gwbench.grad.GradCheck;
import org.gwbench.sinkhorn.SinkhornProjection;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.junit.jupiter.api.Test;

class MetricLearningTest {
    /** dL/dθ through the layer and the chain rule of D(θ), against central differences in θ. */
    @Test
    void thetaGradientMatchesCentralDifferences() {
        int n = 15;
        Mat X = PointClouds.spiral2d(n, 0.0, 1);
        Mat Y = PointClouds.spiral2d(n, 0.05, 2);
        double c = 3.0;
        Mat D0 = MetricLearning.scaledDistances(X, new double[] {0, 0}, c);
        double[] mu = Check.uniform(n);
        Mat E = Mat.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                E.set(i, j, Math.abs(i - j) / (double) n);
            }
        }
        EzuzGw gw = new EzuzGw(new EzuzGwOptions(4, 0.01, 0.5, SinkhornProjection.Options.defaults()));
        double[] theta = {0.2, -0.3};
        EzuzGw.Forward f = gw.forward(D0, MetricLearning.scaledDistances(Y, theta, c), mu, mu);
        double[] g = MetricLearning.thetaGradient(Y, theta, c, f.backward(EzuzGw.coupling(E, mu, mu)).gradD());
        double[][] dirs = {{1, 0}, {0, 1}, {0.6, -0.8}};
        for (double[] d : dirs) {
            GradCheck.Entry e = GradCheck.directional("theta", g[0] * d[0] + g[1] * d[1], t -> E.dot(gw.forward(D0,
                    MetricLearning.scaledDistances(Y, new double[] {theta[0] + t * d[0], theta[1] + t * d[1]}, c), mu, mu)
                    .coupling()));
            assertTrue(e.relError() <= 1e-6, () -> "direction " + java.util.Arrays.toString(d) + ": " + e);
        }
    }

    /** The notebook's demonstration at full scale (a few seconds). */
    @Test
    void learningTheMetricRecoversTheCorrespondence() {
        List<MetricLearning.Step> h = MetricLearning.defaults().run().history();
        MetricLearning.Step first = h.get(0);
        MetricLearning.Step last = h.get(h.size() - 1);
        assertTrue(last.loss() < 0.2 * first.loss(), () -> "loss " + first.loss() + " -> " + last.loss());
        assertTrue(last.accuracy() >= 0.9 && first.accuracy() <= 0.5,
                () -> "matches within one point " + first.accuracy() + " -> " + last.accuracy());
        assertTrue(last.theta2() - last.theta1() > 0, "the learned metric undoes the anisotropic stretch");
    }
}

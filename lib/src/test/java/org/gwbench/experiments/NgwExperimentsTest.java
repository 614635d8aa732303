package org.gwbench.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.gwbench.gaussian.Gaussians;
import org.gwbench.gw.ExactGw;
import org.gwbench.gw.ExactGwOptions;
import org.gwbench.gw.GwProblem;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.neural.NeuralGw;
import org.gwbench.neural.Samplers;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class NgwExperimentsTest {
    /**
     * The closed form against discrete GW on 1000 samples in small dimension: evaluated on the samples'
     * second-moment matrices (so that the spectra are the samples' own), the two agree within a few
     * percent; what remains is the non-Gaussian shape of an empirical measure.
     */
    @Test
    void closedFormAgainstDiscreteGwOnLargeSamples() {
        for (int[] mn : new int[][] {{2, 1}, {3, 1}}) {
            SplittableRandom r = new SplittableRandom(5);
            int N = 1000;
            Mat S1 = Gaussians.randomCovariance(mn[0], 0.5, 2, r);
            Mat S2 = Gaussians.randomCovariance(mn[1], 0.5, 2, r);
            Mat X = Gaussians.sample(S1, N, r);
            Mat Y = Gaussians.sample(S2, N, r);
            Blas b = Blas.active();
            double discrete = new ExactGw(ExactGwOptions.defaults())
                    .solve(GwProblem.of(b.multiply(X, false, X, true), b.multiply(Y, false, Y, true))).value();
            double closed = Gaussians.innerGw2(secondMoment(X), secondMoment(Y));
            assertEquals(closed, discrete, 0.05 * closed, mn[0] + " → " + mn[1]);
        }
    }

    static Mat secondMoment(Mat X) {
        Mat E = Blas.active().multiply(X, true, X, false);
        for (int k = 0; k < E.data.length; k++) {
            E.data[k] /= X.rows;
        }
        return E;
    }

    @Test
    void leastSquaresRecoversALinearMatching() {
        SplittableRandom r = new SplittableRandom(3);
        int N = 50;
        Mat X = Gaussians.sample(Gaussians.randomCovariance(4, 0.5, 2, r), N, r);
        Mat A = Mat.zeros(2, 4);
        for (int k = 0; k < A.data.length; k++) {
            A.data[k] = r.nextGaussian();
        }
        Mat Y = Blas.active().multiply(X, false, A, true);
        Mat plan = Mat.zeros(N, N);
        for (int i = 0; i < N; i++) {
            plan.set(i, i, 1.0 / N);
        }
        Mat fitted = NgwGaussians.leastSquaresMap(X, Blas.active().multiply(plan, Y), N);
        assertTrue(fitted.maxAbsDiff(A) < 1e-10, "fitted " + fitted + " expected " + A);
    }

    @Test
    void table1RowRunsAndReportsTheClosedForm() {
        NeuralGw.Options o = NeuralGw.Options.defaults(16, 0).withBatch(64).withSteps(1, 1, 2);
        NgwGaussians e = new NgwGaussians(100, 200, 500, 20, o, false, 0);
        NgwGaussians.Row row = e.run(4, 2, null);
        SplittableRandom rnd = new SplittableRandom(0 * 1_000_003L + 1009L * 4 + 2);
        Mat S1 = Gaussians.randomCovariance(4, 0.5, 2, rnd);
        Mat S2 = Gaussians.randomCovariance(2, 0.5, 2, rnd);
        assertEquals(Gaussians.innerGw2(S1, S2), row.gt(), 0);
        for (double v : new double[] {row.discrete(), row.discreteLr(), row.ngw(), row.uvpLr(), row.uvpNgw()}) {
            assertTrue(Double.isFinite(v) && v >= 0, row.toString());
        }
        Table t = NgwGaussians.table(List.of(row));
        assertEquals(1, t.rowCount());
        assertTrue(t.doubleColumn("GT (paper)").isMissing(0), "4 → 2 is not a row of Table 1");
        Table paper = NgwGaussians.table(List.of(new NgwGaussians.Row(64, 16, 1, 2, 3, 4, 5, 6, 0, 0)));
        assertEquals(67.77, paper.doubleColumn("GT (paper)").get(0), 0);
        assertEquals(14, NgwGaussians.TABLE1_DIMS.length);
        assertEquals(14, NgwGaussians.TABLE1_PAPER.length);
    }

    @Test
    void toySamplersAndPurity() {
        Mat cube = Samplers.cubeVertices();
        for (int i = 0; i < 8; i++) {
            double s = 0;
            for (int d = 0; d < 3; d++) {
                s += cube.get(i, d) * cube.get(i, d);
            }
            assertEquals(1, s, 1e-12);
            for (int j = 0; j < i; j++) {
                double dist = 0;
                for (int d = 0; d < 3; d++) {
                    dist += Math.abs(cube.get(i, d) - cube.get(j, d));
                }
                assertTrue(dist > 1, "vertices " + i + " and " + j + " differ");
            }
        }
        Mat circle = Samplers.circle(5);
        assertEquals(1, circle.get(0, 0), 1e-15);
        assertEquals(Math.cos(2 * Math.PI / 5), circle.get(1, 0), 1e-15);
        Samplers.Mixture mix = Samplers.mixture(circle, 0.05);
        Samplers.Mixture.Labelled s = mix.sampleLabelled(500, new SplittableRandom(1));
        int[] nearest = NgwToy.nearestCentre(s.points(), circle);
        int same = 0;
        for (int i = 0; i < 500; i++) {
            same += nearest[i] == s.components()[i] ? 1 : 0;
        }
        assertEquals(500, same, "with std 0.05 every point is nearest to its own centre");
        assertEquals(1.0, NgwToy.purity(new int[] {0, 0, 1, 1}, new int[] {2, 2, 0, 0}, 2, 3), 0);
        assertEquals(0.5, NgwToy.purity(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}, 2, 2), 0);
    }

    @Test
    void toyFigureProducesItsPanels() {
        NeuralGw.Options o = NeuralGw.Options.defaults(16, 0).withBatch(64).withSteps(1, 1, 2);
        NgwToy.Result r = new NgwToy(60, 10, o, 0.1, 0).figure3(null);
        assertEquals(5, r.charts().size(), "source, target, two NGW maps, discrete matching");
        assertTrue(r.discretePurity() > 0 && r.discretePurity() <= 1);
    }
}

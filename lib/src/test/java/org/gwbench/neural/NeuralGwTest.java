package org.gwbench.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.gwbench.gaussian.Gaussians;
import org.gwbench.grad.GradCheck;
import org.gwbench.linalg.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeuralGwTest {
    @TempDir
    Path dir;

    static Mat cov(int d, long seed) {
        return Gaussians.randomCovariance(d, 0.5, 2, new SplittableRandom(seed));
    }

    static double norm(Mat P) {
        return Math.sqrt(P.dot(P));
    }

    static NeuralGw small(long seed) {
        return new NeuralGw(Samplers.gaussian(cov(5, 1)), Samplers.gaussian(cov(3, 2)),
                NeuralGw.Options.defaults(16, seed).withBatch(32).withSteps(2, 2, 3).withLearningRates(1e-2, 1e-2, 0.3));
    }

    @Test
    void pStaysOnItsSphere() {
        NeuralGw g = small(4);
        assertEquals(Math.sqrt(3), g.radius(), 0);
        assertEquals(Math.sqrt(3), norm(g.p()), 1e-12);
        for (int i = 0; i < 5; i++) {
            g.step();
            assertEquals(Math.sqrt(3), norm(g.p()), 1e-12, "after iteration " + (i + 1));
        }
    }

    /** Checks a loss's analytic gradient along random directions of each parameter array. */
    static void checkGradient(String name, List<double[]> params, List<double[]> grads, DoubleUnaryOperator lossAlong,
                              SplittableRandom rnd, List<double[]> directions) {
        for (int p = 0; p < params.size(); p++) {
            double[] s = directions.get(p);
            double analytic = GradCheck.dot(grads.get(p), s);
            double[] x = params.get(p);
            double[] saved = x.clone();
            final int pp = p;
            GradCheck.Entry e = GradCheck.directional(name + " parameter " + p, analytic, t -> {
                for (int k = 0; k < x.length; k++) {
                    x[k] = saved[k] + t * directions.get(pp)[k];
                }
                double v = lossAlong.applyAsDouble(t);
                System.arraycopy(saved, 0, x, 0, x.length);
                return v;
            });
            // f's output bias cancels in L_f (its gradient is 1 − 1 = 0): compare absolutely there
            assertTrue(e.relError() <= 1e-6 || Math.abs(e.analytic() - e.numeric()) <= 1e-14, e.toString());
        }
    }

    static List<double[]> directions(List<double[]> params, SplittableRandom rnd) {
        List<double[]> d = new ArrayList<>();
        for (double[] x : params) {
            double[] s = new double[x.length];
            for (int k = 0; k < s.length; k++) {
                s[k] = 1e-2 * (2 * rnd.nextDouble() - 1); // small steps: stay off the ReLU kinks
            }
            d.add(s);
        }
        return d;
    }

    @Test
    void lossGradientsMatchFiniteDifferences() {
        NeuralGw g = small(5);
        g.step(); // move off the initialisation
        SplittableRandom rnd = new SplittableRandom(9);
        Mat X = Samplers.gaussian(cov(5, 1)).sample(16, rnd);
        Mat Y = Samplers.gaussian(cov(3, 2)).sample(12, rnd);

        List<double[]> gT = new ArrayList<>();
        g.transportLoss(X, gT);
        checkGradient("L_T", g.transport().parameters(), gT, t -> g.transportLoss(X, new ArrayList<>()), rnd,
                directions(g.transport().parameters(), rnd));

        List<double[]> gF = new ArrayList<>();
        g.potentialLoss(X, Y, gF);
        checkGradient("L_f", g.potential().parameters(), gF, t -> g.potentialLoss(X, Y, new ArrayList<>()), rnd,
                directions(g.potential().parameters(), rnd));

        Mat P = g.p();
        Mat gP = Mat.zeros(P.rows, P.cols);
        g.costLoss(X, gP);
        // the cost loss is linear in P: evaluate it at P + tS through a copy of the network state
        Mat S = Mat.zeros(P.rows, P.cols);
        for (int k = 0; k < S.data.length; k++) {
            S.data[k] = 2 * rnd.nextDouble() - 1;
        }
        Mat Z = g.map(X);
        GradCheck.Entry e = GradCheck.directional("L_P", gP.dot(S), t -> {
            double s = 0;
            for (int i = 0; i < X.rows; i++) {
                for (int r = 0; r < P.rows; r++) {
                    double px = 0;
                    for (int c = 0; c < P.cols; c++) {
                        px += (P.get(r, c) + t * S.get(r, c)) * X.get(i, c);
                    }
                    s += px * Z.get(i, r);
                }
            }
            return -s / X.rows;
        });
        assertTrue(e.relError() <= 1e-8, e.toString());
    }

    @Test
    void sameSeedSameNetworkAndResumeIsExact() {
        NeuralGw straight = small(6);
        straight.train(6, null);
        NeuralGw again = small(6);
        again.train(6, null);
        Mat X = Samplers.gaussian(cov(5, 1)).sample(20, new SplittableRandom(3));
        assertArrayEquals(straight.map(X).data, again.map(X).data, 0);

        NeuralGw first = small(6);
        first.train(3, null);
        first.save(dir.resolve("run"));
        NeuralGw resumed = NeuralGw.load(dir.resolve("run"), Samplers.gaussian(cov(5, 1)), Samplers.gaussian(cov(3, 2)),
                first.options());
        assertEquals(3, resumed.iteration());
        resumed.train(3, null);
        assertArrayEquals(straight.map(X).data, resumed.map(X).data, 0, "3 + save + load + 3 = 6 straight");
        assertArrayEquals(straight.p().data, resumed.p().data, 0);

        NeuralGw other = small(7);
        other.train(6, null);
        assertTrue(other.map(X).maxAbsDiff(straight.map(X)) > 1e-3, "another seed gives another network");
    }

    @Test
    void stopsWhenInterrupted() {
        NeuralGw g = small(8);
        Thread.currentThread().interrupt();
        try {
            assertEquals(0, g.train(10, null));
            assertEquals(0, g.iteration());
        } finally {
            Thread.interrupted();
        }
        int[] seen = {0};
        assertEquals(4, g.train(4, s -> seen[0] = s.step()));
        assertEquals(4, seen[0]);
    }

    @Test
    void badInputNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeuralGw.Options.defaults(16, 0).withBatch(0));
        assertTrue(e.getMessage().startsWith("batch"), e.getMessage());
        NeuralGw g = small(1);
        e = assertThrows(IllegalArgumentException.class, () -> g.map(Mat.zeros(4, 2)));
        assertTrue(e.getMessage().contains("source dimension"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NeuralGw.load(dir.resolve("missing"), Samplers.gaussian(cov(5, 1)), Samplers.gaussian(cov(3, 2)),
                        g.options()));
        assertTrue(e.getMessage().startsWith("dir"), e.getMessage());
    }

    /**
     * NGW on 3 → 2 Gaussians approaches the closed form: the trained map's innerGW is near innerGW²
     * and it pushes μ close to ν; the untrained one does neither.
     */
    @Test
    void learnsTheGaussianMapInSmallDimension() {
        Mat S1 = cov(3, 11);
        Mat S2 = cov(2, 12);
        double gt = Gaussians.innerGw2(S1, S2);
        NeuralGw g = new NeuralGw(Samplers.gaussian(S1), Samplers.gaussian(S2),
                NeuralGw.Options.defaults(32, 0).withSteps(1, 1, 5).withLearningRates(1e-2, 1e-2, 0.1).withDecay(1500));
        Mat X = Gaussians.sample(S1, 4096, new SplittableRandom(99));
        double uvp0 = uvp(g.map(X), S2);
        g.train(1500, null);
        Mat TX = g.map(X);
        double value = Gaussians.innerGwFunctional(X, TX);
        double uvp = uvp(TX, S2);
        assertTrue(uvp0 > 20, "untrained UVP " + uvp0);
        assertTrue(uvp < 3, "trained UVP " + uvp + "%");
        assertEquals(gt, value, 0.25 * gt, "innerGW of the trained map against the closed form");
    }

    static double uvp(Mat TX, Mat target) {
        int n = TX.cols;
        double[] mean = new double[n];
        for (int i = 0; i < TX.rows; i++) {
            for (int j = 0; j < n; j++) {
                mean[j] += TX.get(i, j) / TX.rows;
            }
        }
        Mat C = Mat.zeros(n, n);
        for (int i = 0; i < TX.rows; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    C.data[j * n + k] += (TX.get(i, j) - mean[j]) * (TX.get(i, k) - mean[k]) / (TX.rows - 1);
                }
            }
        }
        return Gaussians.bw2Uvp(mean, C, new double[n], target);
    }
}

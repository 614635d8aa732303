package org.gwbench.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.gwbench.grad.GradCheck;
import org.gwbench.linalg.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlpTest {
    @TempDir
    Path dir;

    static Mat random(SplittableRandom rnd, int r, int c) {
        Mat X = Mat.zeros(r, c);
        for (int k = 0; k < X.data.length; k++) {
            X.data[k] = 2 * rnd.nextDouble() - 1;
        }
        return X;
    }

    /** loss(Y) = ⟨R, Y⟩ + ½‖Y‖²; its gradient is R + Y. */
    static double loss(Mat R, Mat Y) {
        return R.dot(Y) + 0.5 * Y.dot(Y);
    }

    @Test
    void everyLayerGradientMatchesFiniteDifferences() {
        SplittableRandom rnd = new SplittableRandom(1);
        Mlp net = new Mlp(new int[] {5, 16, 12, 3}, 7);
        Mat X = random(rnd, 8, 5);
        Mat R = random(rnd, 8, 3);
        Mat Y = net.forward(X);
        Mat G = R.copy();
        for (int k = 0; k < G.data.length; k++) {
            G.data[k] += Y.data[k];
        }
        Mat gX = Mat.zeros(8, 5);
        List<double[]> grads = net.backward(G, gX);
        List<double[]> params = net.parameters();
        assertEquals(6, params.size());
        for (int p = 0; p < params.size(); p++) {
            double[] x = params.get(p);
            double[] s = new double[x.length];
            for (int k = 0; k < s.length; k++) {
                s[k] = 1e-2 * (2 * rnd.nextDouble() - 1); // small steps: stay off the ReLU kinks
            }
            double[] g = grads.get(p);
            double analytic = 0;
            for (int k = 0; k < s.length; k++) {
                analytic += g[k] * s[k];
            }
            double[] saved = x.clone();
            GradCheck.Entry e = GradCheck.directional("parameter " + p, analytic, t -> {
                for (int k = 0; k < x.length; k++) {
                    x[k] = saved[k] + t * s[k];
                }
                double v = loss(R, net.forward(X));
                System.arraycopy(saved, 0, x, 0, x.length);
                return v;
            });
            assertTrue(e.relError() <= 1e-6, e.toString());
        }
        Mat S = random(rnd, 8, 5);
        for (int k = 0; k < S.data.length; k++) {
            S.data[k] *= 1e-2;
        }
        GradCheck.Entry e = GradCheck.directional("input", gX.dot(S), t -> {
            Mat Xt = X.copy();
            for (int k = 0; k < Xt.data.length; k++) {
                Xt.data[k] += t * S.data[k];
            }
            return loss(R, net.forward(Xt));
        });
        assertTrue(e.relError() <= 1e-6, e.toString());
    }

    @Test
    void adamFitsALinearMap() {
        SplittableRandom rnd = new SplittableRandom(2);
        Mat A = random(rnd, 2, 3);
        Mlp net = new Mlp(new int[] {3, 2}, 3);
        Adam adam = new Adam(net.parameters(), 0.05);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 600; step++) {
            Mat X = random(rnd, 32, 3);
            Mat target = org.gwbench.linalg.Blas.active().multiply(X, false, A, true);
            Mat Y = net.forward(X);
            Mat G = Y.copy();
            double l = 0;
            for (int k = 0; k < G.data.length; k++) {
                G.data[k] = (Y.data[k] - target.data[k]) / 32;
                l += 0.5 * (Y.data[k] - target.data[k]) * (Y.data[k] - target.data[k]) / 32;
            }
            adam.step(net.backward(G, null));
            if (step == 0) {
                first = l;
            }
            last = l;
        }
        assertEquals(600, adam.steps());
        assertTrue(last < 1e-6 * first, first + " -> " + last);
    }

    @Test
    void saveAndLoadGiveTheSameNetwork() throws IOException {
        Mlp net = new Mlp(new int[] {4, 8, 2}, 11);
        Path f = dir.resolve("net.txt");
        net.save(f);
        Mlp back = Mlp.load(f);
        Mat X = random(new SplittableRandom(4), 5, 4);
        assertEquals(0.0, net.forward(X).maxAbsDiff(back.forward(X)), 0.0);
        Files.writeString(dir.resolve("bad.txt"), "not a network\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mlp.load(dir.resolve("bad.txt")));
        assertTrue(e.getMessage().contains("not a saved network"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.forward(Mat.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> new Mlp(new int[] {3}, 1));
    }
}

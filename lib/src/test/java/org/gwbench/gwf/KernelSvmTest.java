package org.gwbench.gwf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gwbench.linalg.Mat;
import org.junit.jupiter.api.Test;

class KernelSvmTest {
    @Test
    void separableClassesAreClassifiedAndFoldsAreStratified() {
        SplittableRandom r = new SplittableRandom(1);
        int N = 60;
        Mat X = Mat.zeros(N, 2);
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = i < 40 ? 0 : 1;
            X.set(i, 0, (y[i] == 0 ? -2 : 2) + 0.5 * r.nextGaussian());
            X.set(i, 1, r.nextGaussian());
        }
        Mat K = Mat.zeros(N, N);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double d = Math.pow(X.get(i, 0) - X.get(j, 0), 2) + Math.pow(X.get(i, 1) - X.get(j, 1), 2);
                K.set(i, j, Math.exp(-d / 2));
            }
        }
        double[] acc = KernelSvm.crossValidate(K, y, 5, 1, 0);
        for (double a : acc) {
            assertEquals(1.0, a, 0, java.util.Arrays.toString(acc));
        }
        int[] fold = KernelSvm.stratifiedFolds(y, 5, 0);
        for (int f = 0; f < 5; f++) {
            int c0 = 0;
            int c1 = 0;
            for (int i = 0; i < N; i++) {
                if (fold[i] == f) {
                    c0 += y[i] == 0 ? 1 : 0;
                    c1 += y[i] == 1 ? 1 : 0;
                }
            }
            assertEquals(8, c0);
            assertEquals(4, c1);
        }
        // labels flipped at random: chance level
        int[] noise = new int[N];
        for (int i = 0; i < N; i++) {
            noise[i] = r.nextInt(2);
        }
        double mean = java.util.Arrays.stream(KernelSvm.crossValidate(K, noise, 5, 1, 0)).average().orElseThrow();
        assertTrue(mean < 0.8, "random labels cannot be predicted: " + mean);
    }
}

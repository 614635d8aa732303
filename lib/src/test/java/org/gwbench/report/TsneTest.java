package org.gwbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.gwbench.gwf.Clustering;
import org.gwbench.linalg.Mat;
import org.junit.jupiter.api.Test;

class TsneTest {
    static Mat blobs(int perBlob, long seed, int[] truth) {
        SplittableRandom r = new SplittableRandom(seed);
        Mat X = Mat.zeros(3 * perBlob, 10);
        for (int i = 0; i < X.rows; i++) {
            int b = i / perBlob;
            truth[i] = b;
            for (int c = 0; c < 10; c++) {
                X.set(i, c, (c == b ? 8 : 0) + r.nextGaussian());
            }
        }
        return X;
    }

    @Test
    void keepsSeparatedClustersApartAndIsSeeded() {
        int[] truth = new int[90];
        Mat X = blobs(30, 1, truth);
        Mat Y = Tsne.embed(X, 10, 400, 3);
        assertEquals(1.0, Clustering.accuracy(truth, Clustering.kMeans(Y, 3, 5, 0)), 0);
        assertArrayEquals(Y.data, Tsne.embed(X, 10, 400, 3).data, 0, "same seed, same layout");
    }

    @Test
    void affinitiesHaveThePerplexityAndSumToOne() {
        int[] truth = new int[60];
        Mat X = blobs(20, 2, truth);
        double[] P = Tsne.affinities(X, 5);
        double s = 0;
        for (double p : P) {
            s += p;
        }
        assertEquals(1, s, 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Tsne.embed(X, 100, 10, 0));
    }
}

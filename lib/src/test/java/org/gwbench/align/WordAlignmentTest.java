package org.gwbench.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gwbench.data.Embeddings;
import org.gwbench.gaussian.Gaussians;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.neural.NeuralGw;
import org.junit.jupiter.api.Test;

class WordAlignmentTest {
    @Test
    void topKAgainstABruteForceRanking() {
        SplittableRandom r = new SplittableRandom(2);
        Mat Q = Mat.zeros(30, 4);
        Mat C = Mat.zeros(50, 4);
        for (int k = 0; k < Q.data.length; k++) {
            Q.data[k] = r.nextGaussian();
        }
        for (int k = 0; k < C.data.length; k++) {
            C.data[k] = r.nextGaussian();
        }
        int[][] gold = new int[30][];
        for (int i = 0; i < 30; i++) {
            gold[i] = new int[] {r.nextInt(50), r.nextInt(50)};
        }
        double[] acc = TopK.accuracy(Q, C, gold, 1, 5, 10, 50);
        for (int q = 0; q < 4; q++) {
            int k = new int[] {1, 5, 10, 50}[q];
            int hits = 0;
            for (int i = 0; i < 30; i++) {
                // rank of each gold candidate by cosine, counting strictly larger similarities
                double best = Double.POSITIVE_INFINITY;
                for (int g : gold[i]) {
                    double sg = cos(Q, i, C, g);
                    int above = 0;
                    for (int j = 0; j < 50; j++) {
                        if (cos(Q, i, C, j) > sg) {
                            above++;
                        }
                    }
                    best = Math.min(best, above);
                }
                hits += best < k ? 1 : 0;
            }
            assertEquals(hits / 30.0, acc[q], 0, "top-" + k);
        }
        assertEquals(1.0, acc[3], 0, "every gold is within all 50 candidates");
        assertArrayEquals(new int[] {2, 0, 1}, TopK.topIndices(new double[] {0.5, 0.1, 0.9, 0.5}, 0, 3, 3));
    }

    static double cos(Mat A, int i, Mat B, int j) {
        double s = 0;
        double na = 0;
        double nb = 0;
        for (int c = 0; c < A.cols; c++) {
            s += A.get(i, c) * B.get(j, c);
            na += A.get(i, c) * A.get(i, c);
            nb += B.get(j, c) * B.get(j, c);
        }
        return s / Math.sqrt(na * nb);
    }

    /** A target that is an isometric copy of the source in fewer dimensions: Procrustes recovers every word. */
    @Test
    void recoversAnIsometricCopy() {
        SplittableRandom r = new SplittableRandom(4);
        int N = 150;
        // rank-4 points Z; the source is Z in a 4-dimensional subspace of ℝ⁶, the target Z rotated in ℝ⁴
        Mat Z = Gaussians.sample(Gaussians.randomCovariance(4, 0.2, 3, r), N, r);
        Mat B = Mat.zeros(6, 4);
        Mat Q = Gaussians.randomRotation(6, r);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                B.set(i, j, Q.get(i, j));
            }
        }
        Mat X = Blas.active().multiply(Z, false, B, true);
        Mat Y = Blas.active().multiply(Z, false, Gaussians.randomRotation(4, r), true);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            words.add("w" + i);
        }
        Embeddings src = new Embeddings(words, X);
        Embeddings tgt = new Embeddings(words, Y);
        int[][] gold = WordAlignment.identityGold(src, tgt);
        assertEquals(gold[7][0], 7);
        WordAlignment wa = new WordAlignment(0.8, 5, NeuralGw.Options.defaults(16, 0).withBatch(32), 1000, 0);
        List<WordAlignment.Line> lines = wa.run(src, tgt, gold, null);
        assertEquals(6, lines.size());
        for (WordAlignment.Line l : lines) {
            assertTrue(l.top10() >= l.top5() && l.top5() >= l.top1());
            if (l.method().startsWith("Procrustes")) {
                assertEquals(1.0, l.top1(), 0, l.toString());
            }
        }
        assertEquals(120, lines.get(0).words());
        assertEquals(30, lines.get(1).words());
        Map<String, List<String>> dict = Map.of("w1", List.of("w2", "missing", "w2"));
        int[][] g = WordAlignment.gold(src, tgt, dict);
        assertArrayEquals(new int[] {2}, g[1]);
        assertEquals(0, g[0].length);
    }
}

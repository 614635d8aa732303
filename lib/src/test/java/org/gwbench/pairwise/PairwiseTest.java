package org.gwbench.pairwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.gwbench.data.DataDir;
import org.gwbench.emd.Emd;
import org.gwbench.gwf.Fgwk;
import org.gwbench.gwf.GraphSet;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.ProgressListener;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairwiseTest {
    /** n graphs of AIDS (a seeded subset, standardised attributes) as FGWK compares them: shortest-path structures. */
    static Pairwise.Collection aids(int n) {
        Path root = DataDir.root();
        Assumptions.assumeTrue(Files.isDirectory(root.resolve("tu/AIDS")), "GWBENCH_DATA not set to the shared data");
        return Pairwise.Collection.ofSamples(Fgwk.structures(GraphSet.load(root, "AIDS", n, 0).samples(), Fgwk.Structure.SHORTEST_PATH));
    }

    /** The one-dimensional W₂² by sorting is the exact transport cost (network simplex on the (x − y)² cost). */
    @Test
    void sortedTransportIsTheExactOne() {
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < 20; t++) {
            int n = 1 + r.nextInt(7);
            int m = 1 + r.nextInt(7);
            double[] x = sortedDraws(r, n);
            double[] y = sortedDraws(r, m);
            double[] a = weights(r, n);
            double[] b = weights(r, m);
            Mat C = Mat.zeros(n, m);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    C.set(i, j, (x[i] - y[j]) * (x[i] - y[j]));
                }
            }
            double emd = Emd.defaults().solve(a, b, C).cost();
            assertEquals(emd, LowerBound.w2Squared(x, a, y, b), 1e-12 * Math.max(1, emd), "draw " + t);
        }
    }

    private static double[] sortedDraws(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 3 * r.nextDouble();
        }
        java.util.Arrays.sort(x);
        return x;
    }

    private static double[] weights(SplittableRandom r, int n) {
        double[] w = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 0.1 + r.nextDouble();
            s += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= s;
        }
        return w;
    }

    /** The bound is below every computed (fused) GW value, fused or not, and not vacuous. */
    @Test
    void theBoundIsBelowEveryValue() {
        Pairwise.Collection c = aids(40);
        for (double alpha : new double[] {0.5, 1.0}) {
            PairwiseSpec spec = PairwiseSpec.exact(alpha).withBlock(5);
            Mat D = Pairwise.distances(c, spec, null, new LocalEngine(2), ProgressListener.NONE).distances();
            int positive = 0;
            for (int i = 0; i < 40; i++) {
                for (int j = i + 1; j < 40; j++) {
                    double lb = LowerBound.of(c.summaries().get(i), c.summaries().get(j), alpha);
                    assertTrue(lb <= D.get(i, j) + 1e-12, "alpha " + alpha + ", graphs " + i + ", " + j + ": bound " + lb + " above " + D.get(i, j));
                    positive += lb > 0.1 * D.get(i, j) ? 1 : 0;
                }
            }
            assertTrue(positive > 780 / 2, "alpha " + alpha + ": the bound is above a tenth of the value for " + positive + " of 780 pairs");
        }
    }

    /** The pruned search returns the full matrix's neighbours and distances, bit for bit, with solves to spare. */
    @Test
    void prunedNeighboursAreTheFullMatrixs() {
        Pairwise.Collection c = aids(60);
        PairwiseSpec spec = PairwiseSpec.exact(0.5).withBlock(8);
        Mat D = Pairwise.distances(c, spec, null, new LocalEngine(2), ProgressListener.NONE).distances();
        int k = 5;
        Pairwise.Result pruned = Pairwise.nearest(c, spec, k, null, new LocalEngine(2), ProgressListener.NONE);
        int[][] full = Pairwise.nearestOf(D, k);
        for (int i = 0; i < 60; i++) {
            assertArrayEquals(full[i], pruned.neighbours()[i], "graph " + i);
            for (int t = 0; t < k; t++) {
                assertEquals(D.get(i, full[i][t]), pruned.neighbourDistances()[i][t], 0, "graph " + i);
            }
        }
        assertEquals(60 * 59, pruned.candidates());
        assertTrue(pruned.skipped() > 60 * 59 / 4, "skipped " + pruned.skipped() + " of " + pruned.candidates());
        assertEquals(pruned.solves(), pruned.solvesInBlocks());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pairwise.nearest(c, spec, 60, null, new LocalEngine(1), ProgressListener.NONE));
        assertTrue(e.getMessage().startsWith("knn must be in [1, 59]"), e.getMessage());
    }

    /** An engine that counts the tasks it runs. */
    private static final class Counting implements Engine {
        final AtomicInteger tasks = new AtomicInteger();
        final LocalEngine inner = new LocalEngine(2);

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public int parallelism() {
            return 2;
        }

        @Override
        public <S extends Serializable, I extends Serializable, R extends Serializable> void run(S shared, List<I> inputs, Task<S, I, R> task,
                Sink<I, R> sink) {
            tasks.addAndGet(inputs.size());
            inner.run(shared, inputs, task, sink);
        }

        @Override
        public void close() {
        }
    }

    /** A rerun reads the blocks on disk and computes only the missing one; other settings are refused, not mixed. */
    @Test
    void blocksResumeAndOtherSettingsAreRefused(@TempDir Path dir) throws Exception {
        Pairwise.Collection c = aids(30);
        PairwiseSpec spec = PairwiseSpec.exact(0.5).withBlock(7);
        String line = Pairwise.describe("dataset=AIDS", 30, spec);
        Mat first = Pairwise.distances(c, spec, BlockStore.open(dir, line), new LocalEngine(2), ProgressListener.NONE).distances();
        Files.delete(dir.resolve("rows-14-21-of-30.csv"));
        Counting counting = new Counting();
        Pairwise.Result again = Pairwise.distances(c, spec, BlockStore.open(dir, line), counting, ProgressListener.NONE);
        assertEquals(1, counting.tasks.get(), "only the deleted block runs again");
        assertEquals(4, again.blocksCached());
        assertArrayEquals(first.data, again.distances().data, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlockStore.open(dir, Pairwise.describe("dataset=AIDS", 30, spec.withMethod("entropic"))));
        assertTrue(e.getMessage().contains("holds blocks of other settings"), e.getMessage());
    }

    /** A pair whose solve fails stops the run with a message naming the pair; the blocks already written stay. */
    @Test
    void aFailedPairIsNamedAndNeverANumber(@TempDir Path dir) {
        Pairwise.Collection good = aids(12);
        List<PairwiseGraph> graphs = new ArrayList<>(good.graphs());
        PairwiseGraph g = graphs.get(9);
        double[] C = g.C().clone();
        C[1] = Double.NaN;
        graphs.set(9, new PairwiseGraph(g.n(), C, g.p(), g.d(), g.F()));
        PairwiseSpec spec = PairwiseSpec.exact(0.5).withBlock(4);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Pairwise.distances(Pairwise.Collection.of(graphs), spec,
                BlockStore.open(dir, "bad"), new LocalEngine(1), ProgressListener.NONE));
        assertTrue(e.getMessage().matches("graphs \\d+ and 9: .*") || e.getMessage().matches("graphs 9 and \\d+: .*"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("rows-8-12-of-12.csv")), "the failed block is not written");
    }
}

package org.gwbench.gw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.gwbench.data.Csv;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Semi-relaxed (fused) GW by conditional gradient against POT 0.9.7 (resources/pot/make_fixtures.py), and srGW partitioning. */
class SemiRelaxedCgPotTest {
    @ParameterizedTest
    @ValueSource(strings = {"srgw_cg_square_loss", "srfgw_cg_alpha3", "srgw_cg_asymmetric"})
    void isPots(String name) throws IOException {
        Path d = Path.of("src/test/resources/pot", name);
        Mat C2 = Csv.readMatrix("C2", d.resolve("C2.csv"));
        GwProblem pb = new GwProblem(Csv.readMatrix("C1", d.resolve("C1.csv")), C2, Csv.readVector("p", d.resolve("p.csv")),
                Check.uniform(C2.rows), GwLoss.SQUARE);
        String meta = Files.readString(d.resolve("meta.json"));
        BapgAndEntropicFusedPotTest.Case c = new BapgAndEntropicFusedPotTest.Case(pb, Csv.readMatrix("T", d.resolve("T.csv")), meta);
        if (Files.exists(d.resolve("M.csv"))) {
            pb = pb.withFused(Csv.readMatrix("M", d.resolve("M.csv")), c.number("alpha"));
        }
        GwResult r = new SemiRelaxedGw(SemiRelaxedGwOptions.defaults()).solve(pb);
        assertEquals(Status.CONVERGED, r.status());
        double worst = BapgAndEntropicFusedPotTest.largestDifference(r.plan(), c.expected());
        assertTrue(worst < 1e-9, name + ": largest plan difference from POT " + worst);
        assertEquals(c.number("value"), r.value(), 1e-10, name + ": POT's srgw_dist");
        assertTrue(r.marginalError() < 1e-12, "rows " + r.marginalError());
    }

    /** Relaxing the columns never costs more: srGW from the exact GW plan ends at or below its value. */
    @Test
    void semiRelaxedIsBelowGwFromTheGwPlan() throws IOException {
        GwProblem pb = BapgAndEntropicFusedPotTest.read("bapg_square_loss").problem();
        GwResult gw = new ExactGw(ExactGwOptions.defaults()).solve(pb);
        GwResult sr = new SemiRelaxedGw(SemiRelaxedGwOptions.defaults()).solve(pb, gw.plan());
        assertTrue(sr.value() <= gw.value() + 1e-12, "srGW " + sr.value() + " against GW " + gw.value());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SemiRelaxedGw(SemiRelaxedGwOptions.defaults()).solve(pb, Mat.outer(Check.uniform(pb.n()), Check.uniform(pb.m() + 1))));
        assertTrue(e.getMessage().contains("T0 is"), e.getMessage());
    }

    /**
     * The paper's partitioning: a graph of three dense blocks (stochastic block model, 12 nodes each, edge
     * probability 0.7 inside and 0.03 across, seeded) onto the 3×3 identity recovers the blocks.
     */
    @Test
    void partitionsAStochasticBlockModel() {
        int k = 3;
        int size = 12;
        int n = k * size;
        SplittableRandom rnd = new SplittableRandom(5);
        Mat A = Mat.zeros(n, n);
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = i / size;
            for (int j = i + 1; j < n; j++) {
                double prob = i / size == j / size ? 0.7 : 0.03;
                if (rnd.nextDouble() < prob) {
                    A.set(i, j, 1);
                    A.set(j, i, 1);
                }
            }
        }
        for (long seed = 1; seed < 5; seed++) {
            SemiRelaxedGw.Partition other = new SemiRelaxedGw(SemiRelaxedGwOptions.defaults()).partition(A, Check.uniform(n), k, seed);
            assertEquals(1.0, org.gwbench.gwf.Clustering.accuracy(truth, other.parts()), 1e-12, "start seed " + seed);
        }
        SemiRelaxedGw.Partition part = new SemiRelaxedGw(SemiRelaxedGwOptions.defaults()).partition(A, Check.uniform(n), k, 0);
        double acc = org.gwbench.gwf.Clustering.accuracy(truth, part.parts());
        assertEquals(1.0, acc, 1e-12, "blocks recovered: " + java.util.Arrays.toString(part.parts()));
        // the learned weights of the three parts are those of the blocks
        double[] w = EntropicSemiRelaxedGw.targetWeights(part.result());
        for (double x : w) {
            assertEquals(1.0 / 3, x, 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> new SemiRelaxedGw(SemiRelaxedGwOptions.defaults()).partition(A, Check.uniform(n), 0, 0));
    }
}

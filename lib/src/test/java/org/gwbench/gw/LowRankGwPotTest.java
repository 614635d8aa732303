package org.gwbench.gw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gwbench.data.Csv;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Status;
import org.junit.jupiter.api.Test;

/** Low-rank GW against POT 0.9.7's lowrank_gromov_wasserstein_samples (resources/pot/lowrank_gw_rank10), from POT's start. */
class LowRankGwPotTest {
    private static final Path D = Path.of("src/test/resources/pot/lowrank_gw_rank10");

    @Test
    void isPotsFromPotsStart() throws IOException {
        Mat X = Csv.readMatrix("X", D.resolve("X.csv"));
        Mat Y = Csv.readMatrix("Y", D.resolve("Y.csv"));
        Mat[] A = LowRankGw.factors(X, true);
        Mat[] B = LowRankGw.factors(Y, true);
        LowRankGw.Result r = new LowRankGw(LowRankGwOptions.defaults(10)).solve(A[0], A[1], B[0], B[1], Check.uniform(200),
                Check.uniform(150), Csv.readMatrix("Q0", D.resolve("Q0.csv")), Csv.readMatrix("R0", D.resolve("R0.csv")),
                Csv.readVector("g0", D.resolve("g0.csv")));
        String meta = Files.readString(D.resolve("meta.json"));
        double value = Double.parseDouble(meta.replaceAll("(?s).*\"value\": ([-0-9.eE+]+).*", "$1"));
        double dq = BapgAndEntropicFusedPotTest.largestDifference(r.Q(), Csv.readMatrix("Q", D.resolve("Q.csv")));
        double dr = BapgAndEntropicFusedPotTest.largestDifference(r.R(), Csv.readMatrix("R", D.resolve("R.csv")));
        double[] gPot = Csv.readVector("g", D.resolve("g.csv"));
        double dg = 0;
        for (int k = 0; k < gPot.length; k++) {
            dg = Math.max(dg, Math.abs(gPot[k] - r.g()[k]));
        }
        assertTrue(dq < 1e-9 && dr < 1e-9 && dg < 1e-9, "factors off POT's by " + dq + " (Q), " + dr + " (R), " + dg + " (g); iterations " + r.iterations());
        // POT's value assumes the marginals a, b (Dykstra leaves the plan's within 1e-3 of them) and the previous
        // step's 1/g: 7e-4 relative from the objective of the plan itself
        assertEquals(value, r.value(), 1e-3 * Math.abs(value), "POT's value");
        // the factored value is the GW objective of the n×m plan it stands for, with that plan's marginals
        Mat T = r.plan();
        Mat C1 = Blas.active().multiply(A[0], false, A[1], true);
        Mat C2 = Blas.active().multiply(B[0], false, B[1], true);
        double[] rows = T.rowSums();
        double[] cols = T.colSums();
        double dense = 0;
        for (int i = 0; i < 200; i++) {
            for (int k = 0; k < 200; k++) {
                dense += C1.get(i, k) * C1.get(i, k) * rows[i] * rows[k];
            }
        }
        for (int j = 0; j < 150; j++) {
            for (int l = 0; l < 150; l++) {
                dense += C2.get(j, l) * C2.get(j, l) * cols[j] * cols[l];
            }
        }
        Mat C1T = Blas.active().multiply(C1, T);
        dense -= 2 * Blas.active().multiply(C1T, C2).dot(T);
        assertEquals(dense, r.value(), 1e-12);
        assertTrue(GwResult.marginalError(T, Check.uniform(200), Check.uniform(150)) < 2e-3, "Dykstra's tolerance 1e-3 per side");
    }

    /**
     * 20 000 points on each side, rank 10: the factors alone are kept (no 20 000² matrix would fit the test's
     * heap), the marginals hold to Dykstra's tolerance and the value is finite and positive.
     */
    @Test
    void largeCloudsStayFactored() {
        Mat X = org.gwbench.data.PointClouds.spiral2d(20000, 0.05, 1);
        Mat Y = org.gwbench.data.PointClouds.helix3d(20000, 0.05, 2);
        LowRankGw.Result r = new LowRankGw(LowRankGwOptions.defaults(10).withMaxIter(30)).solve(X, Y, Check.uniform(20000), Check.uniform(20000));
        assertEquals(20000, r.Q().rows);
        assertEquals(10, r.Q().cols);
        assertTrue(r.value() > 0 && Double.isFinite(r.value()), "value " + r.value());
        double[] rows = r.Q().rowSums();
        double err = 0;
        for (double x : rows) {
            err += Math.abs(x - 1.0 / 20000);
        }
        assertTrue(err < 1e-3, "Q1 is off a by " + err);
        assertThrows(IllegalArgumentException.class, () -> new LowRankGw(new LowRankGwOptions(10, 0, 0.5, true, 1e-4, 10, 1e-3, 10, 0))
                .solve(X, Y, Check.uniform(20000), Check.uniform(20000)));
        Mat[] A = LowRankGw.factors(X, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LowRankGw(LowRankGwOptions.defaults(10))
                .solve(A[0], A[1], A[0], A[1], Check.uniform(20000), Check.uniform(20000), Mat.zeros(20000, 10), Mat.zeros(20000, 9),
                        Check.uniform(10)));
        assertTrue(e.getMessage().startsWith("the start must be"), e.getMessage());
    }
}

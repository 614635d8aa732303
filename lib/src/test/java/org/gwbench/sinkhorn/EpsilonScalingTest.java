package org.gwbench.sinkhorn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gwbench.data.Csv;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Status;
import org.junit.jupiter.api.Test;

/** ε-scaling reaches POT's entropic plan at a small reg (resources/pot/sinkhorn_log_reg1e-3) in fewer iterations than a cold start. */
class EpsilonScalingTest {
    private static final Path D = Path.of("src/test/resources/pot/sinkhorn_log_reg1e-3");

    @Test
    void reachesPotsPlanInFewerIterations() throws IOException {
        double[] a = Csv.readVector("a", D.resolve("a.csv"));
        double[] b = Csv.readVector("b", D.resolve("b.csv"));
        Mat M = Csv.readMatrix("M", D.resolve("M.csv"));
        Mat P = Csv.readMatrix("P", D.resolve("P.csv"));
        SinkhornOptions tight = new SinkhornOptions(100000, 1e-12);
        SinkhornResult scaled = new EpsilonScaling(tight, Double.NaN, 0.5, 1e-4).solve(a, b, M, 1e-3);
        SinkhornResult cold = new SinkhornLog(tight).solve(a, b, M, 1e-3);
        assertEquals(Status.CONVERGED, scaled.status());
        assertEquals(Status.CONVERGED, cold.status());
        double worst = 0;
        for (int k = 0; k < P.data.length; k++) {
            worst = Math.max(worst, Math.abs(scaled.plan().data[k] - P.data[k]));
        }
        assertTrue(worst < 1e-10, "largest difference from POT's plan " + worst);
        String meta = Files.readString(D.resolve("meta.json"));
        double value = Double.parseDouble(meta.replaceAll("(?s).*\"value\": ([-0-9.eE+]+).*", "$1"));
        assertEquals(value, scaled.cost(), 1e-10);
        // the last stage's own linear rate remains (it is set by reg): the saving grows as reg shrinks
        // (measured here: 1420 against 1609 at 1e-3, 6154 against 10372 at 1e-4)
        assertTrue(scaled.iterations() < cold.iterations(),
                "ε-scaling took " + scaled.iterations() + " iterations, a cold start " + cold.iterations());
        int scaledSmall = new EpsilonScaling(tight, Double.NaN, 0.5, 1e-4).solve(a, b, M, 1e-4).iterations();
        int coldSmall = new SinkhornLog(tight).solve(a, b, M, 1e-4).iterations();
        assertTrue(scaledSmall * 3 < coldSmall * 2, "at reg 1e-4: ε-scaling " + scaledSmall + ", cold " + coldSmall);
    }

    @Test
    void theScheduleHalvesFromTheCostsRangeToReg() {
        Mat M = Mat.of(new double[][] {{0, 1}, {1, 0}});
        double[] regs = EpsilonScaling.defaults().schedule(M, 0.1);
        assertArrayEquals(new double[] {1, 0.5, 0.25, 0.125, 0.1}, regs, 1e-15);
        assertArrayEquals(new double[] {2}, EpsilonScaling.defaults().schedule(M, 2), 0, "reg above the range: one stage");
        assertThrows(IllegalArgumentException.class, () -> new EpsilonScaling(SinkhornOptions.defaults(), Double.NaN, 1.0, 1e-4));
        assertThrows(IllegalArgumentException.class, () -> new EpsilonScaling(SinkhornOptions.defaults(), -1, 0.5, 1e-4));
    }
}

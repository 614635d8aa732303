package org.gwbench.gw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.gwbench.data.Csv;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.junit.jupiter.api.Test;

/**
 * Sampled GW against POT 0.9.7 in distribution: the exact GW values of the final plans over 20 seeds each
 * (POT's from resources/pot/sampled_gw_20_seeds, made by make_fixtures.py; ours from seeds 0..19).
 */
class SampledGwPotTest {
    private static final Path D = Path.of("src/test/resources/pot/sampled_gw_20_seeds");

    @Test
    void agreesWithPotInDistributionOverSeeds() throws IOException {
        Mat C1 = Csv.readMatrix("C1", D.resolve("C1.csv"));
        Mat C2 = Csv.readMatrix("C2", D.resolve("C2.csv"));
        double[] pot = Csv.readVector("values", D.resolve("values.csv"));
        GwProblem pb = GwProblem.of(C1, C2);
        double[] ours = new double[20];
        for (int s = 0; s < ours.length; s++) {
            GwResult r = new SampledGw(SampledGwOptions.defaults(s)).solve(pb);
            assertTrue(r.marginalError() < 1e-6, "seed " + s + ": a coupling, off by " + r.marginalError());
            ours[s] = r.value();
        }
        double mo = mean(ours);
        double mp = mean(pot);
        double se = Math.sqrt(var(ours) / ours.length + var(pot) / pot.length);
        assertTrue(Math.abs(mo - mp) < 3 * se, String.format("mean GW value %.5f (ours) vs %.5f (POT), standard error %.5f", mo, mp, se));
        // and the spread is of the same order (a run that ignored its samples would have none)
        double ratio = Math.sqrt(var(ours) / var(pot));
        assertTrue(ratio > 0.3 && ratio < 3, "standard deviation ratio " + ratio);
    }

    @Test
    void theSameSeedGivesTheSamePlanAndDrawsWithoutReplacement() {
        GwProblem pb = GwProblem.of(org.gwbench.data.PointClouds.distances(org.gwbench.data.PointClouds.spiral2d(12, 0.05, 1)),
                org.gwbench.data.PointClouds.distances(org.gwbench.data.PointClouds.spiral2d(10, 0.05, 2)));
        SampledGwOptions o = new SampledGwOptions(30, 1.0, 40, 7);
        assertArrayEquals(new SampledGw(o).solve(pb).plan().data, new SampledGw(o).solve(pb).plan().data);
        int[] picked = SampledGw.choose(Check.uniform(10), 10, new SplittableRandom(3));
        assertEquals(45, java.util.Arrays.stream(picked).sum(), "every index once: " + java.util.Arrays.toString(picked));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SampledGw(new SampledGwOptions(1000, 1, 5, 0)).solve(pb));
        assertTrue(e.getMessage().contains("samples = 1000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SampledGwOptions(100, -1, 5, 0));
    }

    private static double mean(double[] x) {
        return java.util.Arrays.stream(x).average().orElseThrow();
    }

    private static double var(double[] x) {
        double m = mean(x);
        return java.util.Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1);
    }
}

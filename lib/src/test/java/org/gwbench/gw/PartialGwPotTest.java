package org.gwbench.gw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.gwbench.data.PointClouds;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Progress;
import org.gwbench.problem.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Partial (fused) GW against POT 0.9.7's partial_gromov_wasserstein (resources/pot/make_fixtures.py), and its constraints. */
class PartialGwPotTest {
    @ParameterizedTest
    @ValueSource(strings = {"pgw_m60", "pgw_m85", "pfgw_m70_alpha3"})
    void isPots(String name) throws IOException {
        BapgAndEntropicFusedPotTest.Case c = BapgAndEntropicFusedPotTest.read(name);
        double mass = c.number("mass");
        GwResult r = new PartialGw(PartialGwOptions.defaults(mass)).solve(c.problem());
        assertEquals(Status.CONVERGED, r.status());
        double worst = BapgAndEntropicFusedPotTest.largestDifference(r.plan(), c.expected());
        assertTrue(worst < 1e-9, name + ": largest plan difference from POT " + worst);
        assertEquals(c.number("value"), r.value(), 1e-10, name + ": POT's partial distance");
        assertTrue(r.marginalError() < 1e-12, name + ": constraints violated by " + r.marginalError());
        assertEquals(mass, java.util.Arrays.stream(r.plan().rowSums()).sum(), 1e-12);
    }

    /** With m = 1 nothing is left out: partial GW is GW, and takes the exact solver's path from p qᵀ. */
    @Test
    void theWholeMassIsGw() throws IOException {
        GwProblem pb = BapgAndEntropicFusedPotTest.read("pgw_m60").problem();
        GwResult partial = new PartialGw(PartialGwOptions.defaults(1.0).withTol(1e-9, 1e-9)).solve(pb);
        GwResult exact = new ExactGw(ExactGwOptions.defaults()).solve(pb);
        assertEquals(exact.value(), partial.value(), 1e-12);
        assertTrue(BapgAndEntropicFusedPotTest.largestDifference(exact.plan(), partial.plan()) < 1e-12);
        assertTrue(GwResult.marginalError(partial.plan(), pb.p(), pb.q()) < 1e-12);
    }

    /**
     * Invariants: the plan keeps within p and q and carries m, and a point cloud against a permuted copy
     * of itself costs nothing at every mass (the solver finds the matching).
     */
    @Test
    void aPermutedCopyCostsNothingAtEveryMass() {
        Mat C = PointClouds.distances(PointClouds.spiral2d(15, 0.05, 3));
        int[] perm = {3, 7, 1, 0, 14, 9, 2, 11, 5, 6, 13, 4, 8, 12, 10};
        Mat Cp = Mat.zeros(15, 15);
        for (int i = 0; i < 15; i++) {
            for (int j = 0; j < 15; j++) {
                Cp.set(i, j, C.get(perm[i], perm[j]));
            }
        }
        GwProblem pb = GwProblem.of(C, Cp);
        for (double mass : new double[] {1.0, 0.8, 0.5, 0.2}) {
            // an absolute tolerance: near 0 the relative change of the value never settles
            GwResult r = new PartialGw(PartialGwOptions.defaults(mass).withTol(1e-8, 1e-15)).solve(pb);
            assertEquals(Status.CONVERGED, r.status(), "mass " + mass);
            assertTrue(PartialGw.violation(r.plan(), pb.p(), pb.q(), mass) < 1e-12);
            double[] rows = r.plan().rowSums();
            for (int i = 0; i < 15; i++) {
                assertTrue(rows[i] <= pb.p()[i] + 1e-15, "row " + i + " carries " + rows[i]);
            }
            assertEquals(0, r.value(), 1e-12, "mass " + mass);
            GwResult other = new PartialGw(PartialGwOptions.defaults(mass)).solve(GwProblem.of(C, PointClouds.distances(PointClouds.spiral2d(15, 0.05, 4))));
            assertTrue(other.value() > 1e-6, "a different cloud costs something at mass " + mass + ": " + other.value());
        }
    }

    @Test
    void badInputAndAListener() {
        assertThrows(IllegalArgumentException.class, () -> PartialGwOptions.defaults(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PartialGwOptions.defaults(1.5));
        assertTrue(e.getMessage().startsWith("mass must be in (0, 1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PartialGwOptions.defaults(Double.NaN));
        List<Progress> seen = new ArrayList<>();
        GwProblem pb = GwProblem.of(PointClouds.distances(PointClouds.spiral2d(6, 0.05, 1)),
                PointClouds.distances(PointClouds.spiral2d(5, 0.05, 2)));
        GwResult r = new PartialGw(PartialGwOptions.defaults(0.5), null, seen::add).solve(pb);
        assertEquals(r.iterations(), seen.size());
        assertEquals(Check.uniform(6).length, r.plan().rows);
    }
}

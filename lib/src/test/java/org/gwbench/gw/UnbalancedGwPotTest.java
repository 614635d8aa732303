package org.gwbench.gw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.gwbench.data.Csv;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** (Fused) unbalanced GW against POT 0.9.7's fused_unbalanced_gromov_wasserstein (resources/pot/make_fixtures.py). */
class UnbalancedGwPotTest {
    @ParameterizedTest
    @ValueSource(strings = {"ugw_rho1_eps05", "ugw_pair_eps1", "fugw_rho1_eps05_alpha5"})
    void isPots(String name) throws IOException {
        BapgAndEntropicFusedPotTest.Case c = BapgAndEntropicFusedPotTest.read(name);
        GwProblem pb = c.problem();
        double potAlpha = c.number("alpha");
        if (potAlpha > 0) {
            // POT's FUGW weighs the linear term by alpha; FGW's alpha with (1 − α)/α = that weight
            pb = new GwProblem(pb.C1(), pb.C2(), pb.p(), pb.q(), GwLoss.SQUARE)
                    .withFused(Csv.readMatrix("M", Path.of("src/test/resources/pot", name, "M.csv")), 1 / (1 + potAlpha));
        }
        UnbalancedGwOptions o = UnbalancedGwOptions.defaults(c.number("rho1"), c.number("epsilon")).withRho(c.number("rho1"), c.number("rho2"));
        UnbalancedGw.Plans r = new UnbalancedGw(o).solveBoth(pb);
        Mat Q = Csv.readMatrix("Q", Path.of("src/test/resources/pot", name, "Q.csv"));
        double worstP = BapgAndEntropicFusedPotTest.largestDifference(r.result().plan(), c.expected());
        double worstQ = BapgAndEntropicFusedPotTest.largestDifference(r.Q(), Q);
        assertTrue(worstP < 1e-9 && worstQ < 1e-9, name + ": largest differences from POT " + worstP + " (P), " + worstQ + " (Q)");
        assertEquals(c.number("value"), r.result().value(), 1e-9, name + ": POT's fugw_cost");
        assertEquals(Status.CONVERGED, r.result().status());
    }

    /** The penalties trade mass for fit: stronger marginal penalties move P's marginals towards p and q. */
    @Test
    void largerPenaltiesHoldTheMarginalsCloser() throws IOException {
        GwProblem pb = BapgAndEntropicFusedPotTest.read("ugw_rho1_eps05").problem();
        double loose = new UnbalancedGw(UnbalancedGwOptions.defaults(0.1, 0.05)).solve(pb).marginalError();
        double tight = new UnbalancedGw(UnbalancedGwOptions.defaults(10, 0.05)).solve(pb).marginalError();
        assertTrue(tight < loose / 5, "marginal error " + tight + " at rho 10 against " + loose + " at rho 0.1");
        assertThrows(IllegalArgumentException.class, () -> UnbalancedGwOptions.defaults(0, 0.05));
        assertThrows(IllegalArgumentException.class, () -> UnbalancedGwOptions.defaults(1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UnbalancedGw(UnbalancedGwOptions.defaults(1, 0.05)).solve(new GwProblem(pb.C1(), pb.C2(), pb.p(), pb.q(), GwLoss.KL)));
        assertTrue(e.getMessage().contains("square loss"), e.getMessage());
    }
}

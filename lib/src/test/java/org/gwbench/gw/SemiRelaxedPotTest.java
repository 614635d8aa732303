package org.gwbench.gw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gwbench.data.Csv;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Entropic semi-relaxed (fused) GW against POT 0.9.7 after the same 30 iterations (resources/pot/make_fixtures.py). */
class SemiRelaxedPotTest {
    @ParameterizedTest
    @ValueSource(strings = {"esrgw_square_loss", "esrfgw_alpha3", "esrgw_asymmetric"})
    void takesPotsIterations(String name) throws IOException {
        Path d = Path.of("src/test/resources/pot", name);
        String meta = Files.readString(d.resolve("meta.json"));
        Mat C2 = Csv.readMatrix("C2", d.resolve("C2.csv"));
        // POT starts from p ⊗ uniform: the problem's q is only the start
        GwProblem pb = new GwProblem(Csv.readMatrix("C1", d.resolve("C1.csv")), C2, Csv.readVector("p", d.resolve("p.csv")),
                Check.uniform(C2.rows), GwLoss.SQUARE);
        if (Files.exists(d.resolve("M.csv"))) {
            pb = pb.withFused(Csv.readMatrix("M", d.resolve("M.csv")), BapgAndEntropicFusedPotTest.read("bapg_fused_alpha3").number("alpha"));
        }
        BapgAndEntropicFusedPotTest.Case c = new BapgAndEntropicFusedPotTest.Case(pb, Csv.readMatrix("T", d.resolve("T.csv")), meta);
        GwResult r = new EntropicSemiRelaxedGw(c.number("epsilon"), (int) c.number("iterations"), 0, null).solve(pb);
        double worst = BapgAndEntropicFusedPotTest.largestDifference(r.plan(), c.expected());
        assertTrue(worst < 1e-12, name + ": largest plan difference from POT " + worst);
        assertEquals(c.number("value"), r.value(), 1e-12, name + ": POT's srgw_dist");
        // the rows are imposed, the columns are free: on the symmetric instances they move away from the uniform start
        assertTrue(r.marginalError() < 1e-12, "rows " + r.marginalError());
        double[] q = EntropicSemiRelaxedGw.targetWeights(r);
        double spread = 0;
        for (double x : q) {
            spread = Math.max(spread, Math.abs(x - 1.0 / q.length));
        }
        assertTrue(name.contains("asymmetric") || spread > 1e-3, name + ": the learned target weights stay uniform");
    }

    /** srGW is at most GW here: relaxing a constraint lowers the minimum (same ε, same structures). */
    @Test
    void semiRelaxedIsBelowGw() throws IOException {
        BapgAndEntropicFusedPotTest.Case c = BapgAndEntropicFusedPotTest.read("bapg_square_loss");
        GwProblem pb = new GwProblem(c.problem().C1(), c.problem().C2(), c.problem().p(), Check.uniform(c.problem().m()), GwLoss.SQUARE);
        GwResult sr = new EntropicSemiRelaxedGw(0.01, 20000, 1e-12, null).solve(pb);
        GwResult gw = new EntropicGw(EntropicGwOptions.defaults(0.01).withMaxIter(20000)).solve(pb);
        assertEquals(Status.CONVERGED, sr.status());
        assertTrue(sr.value() <= gw.value() + 1e-9, "srGW " + sr.value() + " against GW " + gw.value());
        assertThrows(IllegalArgumentException.class, () -> new EntropicSemiRelaxedGw(0));
    }
}

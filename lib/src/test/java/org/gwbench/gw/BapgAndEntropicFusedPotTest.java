package org.gwbench.gw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gwbench.data.Csv;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Status;
import org.gwbench.sinkhorn.Sinkhorn;
import org.gwbench.sinkhorn.SinkhornOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Entropic fused GW and BAPG against POT 0.9.7 (resources/pot/make_fixtures.py): the entropic solver to
 * convergence, BAPG after the same 50 iterations (POT's tol = 0), plain, fused, with POT's marginal_loss and
 * on asymmetric structures.
 */
class BapgAndEntropicFusedPotTest {
    private static final Path POT = Path.of("src/test/resources/pot");

    record Case(GwProblem problem, Mat expected, String meta) {
        double number(String key) {
            Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE+]+)").matcher(meta);
            assertTrue(m.find(), key + " in meta.json");
            return Double.parseDouble(m.group(1));
        }

        boolean flag(String key) {
            return meta.contains("\"" + key + "\": true");
        }
    }

    static Case read(String name) throws IOException {
        Path d = POT.resolve(name);
        GwProblem pb = new GwProblem(Csv.readMatrix("C1", d.resolve("C1.csv")), Csv.readMatrix("C2", d.resolve("C2.csv")),
                Csv.readVector("p", d.resolve("p.csv")), Csv.readVector("q", d.resolve("q.csv")), GwLoss.SQUARE);
        String meta = Files.readString(d.resolve("meta.json"));
        Case c = new Case(pb, Csv.readMatrix("T", d.resolve("T.csv")), meta);
        if (Files.exists(d.resolve("M.csv"))) {
            pb = pb.withFused(Csv.readMatrix("M", d.resolve("M.csv")), c.number("alpha"));
        }
        return new Case(pb, c.expected(), meta);
    }

    static double largestDifference(Mat A, Mat B) {
        double worst = 0;
        for (int k = 0; k < A.data.length; k++) {
            worst = Math.max(worst, Math.abs(A.data[k] - B.data[k]));
        }
        return worst;
    }

    @Test
    void entropicFusedGwIsPots() throws IOException {
        Case c = read("efgw_alpha3");
        EntropicGwOptions o = EntropicGwOptions.defaults(c.number("epsilon")).withMaxIter(10000).withTol(1e-13)
                .withInner(new Sinkhorn(new SinkhornOptions(100000, 1e-15)));
        GwResult r = new EntropicGw(o).solve(c.problem());
        assertTrue(r.converged(), r.status().toString());
        double worst = largestDifference(r.plan(), c.expected());
        assertTrue(worst < 1e-9, "largest plan difference from POT " + worst);
        assertEquals(c.number("value"), r.value(), 1e-9, "POT's fgw_dist");
        // the feature term is not dropped: the plain problem's plan is elsewhere
        GwResult plain = new EntropicGw(o).solve(c.problem().withoutFused());
        assertTrue(largestDifference(plain.plan(), c.expected()) > 1e-3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bapg_square_loss", "bapg_marginal_loss", "bapg_fused_alpha3", "bapg_asymmetric"})
    void bapgTakesPotsIterations(String name) throws IOException {
        Case c = read(name);
        BapgGwOptions o = new BapgGwOptions(c.number("epsilon"), (int) c.number("iterations"), 0, c.flag("marginal_loss"));
        GwResult r = new BapgGw(o).solve(c.problem());
        // an exact fixed point (a change of 0 with the marginals holding) ends the run early; POT's later iterations repeat it
        assertTrue(r.iterations() <= (int) c.number("iterations"));
        double worst = largestDifference(r.plan(), c.expected());
        assertTrue(worst < 1e-12, name + ": largest plan difference from POT " + worst);
        assertEquals(c.number("value"), r.value(), 1e-12, name + ": POT's value");
    }

    @Test
    void bapgSaysWhetherItsFixedPointIsACoupling() throws IOException {
        Case c = read("bapg_square_loss");
        // the fixture's instance: the fixed point is reached (the change vanishes) off the marginals, as POT's
        GwResult r = new BapgGw(BapgGwOptions.defaults(0.1).withMaxIter(100000).withTol(1e-13)).solve(c.problem());
        assertEquals(Status.INFEASIBLE, r.status());
        assertTrue(r.marginalError() > 0.5, "marginals " + r.marginalError());
        // stopped early, it says so
        GwResult early = new BapgGw(BapgGwOptions.defaults(0.1).withMaxIter(3)).solve(c.problem());
        assertEquals(Status.MAX_ITER, early.status());
    }

    @Test
    void aPermutedCopyIsAtZeroAndBadInputNamesTheParameter() {
        int n = 6;
        Mat C = Mat.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                C.set(i, j, Math.abs(Math.sin(i + 1.0) - Math.sin(j + 1.0)));
            }
        }
        int[] perm = {3, 0, 5, 1, 4, 2};
        Mat P = Mat.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                P.set(i, j, C.get(perm[i], perm[j]));
            }
        }
        // ε is BAPG's inverse step size: at 0.05 it stalls off the marginals, at 1 it finds the permutation
        GwResult r = new BapgGw(BapgGwOptions.defaults(1.0).withMaxIter(100000).withTol(1e-13)).solve(GwProblem.of(C, P));
        assertTrue(Math.abs(r.value()) < 1e-9, "a permuted copy is at GW 0, got " + r.value());
        // there BAPG's fixed point is the permutation, a coupling, and the result says converged
        assertEquals(Status.CONVERGED, r.status(), "marginals " + r.marginalError());
        assertTrue(r.marginalError() <= BapgGw.MARGINAL_TOL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BapgGwOptions(0, 10, 0, false));
        assertTrue(e.getMessage().startsWith("epsilon"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BapgGwOptions(0.1, 10, -1, false));
    }
}

package org.gwbench.sinkhorn;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Unbalanced Sinkhorn against POT 0.9.7's sinkhorn_unbalanced (reg_type "kl"; resources/pot/make_fixtures.py). */
class UnbalancedSinkhornTest {
    static double number(String meta, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE+]+)").matcher(meta);
        assertTrue(m.find(), key);
        return Double.parseDouble(m.group(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"uot_kl", "uot_kl_pair"})
    void samePlanAsPot(String name) throws IOException {
        Path d = Path.of("src/test/resources/pot", name);
        String meta = Files.readString(d.resolve("meta.json"));
        double[] a = Csv.readVector("a", d.resolve("a.csv"));
        double[] b = Csv.readVector("b", d.resolve("b.csv"));
        Mat M = Csv.readMatrix("M", d.resolve("M.csv"));
        Mat expected = Csv.readMatrix("P", d.resolve("P.csv"));
        UnbalancedSinkhorn.Result r = new UnbalancedSinkhorn(new SinkhornOptions(100000, 1e-15))
                .solve(a, b, M, number(meta, "reg"), number(meta, "reg_m1"), number(meta, "reg_m2"));
        double worst = 0;
        for (int k = 0; k < expected.data.length; k++) {
            worst = Math.max(worst, Math.abs(r.plan().data[k] - expected.data[k]));
        }
        assertTrue(worst < 1e-12, name + ": largest plan difference from POT " + worst);
        assertEquals(number(meta, "value"), r.cost(), 1e-12, "POT's sinkhorn_unbalanced2");
        // the log-domain iteration (the fallback where the kernel underflows) lands on the same plan
        double r1 = number(meta, "reg_m1");
        double r2 = number(meta, "reg_m2");
        double reg = number(meta, "reg");
        UnbalancedSinkhorn.Result log = new UnbalancedSinkhorn(new SinkhornOptions(100000, 1e-15))
                .logDomain(a, b, M, reg, r1, r2, r1 / (r1 + reg), r2 / (r2 + reg), null, null);
        double apart = 0;
        for (int k = 0; k < expected.data.length; k++) {
            apart = Math.max(apart, Math.abs(log.plan().data[k] - expected.data[k]));
        }
        assertTrue(apart < 1e-12, name + ": log domain against POT " + apart);
    }

    /** The objective is minimal at the plan: moving mass between two entries, or scaling it, raises it. */
    @Test
    void thePlanMinimisesTheObjective() {
        double[] a = {0.3, 0.5, 0.4};
        double[] b = {0.2, 0.6};
        Mat M = Mat.of(new double[][] {{0.1, 0.9}, {0.5, 0.2}, {0.8, 0.3}});
        UnbalancedSinkhorn.Result r = new UnbalancedSinkhorn(new SinkhornOptions(100000, 1e-15)).solve(a, b, M, 0.1, 0.7);
        assertEquals(Status.CONVERGED, r.status());
        double best = r.objective();
        for (double t : new double[] {-1e-4, 1e-4}) {
            Mat Q = r.plan().copy();
            Q.data[0] += t;
            Q.data[3] -= t;
            assertTrue(UnbalancedSinkhorn.objective(Q, a, b, M, 0.1, 0.7, 0.7) > best);
            Mat S = r.plan().copy();
            for (int k = 0; k < S.data.length; k++) {
                S.data[k] *= 1 + t;
            }
            assertTrue(UnbalancedSinkhorn.objective(S, a, b, M, 0.1, 0.7, 0.7) > best);
        }
        // the masses differ (1.2 against 0.8): the plan moves something in between
        assertTrue(r.mass() > 0.8 && r.mass() < 1.2, "mass " + r.mass());
    }

    @Test
    void aTinyRegDoesNotUnderflowAndBadInputNamesTheParameter() {
        double[] a = {0.5, 0.5};
        UnbalancedSinkhorn.Result r = UnbalancedSinkhorn.defaults().solve(a, a, Mat.of(new double[][] {{0, 50}, {50, 0}}), 1e-3, 1.0);
        assertTrue(Double.isFinite(r.cost()) && r.plan().get(0, 0) > 0.4, "plan " + r.plan().get(0, 0));
        // a row of the kernel underflows entirely: the log domain takes over and stays finite
        UnbalancedSinkhorn.Result far = UnbalancedSinkhorn.defaults().solve(a, a, Mat.of(new double[][] {{1000, 1000}, {0, 0}}), 1e-3, 1.0);
        assertTrue(Double.isFinite(far.cost()) && far.mass() > 0, "cost " + far.cost() + ", mass " + far.mass());
        assertThrows(IllegalArgumentException.class, () -> UnbalancedSinkhorn.defaults().solve(a, a, Mat.zeros(2, 3), 0.1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnbalancedSinkhorn.defaults().solve(new double[] {0.5, -1}, a, Mat.zeros(2, 2), 0.1, 1));
        assertTrue(e.getMessage().startsWith("a must hold positive"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UnbalancedSinkhorn.defaults().solve(a, a, Mat.zeros(2, 2), 0.1, 0));
    }
}

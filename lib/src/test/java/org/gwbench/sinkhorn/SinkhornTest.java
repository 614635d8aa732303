package org.gwbench.sinkhorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Published values: shared/reference/REFERENCE.md §2, from the rwig package's tests (checked there
 * against Julia autodiff), and POT run to 1e-15 on the same case.
 */
class SinkhornTest {
    static final double[] A = {.3, .4, .1, .1, .1};
    static final double[] B = {.4, .5, .1};
    static final Mat C = Mat.of(new double[][] {
        {.1, .2, .3}, {.2, .3, .4}, {.4, .3, .2}, {.3, .2, .1}, {.5, .5, .4}});
    static final double REG = 0.1;

    static EntropicOtSolver tight(String which) {
        SinkhornOptions o = new SinkhornOptions(100000, 1e-15);
        return which.equals("log") ? new SinkhornLog(o) : new Sinkhorn(o);
    }

    @ParameterizedTest
    @ValueSource(strings = {"log", "vanilla"})
    void fullyConvergedMatchesPot(String which) {
        SinkhornResult r = tight(which).solve(A, B, C, REG);
        assertEquals(Status.CONVERGED, r.status());
        // POT to 1e-15: loss -0.08551829042224651, <C,P> = 0.23990102519620626
        assertEquals(-0.08551829042224651, r.loss(), 1e-14);
        assertEquals(0.23990102519620626, r.cost(), 1e-14);
        assertTrue(r.marginalError() < 1e-14);
    }

    /**
     * rwig updates f (rows) first and stops when ‖P1 − a‖₁ &lt; 1e-7 (log: after 10 iterations) or 1e-6
     * (vanilla, from u = v = 1: after 8); our solvers update the columns first, so the transposed
     * problem (b, a, Cᵀ) runs exactly rwig's iterates.
     */
    @Test
    void publishedLogDomainValuesUnderRwigsStoppingRule() {
        SinkhornResult t = new SinkhornLog(new SinkhornOptions(10, 1e-300)).solve(B, A, C.transpose(), REG);
        assertEquals(10, t.iterations());
        assertRel(-0.08551828893965516, t.loss(), 1e-13, "loss");
        Mat P = t.plan().transpose();
        double[][] rows = {
            {0.15387266486398005, 0.13773502478893654, 0.008392325227486723},
            {0.2051635531519735, 0.18364669971858213, 0.011189766969982296},
            null, null,
            {0.02208150093756758, 0.05372865740666314, 0.024189832791576143}};
        for (int i : new int[] {0, 1, 4}) {
            for (int j = 0; j < 3; j++) {
                assertRel(rows[i][j], P.get(i, j), 1e-13, "P(" + i + "," + j + ")");
            }
        }
        double[] f = {-0.06969114121716402, 0.0590770660280141, -0.04879600300231282, -0.1487960030023128, 0.13617033753210625};
        double[] g = {-0.017471845795974508, 0.07144878623468662, -0.10835262420004768};
        for (int i = 0; i < 5; i++) {
            assertRel(f[i], t.g()[i], 1e-12, "f" + i);
        }
        for (int j = 0; j < 3; j++) {
            assertRel(g[j], t.f()[j], 1e-12, "g" + j);
        }
    }

    @Test
    void publishedVanillaValuesUnderRwigsStoppingRule() {
        SinkhornResult t = new Sinkhorn(new SinkhornOptions(8, 1e-300)).solve(B, A, C.transpose(), REG);
        assertRel(-0.08551825585323469, t.loss(), 1e-13, "loss");
        // rwig starts from u = v = 1, we from 1/n: the same plan, scalings differ by a constant factor
        double[] u = {0.49812211751311114, 1.8053817338525748, 0.6138751754880418, 0.22583205650756197, 3.9028258998838967};
        double[] v = {0.8396926041657585, 2.043140616670284, 0.3384009425683915};
        double c = Math.exp(t.g()[0] / REG) / u[0];
        for (int i = 0; i < 5; i++) {
            assertRel(u[i], Math.exp(t.g()[i] / REG) / c, 1e-12, "u" + i);
        }
        for (int j = 0; j < 3; j++) {
            assertRel(v[j], Math.exp(t.f()[j] / REG) * c, 1e-12, "v" + j);
        }
    }

    static void assertRel(double want, double got, double rel, String what) {
        assertEquals(want, got, rel * Math.abs(want), what);
    }

    @Test
    void vanillaAndLogAgreeOnRandomProblems() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 5; trial++) {
            int n = 5 + trial * 7;
            int m = 3 + trial * 5;
            Mat M = Mat.zeros(n, m);
            for (int k = 0; k < M.data.length; k++) {
                M.data[k] = rnd.nextDouble();
            }
            double[] a = simplex(rnd, n);
            double[] b = simplex(rnd, m);
            SinkhornResult v = tight("vanilla").solve(a, b, M, 0.05);
            SinkhornResult l = tight("log").solve(a, b, M, 0.05);
            assertTrue(v.plan().maxAbsDiff(l.plan()) < 1e-13, "plans differ at trial " + trial);
            assertEquals(v.loss(), l.loss(), 1e-13);
            double[] rs = l.plan().rowSums();
            for (int i = 0; i < n; i++) {
                assertEquals(a[i], rs[i], 1e-14);
            }
        }
    }

    @Test
    void logDomainSurvivesTinyRegWhereKernelUnderflows() {
        Mat M = Mat.of(new double[][] {{0, 50}, {50, 0}});
        double[] w = {0.5, 0.5};
        SinkhornResult l = new SinkhornLog(SinkhornOptions.defaults()).solve(w, w, M, 1e-3);
        assertEquals(Status.CONVERGED, l.status());
        assertEquals(0.5, l.plan().get(0, 0), 1e-12);
        Mat far = Mat.of(new double[][] {{1000, 1000}, {1000, 1000}});
        SinkhornResult v = new Sinkhorn(SinkhornOptions.defaults()).solve(w, w, far, 1e-3);
        assertEquals(Status.NUMERICAL_ERROR, v.status());
    }

    @Test
    void zeroWeightsAreAllowed() {
        double[] a = {0.5, 0.0, 0.5};
        double[] b = {1.0};
        SinkhornResult r = tight("log").solve(a, b, Mat.of(new double[][] {{1}, {2}, {3}}), 0.1);
        assertEquals(0.0, r.plan().get(1, 0));
        assertEquals(2.0, r.cost(), 1e-14);
        assertTrue(Double.isFinite(r.loss()));
    }

    @Test
    void badInputNamesTheParameter() {
        Mat M = Mat.of(new double[][] {{0, 1}, {1, 0}});
        assertMessage("a sums to", () -> Sinkhorn.defaults().solve(new double[] {0.5, 0.6}, new double[] {0.5, 0.5}, M, 1));
        assertMessage("b has 3 entries", () -> Sinkhorn.defaults().solve(new double[] {0.5, 0.5}, new double[] {0.2, 0.3, 0.5}, M, 1));
        assertMessage("a has a negative weight", () -> Sinkhorn.defaults().solve(new double[] {1.5, -0.5}, new double[] {0.5, 0.5}, M, 1));
        assertMessage("reg must be", () -> Sinkhorn.defaults().solve(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}, M, 0));
        Mat bad = Mat.of(new double[][] {{0, Double.NaN}, {1, 0}});
        assertMessage("M has a non-finite", () -> Sinkhorn.defaults().solve(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}, bad, 1));
        assertMessage("maxIter", () -> new SinkhornOptions(0, 1e-9));
    }

    static void assertMessage(String start, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(start), () -> "message '" + e.getMessage() + "' should start with '" + start + "'");
    }

    static double[] simplex(SplittableRandom rnd, int n) {
        double[] w = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 0.1 + rnd.nextDouble();
            s += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= s;
        }
        return w;
    }

    @Test
    void theWarmStartEntryPointChecksItsShapes() {
        Mat M = Mat.zeros(3, 2);
        double[] a = {0.2, 0.3, 0.5};
        double[] b = {0.5, 0.5};
        for (org.gwbench.sinkhorn.EntropicOtSolver s : java.util.List.of(Sinkhorn.defaults(), SinkhornLog.defaults())) {
            assertMessage("a has 2 and b 2 entries; M is 3x2", () -> s.solve(b, b, M, 0.1, null, null, null));
            assertMessage("f0 has 2 entries, expected 3", () -> s.solve(a, b, M, 0.1, b, null, null));
            assertMessage("g0 has 3 entries, expected 2", () -> s.solve(a, b, M, 0.1, null, a, null));
        }
    }

    /** The kernel's result, bit for bit, where the kernel works; the log domain's where it underflows. */
    @Test
    void autoIsTheKernelWhereItWorksAndTheLogDomainWhereItUnderflows() {
        SplittableRandom r = new SplittableRandom(4);
        Mat M = Mat.zeros(6, 5);
        for (int k = 0; k < M.data.length; k++) {
            M.data[k] = r.nextDouble();
        }
        double[] a = {0.1, 0.2, 0.3, 0.1, 0.2, 0.1};
        double[] b = {0.2, 0.2, 0.2, 0.2, 0.2};
        SinkhornResult kernel = new Sinkhorn(SinkhornOptions.defaults()).solve(a, b, M, 0.05);
        SinkhornResult auto = SinkhornAuto.defaults().solve(a, b, M, 0.05);
        org.junit.jupiter.api.Assertions.assertArrayEquals(kernel.plan().data, auto.plan().data, 0);
        Mat far = Mat.of(new double[][] {{1000, 1000}, {1000, 1000}});
        double[] w = {0.5, 0.5};
        assertEquals(Status.NUMERICAL_ERROR, new Sinkhorn(SinkhornOptions.defaults()).solve(w, w, far, 1e-3).status());
        SinkhornResult rescued = SinkhornAuto.defaults().solve(w, w, far, 1e-3);
        assertEquals(Status.CONVERGED, rescued.status());
        assertEquals(0.25, rescued.plan().get(0, 1), SinkhornOptions.defaults().tol());
    }
}

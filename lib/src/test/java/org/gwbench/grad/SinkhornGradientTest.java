package org.gwbench.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.gwbench.linalg.Mat;
import org.gwbench.sinkhorn.BatchSinkhorn;
import org.gwbench.sinkhorn.SinkhornBarycenter;
import org.gwbench.sinkhorn.SinkhornBarycenterLog;
import org.gwbench.sinkhorn.SinkhornGradient;
import org.gwbench.sinkhorn.UnrolledSinkhorn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** REFERENCE.md §2 (rwig's published values, checked there against Julia autodiff) and gradient checks. */
class SinkhornGradientTest {
    static final double[] A = {.3, .4, .1, .1, .1};
    static final double[] B = {.4, .5, .1};
    static final Mat C = Mat.of(new double[][] {{.1, .2, .3}, {.2, .3, .4}, {.4, .3, .2}, {.3, .2, .1}, {.5, .5, .4}});

    static void assertRel(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, rel * Math.abs(expected), what);
    }

    /** rwig's log domain stops after 10 iterations on this case (its rule: marginal error below 1e-6). */
    @Test
    void publishedLogDomainGradient() {
        SinkhornGradient r = new UnrolledSinkhorn(UnrolledSinkhorn.Method.SINKHORN_LOG, 10, 0).solve(A, B, C, 0.1);
        assertRel(-0.08551828893965516, r.loss(), 1e-12, "loss");
        double[] gradA = {-0.06627246652209813, 0.062495747110156215, -0.04537730175603455, -0.14537728882766066, 0.13958900170936495};
        for (int i = 0; i < 5; i++) {
            assertRel(gradA[i], r.gradA()[i], 1e-8, "grad_a" + i);
        }
        double[] f = {-0.06969114121716402, 0.0590770660280141, -0.04879600300231282, -0.1487960030023128, 0.13617033753210625};
        for (int i = 0; i < 5; i++) {
            assertRel(f[i], r.f()[i], 1e-10, "f" + i);
        }
        double[] g = {-0.017471845795974508, 0.07144878623468662, -0.10835262420004768};
        for (int j = 0; j < 3; j++) {
            assertRel(g[j], r.g()[j], 1e-10, "g" + j);
        }
        double[][] rows = {
            {0.15387266486398005, 0.13773502478893654, 0.008392325227486723},
            {0.2051635531519735, 0.18364669971858213, 0.011189766969982296},
            null, null,
            {0.02208150093756758, 0.05372865740666314, 0.024189832791576143}};
        for (int i : new int[] {0, 1, 4}) {
            for (int j = 0; j < 3; j++) {
                assertRel(rows[i][j], r.plan().get(i, j), 1e-10, "P(" + i + "," + j + ")");
            }
        }
        assertTrue(r.logDomain());
    }

    /** The tape is optional: without it the same iterations give the same plan and loss, bit for bit, and no gradients. */
    @ParameterizedTest
    @CsvSource({"SINKHORN", "SINKHORN_LOG"})
    void withoutATapeTheForwardPassIsTheSameAndHasNoGradients(UnrolledSinkhorn.Method method) {
        UnrolledSinkhorn s = new UnrolledSinkhorn(method, 12, 0);
        SinkhornGradient taped = s.solve(A, B, C, 0.1);
        SinkhornGradient bare = s.solve(A, B, C, 0.1, false);
        assertEquals(taped.loss(), bare.loss(), 0);
        assertTrue(java.util.Arrays.equals(taped.plan().data, bare.plan().data));
        assertTrue(java.util.Arrays.equals(taped.f(), bare.f()));
        assertEquals(12, bare.iterations());
        assertTrue(taped.hasGradients());
        assertFalse(bare.hasGradients());
        IllegalStateException e = assertThrows(IllegalStateException.class, bare::gradM);
        assertTrue(e.getMessage().contains("without a tape"), e.getMessage());
    }

    /** rwig's vanilla Sinkhorn stops after 8 iterations from u = v = 1. */
    @Test
    void publishedVanillaLossAndScalings() {
        SinkhornGradient r = new UnrolledSinkhorn(UnrolledSinkhorn.Method.SINKHORN, 8, 0).solve(A, B, C, 0.1);
        assertRel(-0.08551825585323469, r.loss(), 1e-12, "loss");
        double[] u = {0.49812211751311114, 1.8053817338525748, 0.6138751754880418, 0.22583205650756197, 3.9028258998838967};
        for (int i = 0; i < 5; i++) {
            assertRel(u[i], Math.exp(r.f()[i] / 0.1), 1e-10, "u" + i);
        }
        double[] v = {0.8396926041657585, 2.043140616670284, 0.3384009425683915};
        for (int j = 0; j < 3; j++) {
            assertRel(v[j], Math.exp(r.g()[j] / 0.1), 1e-10, "v" + j);
        }
        // grad_a equals f up to a constant (envelope theorem), to the convergence of 8 iterations
        double shift = r.gradA()[0] - r.f()[0];
        for (int i = 0; i < 5; i++) {
            assertEquals(r.f()[i] + shift, r.gradA()[i], 1e-5);
        }
        assertFalse(r.logDomain());
    }

    @Test
    void publishedParallelBarycenter() {
        Mat Ah = Mat.of(new double[][] {{.3, .2}, {.2, .1}, {.1, .2}, {.1, .1}, {.3, .4}});
        Mat Cb = Mat.of(new double[][] {{.1, .2, .3, .4, .5}, {.2, .3, .4, .3, .2}, {.4, .3, .2, .1, .2},
            {.3, .2, .1, .2, .5}, {.5, .5, .4, .0, .2}});
        double[] w = {.4, .6};
        SinkhornBarycenter.Forward f = SinkhornBarycenter.defaults().forward(Ah, Cb, w, 0.1);
        double[] b = f.barycenter();
        double[] expected = {0.20678519000127618, 0.10800238756066238, 0.11915320248239648, 0.43600814073022814, 0.13005107922474135};
        double loss = 0;
        double[] bBar = new double[5];
        for (int j = 0; j < 5; j++) {
            assertRel(expected[j], b[j], 1e-8, "b" + j);
            loss += (b[j] - 0.2) * (b[j] - 0.2);
            bBar[j] = 2 * (b[j] - 0.2);
        }
        assertRel(0.07563849817530696, loss, 1e-8, "loss");
        SinkhornBarycenter.Gradients g = f.backward(bBar);
        assertRel(0.06395620382985355, g.gradW()[0], 1e-8, "grad_w0");
        assertRel(0.12898154801524858, g.gradW()[1], 1e-8, "grad_w1");
        assertRel(-0.006760869016071031, g.gradA().get(0, 0), 1e-8, "grad_A(0,0)");
        assertRel(-0.02391482377435357, g.gradA().get(0, 1), 1e-8, "grad_A(0,1)");
    }

    @ParameterizedTest(name = "{0}, n = {1}, seed = {2}")
    @CsvSource({"sinkhorn, 4, 1", "sinkhorn, 15, 2", "sinkhorn-log, 4, 3", "sinkhorn-log, 15, 4",
        "barycenter, 5, 5", "barycenter, 20, 6", "wdl, 4, 7", "wdl, 10, 8"})
    void everyGradientMatchesCentralDifferences(String algorithm, int n, long seed) {
        List<GradCheck.Entry> entries = GradCheck.run(algorithm, n, seed).entries();
        assertFalse(entries.isEmpty());
        for (GradCheck.Entry e : entries) {
            assertTrue(e.relError() <= 1e-6, () -> algorithm + " " + e);
        }
    }

    @Test
    void kernelAndLogDomainAgreeWhereBothAreStable() {
        SplittableRandom rnd = new SplittableRandom(9);
        double[] a = GradCheck.simplex(rnd, 12);
        double[] b = GradCheck.simplex(rnd, 9);
        Mat M = Mat.zeros(12, 9);
        for (int k = 0; k < M.data.length; k++) {
            M.data[k] = rnd.nextDouble();
        }
        SinkhornGradient k = new UnrolledSinkhorn(UnrolledSinkhorn.Method.SINKHORN, 40, 0).solve(a, b, M, 0.05);
        SinkhornGradient l = new UnrolledSinkhorn(UnrolledSinkhorn.Method.SINKHORN_LOG, 40, 0).solve(a, b, M, 0.05);
        assertEquals(k.loss(), l.loss(), 1e-13);
        assertTrue(k.plan().maxAbsDiff(l.plan()) < 1e-14);
        for (int i = 0; i < 12; i++) {
            assertEquals(k.gradA()[i], l.gradA()[i], 1e-10);
        }
        assertTrue(k.gradM().maxAbsDiff(l.gradM()) < 1e-10);
    }

    @Test
    void logDomainStaysFiniteWhereTheKernelUnderflows() {
        SplittableRandom rnd = new SplittableRandom(10);
        double[] a = GradCheck.simplex(rnd, 8);
        double[] b = GradCheck.simplex(rnd, 8);
        Mat M = Mat.zeros(8, 8);
        for (int k = 0; k < M.data.length; k++) {
            M.data[k] = rnd.nextDouble();
        }
        double reg = 1e-4;
        assertTrue(UnrolledSinkhorn.needsLogDomain(M, reg), "exp(−1/1e-4) underflows");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UnrolledSinkhorn(UnrolledSinkhorn.Method.SINKHORN, 50, 0).solve(a, b, M, reg));
        assertTrue(e.getMessage().contains("log domain"), e.getMessage());
        SinkhornGradient r = new UnrolledSinkhorn(UnrolledSinkhorn.Method.AUTO, 200000, 1e-12).solve(a, b, M, reg);
        assertTrue(r.logDomain(), "auto switches to the log domain");
        assertTrue(Double.isFinite(r.loss()));
        for (double x : r.gradA()) {
            assertTrue(Double.isFinite(x));
        }
        assertTrue(r.marginalError() < 1e-9, "iterations " + r.iterations() + ", marginal error " + r.marginalError());
        // a real solve, not just finite numbers: the plan has the marginals, and the loss's gradient in C is
        // the plan (envelope theorem for the converged entropic objective)
        double[] rows = r.plan().rowSums();
        double[] cols = r.plan().colSums();
        for (int i = 0; i < 8; i++) {
            assertEquals(a[i], rows[i], 1e-8, "row " + i);
            assertEquals(b[i], cols[i], 1e-8, "column " + i);
        }
        assertTrue(r.gradM().maxAbsDiff(r.plan()) < 1e-8, "dloss/dM = P: " + r.gradM().maxAbsDiff(r.plan()));
        assertFalse(UnrolledSinkhorn.needsLogDomain(M, 0.1));
    }

    @Test
    void logAndParallelBarycentersRunTheSameIterates() {
        SplittableRandom rnd = new SplittableRandom(11);
        Mat A = GradCheck.columns(rnd, 9, 3);
        Mat M = Mat.zeros(9, 7);
        for (int k = 0; k < M.data.length; k++) {
            M.data[k] = rnd.nextDouble();
        }
        double[] w = GradCheck.simplex(rnd, 3);
        SinkhornBarycenter.Pass p = new SinkhornBarycenter(40, 0).forward(A, M, w, 0.05);
        SinkhornBarycenter.Pass l = new SinkhornBarycenterLog(40, 0).forward(A, M, w, 0.05);
        double[] bBar = GradCheck.simplex(rnd, 7);
        SinkhornBarycenter.Gradients gp = p.backward(bBar);
        SinkhornBarycenter.Gradients gl = l.backward(bBar);
        for (int j = 0; j < 7; j++) {
            assertEquals(p.barycenter()[j], l.barycenter()[j], 1e-13);
        }
        assertTrue(gp.gradA().maxAbsDiff(gl.gradA()) < 1e-10);
        for (int s = 0; s < 3; s++) {
            assertEquals(gp.gradW()[s], gl.gradW()[s], 1e-10);
        }
    }

    @Test
    void batchedEqualsOnePairAtATime() {
        SplittableRandom rnd = new SplittableRandom(12);
        Mat A = GradCheck.columns(rnd, 8, 4);
        Mat B = GradCheck.columns(rnd, 6, 4);
        Mat M = Mat.zeros(8, 6);
        for (int k = 0; k < M.data.length; k++) {
            M.data[k] = rnd.nextDouble();
        }
        BatchSinkhorn.Result r = new BatchSinkhorn(25, 0).solve(A, B, M, 0.1);
        double[] lambda = {1, 0, 0, 0};
        BatchSinkhorn.Gradients g = r.backward(lambda);
        SinkhornGradient one = new UnrolledSinkhorn(UnrolledSinkhorn.Method.SINKHORN, 25, 0)
                .solve(WassersteinDictionary.column(A, 0), WassersteinDictionary.column(B, 0), M, 0.1);
        assertEquals(one.loss(), r.losses()[0], 1e-13);
        assertTrue(one.plan().maxAbsDiff(r.plan(0)) < 1e-15);
        for (int i = 0; i < 8; i++) {
            assertEquals(one.gradA()[i], g.gradA().get(i, 0), 1e-11);
            assertEquals(0.0, g.gradA().get(i, 1), 0.0, "λ = 0 gives no gradient");
        }
        assertTrue(one.gradM().maxAbsDiff(g.gradM()) < 1e-11);
    }

    @Test
    void dictionaryLearningLowersTheLossAndResumes() throws InterruptedException {
        // data made from a dictionary: barycenters of two bumps with weights (t, 1 − t)
        int n = 12;
        Mat M = Mat.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                M.set(i, j, Math.pow((i - j) / (double) n, 2));
            }
        }
        Mat atoms = Mat.zeros(n, 2);
        for (int i = 0; i < n; i++) {
            atoms.set(i, 0, Math.exp(-Math.pow(i - 2, 2)) + 1e-3);
            atoms.set(i, 1, Math.exp(-Math.pow(i - 9, 2) / 2) + 1e-3);
        }
        atoms = WassersteinDictionary.softmaxColumns(logOf(atoms));
        Mat Y = Mat.zeros(n, 5);
        for (int s = 0; s < 5; s++) {
            double t = 0.1 + 0.2 * s;
            double[] b = new SinkhornBarycenter(50, 0).forward(atoms, M, new double[] {t, 1 - t}, 0.01).barycenter();
            double sum = 0;
            for (double x : b) {
                sum += x;
            }
            for (int i = 0; i < n; i++) {
                Y.set(i, s, b[i] / sum);
            }
        }
        WassersteinDictionary wdl = new WassersteinDictionary(new WassersteinDictionary.Options(2, 0.01, 50, 15, 0.2, 3));
        List<Integer> seen = new java.util.ArrayList<>();
        WassersteinDictionary.State s = wdl.fit(Y, M, null, p -> seen.add(p.step()));
        assertEquals(15, s.step());
        assertEquals(15, seen.size());
        assertTrue(s.losses()[14] < 0.5 * s.losses()[0], java.util.Arrays.toString(s.losses()));
        WassersteinDictionary.State resumed = wdl.fit(Y, M, s, org.gwbench.problem.ProgressListener.NONE);
        assertEquals(30, resumed.step());
        assertEquals(30, resumed.losses().length);
        assertTrue(resumed.losses()[29] <= s.losses()[14]);
        // an interrupted fit keeps the steps it finished
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            WassersteinDictionary.State cut = wdl.fit(Y, M, null, org.gwbench.problem.ProgressListener.NONE);
            assertEquals(0, cut.step());
        });
        t.start();
        t.join();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wdl.fit(Y, Mat.zeros(3, 3), null,
                org.gwbench.problem.ProgressListener.NONE));
        assertTrue(e.getMessage().startsWith("C must be"), e.getMessage());
    }

    private static Mat logOf(Mat X) {
        Mat L = X.copy();
        for (int k = 0; k < L.data.length; k++) {
            L.data[k] = Math.log(L.data[k]);
        }
        return L;
    }
}

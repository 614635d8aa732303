package org.gwbench.gw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.gwbench.data.Csv;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Status;
import org.gwbench.sinkhorn.Sinkhorn;
import org.gwbench.sinkhorn.SinkhornLog;
import org.gwbench.sinkhorn.SinkhornOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EntropicGwTest {
    static final SinkhornOptions TIGHT = new SinkhornOptions(100000, 1e-14);

    static EntropicGw solver(double eps) {
        return new EntropicGw(EntropicGwOptions.defaults(eps).withTol(1e-12).withMaxIter(10000)
                .withInner(new Sinkhorn(TIGHT)));
    }

    /** Small ε, POT's default inner tolerance: what a user would run. */
    static EntropicGw fastSolver(double eps) {
        return new EntropicGw(EntropicGwOptions.defaults(eps).withMaxIter(5000).withInner(new SinkhornLog(SinkhornOptions.defaults())));
    }

    /** Reference plans from POT 0.9.7 (resources/pot/make_fixtures.py), non-uniform weights, n ≠ m. */
    @ParameterizedTest
    @ValueSource(strings = {"egw_square_loss", "egw_kl_loss", "egw_asymmetric"})
    void samePlanAsPot(String name) throws IOException {
        Path dir = Path.of("src/test/resources/pot", name);
        String meta = Files.readString(dir.resolve("meta.json"));
        double eps = Double.parseDouble(meta.replaceAll("(?s).*\"epsilon\": ([0-9.e-]+).*", "$1"));
        double value = Double.parseDouble(meta.replaceAll("(?s).*\"value\": ([0-9.e-]+).*", "$1"));
        GwLoss loss = GwLoss.parse(meta.replaceAll("(?s).*\"loss\": \"([a-z_]+)\".*", "$1"));
        GwProblem pb = new GwProblem(Csv.readMatrix("C1", dir.resolve("C1.csv")), Csv.readMatrix("C2", dir.resolve("C2.csv")),
                Csv.readVector("p", dir.resolve("p.csv")), Csv.readVector("q", dir.resolve("q.csv")), loss);
        Mat T = Csv.readMatrix("T", dir.resolve("T.csv"));
        GwResult r = solver(eps).solve(pb);
        assertEquals(Status.CONVERGED, r.status());
        assertTrue(r.plan().maxAbsDiff(T) < 1e-8, () -> name + ": plan differs from POT by " + r.plan().maxAbsDiff(T));
        assertEquals(value, r.value(), 1e-8 * Math.abs(value) + 1e-12);
        assertTrue(r.marginalError() < 1e-10);
    }

    @Test
    void tensorMatchesTheFourIndexSum() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (GwLoss loss : GwLoss.values()) {
            for (boolean symmetric : new boolean[] {true, false}) {
                Mat C1 = randomStructure(rnd, 4, symmetric);
                Mat C2 = randomStructure(rnd, 3, symmetric);
                double[] p = {0.1, 0.2, 0.3, 0.4};
                double[] q = {0.5, 0.25, 0.25};
                Mat T = Mat.outer(p, q);
                T.data[0] += 0.01;
                T.data[1] -= 0.01;
                T.data[3] -= 0.01;
                T.data[4] += 0.01;
                GwProblem pb = new GwProblem(C1, C2, p, q, loss);
                double brute = 0;
                for (int i = 0; i < 4; i++) {
                    for (int k = 0; k < 4; k++) {
                        for (int j = 0; j < 3; j++) {
                            for (int l = 0; l < 3; l++) {
                                brute += loss.value(C1.get(i, k), C2.get(j, l)) * T.get(i, j) * T.get(k, l);
                            }
                        }
                    }
                }
                assertEquals(brute, new GwTensor(pb, org.gwbench.linalg.Blas.active()).value(T), 1e-12,
                        loss + " symmetric=" + symmetric);
            }
        }
    }

    @Test
    void klLossDecompositionIsTheLoss() {
        for (double a : new double[] {0.0, 0.3, 2.0}) {
            for (double b : new double[] {0.2, 1.0, 3.5}) {
                assertEquals(a * Math.log((a + 1e-18) / (b + 1e-18)) - a + b, GwLoss.KL.value(a, b), 1e-12);
                assertEquals((a - b) * (a - b), GwLoss.SQUARE.value(a, b), 1e-14);
            }
        }
    }

    @Test
    void marginalsHoldAndValueIsSymmetric() {
        SplittableRandom rnd = new SplittableRandom(8);
        Mat C1 = distances(points(rnd, 12, 2));
        Mat C2 = distances(points(rnd, 9, 3));
        double[] p = weights(rnd, 12);
        double[] q = weights(rnd, 9);
        GwResult ab = solver(0.05).solve(new GwProblem(C1, C2, p, q, GwLoss.SQUARE));
        GwResult ba = solver(0.05).solve(new GwProblem(C2, C1, q, p, GwLoss.SQUARE));
        assertTrue(ab.marginalError() < 1e-10);
        assertEquals(ab.value(), ba.value(), 1e-10);
        assertTrue(ab.plan().maxAbsDiff(ba.plan().transpose()) < 1e-9);
        for (double v : ab.plan().data) {
            assertTrue(v >= 0);
        }
    }

    @Test
    void rotatedCopyHasGwNearZeroAtSmallEpsilon() {
        SplittableRandom rnd = new SplittableRandom(3);
        Mat X = points(rnd, 20, 3);
        Mat R = rotation(rnd);
        Mat Xr = org.gwbench.linalg.Blas.active().multiply(X, false, R, true);
        GwProblem pb = GwProblem.of(distances(X), distances(Xr));
        GwResult small = fastSolver(2e-3).solve(pb);
        GwResult large = fastSolver(2e-2).solve(pb);
        double product = new GwTensor(pb, org.gwbench.linalg.Blas.active()).value(Mat.outer(pb.p(), pb.q()));
        // the entropic plan is blurred by ε: GW(X, RX) → 0 as ε → 0
        assertTrue(small.value() < 5e-3 * product, "GW(X, RX) = " + small.value() + " vs product coupling " + product);
        assertTrue(small.value() < large.value());
        for (int i = 0; i < 20; i++) {
            assertEquals(i, argmaxRow(small.plan(), i), "point " + i + " is matched to itself");
        }
    }

    @Test
    void recoversAPermutation() {
        SplittableRandom rnd = new SplittableRandom(17);
        int n = 15;
        Mat X = points(rnd, n, 2);
        int[] perm = permutation(rnd, n);
        Mat Xp = Mat.zeros(n, 2);
        for (int i = 0; i < n; i++) {
            Xp.set(perm[i], 0, X.get(i, 0));
            Xp.set(perm[i], 1, X.get(i, 1));
        }
        GwResult r = fastSolver(5e-3).solve(GwProblem.of(distances(X), distances(Xp)));
        for (int i = 0; i < n; i++) {
            assertEquals(perm[i], argmaxRow(r.plan(), i), "point " + i);
        }
    }

    @Test
    void warmStartDoesNotChangeThePlan() {
        SplittableRandom rnd = new SplittableRandom(21);
        GwProblem pb = GwProblem.of(distances(points(rnd, 30, 2)), distances(points(rnd, 25, 2)));
        GwResult warm = solver(0.01).solve(pb);
        GwResult cold = new EntropicGw(solver(0.01).options().withWarmStart(false)).solve(pb);
        assertTrue(warm.plan().maxAbsDiff(cold.plan()) < 1e-10);
        int warmInner = warm.log().stream().mapToInt(GwIteration::innerIterations).sum();
        int coldInner = cold.log().stream().mapToInt(GwIteration::innerIterations).sum();
        assertTrue(warmInner < coldInner, "warm " + warmInner + " vs cold " + coldInner);
    }

    @Test
    void interruptStopsWithTheLastPlan() {
        SplittableRandom rnd = new SplittableRandom(2);
        GwProblem pb = GwProblem.of(distances(points(rnd, 10, 2)), distances(points(rnd, 10, 2)));
        Thread.currentThread().interrupt();
        try {
            GwResult r = solver(0.05).solve(pb);
            assertEquals(Status.INTERRUPTED, r.status());
            assertEquals(0, r.iterations());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void badProblemsAreRejectedByName() {
        Mat C = Mat.of(new double[][] {{0, 1}, {1, 0}});
        assertThrows(IllegalArgumentException.class, () -> new GwProblem(Mat.zeros(2, 3), C, new double[] {.5, .5}, new double[] {.5, .5}, GwLoss.SQUARE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GwProblem(C, C, new double[] {.5, .6}, new double[] {.5, .5}, GwLoss.SQUARE));
        assertTrue(e.getMessage().startsWith("p sums to"));
        e = assertThrows(IllegalArgumentException.class,
                () -> new GwProblem(C, Mat.of(new double[][] {{0, -1}, {-1, 0}}), new double[] {.5, .5}, new double[] {.5, .5}, GwLoss.KL));
        assertTrue(e.getMessage().startsWith("C2 has a negative entry"));
        e = assertThrows(IllegalArgumentException.class, () -> EntropicGwOptions.defaults(-1));
        assertTrue(e.getMessage().startsWith("epsilon"));
    }

    static int argmaxRow(Mat T, int i) {
        int best = 0;
        for (int j = 1; j < T.cols; j++) {
            if (T.get(i, j) > T.get(i, best)) {
                best = j;
            }
        }
        return best;
    }

    // ---- instances ----

    static Mat points(SplittableRandom rnd, int n, int d) {
        Mat X = Mat.zeros(n, d);
        for (int k = 0; k < X.data.length; k++) {
            X.data[k] = rnd.nextGaussian();
        }
        return X;
    }

    static Mat distances(Mat X) {
        return org.gwbench.bench.BenchCase.sqdistNormalised(X, X);
    }

    static double[] weights(SplittableRandom rnd, int n) {
        double[] w = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + rnd.nextDouble();
            s += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= s;
        }
        return w;
    }

    static Mat randomStructure(SplittableRandom rnd, int n, boolean symmetric) {
        Mat C = Mat.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    C.set(i, j, 0.1 + rnd.nextDouble());
                }
            }
        }
        if (symmetric) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    C.set(i, j, C.get(j, i));
                }
            }
        }
        return C;
    }

    static int[] permutation(SplittableRandom rnd, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A random rotation in 3D from the QR of a Gaussian matrix (Hipparchus). */
    static Mat rotation(SplittableRandom rnd) {
        double[][] g = new double[3][3];
        for (double[] row : g) {
            for (int j = 0; j < 3; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        double[][] q = new org.hipparchus.linear.QRDecomposition(
                org.hipparchus.linear.MatrixUtils.createRealMatrix(g)).getQ().getData();
        return Mat.of(q);
    }

    /**
     * Integer structures at a small ε (the probe of issue 23): the kernel underflows, the log-domain inner solves
     * run out of iterations, the plans stop moving off the marginals: INFEASIBLE, never CONVERGED. Divided by
     * their largest entry, at ε = 0.05, the same structures give a feasible plan.
     */
    @Test
    void plansThatStopOffTheirMarginalsAreNotConverged() {
        int n = 8;
        org.gwbench.linalg.Mat A = org.gwbench.linalg.Mat.zeros(n, n);
        org.gwbench.linalg.Mat B = org.gwbench.linalg.Mat.zeros(n, n);
        java.util.SplittableRandom r = new java.util.SplittableRandom(12);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double x = r.nextInt(100);
                double y = r.nextInt(100);
                A.set(i, j, x);
                A.set(j, i, x);
                B.set(i, j, y);
                B.set(j, i, y);
            }
        }
        GwResult raw = new EntropicGw(EntropicGwOptions.defaults(0.01)).solve(GwProblem.of(A, B));
        assertTrue(raw.status() != org.gwbench.problem.Status.CONVERGED || raw.marginalError() <= EntropicGw.MARGINAL_TOL,
                raw.status() + " with marginal error " + raw.marginalError());
        assertTrue(raw.marginalError() > EntropicGw.MARGINAL_TOL, "this instance is off its marginals: " + raw.marginalError());
        assertTrue(Double.isFinite(raw.value()));
        GwResult scaled = new EntropicGw(EntropicGwOptions.defaults(0.05))
                .solve(GwProblem.of(org.gwbench.linalg.Distances.byMax(A), org.gwbench.linalg.Distances.byMax(B)));
        assertTrue(scaled.status() != org.gwbench.problem.Status.INFEASIBLE, scaled.status().toString());
        assertTrue(scaled.marginalError() <= EntropicGw.MARGINAL_TOL, "scaled: " + scaled.marginalError());
    }
}

package org.gwbench.gw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.gwbench.bench.BenchCase;
import org.gwbench.data.Csv;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExactGwTest {
    static final ExactGw SOLVER = new ExactGw(ExactGwOptions.defaults());

    /** POT 0.9.7's gromov_wasserstein from p qᵀ (resources/pot/make_fixtures.py): same plan, same value. */
    @ParameterizedTest
    @ValueSource(strings = {"gw_square_loss", "gw_kl_loss", "gw_asymmetric", "gw_medium"})
    void samePlanAsPot(String name) throws IOException {
        Path dir = Path.of("src/test/resources/pot", name);
        String meta = Files.readString(dir.resolve("meta.json"));
        double value = Double.parseDouble(meta.replaceAll("(?s).*\"value\": ([0-9.e-]+).*", "$1"));
        GwLoss loss = GwLoss.parse(meta.replaceAll("(?s).*\"loss\": \"([a-z_]+)\".*", "$1"));
        GwProblem pb = new GwProblem(Csv.readMatrix("C1", dir.resolve("C1.csv")), Csv.readMatrix("C2", dir.resolve("C2.csv")),
                Csv.readVector("p", dir.resolve("p.csv")), Csv.readVector("q", dir.resolve("q.csv")), loss);
        Mat T = Csv.readMatrix("T", dir.resolve("T.csv"));
        GwResult r = SOLVER.solve(pb);
        assertEquals(Status.CONVERGED, r.status());
        assertTrue(r.plan().maxAbsDiff(T) < 1e-8, () -> name + ": plan differs from POT by " + r.plan().maxAbsDiff(T));
        assertEquals(value, r.value(), 1e-8 * Math.abs(value) + 1e-14, name);
        assertTrue(r.marginalError() < 1e-12);
    }

    /** REFERENCE.md §3. */
    @Test
    void pathAgainstTriangle() {
        Mat C1 = Mat.of(new double[][] {{0, 1, 2}, {1, 0, 1}, {2, 1, 0}});
        Mat C2 = Mat.of(new double[][] {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}});
        GwProblem pb = GwProblem.of(C1, C2);
        assertEquals(22.0 / 27, new GwTensor(pb, org.gwbench.linalg.Blas.active()).value(Mat.outer(pb.p(), pb.q())), 1e-15);
        GwResult r = SOLVER.solve(pb);
        assertEquals(2.0 / 9, r.value(), 1e-12);
        for (int i = 0; i < 3; i++) {
            double rowMax = 0;
            for (int j = 0; j < 3; j++) {
                rowMax = Math.max(rowMax, r.plan().get(i, j));
            }
            assertEquals(1.0 / 3, rowMax, 1e-12, "a permutation plan");
        }
    }

    @Test
    void fourPathAgainstFivePath() {
        Mat C1 = Mat.zeros(4, 4);
        Mat C2 = Mat.zeros(5, 5);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                C1.set(i, j, Math.abs(i - j));
            }
        }
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                C2.set(i, j, 0.75 * Math.abs(i - j));
            }
        }
        GwResult r = SOLVER.solve(GwProblem.of(C1, C2));
        assertEquals(0.25, r.value(), 1e-12);
        double[][] expected = {{4, 1, 0, 0, 0}, {0, 3, 2, 0, 0}, {0, 0, 2, 3, 0}, {0, 0, 0, 1, 4}};
        Mat flipped = Mat.zeros(4, 5);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 5; j++) {
                flipped.set(i, j, expected[3 - i][4 - j] / 20);
            }
        }
        Mat E = Mat.of(expected);
        for (int k = 0; k < E.data.length; k++) {
            E.data[k] /= 20;
        }
        assertTrue(r.plan().maxAbsDiff(E) < 1e-12 || r.plan().maxAbsDiff(flipped) < 1e-12,
                () -> "plan·20 = " + r.plan());
    }

    @Test
    void permutedCopiesGiveThePermutationAndZero() {
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 12;
        int[] perm = {3, 7, 0, 11, 5, 1, 9, 2, 10, 4, 8, 6};
        // asymmetric weighted digraph and its permuted copy
        Mat A = Mat.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                A.set(i, j, i == j ? 0 : rnd.nextDouble());
            }
        }
        Mat B = Mat.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                B.set(i, j, A.get(perm[i], perm[j]));
            }
        }
        GwResult r = SOLVER.solve(GwProblem.of(A, B));
        assertEquals(0.0, r.value(), 1e-13, "GW(A, permuted A)");
        for (int j = 0; j < n; j++) {
            assertEquals(1.0 / n, r.plan().get(perm[j], j), 1e-12);
        }
        // a point cloud against its reversed copy: the flipped identity, GW = 0
        Mat X = Mat.zeros(n, 2);
        for (int k = 0; k < X.data.length; k++) {
            X.data[k] = rnd.nextDouble();
        }
        Mat Xr = Mat.zeros(n, 2);
        for (int i = 0; i < n; i++) {
            Xr.set(i, 0, X.get(n - 1 - i, 0));
            Xr.set(i, 1, X.get(n - 1 - i, 1));
        }
        GwResult s = SOLVER.solve(GwProblem.of(BenchCase.sqdistNormalised(X, X), BenchCase.sqdistNormalised(Xr, Xr)));
        assertEquals(0.0, s.value(), 1e-13);
        for (int i = 0; i < n; i++) {
            assertEquals(1.0 / n, s.plan().get(i, n - 1 - i), 1e-12);
        }
    }

    @Test
    void lowRankAndDenseGiveTheSameSolve() {
        SplittableRandom rnd = new SplittableRandom(6);
        Mat X = Mat.zeros(120, 2);
        Mat Y = Mat.zeros(100, 3);
        for (int k = 0; k < X.data.length; k++) {
            X.data[k] = rnd.nextDouble();
        }
        for (int k = 0; k < Y.data.length; k++) {
            Y.data[k] = rnd.nextDouble();
        }
        GwProblem pb = GwProblem.of(BenchCase.sqdistNormalised(X, X), BenchCase.sqdistNormalised(Y, Y));
        GwResult lr = SOLVER.solve(pb);
        GwResult dense = new ExactGw(ExactGwOptions.defaults().withLowRank(false)).solve(pb);
        assertEquals(dense.iterations(), lr.iterations());
        assertEquals(dense.value(), lr.value(), 1e-12 * Math.abs(dense.value()));
        assertTrue(lr.plan().maxAbsDiff(dense.plan()) < 1e-12);
    }

    @Test
    void lineSearchIsPotsQuadraticRule() {
        assertEquals(0.25, ExactGw.lineSearch(2, -1), 0);
        assertEquals(1.0, ExactGw.lineSearch(1, -5), 0);
        assertEquals(0.0, ExactGw.lineSearch(1, 5), 0);
        assertEquals(1.0, ExactGw.lineSearch(-1, -0.5), 0);
        assertEquals(0.0, ExactGw.lineSearch(-1, 2), 0);
    }

    /** POT's fused_gromov_wasserstein (same start, same α): same plan, same fused value. */
    @ParameterizedTest
    @ValueSource(strings = {"fgw_alpha3", "fgw_alpha8"})
    void fusedMatchesPot(String name) throws IOException {
        Path dir = Path.of("src/test/resources/pot", name);
        String meta = Files.readString(dir.resolve("meta.json"));
        double value = Double.parseDouble(meta.replaceAll("(?s).*\"value\": ([0-9.e-]+).*", "$1"));
        double alpha = Double.parseDouble(meta.replaceAll("(?s).*\"alpha\": ([0-9.e-]+).*", "$1"));
        GwProblem pb = new GwProblem(Csv.readMatrix("C1", dir.resolve("C1.csv")), Csv.readMatrix("C2", dir.resolve("C2.csv")),
                Csv.readVector("p", dir.resolve("p.csv")), Csv.readVector("q", dir.resolve("q.csv")), GwLoss.SQUARE);
        GwResult r = SOLVER.solveFused(pb, Csv.readMatrix("M", dir.resolve("M.csv")), alpha, null);
        Mat T = Csv.readMatrix("T", dir.resolve("T.csv"));
        assertTrue(r.plan().maxAbsDiff(T) < 1e-8, () -> name + ": plan differs from POT by " + r.plan().maxAbsDiff(T));
        assertEquals(value, r.value(), 1e-8 * Math.abs(value), name);
    }

    @Test
    void fusedEndsAreGwAndWasserstein() {
        SplittableRandom rnd = new SplittableRandom(8);
        Mat X = Mat.zeros(20, 2);
        Mat Y = Mat.zeros(15, 2);
        for (int k = 0; k < X.data.length; k++) {
            X.data[k] = rnd.nextDouble();
        }
        for (int k = 0; k < Y.data.length; k++) {
            Y.data[k] = rnd.nextDouble();
        }
        GwProblem pb = GwProblem.of(BenchCase.sqdistNormalised(X, X), BenchCase.sqdistNormalised(Y, Y));
        Mat M = BenchCase.sqdistNormalised(X, Y);
        GwResult gw = SOLVER.solve(pb);
        GwResult one = SOLVER.solveFused(pb, M, 1.0, null);
        assertEquals(gw.value(), one.value(), 0.0);
        assertTrue(gw.plan().maxAbsDiff(one.plan()) == 0);
        GwResult zero = SOLVER.solveFused(pb, M, 0.0, null);
        double emd = new org.gwbench.emd.Emd(100_000_000L).solve(pb.p(), pb.q(), M).cost();
        assertEquals(emd, zero.value(), 1e-14);
        // the proximal modules at α = 1 (at α = 0 they are proximal-point OT, whose columns converge slowly)
        GwResult ppa1 = new PpaGw(new ProximalGwOptions(0.01, 30)).solve(pb, M, 1.0);
        assertEquals(new PpaGw(new ProximalGwOptions(0.01, 30)).solve(pb).value(), ppa1.value(), 0.0);
        GwResult badmm1 = new BadmmGw(new ProximalGwOptions(1.0, 30)).solve(pb, M, 1.0);
        assertEquals(new BadmmGw(new ProximalGwOptions(1.0, 30)).solve(pb).value(), badmm1.value(), 0.0);
    }

    @Test
    void swappingTheSpacesTransposesThePlan() {
        SplittableRandom rnd = new SplittableRandom(12);
        Mat X = Mat.zeros(9, 2);
        Mat Y = Mat.zeros(7, 3);
        for (int k = 0; k < X.data.length; k++) {
            X.data[k] = rnd.nextDouble();
        }
        for (int k = 0; k < Y.data.length; k++) {
            Y.data[k] = rnd.nextDouble();
        }
        Mat C1 = BenchCase.sqdistNormalised(X, X);
        Mat C2 = BenchCase.sqdistNormalised(Y, Y);
        GwResult ab = SOLVER.solve(GwProblem.of(C1, C2));
        GwResult ba = SOLVER.solve(GwProblem.of(C2, C1));
        assertEquals(ab.value(), ba.value(), 1e-12 * Math.abs(ab.value()));
        assertTrue(ab.plan().transpose().maxAbsDiff(ba.plan()) < 1e-10);
    }
}

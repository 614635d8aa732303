package org.gwbench.gw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gwbench.bench.BenchCase;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.junit.jupiter.api.Test;

/** The factorised products against the dense GEMMs on every combination of factored sides. */
class GwTensorLowRankTest {
    private static Mat points(SplittableRandom rnd, int n, int d) {
        Mat X = Mat.zeros(n, d);
        for (int i = 0; i < X.data.length; i++) {
            X.data[i] = rnd.nextDouble();
        }
        return X;
    }

    private static Mat fullRank(SplittableRandom rnd, int n, boolean symmetric) {
        Mat A = Mat.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                A.set(i, j, rnd.nextDouble());
            }
        }
        return symmetric ? sym(A) : A;
    }

    private static Mat sym(Mat A) {
        Mat S = A.copy();
        for (int i = 0; i < A.rows; i++) {
            for (int j = 0; j < A.cols; j++) {
                S.set(i, j, 0.5 * (A.get(i, j) + A.get(j, i)));
            }
        }
        return S;
    }

    private static Mat randomPlan(SplittableRandom rnd, int n, int m) {
        Mat T = Mat.zeros(n, m);
        for (int k = 0; k < T.data.length; k++) {
            T.data[k] = rnd.nextDouble() / (n * m);
        }
        return T;
    }

    private static void compare(GwProblem pb, String expected, long seed) {
        GwTensor lr = new GwTensor(pb, Blas.active(), true);
        GwTensor dense = new GwTensor(pb, Blas.active(), false);
        assertEquals(expected, lr.structure());
        assertEquals("dense x dense", dense.structure());
        Mat T = randomPlan(new SplittableRandom(seed), pb.n(), pb.m());
        Mat g1 = Mat.zeros(pb.n(), pb.m());
        Mat g2 = Mat.zeros(pb.n(), pb.m());
        lr.gradient(T, g1);
        dense.gradient(T, g2);
        double scale = Math.sqrt(g2.dot(g2) / g2.data.length);
        assertTrue(g1.maxAbsDiff(g2) <= 1e-11 * scale, () -> expected + ": differs by " + g1.maxAbsDiff(g2) / scale);
    }

    @Test
    void factoredMatchesDenseOnAllCombinations() {
        SplittableRandom rnd = new SplittableRandom(9);
        Mat X = points(rnd, 150, 2);
        Mat Y = points(rnd, 120, 3);
        Mat lowA = BenchCase.sqdistNormalised(X, X);
        Mat lowB = BenchCase.sqdistNormalised(Y, Y);
        Mat fullA = fullRank(rnd, 150, true);
        Mat fullB = fullRank(rnd, 120, true);
        compare(GwProblem.of(lowA, lowB), "rank 4 x rank 5", 1);
        compare(GwProblem.of(lowA, fullB), "rank 4 x dense", 2);
        compare(GwProblem.of(fullA, lowB), "dense x rank 5", 3);
        compare(GwProblem.of(fullA, fullB), "dense x dense", 4);
    }

    @Test
    void asymmetricAndKlStructures() {
        SplittableRandom rnd = new SplittableRandom(10);
        // sqdist between two different point sets: asymmetric, rank 4 (and its transpose too)
        Mat A = BenchCase.sqdistNormalised(points(rnd, 100, 2), points(rnd, 100, 2));
        Mat B = BenchCase.sqdistNormalised(points(rnd, 90, 2), points(rnd, 90, 2));
        GwProblem asym = GwProblem.of(A, B);
        assertTrue(!asym.symmetric());
        compare(asym, "rank 4 x rank 4", 5);
        // KL: h1(C1) = C1 keeps the rank, h2(C2) = log(C2 + 1e-18) does not
        double[] p = org.gwbench.problem.Check.uniform(100);
        double[] q = org.gwbench.problem.Check.uniform(90);
        Mat Bpos = B.copy();
        for (int k = 0; k < Bpos.data.length; k++) {
            Bpos.data[k] += 0.1;
        }
        compare(new GwProblem(A, Bpos, p, q, GwLoss.KL), "rank 4 x dense", 6);
    }

    @Test
    void solverGivesTheSamePlanEitherWay() {
        SplittableRandom rnd = new SplittableRandom(11);
        Mat X = points(rnd, 80, 2);
        Mat Y = points(rnd, 70, 3);
        GwProblem pb = GwProblem.of(BenchCase.sqdistNormalised(X, X), BenchCase.sqdistNormalised(Y, Y));
        EntropicGwOptions o = EntropicGwOptions.defaults(5e-2).withTol(1e-11);
        GwResult a = new EntropicGw(o).solve(pb);
        GwResult b = new EntropicGw(o.withLowRank(false)).solve(pb);
        assertEquals(a.iterations(), b.iterations());
        assertTrue(a.plan().maxAbsDiff(b.plan()) < 1e-12, () -> "plans differ by " + a.plan().maxAbsDiff(b.plan()));
        assertEquals(b.value(), a.value(), 1e-12 * Math.abs(b.value()));
    }
}

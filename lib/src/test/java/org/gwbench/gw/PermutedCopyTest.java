package org.gwbench.gw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gwbench.data.PointClouds;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Status;
import org.junit.jupiter.api.Test;

/**
 * The permuted-copy invariants of the toolbox's solvers (the exact, entropic, proximal, BAPG and partial solvers
 * have theirs in their own tests): a structure against a relabelled copy of itself costs nothing where the
 * solver can reach the matching, and where a local method cannot from its default start (srGW, low-rank GW,
 * GDL's unmixing, as POT's), relabelling changes nothing but the labels of the result.
 */
class PermutedCopyTest {
    private static final int N = 12;
    private static final int[] PERM = {3, 7, 1, 0, 9, 2, 11, 5, 6, 4, 8, 10};
    private static final Mat C = PointClouds.distances(PointClouds.spiral2d(N, 0.05, 3));
    private static final Mat CP = permuted(C, PERM);
    private static final Mat OTHER = PointClouds.distances(PointClouds.spiral2d(N, 0.05, 4));

    /** Cp_ij = C_{perm i, perm j}: node j of the copy is node perm[j] of C. */
    static Mat permuted(Mat C, int[] perm) {
        Mat Cp = Mat.zeros(perm.length, perm.length);
        for (int i = 0; i < perm.length; i++) {
            for (int j = 0; j < perm.length; j++) {
                Cp.set(i, j, C.get(perm[i], perm[j]));
            }
        }
        return Cp;
    }

    /** The matching plan of the copy: mass 1/n on (perm[j], j). */
    private static Mat matching() {
        Mat P = Mat.zeros(N, N);
        for (int j = 0; j < N; j++) {
            P.set(PERM[j], j, 1.0 / N);
        }
        return P;
    }

    /** Every row's largest entry sits on the matching. */
    private static void assertFindsTheMatching(Mat plan, String what) {
        for (int j = 0; j < N; j++) {
            int i = PERM[j];
            int best = 0;
            for (int k = 1; k < N; k++) {
                if (plan.get(i, k) > plan.get(i, best)) {
                    best = k;
                }
            }
            assertEquals(j, best, what + ": row " + i);
        }
    }

    /**
     * srGW from the product start stops at a symmetric local optimum (0.0153 here, as POT's CG); any start with a
     * tenth of its mass on the matching reaches it exactly, value 0.
     */
    @Test
    void semiRelaxedReachesTheMatchingFromATenthOfIt() {
        GwProblem pb = GwProblem.of(C, CP);
        Mat P = matching();
        for (double share : new double[] {0.9, 0.5, 0.1}) {
            Mat T0 = Mat.outer(pb.p(), pb.q());
            for (int k = 0; k < T0.data.length; k++) {
                T0.data[k] = share * P.data[k] + (1 - share) * T0.data[k];
            }
            GwResult r = new SemiRelaxedGw(SemiRelaxedGwOptions.defaults()).solve(pb, T0);
            assertEquals(Status.CONVERGED, r.status());
            assertEquals(0, r.value(), 1e-15, "share " + share);
            assertTrue(PlanMath.distance(r.plan(), P) < 1e-15, "share " + share);
        }
        GwResult other = new SemiRelaxedGw(SemiRelaxedGwOptions.defaults()).solve(GwProblem.of(C, OTHER));
        assertTrue(other.value() > 1e-4, "a different cloud costs " + other.value());
    }

    /** Unbalanced GW: the value falls with ε (KL and entropy terms only), and at ε = 1e-3 the plan is the matching. */
    @Test
    void unbalancedFallsWithEpsilonOntoTheMatching() {
        GwProblem pb = GwProblem.of(C, CP);
        double previous = Double.POSITIVE_INFINITY;
        for (double eps : new double[] {0.05, 0.01, 0.001}) {
            GwResult r = new UnbalancedGw(UnbalancedGwOptions.defaults(1, eps)).solve(pb);
            assertEquals(Status.CONVERGED, r.status(), "eps " + eps);
            assertTrue(r.value() < 5 * eps && r.value() < previous, "eps " + eps + ": " + r.value());
            previous = r.value();
        }
        assertFindsTheMatching(new UnbalancedGw(UnbalancedGwOptions.defaults(1, 0.001)).solve(pb).plan(), "UGW at 1e-3");
        double other = new UnbalancedGw(UnbalancedGwOptions.defaults(1, 0.001)).solve(GwProblem.of(C, OTHER)).value();
        assertTrue(other > 2 * previous, "a different cloud costs " + other + " against " + previous);
    }

    /**
     * Sampled GW on every seed finds the matching, ends on its marginals (near a permutation its last projection
     * is rounded onto the couplings), and costs a fraction of what a different cloud does.
     */
    @Test
    void sampledFindsTheMatchingOnEverySeed() {
        GwProblem pb = GwProblem.of(C, CP);
        for (long seed = 0; seed < 3; seed++) {
            GwResult r = new SampledGw(SampledGwOptions.defaults(seed)).solve(pb);
            assertEquals(Status.MAX_ITER, r.status(), "seed " + seed);
            assertTrue(r.marginalError() < 1e-14, "seed " + seed + ": marginals " + r.marginalError());
            assertFindsTheMatching(r.plan(), "seed " + seed);
            double other = new SampledGw(SampledGwOptions.defaults(seed)).solve(GwProblem.of(C, OTHER)).value();
            assertTrue(r.value() < 1e-3 && r.value() < other / 10, "seed " + seed + ": " + r.value() + " against " + other);
        }
    }

    /**
     * Low-rank GW between a cloud and a relabelled copy, from the relabelled start, gives the same value and the
     * relabelled factors: the mirror descent never looks at the order of the points.
     */
    @Test
    void lowRankIsBlindToTheOrderOfThePoints() {
        Mat X = PointClouds.spiral2d(N, 0.05, 3);
        Mat Y = PointClouds.helix3d(N, 0.05, 5);
        Mat Yp = Mat.zeros(N, 3);
        for (int i = 0; i < N; i++) {
            for (int d = 0; d < 3; d++) {
                Yp.set(i, d, Y.get(PERM[i], d));
            }
        }
        double[] u = Check.uniform(N);
        Mat[] A = LowRankGw.factors(X, true);
        Mat[] B = LowRankGw.factors(Y, true);
        Mat[] Bp = LowRankGw.factors(Yp, true);
        Mat Q0 = Mat.zeros(N, 3);
        Mat R0 = Mat.zeros(N, 3);
        double[] g0 = {0.5, 0.3, 0.2};
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < 3; k++) {
                Q0.set(i, k, g0[k] / N);
                R0.set(i, k, g0[k] / N * (1 + 0.3 * Math.sin(i + 2 * k)));
            }
        }
        balanceColumns(R0, g0, u);
        Mat R0p = Mat.zeros(N, 3);
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < 3; k++) {
                R0p.set(i, k, R0.get(PERM[i], k));
            }
        }
        LowRankGw.Result plain = new LowRankGw(LowRankGwOptions.defaults(3)).solve(A[0], A[1], B[0], B[1], u, u, Q0, R0, g0);
        LowRankGw.Result relabelled = new LowRankGw(LowRankGwOptions.defaults(3)).solve(A[0], A[1], Bp[0], Bp[1], u, u, Q0, R0p, g0);
        assertTrue(plain.iterations() > 10, "a real descent: " + plain.iterations() + " iterations");
        assertEquals(plain.value(), relabelled.value(), 1e-12 * plain.value());
        assertEquals(plain.iterations(), relabelled.iterations());
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(plain.R().get(PERM[i], k), relabelled.R().get(i, k), 1e-12, "R row " + i);
                assertEquals(plain.Q().get(i, k), relabelled.Q().get(i, k), 1e-12, "Q row " + i);
            }
        }
    }

    /** Scales R's rows towards u and its columns to g (Sinkhorn sweeps; the columns are exact after the last). */
    private static void balanceColumns(Mat R, double[] g, double[] u) {
        for (int sweep = 0; sweep < 200; sweep++) {
            double[] rows = R.rowSums();
            for (int i = 0; i < R.rows; i++) {
                for (int k = 0; k < R.cols; k++) {
                    R.set(i, k, R.get(i, k) * u[i] / rows[i]);
                }
            }
            double[] cols = R.colSums();
            for (int i = 0; i < R.rows; i++) {
                for (int k = 0; k < R.cols; k++) {
                    R.set(i, k, R.get(i, k) * g[k] / cols[k]);
                }
            }
        }
    }

    /**
     * GDL's unmixing: a relabelled graph gets the same weights and loss (its start p qᵀ has no order), and a
     * relabelled copy of an atom it can reach (the star, among a two-block graph and a ring) unmixes onto that
     * atom alone with loss 0.
     */
    @Test
    void unmixingIsBlindToLabelsAndRecoversAReachableAtom() {
        int nt = 8;
        Mat blocks = Mat.zeros(nt, nt);
        Mat ring = Mat.zeros(nt, nt);
        Mat star = Mat.zeros(nt, nt);
        for (int i = 0; i < nt; i++) {
            for (int j = 0; j < nt; j++) {
                blocks.set(i, j, i != j && i / 4 == j / 4 ? 1 : 0);
                ring.set(i, j, Math.abs(i - j) == 1 || Math.abs(i - j) == nt - 1 ? 1 : 0);
                star.set(i, j, i != j && (i == 0 || j == 0) ? 1 : 0);
            }
        }
        List<Mat> atoms = List.of(blocks, ring, star);
        double[] q = Check.uniform(nt);
        GwDictionary gdl = new GwDictionary(GwDictionaryOptions.defaults(3, nt));
        GwDictionary.Unmixing u = gdl.unmix(permuted(star, new int[] {5, 2, 7, 0, 3, 6, 1, 4}), Check.uniform(nt), atoms, q);
        assertArrayEquals(new double[] {0, 0, 1}, u.w(), 1e-12);
        assertEquals(0, u.loss(), 1e-12);

        List<Mat> clouds = List.of(PointClouds.distances(PointClouds.spiral2d(nt, 0.05, 7)),
                PointClouds.distances(PointClouds.helix3d(nt, 0.05, 8)), PointClouds.distances(PointClouds.spiral2d(nt, 0.3, 9)));
        GwDictionary.Unmixing plain = gdl.unmix(C, Check.uniform(N), clouds, q);
        GwDictionary.Unmixing relabelled = gdl.unmix(CP, Check.uniform(N), clouds, q);
        assertArrayEquals(plain.w(), relabelled.w(), 1e-12);
        assertEquals(plain.loss(), relabelled.loss(), 1e-12 * plain.loss());
        for (int j = 0; j < N; j++) {
            for (int k = 0; k < nt; k++) {
                assertEquals(plain.plan().get(PERM[j], k), relabelled.plan().get(j, k), 1e-12);
            }
        }
    }
}

package org.gwbench.gw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gwbench.graph.Graphs;
import org.gwbench.linalg.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProximalGwTest {
    static GwProblem pair(boolean directed, long seed) {
        Mat A = Graphs.barabasiAlbert(40, 2, seed);
        Mat B = Graphs.barabasiAlbert(40, 2, seed + 100);
        return directed ? GwProblem.of(A, B) : GwProblem.of(Graphs.symmetrised(A), Graphs.symmetrised(B));
    }

    @ParameterizedTest(name = "directed = {0}")
    @ValueSource(booleans = {false, true})
    void bothModulesLowerTheDiscrepancyAndKeepTheirMarginals(boolean directed) {
        GwProblem pb = pair(directed, 1);
        double start = new GwTensor(pb, org.gwbench.linalg.Blas.active(), false).value(Mat.outer(pb.p(), pb.q()));
        for (GwResult r : List.of(new PpaGw(new ProximalGwOptions(0.01, 60)).solve(pb),
                new BadmmGw(new ProximalGwOptions(1.0, 60)).solve(pb))) {
            assertEquals(60, r.log().size());
            assertTrue(r.value() < start, r.value() + " vs the product coupling's " + start);
            double[] rows = r.plan().rowSums();
            for (int i = 0; i < pb.n(); i++) {
                assertEquals(pb.p()[i], rows[i], 1e-14, "T1 = μs holds exactly in both modules");
            }
            for (double t : r.plan().data) {
                assertTrue(t >= 0 && Double.isFinite(t));
            }
        }
    }

    /** PPA finds it from the product coupling; BADMM (γ = 0.05) stops at a local optimum here (0.084). */
    @Test
    void ppaFindsAPermutedCopy() {
        // a weighted graph with distinct weights (so the matching is unique) against a relabelled copy
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        int n = 15;
        Mat A = Mat.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double w = rnd.nextDouble();
                A.set(i, j, w);
                A.set(j, i, w);
            }
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = (7 * i + 3) % n;
        }
        GwProblem pb = GwProblem.of(A, Graphs.permuted(A, perm));
        GwResult r = new PpaGw(new ProximalGwOptions(0.01, 500)).solve(pb);
        assertEquals(0.0, r.value(), 1e-6);
        for (int j = 0; j < n; j++) {
            assertEquals(1.0 / n, r.plan().get(perm[j], j), 1e-6, "T matches node perm[j] to node j");
        }
    }

    @Test
    void theDiscrepancyIsTheGwValueOfThePlan() {
        GwProblem pb = pair(false, 2);
        GwResult r = new PpaGw(new ProximalGwOptions(0.01, 20)).solve(pb);
        // with the rows exact and the columns close, ⟨Cst − 2CsTCtᵀ, T⟩ is the GW value up to the column error
        double gw = new GwTensor(pb, org.gwbench.linalg.Blas.active(), false).value(r.plan());
        assertEquals(gw, r.value(), 10 * r.marginalError() * Math.abs(gw) + 1e-12);
    }
}

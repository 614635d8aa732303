package org.gwbench.gw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.gwbench.data.Csv;
import org.gwbench.graph.Graphs;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.ProgressListener;
import org.junit.jupiter.api.Test;

class GwBarycenterTest {
    static final GwBarycenter.Options OPT = new GwBarycenter.Options(100, 1e-9);

    /** POT 0.9.7's gromov_barycenters from the same start (resources/pot/make_fixtures.py). */
    @Test
    void sameBarycenterAsPot() {
        Path dir = Path.of("src/test/resources/pot/gw_barycenter");
        Mat Ca = Csv.readMatrix("Ca", dir.resolve("Ca.csv"));
        Mat Cb = Csv.readMatrix("Cb", dir.resolve("Cb.csv"));
        Mat C0 = Csv.readMatrix("C0", dir.resolve("C0.csv"));
        Mat expected = Csv.readMatrix("C", dir.resolve("C.csv"));
        GwBarycenter.Result r = GwBarycenter.exact(OPT).solve(List.of(Ca, Cb), List.of(Check.uniform(8), Check.uniform(7)),
                new double[] {0.3, 0.7}, Check.uniform(5), C0, GwLoss.SQUARE);
        assertTrue(r.structure().maxAbsDiff(expected) < 1e-8, () -> "differs from POT by " + r.structure().maxAbsDiff(expected));
    }

    private static double[] sorted(Mat A) {
        double[] x = A.data.clone();
        Arrays.sort(x);
        return x;
    }

    /**
     * A one-node barycenter (square loss) has a single entry: the weighted mean of all entries of the inputs,
     * Σ_s λ_s pᵀC_s p. Its random start used to divide 0 by 0.
     */
    @Test
    void oneNodeBarycenterIsTheWeightedMeanEntry() {
        Mat A = Graphs.symmetrised(Graphs.barabasiAlbert(6, 2, 1));
        Mat B = Graphs.symmetrised(Graphs.barabasiAlbert(9, 2, 2));
        double[] lambdas = {0.25, 0.75};
        Mat B0 = GwBarycenter.randomStructure(1, 5);
        assertEquals(0, B0.get(0, 0), 0);
        GwBarycenter.Result r = GwBarycenter.exact(OPT).solve(List.of(A, B), List.of(Check.uniform(6), Check.uniform(9)),
                lambdas, Check.uniform(1), B0, GwLoss.SQUARE);
        double expected = 0.25 * mean(A) + 0.75 * mean(B);
        assertEquals(expected, r.structure().get(0, 0), 1e-12);
    }

    private static double mean(Mat C) {
        return Arrays.stream(C.data).sum() / C.data.length;
    }

    @Test
    void barycenterOfIdenticalGraphsIsThatGraph() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 8;
        Mat C = Mat.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double w = rnd.nextDouble();
                C.set(i, j, w);
                C.set(j, i, w);
            }
        }
        double[] u = Check.uniform(n);
        List<GwSolver> inners = List.of(new ExactGw(ExactGwOptions.defaults()), new PpaGw(new ProximalGwOptions(0.01, 300)));
        for (GwSolver inner : inners) {
            GwBarycenter.Result r = new GwBarycenter(new GwBarycenter.Options(30, 1e-10), inner, ProgressListener.NONE)
                    .solve(List.of(C, C), List.of(u, u), new double[] {0.5, 0.5}, u, GwBarycenter.randomStructure(n, 4), GwLoss.SQUARE);
            double[] a = sorted(r.structure());
            double[] b = sorted(C);
            for (int k = 0; k < a.length; k++) {
                assertEquals(b[k], a[k], 1e-6, "entries of B are those of C (B = P C Pᵀ)");
            }
            assertEquals(0.0, r.objective()[r.objective().length - 1], 1e-6);
        }
    }

    @Test
    void fusedBarycenterAveragesFeaturesAndKlStaysPositive() {
        Mat A = Graphs.symmetrised(Graphs.barabasiAlbert(10, 2, 1));
        Mat B = Graphs.symmetrised(Graphs.barabasiAlbert(10, 2, 2));
        Mat F = Mat.zeros(10, 1);
        Mat G = Mat.zeros(10, 1);
        for (int i = 0; i < 10; i++) {
            F.set(i, 0, 1.0);
            G.set(i, 0, 3.0);
        }
        double[] u = Check.uniform(10);
        GwBarycenter bary = GwBarycenter.exact(new GwBarycenter.Options(20, 1e-9));
        GwBarycenter.Result r = bary.solveFused(List.of(A, B), List.of(F, G), List.of(u, u), new double[] {0.25, 0.75},
                Check.uniform(6), GwBarycenter.randomStructure(6, 5), Mat.zeros(6, 1), 0.5, GwLoss.SQUARE);
        for (int i = 0; i < 6; i++) {
            assertEquals(0.25 * 1 + 0.75 * 3, r.features().get(i, 0), 1e-12, "constant features average with λ");
        }
        Mat Ap = A.copy();
        Mat Bp = B.copy();
        for (int k = 0; k < Ap.data.length; k++) {
            Ap.data[k] += 0.1;
            Bp.data[k] += 0.1;
        }
        GwBarycenter.Result kl = bary.solve(List.of(Ap, Bp), List.of(u, u), new double[] {0.5, 0.5}, Check.uniform(6),
                GwBarycenter.randomStructure(6, 6), GwLoss.KL);
        for (double x : kl.structure().data) {
            assertTrue(x > 0 && Double.isFinite(x));
        }
        assertThrows(IllegalArgumentException.class, () -> bary.solve(List.of(A), List.of(u, u), new double[] {1},
                Check.uniform(6), GwBarycenter.randomStructure(6, 6), GwLoss.SQUARE));
    }
}

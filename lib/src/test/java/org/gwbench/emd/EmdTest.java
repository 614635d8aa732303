package org.gwbench.emd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Optimality is certified without a reference solver: a feasible plan and feasible duals
 * (u_i + v_j ≤ C_ij) with equal objectives are both optimal (LP strong duality).
 */
class EmdTest {
    static double[] simplex(SplittableRandom rnd, int n) {
        double[] x = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            x[i] = 0.1 + rnd.nextDouble();
            s += x[i];
        }
        for (int i = 0; i < n; i++) {
            x[i] /= s;
        }
        return x;
    }

    @ParameterizedTest(name = "{0}x{1}, seed {2}")
    @CsvSource({"1, 1, 1", "1, 7, 2", "6, 1, 3", "5, 3, 4", "40, 30, 5", "200, 150, 6", "300, 300, 7"})
    void primalAndDualCertifyOptimality(int n, int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a = simplex(rnd, n);
        double[] b = simplex(rnd, m);
        Mat C = Mat.zeros(n, m);
        for (int k = 0; k < C.data.length; k++) {
            C.data[k] = rnd.nextDouble();
        }
        Emd.Result r = Emd.defaults().solve(a, b, C);
        assertTrue(r.converged());
        double[] rows = r.plan().rowSums();
        double[] cols = r.plan().colSums();
        for (int i = 0; i < n; i++) {
            assertEquals(a[i], rows[i], 1e-14);
        }
        for (int j = 0; j < m; j++) {
            assertEquals(b[j], cols[j], 1e-14);
        }
        double dual = 0;
        for (int i = 0; i < n; i++) {
            dual += r.u()[i] * a[i];
        }
        for (int j = 0; j < m; j++) {
            dual += r.v()[j] * b[j];
        }
        assertEquals(r.cost(), dual, 1e-13, "strong duality");
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                assertTrue(C.get(i, j) - r.u()[i] - r.v()[j] >= -1e-12, "dual feasibility at (" + i + ", " + j + ")");
                assertTrue(r.plan().get(i, j) >= 0);
            }
        }
    }

    @Test
    void uniformSquareProblemsHaveAPermutationOptimum() {
        // a reversed 1-D grid against itself under |x − y|²: the identity is optimal, cost 0
        int n = 30;
        Mat C = Mat.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                C.set(i, j, Math.pow(i - (n - 1 - j), 2));
            }
        }
        double[] w = Check.uniform(n);
        Emd.Result r = Emd.defaults().solve(w, w, C);
        assertEquals(0.0, r.cost(), 1e-15);
        for (int i = 0; i < n; i++) {
            assertEquals(1.0 / n, r.plan().get(i, n - 1 - i), 1e-15);
        }
    }

    @Test
    void badInputNamesTheParameter() {
        Mat C = Mat.zeros(2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Emd.defaults().solve(new double[] {0.5, 0.6}, new double[] {0.5, 0.5}, C));
        assertTrue(e.getMessage().startsWith("a "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Emd(0));
    }
}

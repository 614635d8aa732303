package org.gwbench.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gwbench.linalg.Mat;
import org.junit.jupiter.api.Test;

class GraphsTest {
    @Test
    void barabasiAlbertHasTheRightEdgeCountAndIsSeeded() {
        Mat A = Graphs.barabasiAlbert(100, 2, 7);
        double edges = 0;
        for (double x : A.data) {
            edges += x;
        }
        assertEquals(3 + 97 * 2, edges, 0, "a 3-cycle, then 2 edges per new node");
        for (int i = 0; i < 100; i++) {
            assertEquals(0.0, A.get(i, i), 0.0, "no self-loops");
        }
        assertEquals(0.0, A.maxAbsDiff(Graphs.barabasiAlbert(100, 2, 7)), 0.0, "same seed, same graph");
        assertTrue(A.maxAbsDiff(Graphs.barabasiAlbert(100, 2, 8)) > 0);
        assertTrue(!A.isSymmetric(0) && Graphs.symmetrised(A).isSymmetric(0));
        // preferential attachment: the oldest nodes collect most in-edges
        double early = 0;
        double late = 0;
        for (int j = 0; j < 10; j++) {
            for (int i = 0; i < 100; i++) {
                early += A.get(i, j);
                late += A.get(i, 90 + j);
            }
        }
        assertTrue(early > 3 * late, early + " vs " + late);
    }

    @Test
    void shortestPathsOnAPathGraph() {
        Mat A = Mat.zeros(4, 4);
        for (int i = 0; i < 3; i++) {
            A.set(i, i + 1, 1);
        }
        Mat D = Graphs.shortestPaths(A, 99);
        assertEquals(3.0, D.get(0, 3), 0);
        assertEquals(99.0, D.get(3, 0), 0, "directed: no way back");
        Mat U = Graphs.shortestPaths(Graphs.symmetrised(A), 99);
        assertEquals(3.0, U.get(3, 0), 0);
        assertTrue(U.isSymmetric(0));
    }

    @Test
    void shortestPathsAgreeWithFloydWarshall() {
        for (int seed = 0; seed < 5; seed++) {
            // sparse directed graphs: several components and one-way paths
            Mat A = Graphs.erdosRenyi(40, 0.04, true, seed);
            int n = A.rows;
            double inf = 1e9;
            double[][] F = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    F[i][j] = i == j ? 0 : A.get(i, j) != 0 ? 1 : inf;
                }
            }
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        F[i][j] = Math.min(F[i][j], F[i][k] + F[k][j]);
                    }
                }
            }
            Mat D = Graphs.shortestPaths(A, -7);
            int unreachable = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(F[i][j] >= inf ? -7 : F[i][j], D.get(i, j), 0, "seed " + seed + " pair " + i + "," + j);
                    unreachable += F[i][j] >= inf ? 1 : 0;
                }
            }
            assertTrue(unreachable > 0, "the test graph has unreachable pairs");
        }
    }

    @Test
    void distributionsAndErdosRenyi() {
        Mat A = Graphs.erdosRenyi(30, 0.2, false, 3);
        assertTrue(A.isSymmetric(0));
        double[] w = Graphs.degreeDistribution(A);
        double s = 0;
        for (double x : w) {
            s += x;
            assertTrue(x > 0);
        }
        assertEquals(1.0, s, 1e-14);
        assertThrows(IllegalArgumentException.class, () -> Graphs.erdosRenyi(5, 1.5, true, 1));
        assertThrows(IllegalArgumentException.class, () -> Graphs.barabasiAlbert(2, 2, 1));
        int[] perm = {2, 0, 1};
        Mat B = Mat.of(new double[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}});
        assertEquals(B.get(perm[0], perm[1]), Graphs.permuted(B, perm).get(0, 1), 0);
    }
}

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

package org.gwbench.gw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.gwbench.graph.Graphs;
import org.gwbench.linalg.Distances;
import org.gwbench.linalg.Mat;
import org.junit.jupiter.api.Test;

/** The solver interface: every family takes a problem, the fused term travels in it. */
class GwSolverTest {
    private static Mat features(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Mat F = Mat.zeros(n, 2);
        for (int k = 0; k < F.data.length; k++) {
            F.data[k] = r.nextGaussian();
        }
        return F;
    }

    private static GwProblem plain() {
        return GwProblem.of(Graphs.symmetrised(Graphs.barabasiAlbert(14, 2, 1)), Graphs.symmetrised(Graphs.barabasiAlbert(11, 2, 2)));
    }

    /** A fused problem gives each solver the same plan as its explicit fused call (bit for bit). */
    @Test
    void theFusedTermInTheProblemIsTheExplicitFusedSolve() {
        GwProblem pb = plain();
        Mat F1 = features(14, 3);
        Mat F2 = features(11, 4);
        Mat M = Distances.squared(F1, F2);
        GwProblem fused = GwProblem.fused(pb.C1(), pb.C2(), F1, F2, 0.3);
        assertEquals(0.3, fused.alpha(), 0);
        assertArrayEquals(M.data, fused.M().data, 0);
        ExactGw cg = new ExactGw(ExactGwOptions.defaults());
        assertArrayEquals(cg.solveFused(pb, M, 0.3, null).plan().data, cg.solve(fused).plan().data, 0);
        PpaGw ppa = new PpaGw(new ProximalGwOptions(0.05, 20));
        assertArrayEquals(ppa.solve(pb, M, 0.3).plan().data, ppa.solve(fused).plan().data, 0);
        BadmmGw badmm = new BadmmGw(new ProximalGwOptions(1.0, 20));
        assertArrayEquals(badmm.solve(pb, M, 0.3).plan().data, badmm.solve(fused).plan().data, 0);
        // the feature term changes the plan: it is not dropped on the way
        assertTrue(!java.util.Arrays.equals(cg.solve(pb).plan().data, cg.solve(fused).plan().data));
        assertArrayEquals(cg.solve(pb).plan().data, cg.solve(fused.withoutFused()).plan().data, 0);
    }

    @Test
    void everyFamilyIsASolverOfThePlainProblem() {
        GwProblem pb = plain();
        for (GwSolver s : List.of(new ExactGw(ExactGwOptions.defaults()), new EntropicGw(EntropicGwOptions.defaults(0.1)),
                new PpaGw(new ProximalGwOptions(0.05, 30)), new BadmmGw(new ProximalGwOptions(1.0, 30)))) {
            GwResult r = s.solve(pb);
            assertTrue(Double.isFinite(r.value()) && r.value() >= 0, s.name() + ": " + r.value());
            assertEquals(14, r.plan().rows, s.name());
            assertEquals(11, r.plan().cols, s.name());
        }
    }

    /** What the accessors hand out is a copy: writing to it cannot change a checked problem or a later solve. */
    @Test
    void aProblemCannotBeChangedThroughItsAccessors() {
        GwProblem pb = plain().withFused(Distances.squared(features(14, 3), features(11, 4)), 0.5);
        GwResult before = new ExactGw(ExactGwOptions.defaults()).solve(pb);
        pb.C1().data[1] = 1e6;
        pb.C2().data[1] = Double.NaN;
        pb.M().data[0] = -7;
        pb.p()[0] = 2;
        assertEquals(plain().C1().get(0, 1), pb.C1().get(0, 1), 0);
        assertTrue(Double.isFinite(pb.C2().get(0, 1)));
        assertEquals(before.value(), new ExactGw(ExactGwOptions.defaults()).solve(pb).value(), 0);
    }

    @Test
    void badFusedInputNamesTheParameter() {
        GwProblem pb = plain();
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> pb.withFused(Mat.zeros(3, 3), 0.5));
        assertTrue(shape.getMessage().startsWith("M has shape 3x3, expected 14x11"), shape.getMessage());
        IllegalArgumentException alpha = assertThrows(IllegalArgumentException.class, () -> pb.withFused(Mat.zeros(14, 11), 1.5));
        assertTrue(alpha.getMessage().startsWith("alpha must be in [0, 1]"), alpha.getMessage());
        Mat nan = Mat.zeros(14, 11);
        nan.data[5] = Double.NaN;
        IllegalArgumentException finite = assertThrows(IllegalArgumentException.class, () -> pb.withFused(nan, 0.5));
        assertTrue(finite.getMessage().startsWith("M "), finite.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new ExactGw(ExactGwOptions.defaults()).solveFused(pb, null, 0.5, null));
        assertTrue(missing.getMessage().startsWith("M (the feature cost) is missing"), missing.getMessage());
    }
}

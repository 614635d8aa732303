package org.gwbench.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.gwbench.gw.EntropicGw;
import org.gwbench.gw.EntropicGwOptions;
import org.gwbench.gw.GwProblem;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void aLineNamesTheUnitTheValuesTheTimeAndTheEta() {
        Progress p = new Progress("epoch", 3, 10, 1.25, 2.9166, List.of(new Progress.Value("loss", 0.125)));
        assertEquals("AIDS: epoch 3/10, loss 0.125000, 1.3 s, ETA 3 s", p.line("AIDS"));
        Progress two = new Progress("iteration", 1, 5, 0, Double.NaN,
                List.of(new Progress.Value("L_T", 1), new Progress.Value("L_f", -2)));
        assertEquals("x: iteration 1/5, L_T 1.00000, L_f -2.00000, 0.0 s", two.line("x"));
        assertEquals(-2, two.value("L_f"));
        assertEquals(1, two.value());
        assertTrue(Double.isNaN(two.value("nothing")));
        assertThrows(IllegalArgumentException.class, () -> new Progress("x", 1, 1, 0, 0, List.of()));
    }

    @Test
    void theEtaIsTheTimePerStepDoneTimesTheStepsLeft() {
        assertEquals(6.0, Progress.eta(2.0, 4, 16), 1e-15);
        assertEquals(0.0, Progress.eta(2.0, 16, 16), 0);
        assertTrue(Double.isNaN(Progress.eta(2.0, 0, 16)));
    }

    @Test
    void aPrinterPrintsAboutTheLinesAskedForWithTheFirstAndLastStep() {
        List<String> lines = printed(ProgressListener.printing("run", 10).with("seed 2"), 95);
        assertEquals("run seed 2: step 1/95", lines.get(0).substring(0, lines.get(0).indexOf(',')));
        assertTrue(lines.get(lines.size() - 1).startsWith("run seed 2: step 95/95,"), lines.toString());
        assertEquals(1 + 10 + 1, lines.size(), lines.toString()); // 1; 9, 18, …, 90; 95
        assertEquals(95, printed(ProgressListener.printing("run"), 95).size());
    }

    @Test
    void aSolverReportsEachIterationToItsListener() {
        Mat C1 = Mat.of(new double[][] {{0, 1, 2}, {1, 0, 1}, {2, 1, 0}});
        Mat C2 = Mat.of(new double[][] {{0, 2, 1}, {2, 0, 1}, {1, 1, 0}});
        List<Progress> seen = new ArrayList<>();
        EntropicGw solver = new EntropicGw(EntropicGwOptions.defaults(0.1).withMaxIter(7), Blas.active(), seen::add);
        int iterations = solver.solve(GwProblem.of(C1, C2)).iterations();
        assertTrue(iterations > 0);
        assertEquals(iterations, seen.size());
        for (int k = 0; k < seen.size(); k++) {
            assertEquals(k + 1, seen.get(k).step());
            assertEquals(7, seen.get(k).steps());
            assertEquals("iteration", seen.get(k).unit());
            assertTrue(seen.get(k).seconds() >= 0);
        }
    }

    private static List<String> printed(ProgressListener l, int steps) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            for (int k = 1; k <= steps; k++) {
                l.onProgress(Progress.of("step", k, steps, System.nanoTime(), "loss", 1.0 / k));
            }
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8).lines().toList();
    }
}

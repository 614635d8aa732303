package org.gwbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.gwbench.data.PointClouds;
import org.gwbench.gaussian.Gaussians;
import org.gwbench.gw.BadmmGw;
import org.gwbench.gw.BapgGw;
import org.gwbench.gw.BapgGwOptions;
import org.gwbench.gw.EntropicGw;
import org.gwbench.gw.EntropicGwOptions;
import org.gwbench.gw.EntropicSemiRelaxedGw;
import org.gwbench.gw.ExactGw;
import org.gwbench.gw.ExactGwOptions;
import org.gwbench.gw.GwBarycenter;
import org.gwbench.gw.GwLoss;
import org.gwbench.gw.GwProblem;
import org.gwbench.gw.GwResult;
import org.gwbench.gw.GwSolver;
import org.gwbench.gw.GwDictionary;
import org.gwbench.gw.GwDictionaryOptions;
import org.gwbench.gw.LowRankGw;
import org.gwbench.gw.LowRankGwOptions;
import org.gwbench.gw.PartialGw;
import org.gwbench.gw.PartialGwOptions;
import org.gwbench.gw.PpaGw;
import org.gwbench.gw.ProximalGwOptions;
import org.gwbench.gw.SampledGw;
import org.gwbench.gw.SampledGwOptions;
import org.gwbench.gw.SemiRelaxedGw;
import org.gwbench.gw.SemiRelaxedGwOptions;
import org.gwbench.gw.UnbalancedGw;
import org.gwbench.gw.UnbalancedGwOptions;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Distances;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.ProgressListener;
import org.gwbench.problem.Status;
import org.gwbench.sinkhorn.EpsilonScaling;
import org.gwbench.sinkhorn.Sinkhorn;
import org.gwbench.sinkhorn.SinkhornGradient;
import org.gwbench.sinkhorn.SinkhornLog;
import org.gwbench.sinkhorn.SinkhornResult;
import org.gwbench.sinkhorn.UnbalancedSinkhorn;
import org.gwbench.sinkhorn.UnrolledSinkhorn;
import org.junit.jupiter.api.Test;

/** The README's one-screen API section, line for line (between the data set-up and the checks). */
class ReadmeApiTest {
    /** Code lines without comments and whitespace, for comparing the README with this test. */
    static List<String> codeLines(List<String> lines) {
        List<String> out = new java.util.ArrayList<>();
        for (String l : lines) {
            String code = l.replaceAll("//.*$", "").strip();
            if (!code.isEmpty()) {
                out.add(code);
            }
        }
        return out;
    }

    @Test
    void theReadmeShowsTheseLines() throws java.io.IOException {
        List<String> test = java.nio.file.Files.readAllLines(java.nio.file.Path.of("src/test/java/org/gwbench/ReadmeApiTest.java"));
        List<String> ours = codeLines(test.subList(test.indexOf("        // --- README lines") + 1, test.indexOf("        // --- end of the README lines")));
        List<String> readme = java.nio.file.Files.readAllLines(java.nio.file.Path.of("../README.md"));
        int start = readme.indexOf("## The Java API in one screen");
        int open = readme.subList(start, readme.size()).indexOf("```java") + start;
        int close = readme.subList(open + 1, readme.size()).indexOf("```") + open + 1;
        assertEquals(codeLines(readme.subList(open + 1, close)), ours);
    }

    @Test
    void theReadmesApiLinesRun() {
        SplittableRandom rnd = new SplittableRandom(1);
        Mat X = PointClouds.spiral2d(12, 0.05, 1);
        Mat Y = PointClouds.helix3d(10, 0.05, 2);
        Mat C1 = PointClouds.distances(X);
        Mat C2 = PointClouds.distances(Y);
        Mat F1 = X;
        Mat F2 = Mat.zeros(10, 2);
        for (int k = 0; k < F2.data.length; k++) {
            F2.data[k] = rnd.nextGaussian();
        }
        double[] a = Check.uniform(12);
        double[] b = Check.uniform(10);
        double[] p1 = a;
        Mat M = Distances.byMax(Distances.squared(F1, F2));
        Mat cov1 = Gaussians.randomCovariance(3, 0.5, 2, rnd);
        Mat cov2 = Gaussians.randomCovariance(2, 0.5, 2, rnd);

        // --- README lines
        SinkhornResult ot = Sinkhorn.defaults().solve(a, b, M, 0.05);
        SinkhornResult otLog = SinkhornLog.defaults().solve(a, b, M, 0.01);
        SinkhornResult otScaled = EpsilonScaling.defaults().solve(a, b, M, 0.001);
        UnbalancedSinkhorn.Result uot = UnbalancedSinkhorn.defaults().solve(a, b, M, 0.05, 1.0);
        SinkhornGradient d = new UnrolledSinkhorn(UnrolledSinkhorn.Method.AUTO, 200, 1e-9).solve(a, b, M, 0.05);
        GwProblem pb = GwProblem.of(C1, C2);
        GwSolver exact = new ExactGw(ExactGwOptions.defaults());
        GwSolver entropic = new EntropicGw(EntropicGwOptions.defaults(5e-3));
        GwSolver ppa = new PpaGw(new ProximalGwOptions(0.01, 50));
        GwSolver badmm = new BadmmGw(new ProximalGwOptions(1.0, 50).withTol(1e-9));
        GwSolver bapg = new BapgGw(BapgGwOptions.defaults(1.0));
        GwSolver srgw = new EntropicSemiRelaxedGw(0.05);
        GwSolver srgwCg = new SemiRelaxedGw(SemiRelaxedGwOptions.defaults());
        GwSolver partial = new PartialGw(PartialGwOptions.defaults(0.7));
        GwSolver unbalanced = new UnbalancedGw(UnbalancedGwOptions.defaults(1.0, 0.05));
        GwSolver sampled = new SampledGw(SampledGwOptions.defaults(0).withMaxIter(50));
        LowRankGw.Result lr = new LowRankGw(LowRankGwOptions.defaults(10)).solve(X, Y, a, b);
        GwDictionary.Unmixing u = new GwDictionary(GwDictionaryOptions.defaults(2, 12)).unmix(C2, b, List.of(C1, PointClouds.distances(X)), a);
        GwResult r = exact.solve(pb);
        GwProblem fused = GwProblem.fused(C1, C2, F1, F2, 0.5);
        GwResult f = exact.solve(fused);
        GwBarycenter.Result bary = new GwBarycenter(new GwBarycenter.Options(20, 1e-9), exact, ProgressListener.NONE)
                .solve(List.of(C1, C1), List.of(p1, p1), new double[] {0.5, 0.5}, Check.uniform(8), GwBarycenter.randomStructure(8, 0), GwLoss.SQUARE);
        GwSolver chatty = new EntropicGw(EntropicGwOptions.defaults(5e-3), Blas.active(), ProgressListener.printing("gw", 10));
        double ig = Gaussians.innerGw2(cov1, cov2);
        // --- end of the README lines

        assertEquals(Status.CONVERGED, ot.status());
        assertEquals(Status.CONVERGED, otLog.status());
        assertEquals(Status.CONVERGED, otScaled.status());
        assertEquals(Status.CONVERGED, r.status());
        assertEquals(Status.CONVERGED, f.status());
        assertEquals(Status.CONVERGED, uot.status());
        assertTrue(d.marginalError() < 1e-8 && d.hasGradients() && d.gradM().rows == 12, "unrolled: " + d.marginalError());
        for (GwSolver s : List.of(entropic, ppa, badmm, bapg, srgw, srgwCg, partial, unbalanced, sampled)) {
            assertTrue(Double.isFinite(s.solve(pb).value()), s.name());
        }
        assertEquals(entropic.solve(pb).value(), chatty.solve(pb).value(), 0, "a listener does not change the result");
        assertEquals(8, bary.structure().rows);
        assertEquals(1.0, u.w()[0] + u.w()[1], 1e-12);
        assertTrue(lr.value() > 0 && lr.Q().cols == 10, "low-rank GW: " + lr.value());
        assertTrue(ig >= 0);
    }
}

package org.gwbench.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.gwbench.data.PointClouds;
import org.gwbench.linalg.Mat;
import org.gwbench.sinkhorn.SinkhornProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EzuzGwTest {
    @ParameterizedTest(name = "n = {0}, seed = {1}")
    @CsvSource({"3, 1", "8, 2", "20, 3", "40, 4"})
    void everyDerivativeMatchesCentralDifferences(int n, long seed) {
        List<GradCheck.Entry> entries = GradCheck.ezuzGw(n, seed, 2);
        assertEquals(10, entries.size());
        for (GradCheck.Entry e : entries) {
            assertTrue(e.relError() <= 1e-6, () -> e.quantity() + ": analytic " + e.analytic() + ", numeric "
                    + e.numeric() + ", rel " + e.relError());
        }
    }

    @Test
    void projectionMeetsItsConstraints() {
        SplittableRandom rnd = new SplittableRandom(5);
        EzuzInstance in = EzuzInstance.random(12, 9, rnd);
        Mat K = GradCheck.positive(rnd, 12, 9);
        SinkhornProjection.Result r = SinkhornProjection.project(K, in.mu0(), in.mu(), SinkhornProjection.Options.defaults());
        assertTrue(r.converged());
        Mat G = r.gamma();
        for (int i = 0; i < 12; i++) {
            double s = 0;
            for (int j = 0; j < 9; j++) {
                s += G.get(i, j) * in.mu()[j];
            }
            assertEquals(1.0, s, 1e-13, "Γμ = 1");
        }
        for (int j = 0; j < 9; j++) {
            double s = 0;
            for (int i = 0; i < 12; i++) {
                s += G.get(i, j) * in.mu0()[i];
            }
            assertEquals(1.0, s, 1e-13, "Γᵀμ0 = 1");
        }
        assertEquals(sum(r.v()), sum(r.w()), 1e-12 * sum(r.v()), "1ᵀv = 1ᵀw (eq. 4)");
    }

    /** Eq. 6–8: the tangent of the bordered system for dK = e_i e_jᵀ and for a dense dK. */
    @Test
    void borderedSolutionSatisfiesTheLinearisedConditions() {
        SplittableRandom rnd = new SplittableRandom(6);
        int n = 10;
        int m = 7;
        EzuzInstance in = EzuzInstance.random(n, m, rnd);
        Mat K = GradCheck.positive(rnd, n, m);
        SinkhornProjection.Result r = SinkhornProjection.project(K, in.mu0(), in.mu(), SinkhornProjection.Options.defaults());
        Mat unit = Mat.zeros(n, m);
        unit.set(3, 5, 1.0);
        for (Mat dK : new Mat[] {unit, GradCheck.relative(rnd, K)}) {
            SinkhornProjection.Tangent t = SinkhornProjection.jvp(r, dK);
            double[] v = r.v();
            double[] w = r.w();
            double[] mu0 = in.mu0();
            double[] mu = in.mu();
            for (int i = 0; i < n; i++) {
                // eq. 6: dv_i (K(w⊙μ))_i + v_i (dK (w⊙μ))_i + v_i (K [μ] dw)_i = 0
                double kw = 0;
                double dkw = 0;
                double kdw = 0;
                for (int j = 0; j < m; j++) {
                    kw += K.get(i, j) * w[j] * mu[j];
                    dkw += dK.get(i, j) * w[j] * mu[j];
                    kdw += K.get(i, j) * mu[j] * t.dw()[j];
                }
                assertEquals(0.0, t.dv()[i] * kw + v[i] * dkw + v[i] * kdw, 1e-10, "eq. 6, row " + i);
            }
            for (int j = 0; j < m; j++) {
                double kv = 0;
                double dkv = 0;
                double kdv = 0;
                for (int i = 0; i < n; i++) {
                    kv += K.get(i, j) * v[i] * mu0[i];
                    dkv += dK.get(i, j) * v[i] * mu0[i];
                    kdv += K.get(i, j) * mu0[i] * t.dv()[i];
                }
                assertEquals(0.0, t.dw()[j] * kv + w[j] * dkv + w[j] * kdv, 1e-10, "eq. 7, column " + j);
            }
            assertEquals(sum(t.dv()), sum(t.dw()), 1e-10, "eq. 8");
        }
    }

    @Test
    void reverseModeIsTheAdjointOfForwardMode() {
        SplittableRandom rnd = new SplittableRandom(7);
        EzuzInstance in = EzuzInstance.random(9, 13, rnd);
        Mat K = GradCheck.positive(rnd, 9, 13);
        SinkhornProjection.Result r = SinkhornProjection.project(K, in.mu0(), in.mu(), SinkhornProjection.Options.defaults());
        for (int trial = 0; trial < 3; trial++) {
            Mat dK = GradCheck.relative(rnd, K);
            Mat G = GradCheck.relative(rnd, GradCheck.positive(rnd, 9, 13));
            double forward = G.dot(SinkhornProjection.jvp(r, dK).dGamma());
            double reverse = SinkhornProjection.vjp(r, G).dot(dK);
            assertEquals(forward, reverse, 1e-11 * Math.max(1, Math.abs(forward)));
        }
    }

    /** Slow on purpose: reverse mode through every Sinkhorn iteration, as an independent check. */
    @Test
    void implicitGradientEqualsTheUnrolledOne() {
        SplittableRandom rnd = new SplittableRandom(8);
        EzuzInstance in = EzuzInstance.random(8, 6, rnd);
        Mat K = GradCheck.positive(rnd, 8, 6);
        SinkhornProjection.Result r = SinkhornProjection.project(K, in.mu0(), in.mu(), SinkhornProjection.Options.defaults());
        Mat G = GradCheck.relative(rnd, GradCheck.positive(rnd, 8, 6));
        Mat implicit = SinkhornProjection.vjp(r, G);
        Mat unrolled = UnrolledProjection.gradient(K, in.mu0(), in.mu(), r.iterations(), G);
        double scale = Math.sqrt(implicit.dot(implicit));
        assertTrue(implicit.maxAbsDiff(unrolled) < 1e-9 * scale,
                () -> "implicit vs unrolled differ by " + implicit.maxAbsDiff(unrolled) / scale);
    }

    @Test
    void iterationDecreasesTheGwObjective() {
        // a spiral against a rotated, slightly noisy copy of itself: GW should fall from the product coupling
        Mat X = PointClouds.spiral2d(40, 0.0, 3);
        Mat Y = PointClouds.spiral2d(40, 0.02, 4);
        Mat D0 = PointClouds.distances(X);
        Mat D = PointClouds.distances(Y);
        double[] mu = org.gwbench.problem.Check.uniform(40);
        EzuzGw layer = new EzuzGw(new EzuzGwOptions(30, 0.01, 0.5, SinkhornProjection.Options.defaults()));
        EzuzGw.Forward f = layer.forward(D0, D, mu, mu);
        List<Double> v = f.gwValues();
        for (int i = 1; i < v.size(); i++) {
            assertTrue(v.get(i) <= v.get(i - 1) * (1 + 1e-12), "GW rose at iteration " + i + ": " + v);
        }
        assertTrue(v.get(v.size() - 1) < 0.5 * v.get(0), "GW fell by less than half: " + v);
    }

    @Test
    void badInputNamesTheParameter() {
        assertThrows(IllegalArgumentException.class, () -> new EzuzGwOptions(3, 0.1, 1.5, SinkhornProjection.Options.defaults()),
                "eta");
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> EzuzGwOptions.defaults(0));
        assertTrue(a.getMessage().contains("alpha"), a.getMessage());
        Mat D0 = PointClouds.distances(PointClouds.spiral2d(5, 0, 1));
        Mat bad = D0.copy();
        bad.set(0, 1, bad.get(0, 1) + 0.5);
        double[] mu = org.gwbench.problem.Check.uniform(5);
        EzuzGw layer = new EzuzGw(EzuzGwOptions.defaults(0.1));
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> layer.forward(D0, bad, mu, mu));
        assertTrue(s.getMessage().startsWith("D must be symmetric"), s.getMessage());
        EzuzGw tiny = new EzuzGw(EzuzGwOptions.defaults(1e-5));
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> tiny.forward(D0, D0, mu, mu));
        assertTrue(u.getMessage().contains("alpha"), u.getMessage());
    }

    private static double sum(double[] x) {
        double s = 0;
        for (double t : x) {
            s += t;
        }
        return s;
    }
}

package org.gwbench.gw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.gwbench.data.Csv;
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

    /**
     * Sparse structures (graphs, GWF atoms) are multiplied over their non-zeros, dense ones by the BLAS:
     * both paths give the same plans to roundoff, with one side sparse or both.
     */
    @ParameterizedTest(name = "BADMM = {0}")
    @ValueSource(booleans = {false, true})
    void sparseAndDenseProductsGiveTheSamePlans(boolean badmm) {
        Mat A = Graphs.symmetrised(Graphs.barabasiAlbert(30, 2, 7));
        Mat B = Graphs.symmetrised(Graphs.barabasiAlbert(20, 2, 8));
        Mat D = Mat.zeros(20, 20); // dense, as a barycenter
        java.util.SplittableRandom r = new java.util.SplittableRandom(9);
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j <= i; j++) {
                double v = r.nextDouble();
                D.set(i, j, v);
                D.set(j, i, v);
            }
        }
        for (GwProblem pb : List.of(GwProblem.of(A, B), GwProblem.of(D, A), GwProblem.of(A, D))) {
            assertTrue(org.gwbench.linalg.SparseRows.density(A) < ProximalSupport.Sandwich.SPARSE_DENSITY);
            GwResult sparse;
            GwResult dense;
            if (badmm) {
                BadmmGw s = new BadmmGw(new ProximalGwOptions(0.5, 30));
                BadmmGw d = new BadmmGw(new ProximalGwOptions(0.5, 30));
                d.sparseDensity = 0;
                sparse = s.solve(pb);
                dense = d.solve(pb);
            } else {
                PpaGw s = new PpaGw(new ProximalGwOptions(0.05, 30));
                PpaGw d = new PpaGw(new ProximalGwOptions(0.05, 30));
                d.sparseDensity = 0;
                sparse = s.solve(pb);
                dense = d.solve(pb);
            }
            for (int k = 0; k < dense.plan().data.length; k++) {
                assertEquals(dense.plan().data[k], sparse.plan().data[k], 1e-12 * pb.p()[0]);
            }
            assertEquals(dense.value(), sparse.value(), 1e-12 * Math.abs(dense.value()));
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
    /**
     * Both modules against a plain linear-domain transcription of their updates (no logs, no stabilising
     * shifts, no kept terms), where nothing underflows: a small directed pair at γ = 0.5, 25 layers.
     */
    @ParameterizedTest(name = "BADMM = {0}")
    @ValueSource(booleans = {false, true})
    void modulesMatchAPlainTranscriptionOfTheirUpdates(boolean badmm) {
        GwProblem pb = GwProblem.of(Graphs.erdosRenyi(7, 0.4, true, 3), Graphs.erdosRenyi(9, 0.3, true, 4));
        int n = pb.n();
        int m = pb.m();
        double gamma = 0.5;
        int layers = 25;
        double[] p = pb.p();
        double[] q = pb.q();
        Mat cst = ProximalSupport.cst(pb);
        Mat T = Mat.outer(p, q);
        double[] a = p.clone();
        Mat Z = Mat.zeros(n, m);
        org.gwbench.linalg.Blas ref = org.gwbench.linalg.Blas.reference();
        for (int it = 0; it < layers; it++) {
            if (!badmm) {
                // Φ = exp(−(Cst − 2 Cs T Ctᵀ)/γ) ⊙ T, b = μt ⊘ Φᵀa, a = μs ⊘ Φb, T = diag(a) Φ diag(b)
                Mat P = ref.multiply(ref.multiply(pb.C1(), T), false, pb.C2(), true);
                Mat phi = Mat.zeros(n, m);
                for (int k = 0; k < phi.data.length; k++) {
                    phi.data[k] = Math.exp(-(cst.data[k] - 2 * P.data[k]) / gamma) * T.data[k];
                }
                double[] b = new double[m];
                for (int j = 0; j < m; j++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += phi.get(i, j) * a[i];
                    }
                    b[j] = q[j] / s;
                }
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        s += phi.get(i, j) * b[j];
                    }
                    a[i] = p[i] / s;
                }
                Mat Tn = Mat.zeros(n, m);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        Tn.set(i, j, a[i] * phi.get(i, j) * b[j]);
                    }
                }
                T = Tn;
            } else {
                // S ∝ T ⊙ exp((2 Csᵀ T Ct + Z)/γ), columns to μt; T ∝ S ⊙ exp(−(Cst − 2 Cs S Ctᵀ + Z)/γ),
                // rows to μs; Z += γ (T − S)
                Mat P1 = ref.multiply(ref.multiply(pb.C1(), true, T, false), false, pb.C2(), false);
                Mat S = Mat.zeros(n, m);
                for (int k = 0; k < S.data.length; k++) {
                    S.data[k] = T.data[k] * Math.exp((2 * P1.data[k] + Z.data[k]) / gamma);
                }
                for (int j = 0; j < m; j++) {
                    double c = 0;
                    for (int i = 0; i < n; i++) {
                        c += S.get(i, j);
                    }
                    for (int i = 0; i < n; i++) {
                        S.set(i, j, S.get(i, j) * q[j] / c);
                    }
                }
                Mat P2 = ref.multiply(ref.multiply(pb.C1(), S), false, pb.C2(), true);
                Mat Tn = Mat.zeros(n, m);
                for (int k = 0; k < Tn.data.length; k++) {
                    Tn.data[k] = S.data[k] * Math.exp(-(cst.data[k] - 2 * P2.data[k] + Z.data[k]) / gamma);
                }
                for (int i = 0; i < n; i++) {
                    double r = 0;
                    for (int j = 0; j < m; j++) {
                        r += Tn.get(i, j);
                    }
                    for (int j = 0; j < m; j++) {
                        Tn.set(i, j, Tn.get(i, j) * p[i] / r);
                    }
                }
                for (int k = 0; k < Z.data.length; k++) {
                    Z.data[k] += gamma * (Tn.data[k] - S.data[k]);
                }
                T = Tn;
            }
        }
        ProximalGwOptions o = new ProximalGwOptions(gamma, layers);
        Mat plan = badmm ? new BadmmGw(o).solve(pb).plan() : new PpaGw(o).solve(pb).plan();
        for (int k = 0; k < plan.data.length; k++) {
            assertEquals(T.data[k], plan.data[k], 1e-12 * Math.max(T.data[k], 1e-3), "entry " + k);
        }
    }

    /**
     * PPA's step with one exponential per entry (the stabilised kernel) against the log-domain step: the
     * same a, b, T and log T to roundoff, on exponents spread over 600 nats per row (γ = 0.01 territory).
     * A wide trial may underflow; then it must be refused with a unchanged.
     */
    @Test
    void theKernelStepIsTheLogStepToRoundoff() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        int wideKernelSteps = 0;
        for (int trial = 0; trial < 20; trial++) {
            int n = 3 + rnd.nextInt(40);
            int m = 3 + rnd.nextInt(40);
            double spread = trial < 10 ? 5 : 600;
            double[] nlp = new double[n * m];
            for (int k = 0; k < nlp.length; k++) {
                nlp[k] = spread * rnd.nextDouble() - 50;
            }
            double[] p = org.gwbench.problem.Check.uniform(n);
            double[] q = org.gwbench.problem.Check.uniform(m);
            double[] logp = ProximalSupport.log(p);
            double[] logq = ProximalSupport.log(q);
            double[] loga0 = new double[n];
            for (int i = 0; i < n; i++) {
                loga0[i] = logp[i] + 30 * rnd.nextDouble();
            }
            double[] la = loga0.clone();
            double[] lb = new double[m];
            double[] T = new double[n * m];
            double[] logT = new double[n * m];
            PpaGw.logStep(n, m, nlp, p, logp, logq, la, lb, new double[m], new double[m], T, logT);
            double[] ka = loga0.clone();
            double[] kb = new double[m];
            double[] kT = new double[n * m];
            double[] klogT = new double[n * m];
            boolean used = PpaGw.kernelStep(n, m, nlp, p, logp, logq, ka, kb, new double[m], new double[n * m], new double[m],
                    kT, klogT);
            if (!used) {
                assertTrue(spread > 5, "a kernel over 5 nats never underflows");
                assertEquals(java.util.Arrays.toString(loga0), java.util.Arrays.toString(ka), "a refused step leaves a as it was");
                continue;
            }
            wideKernelSteps += spread > 5 ? 1 : 0;
            for (int i = 0; i < n; i++) {
                assertEquals(la[i], ka[i], 1e-12 * Math.max(1, Math.abs(la[i])), "log a_" + i);
            }
            for (int j = 0; j < m; j++) {
                assertEquals(lb[j], kb[j], 1e-12 * Math.max(1, Math.abs(lb[j])), "log b_" + j);
            }
            for (int k = 0; k < T.length; k++) {
                // log T = log a + log b − nlp, a and b from sums of up to 42 terms: ~50 ε times the terms' size
                double size = Math.abs(la[k / m]) + Math.abs(lb[k % m]) + Math.abs(nlp[k]) + 10;
                assertEquals(T[k], kT[k], 1e-14 * size * T[k] + 1e-300, "T entry " + k);
                assertEquals(logT[k], klogT[k], 1e-14 * size, "log T entry " + k);
            }
        }
        assertTrue(wideKernelSteps > 0, "the wide trials exercise the kernel step too");
    }

    /** A column whose every entry lies 900 nats below its row's maximum underflows: the log step takes over. */
    @Test
    void anUnderflowingKernelFallsBackToTheLogStep() {
        int n = 4;
        int m = 3;
        double[] nlp = new double[n * m];
        for (int i = 0; i < n; i++) {
            nlp[i * m + 2] = 900;
        }
        double[] p = org.gwbench.problem.Check.uniform(n);
        double[] q = org.gwbench.problem.Check.uniform(m);
        double[] loga = ProximalSupport.log(p);
        double[] before = loga.clone();
        assertTrue(!PpaGw.kernelStep(n, m, nlp, p, ProximalSupport.log(p), ProximalSupport.log(q), loga, new double[m],
                new double[m], new double[n * m], new double[m], new double[n * m], new double[n * m]));
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(loga));
        double[] T = new double[n * m];
        PpaGw.logStep(n, m, nlp, p, ProximalSupport.log(p), ProximalSupport.log(q), loga, new double[m], new double[m],
                new double[m], T, new double[n * m]);
        double col = 0;
        for (int i = 0; i < n; i++) {
            col += T[i * m + 2];
        }
        assertEquals(q[2], col, 1e-15, "the log step still gives the column its mass");
    }

    /** Whole PPA solves, kernel steps (with their fall-backs) against log steps only, at γ = 0.05 and 0.01. */
    @Test
    void ppaGivesTheSamePlansWithKernelOrLogSteps() {
        for (double gamma : new double[] {0.05, 0.01}) {
            GwProblem pb = pair(false, 3);
            PpaGw kernel = new PpaGw(new ProximalGwOptions(gamma, 20));
            PpaGw logOnly = new PpaGw(new ProximalGwOptions(gamma, 20));
            logOnly.kernelDomain = false;
            Mat a = kernel.solve(pb).plan();
            Mat b = logOnly.solve(pb).plan();
            for (int k = 0; k < a.data.length; k++) {
                assertEquals(b.data[k], a.data[k], 1e-9 * pb.p()[0], "γ = " + gamma + ", entry " + k);
            }
        }
    }

    /** The modules' status: fixed depth runs out (MAX_ITER), a tolerance converges, an interrupt says so. */
    @ParameterizedTest(name = "BADMM = {0}")
    @ValueSource(booleans = {false, true})
    void statusSaysHowTheModuleEnded(boolean badmm) {
        GwProblem pb = pair(false, 3);
        double gamma = badmm ? 1.0 : 0.05;
        java.util.function.Function<ProximalGwOptions, GwSolver> make = o -> badmm ? new BadmmGw(o) : new PpaGw(o);

        GwResult fixed = make.apply(new ProximalGwOptions(gamma, 40)).solve(pb);
        assertEquals(org.gwbench.problem.Status.MAX_ITER, fixed.status());
        assertEquals(40, fixed.iterations());
        assertTrue(fixed.log().stream().noneMatch(g -> g.innerStatus() == org.gwbench.problem.Status.CONVERGED),
                "one Sinkhorn step per layer is never a converged inner solve");

        GwResult tol = make.apply(new ProximalGwOptions(gamma, 5000).withTol(1e-9)).solve(pb);
        assertEquals(org.gwbench.problem.Status.CONVERGED, tol.status(), "change " + tol.log().get(tol.log().size() - 1).planChange());
        assertTrue(tol.iterations() < 5000);
        assertTrue(tol.log().get(tol.log().size() - 1).planChange() <= 1e-9);
        assertEquals(org.gwbench.problem.Status.MAX_ITER,
                make.apply(new ProximalGwOptions(gamma, tol.iterations() - 1).withTol(1e-9)).solve(pb).status(),
                "it stops at the first layer that meets the rule");
        assertTrue(tol.marginalError() <= ProximalGwOptions.MARGINAL_TOL, "marginals " + tol.marginalError());

        int[] heard = {0};
        double[] last = {Double.NaN};
        GwSolver listened = badmm ? new BadmmGw(new ProximalGwOptions(gamma, 7), p -> {
            heard[0]++;
            last[0] = p.value("change");
            assertEquals(7, p.steps());
            assertEquals(heard[0], p.step());
        }) : new PpaGw(new ProximalGwOptions(gamma, 7), p -> {
            heard[0]++;
            last[0] = p.value("change");
            assertEquals(7, p.steps());
            assertEquals(heard[0], p.step());
        });
        GwResult seven = listened.solve(pb);
        assertEquals(7, heard[0]);
        assertEquals(seven.log().get(6).planChange(), last[0], 0);

        Thread.currentThread().interrupt();
        GwResult stopped;
        try {
            stopped = make.apply(new ProximalGwOptions(gamma, 40)).solve(pb);
        } finally {
            Thread.interrupted();
        }
        assertEquals(org.gwbench.problem.Status.INTERRUPTED, stopped.status());
        assertEquals(0, stopped.iterations());
    }

    /**
     * POT 0.9.7's entropic_gromov_wasserstein(solver="PPA", epsilon = 0.1, 20 outer steps, each Sinkhorn to
     * 1e-15; resources/pot/make_fixtures.py) is PpaGw with γ = ε/2 and each step's Sinkhorn iterated to
     * convergence: the same plan after the same number of steps.
     */
    @Test
    void manyInnerIterationsArePotsPpa() throws java.io.IOException {
        Path dir = Path.of("src/test/resources/pot/ppa_square_loss");
        Mat C1 = Csv.readMatrix("C1", dir.resolve("C1.csv"));
        Mat C2 = Csv.readMatrix("C2", dir.resolve("C2.csv"));
        double[] p = Csv.readVector("p", dir.resolve("p.csv"));
        double[] q = Csv.readVector("q", dir.resolve("q.csv"));
        Mat expected = Csv.readMatrix("T", dir.resolve("T.csv"));
        GwProblem pb = new GwProblem(C1, C2, p, q, GwLoss.SQUARE);
        GwResult pot = new PpaGw(new ProximalGwOptions(0.1 / 2, 20, true, 0, 5000)).solve(pb);
        double worst = 0;
        for (int k = 0; k < expected.data.length; k++) {
            worst = Math.max(worst, Math.abs(pot.plan().data[k] - expected.data[k]));
        }
        assertTrue(worst < 1e-10, "largest plan difference from POT's PPA " + worst);
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("\"value\": ([-0-9.eE+]+)")
                .matcher(java.nio.file.Files.readString(dir.resolve("meta.json")));
        assertTrue(value.find());
        assertEquals(Double.parseDouble(value.group(1)), pot.value(), 1e-10, "POT's gw_dist");
        // the paper's module (one Sinkhorn iteration per step) is a different iteration: it does not land there in 20 steps
        GwResult paper = new PpaGw(new ProximalGwOptions(0.1 / 2, 20)).solve(pb);
        double apart = 0;
        for (int k = 0; k < expected.data.length; k++) {
            apart = Math.max(apart, Math.abs(paper.plan().data[k] - expected.data[k]));
        }
        assertTrue(apart > 1e-4, "one inner iteration is the paper's module, not POT's: " + apart);
    }
}

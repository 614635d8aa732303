package org.gwbench.cli;

import java.nio.file.Path;
import org.gwbench.data.Csv;
import org.gwbench.gw.BapgGw;
import org.gwbench.gw.BapgGwOptions;
import org.gwbench.gw.EntropicGw;
import org.gwbench.gw.EntropicGwOptions;
import org.gwbench.gw.EntropicSemiRelaxedGw;
import org.gwbench.gw.GwProblem;
import org.gwbench.gw.GwResult;
import org.gwbench.gw.GwDictionary;
import org.gwbench.gw.GwDictionaryOptions;
import org.gwbench.gw.LowRankGw;
import org.gwbench.gw.LowRankGwOptions;
import org.gwbench.gw.PartialGw;
import org.gwbench.gw.PartialGwOptions;
import org.gwbench.gw.SampledGw;
import org.gwbench.gw.SampledGwOptions;
import org.gwbench.gw.SemiRelaxedGw;
import org.gwbench.gw.SemiRelaxedGwOptions;
import org.gwbench.gw.UnbalancedGw;
import org.gwbench.gw.UnbalancedGwOptions;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.sinkhorn.SinkhornOptions;
import org.gwbench.sinkhorn.UnbalancedSinkhorn;

/** {@code solve entropic-fgw|bapg-gw|srgw|partial-gw|unbalanced-gw|sampled-gw|lowrank-gw|gdl|sinkhorn-unbalanced}: the toolbox beyond the four papers, each as POT names it. */
final class SolveToolbox {
    private SolveToolbox() {
    }

    /** POT's entropic_fused_gromov_wasserstein: entropic GW with the feature term (1 − α)⟨M, T⟩, M = ‖F1_i − F2_j‖². */
    static Json entropicFgw(Args a) {
        GwProblem pb = Solve.readProblem(a);
        Mat M = Solve.featureCost(a, pb);
        double alpha = Solve.alpha(a, 0.5);
        double eps = Check.positive("--epsilon", a.number("epsilon", Double.NaN));
        EntropicGwOptions opts = Solve.entropicOptions(a, eps);
        Path planOut = a.output("plan-out");
        return Solve.gwJson("entropic-fgw", pb, new EntropicGw(opts).solve(pb.withFused(M, alpha)), planOut).put("epsilon", eps)
                .put("alpha", alpha);
    }

    /** POT's BAPG_(fused_)gromov_wasserstein: fused when --f1 and --f2 are given. */
    static Json bapgGw(Args a) {
        GwProblem pb = Solve.readProblem(a);
        GwProblem problem = Solve.optionallyFused(a, pb);
        double alpha = problem.alpha();
        double eps = Check.positive("--epsilon", a.number("epsilon", Double.NaN));
        double tol = tol(a);
        String ml = a.optional("marginal-loss") == null ? "false" : a.optional("marginal-loss");
        if (!ml.equals("true") && !ml.equals("false")) {
            throw new UsageException("--marginal-loss must be true or false, got '" + ml + "'");
        }
        BapgGwOptions opts = new BapgGwOptions(eps, Check.positive("--max-iter", a.integer("max-iter", 1000)), tol, ml.equals("true"));
        Path planOut = a.output("plan-out");
        return Solve.gwJson("bapg-gw", pb, new BapgGw(opts).solve(problem), planOut).put("epsilon", eps).put("alpha", alpha)
                .put("marginal_loss", opts.marginalLoss());
    }

    /**
     * Semi-relaxed (fused) GW: only --p is imposed (--q, when given, is the start); the JSON adds the plan's
     * column sums as target_weights. --method cg (POT's semirelaxed_gromov_wasserstein, the default without
     * --epsilon) or entropic (POT's entropic_semirelaxed_gromov_wasserstein, the default with --epsilon).
     */
    static Json srgw(Args a) {
        GwProblem pb = Solve.readProblem(a);
        GwProblem problem = Solve.optionallyFused(a, pb);
        String method = a.optional("method") == null ? (a.optional("epsilon") == null ? "cg" : "entropic") : a.optional("method");
        double tol = tol(a);
        Path planOut;
        GwResult r;
        double eps = Double.NaN;
        if (method.equals("cg")) {
            if (a.optional("epsilon") != null) {
                throw new UsageException("--epsilon is for --method entropic; conditional gradient (--method cg) has none");
            }
            SemiRelaxedGwOptions opts = new SemiRelaxedGwOptions(Check.positive("--max-iter", a.integer("max-iter", 10000)), tol, tol,
                    Solve.lowRank(a));
            planOut = a.output("plan-out");
            r = new SemiRelaxedGw(opts).solve(problem);
        } else if (method.equals("entropic")) {
            eps = Check.positive("--epsilon", a.number("epsilon", Double.NaN));
            planOut = a.output("plan-out");
            r = new EntropicSemiRelaxedGw(eps, Check.positive("--max-iter", a.integer("max-iter", 1000)), tol, null).solve(problem);
        } else {
            throw new UsageException("--method must be cg or entropic, got '" + method + "'");
        }
        Json out = Solve.gwJson("srgw", pb, r, planOut).put("method", method).put("alpha", problem.alpha());
        if (!Double.isNaN(eps)) {
            out.put("epsilon", eps);
        }
        return out.put("target_weights", EntropicSemiRelaxedGw.targetWeights(r));
    }

    /**
     * POT's partial_(fused_)gromov_wasserstein: only --mass M of the unit mass is transported (default 1, POT's);
     * the JSON's marginal_error is the violation of T1 ≤ p, Tᵀ1 ≤ q, 1ᵀT1 = M.
     */
    static Json partialGw(Args a) {
        GwProblem pb = Solve.readProblem(a);
        GwProblem problem = Solve.optionallyFused(a, pb);
        double mass = a.number("mass", 1.0);
        if (!(mass > 0 && mass <= 1)) {
            throw new UsageException("--mass must be in (0, 1] (the share of the unit mass to transport), got " + mass);
        }
        double tol = Check.positive("--tol", a.number("tol", 1e-8));
        PartialGwOptions opts = new PartialGwOptions(mass, Check.positive("--max-iter", a.integer("max-iter", 10000)), tol, 0,
                Solve.lowRank(a));
        Path planOut = a.output("plan-out");
        return Solve.gwJson("partial-gw", pb, new PartialGw(opts).solve(problem), planOut).put("mass", mass)
                .put("alpha", problem.alpha());
    }

    /**
     * POT's fused_unbalanced_gromov_wasserstein (KL, unbalanced Sinkhorn blocks): the marginals penalised by --rho
     * (or --rho1 and --rho2), the joint entropic term by --epsilon; fused with --f1/--f2/--alpha (FGW's α, entering
     * as the linear weight (1 − α)/α). The JSON gives the plan's mass and its marginal_deviation (L1 from p and q),
     * which is the point of the relaxation, not an error.
     */
    static Json unbalancedGw(Args a) {
        GwProblem pb = Solve.readProblem(a);
        GwProblem problem = Solve.optionallyFused(a, pb);
        if (a.optional("rho") != null && (a.optional("rho1") != null || a.optional("rho2") != null)) {
            throw new UsageException("give --rho, or --rho1 and --rho2, not both");
        }
        double both = a.optional("rho") == null ? Double.NaN : positiveOrInfinity("--rho", a.number("rho", Double.NaN));
        double r1 = Double.isNaN(both) ? positiveOrInfinity("--rho1", a.number("rho1", Double.NaN)) : both;
        double r2 = Double.isNaN(both) ? positiveOrInfinity("--rho2", a.number("rho2", Double.NaN)) : both;
        double eps = Check.positive("--epsilon", a.number("epsilon", Double.NaN));
        UnbalancedGwOptions opts = new UnbalancedGwOptions(r1, r2, eps, Check.positive("--max-iter", a.integer("max-iter", 100)),
                tol(a, 1e-7), 500, 1e-7);
        Path planOut = a.output("plan-out");
        GwResult r = new UnbalancedGw(opts).solve(problem);
        if (planOut != null) {
            Csv.write(planOut, r.plan());
        }
        double mass = 0;
        for (double x : r.plan().data) {
            mass += x;
        }
        return new Json().put("problem", "unbalanced-gw").put("value", r.value()).put("mass", mass)
                .put("marginal_deviation", r.marginalError()).put("iterations", r.iterations()).put("converged", r.converged())
                .put("status", r.status().name().toLowerCase(java.util.Locale.ROOT)).put("rho1", r1).put("rho2", r2)
                .put("epsilon", eps).put("alpha", problem.alpha()).put("seconds", r.seconds());
    }

    /**
     * POT's sampled_gromov_wasserstein: a stochastic Frank-Wolfe with --samples sampled pairs per iteration, KL-proximal
     * steps at --epsilon (0: exact OT steps), --max-iter iterations, draws from --seed; value is the exact GW value of
     * the final plan.
     */
    static Json sampledGw(Args a) {
        GwProblem pb = Solve.readProblem(a);
        double eps = a.number("epsilon", 1.0);
        if (!(eps >= 0) || !Double.isFinite(eps)) {
            throw new UsageException("--epsilon must be >= 0 (0: exact OT steps), got " + eps);
        }
        SampledGwOptions opts = new SampledGwOptions(Check.positive("--samples", a.integer("samples", 100)), eps,
                Check.positive("--max-iter", a.integer("max-iter", 500)), a.integer("seed", 0));
        Path planOut = a.output("plan-out");
        GwResult r;
        try {
            r = new SampledGw(opts).solve(pb);
        } catch (IllegalArgumentException e) {
            throw new UsageException("solve sampled-gw: " + e.getMessage().replace("samples = ", "--samples "));
        }
        return Solve.gwJson("sampled-gw", pb, r, planOut).put("samples", opts.samples()).put("epsilon", eps).put("seed", opts.seed());
    }

    /**
     * POT's lowrank_gromov_wasserstein_samples: GW between the point clouds --x (n×d) and --y (m×d'), squared
     * Euclidean structures and the plan kept factored (rank --rank), so no n×n or n×m matrix is formed; the
     * factors go to --q-out, --r-out and --g-out (T = Q diag(1/g) Rᵀ).
     */
    static Json lowRankGw(Args a) {
        Mat X = Check.finite("--x", Check.nonEmpty("--x", Csv.readMatrix("--x", a.path("x"))));
        Mat Y = Check.finite("--y", Check.nonEmpty("--y", Csv.readMatrix("--y", a.path("y"))));
        double[] wa = a.optional("a") == null ? Check.uniform(X.rows) : Csv.readVector("--a", a.path("a"));
        double[] wb = a.optional("b") == null ? Check.uniform(Y.rows) : Csv.readVector("--b", a.path("b"));
        Check.distribution("--a", wa, X.rows);
        Check.distribution("--b", wb, Y.rows);
        int rank = Check.positive("--rank", a.integer("rank", 10));
        double reg = a.number("reg", 0);
        if (!(reg >= 0) || !Double.isFinite(reg)) {
            throw new UsageException("--reg must be >= 0, got " + reg);
        }
        LowRankGwOptions opts = new LowRankGwOptions(rank, reg, 1e-10, true, Check.positive("--tol", a.number("tol", 1e-4)),
                Check.positive("--max-iter", a.integer("max-iter", 1000)), 1e-3, 10000, a.integer("seed", 0));
        Path qOut = a.output("q-out");
        Path rOut = a.output("r-out");
        Path gOut = a.output("g-out");
        LowRankGw.Result r;
        try {
            r = new LowRankGw(opts).solve(X, Y, wa, wb);
        } catch (IllegalArgumentException e) {
            throw new UsageException("solve lowrank-gw: " + e.getMessage().replace("alpha (1.0E-10)", "--rank") + " (X is --x, Y is --y)");
        }
        if (qOut != null) {
            Csv.write(qOut, r.Q());
        }
        if (rOut != null) {
            Csv.write(rOut, r.R());
        }
        if (gOut != null) {
            Csv.write(gOut, new Mat(r.g().length, 1, r.g().clone()));
        }
        return new Json().put("problem", "lowrank-gw").put("value", r.value()).put("n", X.rows).put("m", Y.rows)
                .put("rank", r.g().length).put("iterations", r.iterations()).put("converged", r.status() == org.gwbench.problem.Status.CONVERGED)
                .put("status", r.status().name().toLowerCase(java.util.Locale.ROOT)).put("seconds", r.seconds());
    }

    /**
     * POT's gromov_wasserstein_dictionary_learning: --atoms atoms of --atom-size nodes learnt on the --structures
     * (comma-separated CSV files, uniform node weights) for --epochs epochs of batches of --batch, Adam step
     * --learning-rate, sparsity term --reg; the JSON gives each epoch's loss and each structure's unmixing weights
     * (its embedding); --out DIR writes the atoms (atom0.csv, …) and the weights (weights.csv).
     */
    static Json gdl(Args a) {
        String[] files = a.required("structures").split(",");
        java.util.List<Mat> Cs = new java.util.ArrayList<>();
        java.util.List<double[]> ps = new java.util.ArrayList<>();
        for (String f : files) {
            Mat C = Check.finite("--structures (" + f.trim() + ")", Check.square("--structures (" + f.trim() + ")",
                    Csv.readMatrix("--structures", Path.of(f.trim()))));
            Cs.add(C);
            ps.add(Check.uniform(C.rows));
        }
        double reg = a.number("reg", 0);
        if (!(reg >= 0) || !Double.isFinite(reg)) {
            throw new UsageException("--reg must be >= 0, got " + reg);
        }
        GwDictionaryOptions opts = GwDictionaryOptions.defaults(Check.positive("--atoms", a.integer("atoms", -1)),
                Check.positive("--atom-size", a.integer("atom-size", -1))).withReg(reg)
                .withTraining(Check.positive("--epochs", a.integer("epochs", 20)), Check.positive("--batch", a.integer("batch", 32)),
                        Check.positive("--learning-rate", a.number("learning-rate", 1.0)))
                .withSeed(a.integer("seed", 0));
        Path out = a.outputDir("out");
        long t0 = System.nanoTime();
        GwDictionary gdl = new GwDictionary(opts);
        GwDictionary.Dictionary dict = gdl.learn(Cs, ps, null);
        Mat W = Mat.zeros(Cs.size(), opts.atoms());
        for (int i = 0; i < Cs.size(); i++) {
            System.arraycopy(gdl.unmix(Cs.get(i), ps.get(i), dict.atoms(), dict.q()).w(), 0, W.data, i * opts.atoms(), opts.atoms());
        }
        if (out != null) {
            for (int d = 0; d < opts.atoms(); d++) {
                Csv.write(out.resolve("atom" + d + ".csv"), dict.atoms().get(d));
            }
            Csv.write(out.resolve("weights.csv"), W);
        }
        double last = dict.epochLosses()[dict.epochLosses().length - 1];
        return new Json().put("problem", "gdl").put("value", last).put("epoch_losses", dict.epochLosses()).put("atoms", opts.atoms())
                .put("atom_size", opts.atomSize()).put("structures", Cs.size()).put("status", Double.isFinite(last) ? "converged" : "numerical_error")
                .put("seconds", (System.nanoTime() - t0) / 1e9);
    }

    /** --tol, default 1e-9, 0 allowed (every iteration runs). */
    private static double tol(Args a) {
        return tol(a, 1e-9);
    }

    /** --tol with the given default, 0 allowed. */
    private static double tol(Args a, double fallback) {
        double tol = a.number("tol", fallback);
        if (!(tol >= 0 && tol < Double.POSITIVE_INFINITY)) {
            throw new UsageException("--tol must be a finite number >= 0, got " + tol);
        }
        return tol;
    }

    /** POT's sinkhorn_unbalanced (reg_type "kl"): the marginals penalised by --reg-m (or --reg-m1 and --reg-m2). */
    static Json unbalanced(Args a) {
        Mat M = Check.nonEmpty("--cost", Csv.readMatrix("--cost", a.path("cost")));
        double[] wa = Csv.readVector("--a", a.path("a"));
        double[] wb = Csv.readVector("--b", a.path("b"));
        if (wa.length != M.rows || wb.length != M.cols) {
            throw new UsageException("--a has " + wa.length + " and --b " + wb.length + " entries; --cost is " + M.rows + "x" + M.cols);
        }
        double reg = Check.positive("--reg", a.number("reg", Double.NaN));
        if (a.optional("reg-m") != null && (a.optional("reg-m1") != null || a.optional("reg-m2") != null)) {
            throw new UsageException("give --reg-m, or --reg-m1 and --reg-m2, not both");
        }
        double both = a.optional("reg-m") == null ? Double.NaN : positiveOrInfinity("--reg-m", a.number("reg-m", Double.NaN));
        double m1 = Double.isNaN(both) ? positiveOrInfinity("--reg-m1", a.number("reg-m1", Double.NaN)) : both;
        double m2 = Double.isNaN(both) ? positiveOrInfinity("--reg-m2", a.number("reg-m2", Double.NaN)) : both;
        SinkhornOptions opts = new SinkhornOptions(Check.positive("--max-iter", a.integer("max-iter", 1000)),
                Check.positive("--tol", a.number("tol", 1e-6)));
        Path planOut = a.output("plan-out");
        long t0 = System.nanoTime();
        UnbalancedSinkhorn.Result r;
        try {
            r = new UnbalancedSinkhorn(opts).solve(wa, wb, M, reg, m1, m2);
        } catch (IllegalArgumentException e) {
            throw new UsageException("solve sinkhorn-unbalanced: " + e.getMessage() + " (a is --a, b is --b, M is --cost)");
        }
        if (planOut != null) {
            Csv.write(planOut, r.plan());
        }
        return new Json().put("problem", "sinkhorn-unbalanced").put("value", r.cost()).put("objective", r.objective())
                .put("mass", r.mass()).put("iterations", r.iterations()).put("converged", r.converged())
                .put("status", r.status().name().toLowerCase(java.util.Locale.ROOT)).put("reg", reg).put("reg_m1", m1)
                .put("reg_m2", m2).put("seconds", (System.nanoTime() - t0) / 1e9);
    }

    private static double positiveOrInfinity(String flag, double v) {
        if (!(v > 0)) {
            throw new UsageException(flag + " must be a positive number or Infinity (which imposes the marginal), got " + v);
        }
        return v;
    }
}

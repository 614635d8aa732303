package org.gwbench.cli;

import java.nio.file.Path;
import java.util.Set;
import org.gwbench.data.Csv;
import org.gwbench.gw.BadmmGw;
import org.gwbench.gw.EntropicGw;
import org.gwbench.gw.EntropicGwOptions;
import org.gwbench.gw.ExactGw;
import org.gwbench.gw.ExactGwOptions;
import org.gwbench.gw.GwBarycenter;
import org.gwbench.gw.GwLoss;
import org.gwbench.gw.GwProblem;
import org.gwbench.gw.GwResult;
import org.gwbench.gw.PpaGw;
import org.gwbench.gw.ProximalGwOptions;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.sinkhorn.EntropicOtSolver;
import org.gwbench.sinkhorn.Sinkhorn;
import org.gwbench.sinkhorn.SinkhornLog;
import org.gwbench.sinkhorn.SinkhornOptions;
import org.gwbench.sinkhorn.SinkhornResult;

/** {@code solve sinkhorn|entropic-gw|gw|barycenter}: CSV in, one JSON object out. */
final class Solve {
    private Solve() {
    }

    static Json run(String[] args) {
        if (args.length == 0) {
            throw new UsageException("solve: which problem? (sinkhorn, sinkhorn-unbalanced, entropic-gw, entropic-fgw, bapg-gw, srgw, partial-gw, unbalanced-gw, sampled-gw, lowrank-gw, gdl, gw, fgw, ppa-gw, badmm-gw, gw-barycenter, barycenter, gaussian-inner-gw)");
        }
        return switch (args[0]) {
            case "sinkhorn" -> sinkhorn(new Args("solve sinkhorn", args, 1,
                    Set.of("a", "b", "cost", "reg", "method", "max-iter", "tol", "plan-out", "grad-out")));
            case "gw" -> exactGw(new Args("solve gw", args, 1,
                    Set.of("c1", "c2", "p", "q", "loss", "max-iter", "tol", "plan-out", "low-rank")));
            case "ppa-gw", "badmm-gw" -> proximalGw(args[0], new Args("solve " + args[0], args, 1,
                    Set.of("c1", "c2", "p", "q", "gamma", "layers", "tol", "inner", "plan-out", "f1", "f2", "alpha")));
            case "fgw" -> fusedGw(new Args("solve fgw", args, 1,
                    Set.of("c1", "c2", "p", "q", "f1", "f2", "alpha", "max-iter", "tol", "plan-out", "low-rank")));
            case "gw-barycenter" -> gwBarycenter(new Args("solve gw-barycenter", args, 1,
                    Set.of("structures", "weights", "size", "loss", "method", "gamma", "layers", "max-iter", "tol", "seed", "out")));
            case "gaussian-inner-gw" -> gaussianInnerGw(new Args("solve gaussian-inner-gw", args, 1,
                    Set.of("cov1", "cov2", "map-out")));
            case "barycenter" -> barycenter(new Args("solve barycenter", args, 1,
                    Set.of("hists", "cost", "weights", "reg", "method", "max-iter", "tol", "out")));
            case "entropic-gw" -> entropicGw(new Args("solve entropic-gw", args, 1,
                    Set.of("c1", "c2", "p", "q", "epsilon", "loss", "max-iter", "tol", "plan-out", "low-rank")));
            case "entropic-fgw" -> SolveToolbox.entropicFgw(new Args("solve entropic-fgw", args, 1,
                    Set.of("c1", "c2", "p", "q", "f1", "f2", "alpha", "epsilon", "loss", "max-iter", "tol", "plan-out", "low-rank")));
            case "bapg-gw" -> SolveToolbox.bapgGw(new Args("solve bapg-gw", args, 1,
                    Set.of("c1", "c2", "p", "q", "f1", "f2", "alpha", "epsilon", "loss", "max-iter", "tol", "marginal-loss", "plan-out")));
            case "srgw" -> SolveToolbox.srgw(new Args("solve srgw", args, 1,
                    Set.of("c1", "c2", "p", "q", "f1", "f2", "alpha", "method", "epsilon", "loss", "max-iter", "tol", "plan-out", "low-rank")));
            case "partial-gw" -> SolveToolbox.partialGw(new Args("solve partial-gw", args, 1,
                    Set.of("c1", "c2", "p", "q", "f1", "f2", "alpha", "mass", "loss", "max-iter", "tol", "plan-out", "low-rank")));
            case "unbalanced-gw" -> SolveToolbox.unbalancedGw(new Args("solve unbalanced-gw", args, 1,
                    Set.of("c1", "c2", "p", "q", "f1", "f2", "alpha", "rho", "rho1", "rho2", "epsilon", "max-iter", "tol", "plan-out")));
            case "sampled-gw" -> SolveToolbox.sampledGw(new Args("solve sampled-gw", args, 1,
                    Set.of("c1", "c2", "p", "q", "loss", "samples", "epsilon", "max-iter", "seed", "plan-out")));
            case "lowrank-gw" -> SolveToolbox.lowRankGw(new Args("solve lowrank-gw", args, 1,
                    Set.of("x", "y", "a", "b", "rank", "reg", "max-iter", "tol", "seed", "q-out", "r-out", "g-out")));
            case "gdl" -> SolveToolbox.gdl(new Args("solve gdl", args, 1,
                    Set.of("structures", "atoms", "atom-size", "reg", "epochs", "batch", "learning-rate", "seed", "out")));
            case "sinkhorn-unbalanced" -> SolveToolbox.unbalanced(new Args("solve sinkhorn-unbalanced", args, 1,
                    Set.of("a", "b", "cost", "reg", "reg-m", "reg-m1", "reg-m2", "max-iter", "tol", "plan-out")));
            default -> throw new UsageException("solve: unknown problem '" + args[0] + "' (known: sinkhorn, sinkhorn-unbalanced, entropic-gw, entropic-fgw, bapg-gw, srgw, partial-gw, unbalanced-gw, sampled-gw, lowrank-gw, gdl, gw, fgw, ppa-gw, badmm-gw, gw-barycenter, barycenter, gaussian-inner-gw)");
        };
    }

    static EntropicOtSolver linearSolver(String method, SinkhornOptions options) {
        return switch (method) {
            case "sinkhorn" -> new Sinkhorn(options);
            case "sinkhorn-log" -> new SinkhornLog(options);
            case "epsilon-scaling" -> new org.gwbench.sinkhorn.EpsilonScaling(options, Double.NaN, 0.5, 1e-4);
            default -> throw new UsageException("--method must be auto, sinkhorn, sinkhorn-log or epsilon-scaling, got '" + method + "'");
        };
    }

    private static Json sinkhorn(Args a) {
        Mat M = Check.nonEmpty("--cost", Csv.readMatrix("--cost", a.path("cost")));
        double[] wa = Csv.readVector("--a", a.path("a"));
        double[] wb = Csv.readVector("--b", a.path("b"));
        Check.distribution("--a", wa, M.rows);
        Check.distribution("--b", wb, M.cols);
        double reg = Check.positive("--reg", a.number("reg", Double.NaN));
        SinkhornOptions opts = new SinkhornOptions(
                Check.positive("--max-iter", a.integer("max-iter", 100000)),
                Check.positive("--tol", a.number("tol", 1e-12)));
        String method = a.optional("method") == null ? "auto" : a.optional("method");
        if (method.equals("auto")) {
            // rwig's rule: the log domain when exp(−C/reg) would under- or overflow
            method = org.gwbench.sinkhorn.UnrolledSinkhorn.needsLogDomain(M, reg) ? "sinkhorn-log" : "sinkhorn";
        }
        EntropicOtSolver solver = linearSolver(method, opts);
        Path planOut = a.output("plan-out");
        Path gradOut = a.output("grad-out");
        long t0 = System.nanoTime();
        SinkhornResult r = solver.solve(wa, wb, M, reg);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (planOut != null) {
            Csv.write(planOut, r.plan());
        }
        if (gradOut != null) {
            // envelope theorem: at convergence ∂loss/∂a is the potential f (up to an additive constant)
            Csv.write(gradOut, new Mat(wa.length, 1, r.f().clone()));
        }
        return new Json().put("problem", "sinkhorn").put("method", solver.name())
                .put("value", r.cost()).put("loss", r.loss()).put("iterations", r.iterations())
                .put("marginal_error", r.marginalError()).put("converged", r.converged())
                .put("status", r.status().name().toLowerCase(java.util.Locale.ROOT))
                .put("seconds", seconds).put("blas", Blas.active().name()).put("simd", org.gwbench.linalg.VecMath.name());
    }

    private static Json barycenter(Args a) {
        Mat A = Check.nonEmpty("--hists", Csv.readMatrix("--hists", a.path("hists")));
        Mat C = Check.nonEmpty("--cost", Csv.readMatrix("--cost", a.path("cost")));
        // uniform weights unless given, as POT's barycenter and solve gw-barycenter do
        double[] w = a.optional("weights") == null ? Check.uniform(A.cols) : Csv.readVector("--weights", a.path("weights"));
        if (A.rows != C.rows) {
            throw new UsageException("--hists has " + A.rows + " rows (bins) but --cost has " + C.rows + " rows");
        }
        Check.distribution("--weights", w, A.cols);
        double reg = Check.positive("--reg", a.number("reg", Double.NaN));
        int maxIter = Check.positive("--max-iter", a.integer("max-iter", 1000));
        double tol = Check.positive("--tol", a.number("tol", 1e-9));
        String method = a.optional("method") == null ? "parallel" : a.optional("method");
        Path out = a.output("out");
        long t0 = System.nanoTime();
        org.gwbench.sinkhorn.SinkhornBarycenter.Pass r;
        try {
            r = switch (method) {
                case "parallel" -> new org.gwbench.sinkhorn.SinkhornBarycenter(maxIter, tol).forward(A, C, w, reg);
                case "log" -> new org.gwbench.sinkhorn.SinkhornBarycenterLog(maxIter, tol).forward(A, C, w, reg);
                default -> throw new UsageException("--method must be parallel or log, got '" + method + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException("solve barycenter: " + e.getMessage() + " (A is --hists, w is --weights, C is --cost)");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (out != null) {
            double[] b = r.barycenter();
            Csv.write(out, new Mat(b.length, 1, b));
        }
        return new Json().put("problem", "barycenter").put("method", method).put("barycenter", r.barycenter())
                .put("iterations", r.iterations()).put("marginal_error", r.error()).put("converged", r.error() < tol)
                .put("seconds", seconds).put("blas", Blas.active().name());
    }

    /** --c1, --c2, --p, --q and --loss, validated, as a problem. */
    static GwProblem readProblem(Args a) {
        Mat C1 = Check.square("--c1", Csv.readMatrix("--c1", a.path("c1")));
        Mat C2 = Check.square("--c2", Csv.readMatrix("--c2", a.path("c2")));
        double[] p = a.optional("p") == null ? Check.uniform(C1.rows) : Csv.readVector("--p", a.path("p"));
        double[] q = a.optional("q") == null ? Check.uniform(C2.rows) : Csv.readVector("--q", a.path("q"));
        Check.distribution("--p", p, C1.rows);
        Check.distribution("--q", q, C2.rows);
        GwLoss loss;
        try {
            loss = GwLoss.parse(a.optional("loss") == null ? "square" : a.optional("loss"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
        if (loss == GwLoss.KL) {
            Check.nonNegative("--c1", C1);
            Check.nonNegative("--c2", C2);
        }
        return new GwProblem(C1, C2, p, q, loss);
    }

    static boolean lowRank(Args a) {
        String lowRank = a.optional("low-rank") == null ? "auto" : a.optional("low-rank");
        if (!lowRank.equals("auto") && !lowRank.equals("off")) {
            throw new UsageException("--low-rank must be auto or off, got '" + lowRank + "'");
        }
        return lowRank.equals("auto");
    }

    static Json gwJson(String problem, GwProblem pb, GwResult r, Path planOut) {
        if (planOut != null) {
            Csv.write(planOut, r.plan());
        }
        return new Json().put("problem", problem).put("loss", pb.loss().name().toLowerCase(java.util.Locale.ROOT))
                .put("value", r.value()).put("iterations", r.iterations())
                .put("marginal_error", r.marginalError()).put("converged", r.converged())
                .put("status", r.status().name().toLowerCase(java.util.Locale.ROOT))
                .put("seconds", r.seconds()).put("blas", Blas.active().name()).put("simd", org.gwbench.linalg.VecMath.name());
    }

    private static Json exactGw(Args a) {
        GwProblem pb = readProblem(a);
        double tol = Check.positive("--tol", a.number("tol", 1e-9));
        ExactGwOptions opts = ExactGwOptions.defaults().withMaxIter(Check.positive("--max-iter", a.integer("max-iter", 10000)))
                .withTol(tol, tol).withLowRank(lowRank(a));
        Path planOut = a.output("plan-out");
        return gwJson("gw", pb, new ExactGw(opts).solve(pb), planOut);
    }

    /** M = squared Euclidean distances between the rows of --f1 (n×d) and --f2 (m×d). */
    static Mat featureCost(Args a, GwProblem pb) {
        Mat F1 = Check.finite("--f1", Check.nonEmpty("--f1", Csv.readMatrix("--f1", a.path("f1"))));
        Mat F2 = Check.finite("--f2", Check.nonEmpty("--f2", Csv.readMatrix("--f2", a.path("f2"))));
        if (F1.rows != pb.n() || F2.rows != pb.m()) {
            throw new UsageException("--f1 has " + F1.rows + " rows and --f2 " + F2.rows + ", expected " + pb.n() + " and "
                    + pb.m() + " (one feature row per node)");
        }
        if (F1.cols != F2.cols) {
            throw new UsageException("--f1 has " + F1.cols + " columns but --f2 has " + F2.cols + " (the same features)");
        }
        return GwBarycenter.squaredDistances(F1, F2);
    }

    /**
     * pb with the feature term of --f1, --f2 and --alpha when the features are given, else pb; --alpha without
     * features is refused rather than ignored.
     */
    static GwProblem optionallyFused(Args a, GwProblem pb) {
        if (a.optional("f1") != null || a.optional("f2") != null) {
            return pb.withFused(featureCost(a, pb), alpha(a, 0.5));
        }
        if (a.optional("alpha") != null) {
            throw new UsageException("--alpha weighs the feature term: it needs --f1 and --f2");
        }
        return pb;
    }

    static double alpha(Args a, double dflt) {
        double alpha = a.number("alpha", dflt);
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new UsageException("--alpha must be in [0, 1], got " + alpha);
        }
        return alpha;
    }

    private static Json fusedGw(Args a) {
        GwProblem pb = readProblem(a);
        Mat M = featureCost(a, pb);
        double alpha = alpha(a, 0.5);
        double tol = Check.positive("--tol", a.number("tol", 1e-9));
        ExactGwOptions opts = ExactGwOptions.defaults().withMaxIter(Check.positive("--max-iter", a.integer("max-iter", 10000)))
                .withTol(tol, tol).withLowRank(lowRank(a));
        Path planOut = a.output("plan-out");
        return gwJson("fgw", pb, new ExactGw(opts).solveFused(pb, M, alpha, null), planOut).put("alpha", alpha);
    }

    private static Json proximalGw(String which, Args a) {
        GwProblem pb = readProblem(a); // no --loss flag: the modules are for the square loss
        double tol = a.number("tol", 0);
        if (!(tol >= 0 && tol < Double.POSITIVE_INFINITY)) {
            throw new UsageException("--tol must be a finite number >= 0 (0: run every layer), got " + tol);
        }
        ProximalGwOptions opts = new ProximalGwOptions(Check.positive("--gamma", a.number("gamma", Double.NaN)),
                Check.positive("--layers", a.integer("layers", 100))).withTol(tol);
        if (a.optional("inner") != null) {
            if (which.equals("badmm-gw")) {
                throw new UsageException("--inner is for ppa-gw (Sinkhorn iterations per proximal step); BADMM has none");
            }
            opts = opts.withInnerIterations(Check.positive("--inner", a.integer("inner", 1)));
        }
        GwProblem problem = optionallyFused(a, pb);
        double alpha = problem.alpha();
        Path planOut = a.output("plan-out");
        GwResult r = which.equals("ppa-gw") ? new PpaGw(opts).solve(problem) : new BadmmGw(opts).solve(problem);
        return gwJson(which, pb, r, planOut).put("gamma", opts.gamma()).put("layers", opts.layers()).put("tol", tol).put("inner_iterations", opts.innerIterations()).put("alpha", alpha);
    }

    private static Json gwBarycenter(Args a) {
        String[] files = a.required("structures").split(",");
        java.util.List<Mat> Cs = new java.util.ArrayList<>();
        java.util.List<double[]> ps = new java.util.ArrayList<>();
        for (String f : files) {
            Mat C = Check.square("--structures (" + f + ")", Csv.readMatrix("--structures", Path.of(f.trim())));
            Cs.add(C);
            ps.add(Check.uniform(C.rows));
        }
        double[] w = a.optional("weights") == null ? Check.uniform(Cs.size()) : Csv.readVector("--weights", a.path("weights"));
        Check.distribution("--weights", w, Cs.size());
        int N = Check.positive("--size", a.integer("size", -1));
        GwLoss loss;
        try {
            loss = GwLoss.parse(a.optional("loss") == null ? "square" : a.optional("loss"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
        String method = a.optional("method") == null ? "exact" : a.optional("method");
        GwBarycenter.Options opts = new GwBarycenter.Options(Check.positive("--max-iter", a.integer("max-iter", 100)),
                a.number("tol", 1e-9));
        org.gwbench.gw.GwSolver inner = switch (method) {
            case "exact" -> new ExactGw(ExactGwOptions.defaults().withTol(1e-5, 0));
            case "ppa", "badmm" -> {
                ProximalGwOptions po = new ProximalGwOptions(Check.positive("--gamma", a.number("gamma", Double.NaN)),
                        Check.positive("--layers", a.integer("layers", 50)));
                yield method.equals("ppa") ? new PpaGw(po) : new BadmmGw(po);
            }
            default -> throw new UsageException("--method must be exact, ppa or badmm, got '" + method + "'");
        };
        if ((method.equals("ppa") || method.equals("badmm")) && loss != GwLoss.SQUARE) {
            throw new UsageException("--loss must be square with --method " + method);
        }
        long seed = a.integer("seed", 0);
        Path out = a.output("out");
        long t0 = System.nanoTime();
        GwBarycenter.Result r = new GwBarycenter(opts, inner, org.gwbench.problem.ProgressListener.NONE)
                .solve(Cs, ps, w, Check.uniform(N), GwBarycenter.randomStructure(N, seed), loss);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (out != null) {
            Csv.write(out, r.structure());
        }
        double[] obj = r.objective();
        return new Json().put("problem", "gw-barycenter").put("method", method).put("size", N)
                .put("value", obj.length == 0 ? Double.NaN : obj[obj.length - 1]).put("iterations", r.iterations())
                .put("change", r.change()).put("converged", r.status() == org.gwbench.problem.Status.CONVERGED)
                .put("seconds", seconds).put("blas", Blas.active().name());
    }

    /**
     * innerGW² between N(0, Σ1) and N(0, Σ2) (Lemma 5.1 of the neural GW paper) and, with --map-out,
     * the optimal linear map from the larger dimension to the smaller (rows: target coordinates).
     */
    private static Json gaussianInnerGw(Args a) {
        Mat S1 = Check.square("--cov1", Csv.readMatrix("--cov1", a.path("cov1")));
        Mat S2 = Check.square("--cov2", Csv.readMatrix("--cov2", a.path("cov2")));
        for (Object[] c : new Object[][] {{"--cov1", S1}, {"--cov2", S2}}) {
            Mat S = (Mat) c[1];
            if (!S.isSymmetric(1e-10 * Math.max(1, S.maxAbsDiff(Mat.zeros(S.rows, S.cols))))) {
                throw new UsageException(c[0] + " must be symmetric");
            }
            double[] ev = org.gwbench.linalg.SymmetricEigen.values(S);
            if (ev[ev.length - 1] <= 0) {
                throw new UsageException(c[0] + " must be positive definite (smallest eigenvalue " + ev[ev.length - 1] + ")");
            }
        }
        Path mapOut = a.output("map-out");
        long t0 = System.nanoTime();
        double v = org.gwbench.gaussian.Gaussians.innerGw2(S1, S2);
        boolean forward = S1.rows >= S2.rows;
        if (mapOut != null) {
            Mat A = forward ? org.gwbench.gaussian.Gaussians.innerGwMap(S1, S2, null)
                    : org.gwbench.gaussian.Gaussians.innerGwMap(S2, S1, null);
            Csv.write(mapOut, A);
        }
        return new Json().put("problem", "gaussian-inner-gw").put("value", v)
                .put("dim1", S1.rows).put("dim2", S2.rows).put("map", forward ? "cov1 -> cov2" : "cov2 -> cov1")
                .put("seconds", (System.nanoTime() - t0) / 1e9).put("eigen", org.gwbench.linalg.SymmetricEigen.backend());
    }

    private static Json entropicGw(Args a) {
        GwProblem pb = readProblem(a);
        double eps = Check.positive("--epsilon", a.number("epsilon", Double.NaN));
        EntropicGwOptions opts = entropicOptions(a, eps);
        Path planOut = a.output("plan-out");
        return gwJson("entropic-gw", pb, new EntropicGw(opts).solve(pb), planOut).put("epsilon", eps);
    }

    static EntropicGwOptions entropicOptions(Args a, double eps) {
        return EntropicGwOptions.defaults(eps).withLowRank(lowRank(a))
                .withMaxIter(Check.positive("--max-iter", a.integer("max-iter", 1000)))
                .withTol(Check.positive("--tol", a.number("tol", 1e-9)))
                .withInner(new org.gwbench.sinkhorn.SinkhornAuto(new SinkhornOptions(1000, 1e-11)));
    }

}

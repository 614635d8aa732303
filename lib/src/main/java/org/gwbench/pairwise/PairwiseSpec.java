package org.gwbench.pairwise;

import java.io.Serializable;
import java.util.Locale;
import org.gwbench.gw.EntropicGw;
import org.gwbench.gw.EntropicGwOptions;
import org.gwbench.gw.ExactGw;
import org.gwbench.gw.ExactGwOptions;
import org.gwbench.gw.GwLoss;
import org.gwbench.gw.GwProblem;
import org.gwbench.gw.GwResult;
import org.gwbench.gw.GwSolver;
import org.gwbench.gw.PpaGw;
import org.gwbench.gw.ProximalGwOptions;
import org.gwbench.linalg.Distances;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Status;

/**
 * What a pairwise computation solves for each pair of graphs: the (fused) GW value with the square loss by
 * method {@code exact} (conditional gradient, {@link ExactGw}; FGWK's distance), {@code entropic}
 * ({@link EntropicGw} at epsilon; its value is the fused objective of the entropic plan, without the entropy) or
 * {@code ppa} (the GWF paper's proximal module, {@link PpaGw} at gamma); α trades the structure term against
 * the squared-distance feature term, (1 − α)⟨M, T⟩ + α·GW(T), as POT's fgw (graphs without features: GW).
 * Rows are computed in blocks of {@code block} rows.
 *
 * @param method exact, entropic or ppa
 * @param alpha the trade-off in [0, 1] (1: structure only)
 * @param epsilon entropic GW's ε (entropic only)
 * @param gamma the proximal module's γ, GWF paper's convention (ppa only)
 * @param block rows per block (64 keeps notebook 04's cache)
 */
public record PairwiseSpec(String method, double alpha, double epsilon, double gamma, int block) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Rows per block by default: notebook 04's FGWK cache has always used 64. */
    public static final int DEFAULT_BLOCK = 64;

    public PairwiseSpec {
        if (!"exact".equals(method) && !"entropic".equals(method) && !"ppa".equals(method)) {
            throw new IllegalArgumentException("method must be exact, entropic or ppa, got '" + method + "'");
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        Check.positive("epsilon", epsilon);
        Check.positive("gamma", gamma);
        Check.positive("block", block);
    }

    /** Exact fused GW at α, FGWK's distance, in notebook 04's blocks. */
    public static PairwiseSpec exact(double alpha) {
        return new PairwiseSpec("exact", alpha, 0.1, 1.0, DEFAULT_BLOCK);
    }

    /**
     * The block size for n graphs when none is given: 64 rows (notebook 04's cache) from 512 graphs on, else an eighth
     * of the rows, so that a small collection still makes enough tasks for every core. A function of n alone: the
     * same data cut the same way on every engine.
     */
    public static int defaultBlock(int n) {
        return n >= 512 ? DEFAULT_BLOCK : Math.max(1, (n + 7) / 8);
    }

    public PairwiseSpec withMethod(String method) {
        return new PairwiseSpec(method, alpha, epsilon, gamma, block);
    }

    public PairwiseSpec withEpsilon(double epsilon) {
        return new PairwiseSpec(method, alpha, epsilon, gamma, block);
    }

    public PairwiseSpec withGamma(double gamma) {
        return new PairwiseSpec(method, alpha, epsilon, gamma, block);
    }

    public PairwiseSpec withBlock(int block) {
        return new PairwiseSpec(method, alpha, epsilon, gamma, block);
    }

    /** The settings that decide the numbers, one line (kept beside the blocks so that a rerun can check them). */
    public String describe() {
        String extra = switch (method) {
            case "entropic" -> " epsilon=" + epsilon;
            case "ppa" -> " gamma=" + gamma;
            default -> "";
        };
        return String.format(Locale.ROOT, "method=%s alpha=%s%s block=%d", method, alpha, extra, block);
    }

    /** A new solver for this method (solvers are cheap; one per thread or task). */
    public GwSolver solver() {
        return switch (method) {
            case "exact" -> new ExactGw(ExactGwOptions.defaults());
            case "entropic" -> new EntropicGw(EntropicGwOptions.defaults(epsilon));
            default -> new PpaGw(new ProximalGwOptions(gamma, 200, false, 1e-9));
        };
    }

    /**
     * The distance between graphs a and b: the solver's (fused) value, clamped at 0 (the conditional gradient's
     * value of two equal graphs can come out at −1e-17). A value that is not finite, or a solve that failed, is
     * an error naming the pair: never a number in the matrix.
     */
    public double distance(PairwiseGraph a, PairwiseGraph b, GwSolver solver, int i, int j) {
        GwResult r;
        try {
            // views of the graphs' arrays: the problem copies what it keeps, once
            Mat C1 = new Mat(a.n(), a.n(), a.C());
            Mat C2 = new Mat(b.n(), b.n(), b.C());
            GwProblem.Fused fused = a.F() != null && b.F() != null && alpha < 1
                    ? new GwProblem.Fused(Distances.squared(new Mat(a.n(), a.d(), a.F()), new Mat(b.n(), b.d(), b.F())), alpha) : null;
            r = solver.solve(new GwProblem(C1, C2, a.p(), b.p(), GwLoss.SQUARE, fused));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(String.format(Locale.ROOT, "graphs %d and %d: %s", i, j, e.getMessage()), e);
        }
        if (r.status() == Status.INTERRUPTED) {
            throw new java.util.concurrent.CancellationException("interrupted at graphs " + i + " and " + j);
        }
        if (!Double.isFinite(r.value()) || r.status() == Status.NUMERICAL_ERROR || r.status() == Status.INFEASIBLE) {
            throw new IllegalStateException(String.format(Locale.ROOT, "graphs %d and %d: the %s solve ended %s with value %s%s",
                    i, j, method, r.status(), r.value(), "exact".equals(method) ? "" : " (try a larger --epsilon/--gamma)"));
        }
        return Math.max(0, r.value());
    }
}

package org.gwbench.gw;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gwbench.emd.Emd;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.linalg.Parallel;
import org.gwbench.problem.Progress;
import org.gwbench.problem.ProgressListener;
import org.gwbench.problem.Status;
import org.gwbench.sinkhorn.Sinkhorn;
import org.gwbench.sinkhorn.SinkhornOptions;
import org.gwbench.sinkhorn.SinkhornResult;

/**
 * Sampled GW (Kerdoncuff, Emonet, Sebban, NeurIPS 2021), as POT's {@code sampled_gromov_wasserstein}: a
 * stochastic Frank-Wolfe whose gradient is estimated from sampled pairs. Each iteration draws rows i
 * (without replacement, weights p) and, for each, columns j of T's row i (without replacement, weights
 * T_i·), estimates
 * <pre>
 *   G_kl = Σ_i mean_j L(C1_ik, C2_jl)      (asymmetric structures: one of the two terms, at random)
 * </pre>
 * divides it by its largest entry, and takes T ← the entropic OT plan of p, q for G − ε log T at ε (a
 * KL-proximal step; POT's Sinkhorn defaults, 1000 iterations at 1e-9), or the exact OT plan when ε = 0.
 * Where the last step's Sinkhorn stopped short of the marginals (its 1000 iterations can leave the plan 1e-5
 * off), that projection is finished from its potentials and, if still off, rounded onto the couplings
 * (Altschuler et al. 2017), so the plan returned is a coupling. Stops after maxIter
 * iterations, or when T moved less than 1e-19 (mean square) in more than 100 successive iterations.
 * Samples: {@code samples} pairs per iteration, split as POT does (all rows and samples/n columns each when
 * samples exceeds n). The random draws come from the seed (SplittableRandom), not numpy's generator: the
 * plans agree with POT's in distribution over seeds, not draw for draw. The result's value is the exact GW
 * value of the final plan (POT reports a sampled estimate of it).
 */
public final class SampledGw implements GwSolver {
    /** A final plan further than this (L1) from its marginals is INFEASIBLE. */
    public static final double MARGINAL_TOL = 1e-6;

    private final SampledGwOptions options;
    private final ProgressListener listener;

    public SampledGw(SampledGwOptions options) {
        this(options, ProgressListener.NONE);
    }

    public SampledGw(SampledGwOptions options, ProgressListener listener) {
        if (options == null) {
            throw new IllegalArgumentException("options are missing");
        }
        this.options = options;
        this.listener = ProgressListener.orNone(listener);
    }

    @Override
    public String name() {
        return "sampled-gw";
    }

    @Override
    public GwResult solve(GwProblem problem) {
        if (problem.cost() != null) {
            throw new IllegalArgumentException("sampled GW takes no feature term (POT's sampled_gromov_wasserstein has none)");
        }
        long start = System.nanoTime();
        int n = problem.n();
        int m = problem.m();
        double[] p = problem.p();
        double[] q = problem.q();
        int rows = Math.min(options.samples(), n);
        int perRow = perRow(n, m);
        boolean symmetric = problem.symmetric();
        SplittableRandom rnd = new SplittableRandom(options.seed());
        Mat T = Mat.outer(p, q);
        Mat G = Mat.zeros(n, m);
        Sinkhorn sinkhorn = new Sinkhorn(SinkhornOptions.defaults());
        Step lastStep = null;
        Emd emd = Emd.defaults();
        List<GwIteration> log = new ArrayList<>();
        Status status = Status.MAX_ITER;
        int quiet = 0;
        int it = 0;
        while (it < options.maxIter()) {
            if (Thread.currentThread().isInterrupted()) {
                status = Status.INTERRUPTED;
                break;
            }
            it++;
            if (!estimate(problem, T, rows, perRow, symmetric, rnd, G)) {
                continue; // POT skips an iteration whose estimate is all zero
            }
            Step step = step(p, q, T, G, sinkhorn, emd);
            if (step == null) {
                status = Status.NUMERICAL_ERROR; // POT: "Return last stable T"
                break;
            }
            Mat next = step.plan();
            lastStep = step;
            double change = 0;
            for (int k = 0; k < T.data.length; k++) {
                double d = T.data[k] - next.data[k];
                change += d * d;
            }
            change /= T.data.length;
            T = next;
            log.add(new GwIteration(it, Double.NaN, Math.sqrt(change), 0, Status.CONVERGED));
            listener.onProgress(Progress.of("iteration", it, options.maxIter(), start, "change", change));
            quiet = change <= 1e-19 ? quiet + 1 : 0;
            if (quiet > 100) {
                status = Status.CONVERGED;
                break;
            }
        }
        if (status != Status.NUMERICAL_ERROR) {
            T = finished(p, q, T, lastStep);
        }
        double value = new GwTensor(problem, Blas.active(), true).value(T);
        double marginal = GwResult.marginalError(T, p, q);
        if (!Double.isFinite(value)) {
            status = Status.NUMERICAL_ERROR;
        } else if (marginal > MARGINAL_TOL && status != Status.INTERRUPTED) {
            status = Status.INFEASIBLE;
        }
        return new GwResult(T, value, it, marginal, status, log, (System.nanoTime() - start) / 1e9);
    }

    /**
     * T, or where the last proximal step's Sinkhorn ran out of POT's 1000 iterations before the marginals held,
     * that projection finished from its potentials (at most 10⁵ more iterations), and where even that stops short
     * (near a permutation, Sinkhorn's convergence is sublinear), rounded onto the couplings ({@link PlanMath#round}).
     */
    private Mat finished(double[] p, double[] q, Mat T, Step last) {
        if (last == null || last.sinkhorn() == null || GwResult.marginalError(T, p, q) <= MARGINAL_TOL) {
            return T;
        }
        SinkhornResult polished = new Sinkhorn(new SinkhornOptions(100000, 1e-9)).solve(p, q, last.M(), options.epsilon(),
                last.sinkhorn().f(), last.sinkhorn().g(), null);
        Mat best = polished.status() != Status.NUMERICAL_ERROR && PlanMath.allFinite(polished.plan()) ? polished.plan() : T;
        // near a permutation the projection converges sublinearly (1e-5 can stay 3e-6 after 10⁵ iterations): round it
        return GwResult.marginalError(best, p, q) <= MARGINAL_TOL ? best : PlanMath.round(best, p, q);
    }

    /** Columns drawn per sampled row: 1, or samples/n when samples exceeds n (all rows drawn), as POT. */
    private int perRow(int n, int m) {
        int perRow = options.samples() > n ? options.samples() / n : 1;
        if (perRow > m) {
            throw new IllegalArgumentException("samples = " + options.samples() + " asks for " + perRow + " columns per row, but C2 has "
                    + m + " nodes: at most " + (n * m) + " samples");
        }
        return perRow;
    }

    /** One step's plan, and for the proximal step its cost and Sinkhorn result (to finish the last projection). */
    private record Step(Mat plan, Mat M, SinkhornResult sinkhorn) {
    }

    /**
     * The plan of p, q for the estimate G: the entropic OT plan for G − ε log T at ε (entries of T below e^{−200}
     * priced +∞), or the exact OT plan when ε = 0; null after a numerical failure.
     */
    private Step step(double[] p, double[] q, Mat T, Mat G, Sinkhorn sinkhorn, Emd emd) {
        if (options.epsilon() == 0) {
            Emd.Result r = emd.solve(p, q, G);
            return r.status() == Status.CONVERGED ? new Step(r.plan(), null, null) : null;
        }
        Mat M = Mat.zeros(T.rows, T.cols);
        for (int k = 0; k < M.data.length; k++) {
            double t = Math.min(T.data[k], 1);
            M.data[k] = t < Math.exp(-200) ? Double.POSITIVE_INFINITY : G.data[k] - options.epsilon() * Math.log(t);
        }
        SinkhornResult r = sinkhorn.solve(p, q, M, options.epsilon(), null, null, null);
        if (r.status() == Status.NUMERICAL_ERROR || !PlanMath.allFinite(r.plan())) {
            return null;
        }
        return new Step(r.plan(), M, r);
    }

    /** G ← the sampled gradient divided by its largest entry; false when that entry is 0 (nothing to divide by). */
    static boolean estimate(GwProblem problem, Mat T, int rows, int perRow, boolean symmetric, SplittableRandom rnd, Mat G) {
        Mat C1 = problem.c1();
        Mat C2 = problem.c2();
        GwLoss loss = problem.loss();
        int n = C1.rows;
        int m = C2.rows;
        int[] is = choose(problem.p(), rows, rnd);
        int[][] js = new int[rows][];
        boolean[] transposed = new boolean[rows];
        for (int s = 0; s < rows; s++) {
            js[s] = choose(T.row(is[s]), perRow, rnd);
            transposed[s] = !symmetric && rnd.nextDouble() > 0.5;
        }
        java.util.Arrays.fill(G.data, 0);
        // G_kl += mean_j L(C1_ik, C2_jl), or with the transposed structures (L(C1_ki, C2_lj)), rows k over the cores
        Parallel.rows(n, m * rows * perRow, (lo, hi) -> {
            for (int k = lo; k < hi; k++) {
                for (int s = 0; s < rows; s++) {
                    int i = is[s];
                    double a = transposed[s] ? C1.data[k * n + i] : C1.data[i * n + k];
                    for (int j : js[s]) {
                        for (int l = 0, o = k * m; l < m; l++) {
                            double b = transposed[s] ? C2.data[l * m + j] : C2.data[j * m + l];
                            G.data[o + l] += loss.value(a, b) / js[s].length;
                        }
                    }
                }
            }
        });
        double max = Double.NEGATIVE_INFINITY;
        for (double g : G.data) {
            max = Math.max(max, g);
        }
        if (max == 0) {
            return false;
        }
        for (int k = 0; k < G.data.length; k++) {
            G.data[k] /= max;
        }
        return true;
    }

    /**
     * count distinct indices drawn without replacement, each with probability proportional to its remaining
     * weight; fewer when fewer have positive weight (a plan's row can have underflowed entries, where numpy's
     * choice raises).
     */
    static int[] choose(double[] weights, int count, SplittableRandom rnd) {
        double[] w = weights.clone();
        double total = 0;
        for (double x : w) {
            total += x;
        }
        int[] out = new int[count];
        for (int c = 0; c < count; c++) {
            double u = rnd.nextDouble() * total;
            int pick = -1;
            double acc = 0;
            for (int k = 0; k < w.length; k++) {
                if (w[k] <= 0) {
                    continue;
                }
                acc += w[k];
                pick = k;
                if (u < acc) {
                    break;
                }
            }
            if (pick < 0) {
                return java.util.Arrays.copyOf(out, c);
            }
            out[c] = pick;
            total -= w[pick];
            w[pick] = 0;
        }
        return out;
    }
}

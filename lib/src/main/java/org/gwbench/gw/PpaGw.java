package org.gwbench.gw;

import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.linalg.VecMath;
import org.gwbench.problem.ProgressListener;

/**
 * The PPA-based GW discrepancy module of Xu et al., "Gromov-Wasserstein factorization models for
 * graph clustering" (AAAI 2020), Algorithm 1, square loss, M layers:
 * <pre>
 *   T⁰ = μs μtᵀ, a = μs;  for m &lt; M:  Φ = exp(−(Cst − 2 Cs T Ctᵀ)/γ) ⊙ T,  b = μt ⊘ Φᵀa,  a = μs ⊘ Φb,
 *   T = diag(a) Φ diag(b)
 * </pre>
 * (one Sinkhorn step per proximal step, KL(T‖T^m) as the proximal term; γ in the paper's convention,
 * see {@link ProximalGwOptions}). Each step computes the stabilised kernel exp(−nlp − row max) once and
 * scales it ({@link #kernelStep}); where that would underflow (small γ, far-apart costs) the step runs
 * in the log domain instead ({@link #logStep}): the same numbers up to roundoff, never overflow.
 * <b>Marginals</b>: the rows hold exactly (T1 = μs after each step); the columns only approximately.
 * Directed graphs: the paper's step uses Cs T Ctᵀ as written (not the symmetrised gradient).
 * The log records the discrepancy ⟨Cst − 2 Cs T Ctᵀ, T⟩ after each layer.
 */
public final class PpaGw implements GwSolver {
    private final ProximalGwOptions options;
    /** Structures at most this dense are multiplied over their non-zeros (0: always the BLAS; tests compare). */
    double sparseDensity = ProximalSupport.Sandwich.SPARSE_DENSITY;
    /** One exponential per entry and step ({@link #kernelStep}); false: always the log domain (tests compare). */
    boolean kernelDomain = true;

    private final ProgressListener listener;

    public PpaGw(ProximalGwOptions options) {
        this(options, ProgressListener.NONE);
    }

    /** listener hears (layer, layers, ‖T_new − T‖_F) after every layer. */
    public PpaGw(ProximalGwOptions options, ProgressListener listener) {
        if (options == null) {
            throw new IllegalArgumentException("options must be given");
        }
        this.options = options;
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    @Override
    public String name() {
        return "ppa-gw";
    }

    /** The module on pb, fused when pb carries a feature term. */
    @Override
    public GwResult solve(GwProblem pb) {
        return run(pb, pb.cost(), pb.alpha());
    }

    /**
     * The fused module (GWF paper eq. 15, with POT's trade-off α): the paper's Cst − 2 Cs T Ctᵀ becomes
     * α(Cst − 2 Cs T Ctᵀ) + (1 − α)M, M the feature cost (n×m); α = 1 is GW, α = 0 proximal-point OT
     * with cost M. The logged value is α·discrepancy + (1 − α)⟨M, T⟩.
     */
    public GwResult solve(GwProblem pb, Mat M, double alpha) {
        return solve(M == null && alpha == 1 ? pb : pb.withFused(M, alpha));
    }

    private GwResult run(GwProblem pb, Mat M, double alpha) {
        ProximalSupport.checkLoss(pb);
        long start = System.nanoTime();
        Blas blas = Blas.active();
        ProximalSupport.Sandwich sandwich = new ProximalSupport.Sandwich(blas, pb, sparseDensity);
        int n = pb.n();
        int m = pb.m();
        Mat cst = ProximalSupport.fusedCst(pb, M, alpha);
        Mat T = Mat.outer(pb.p(), pb.q());
        double[] p = pb.p();
        double[] logp = ProximalSupport.log(p);
        double[] logq = ProximalSupport.log(pb.q());
        double[] loga = logp.clone();
        double[] logT = ProximalSupport.logOuter(logp, logq);
        // nlp = −log Φ = (Cst − 2α Cs T Ctᵀ)/γ − log T; the exponentials run through VecMath's lanes
        double[] nlp = new double[n * m];
        double[] logb = new double[m];
        double[] colMax = new double[m];
        double[] colSum = new double[m];
        double[] zeros = new double[m];
        double[] phi = new double[n * m];
        ProximalSupport.Layers layers = new ProximalSupport.Layers(options, listener, pb);
        double gamma = options.gamma();
        for (int it = 0; it < options.layers(); it++) {
            if (layers.interrupted()) {
                break;
            }
            Mat P = sandwich.apply(T, false);
            for (int k = 0; k < nlp.length; k++) {
                nlp[k] = (cst.data[k] - 2 * alpha * P.data[k]) / gamma - logT[k];
            }
            Mat Tn = Mat.zeros(n, m);
            // the proximal step's Sinkhorn problem (nlp holds the previous log T, so the steps may overwrite it):
            // the paper takes one iteration, POT's PPA iterates it to convergence
            for (int s = 0; s < options.innerIterations(); s++) {
                if (!kernelDomain || !kernelStep(n, m, nlp, p, logp, logq, loga, logb, zeros, phi, colSum, Tn.data, logT)) {
                    logStep(n, m, nlp, p, logp, logq, loga, logb, colMax, colSum, Tn.data, logT);
                }
            }
            T = layers.next(Tn, T, sandwich, cst, alpha);
            if (layers.stopped) {
                break;
            }
        }
        return ProximalSupport.result(pb, T, layers, start, sandwich, cst, alpha);
    }

    /**
     * One Sinkhorn step, b = μt ⊘ Φᵀa then a = μs ⊘ Φb, T = diag(a) Φ diag(b), with Φ = exp(−nlp), in the
     * log domain: two exponentials per entry (the column log-sum-exps, then the rows). Always finite.
     */
    static void logStep(int n, int m, double[] nlp, double[] p, double[] logp, double[] logq, double[] loga,
                        double[] logb, double[] colMax, double[] colSum, double[] T, double[] logT) {
        java.util.Arrays.fill(colMax, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            VecMath.maxDiffInto(loga[i], nlp, i * m, m, colMax);
        }
        java.util.Arrays.fill(colSum, 0);
        for (int i = 0; i < n; i++) {
            VecMath.addExp(loga[i], nlp, i * m, colMax, m, 1, colSum);
        }
        for (int j = 0; j < m; j++) {
            logb[j] = logq[j] - (colMax[j] + Math.log(colSum[j]));
        }
        for (int i = 0; i < n; i++) {
            loga[i] = ProximalSupport.normaliseRow(logb, nlp, i * m, m, p[i], logp[i], T, logT);
        }
    }

    /** Sums below this fall back to {@link #logStep}: far above the subnormals, so no term that matters is lost. */
    static final double KERNEL_TINY = 1e-200;

    /**
     * The same step with one exponential per entry: Φ̃_ij = exp(−nlp_ij − r_i), r_i = max_j(−nlp_ij), so
     * every row of Φ̃ peaks at 1, and the scalings are applied as weights exp(log a_i + r_i − max) and
     * exp(log b_j − max). False, with loga, logb, T and logT left for {@link #logStep} to overwrite,
     * when a column or row sum falls below {@link #KERNEL_TINY} (an underflowing kernel); the numbers
     * are otherwise those of the log domain up to roundoff.
     */
    static boolean kernelStep(int n, int m, double[] nlp, double[] p, double[] logp, double[] logq, double[] loga,
                              double[] logb, double[] zeros, double[] phi, double[] colSum, double[] T, double[] logT) {
        double[] r = new double[n];
        double cMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            r[i] = VecMath.maxDiff(zeros, nlp, i * m, m);
            VecMath.expAffine(-r[i], null, nlp, i * m, m, 1, phi);
            cMax = Math.max(cMax, loga[i] + r[i]);
        }
        // b = μt ⊘ Φᵀa: s_j = Σ_i exp(log a_i + r_i − cMax) Φ̃_ij
        java.util.Arrays.fill(colSum, 0);
        for (int i = 0; i < n; i++) {
            double w = Math.exp(loga[i] + r[i] - cMax);
            if (w == 0) {
                continue;
            }
            int o = i * m;
            for (int j = 0; j < m; j++) {
                colSum[j] += w * phi[o + j];
            }
        }
        double bMax = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            if (!(colSum[j] >= KERNEL_TINY) || colSum[j] == Double.POSITIVE_INFINITY) {
                return false;
            }
            logb[j] = logq[j] - (cMax + Math.log(colSum[j]));
            bMax = Math.max(bMax, logb[j]);
        }
        double[] e = colSum; // reused: e_j = exp(log b_j − bMax) ∈ (0, 1]
        for (int j = 0; j < m; j++) {
            e[j] = Math.exp(logb[j] - bMax);
        }
        // a = μs ⊘ Φb: t_i = Σ_j Φ̃_ij e_j, log a_i = log μs_i − r_i − bMax − log t_i (all t_i checked before
        // loga changes, so that logStep can still start from the previous a)
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            int o = i * m;
            double ti = 0;
            for (int j = 0; j < m; j++) {
                ti += phi[o + j] * e[j];
            }
            if (!(ti >= KERNEL_TINY)) {
                return false;
            }
            t[i] = ti;
        }
        for (int i = 0; i < n; i++) {
            int o = i * m;
            double logt = Math.log(t[i]);
            loga[i] = logp[i] - (r[i] + bMax + logt);
            double scale = p[i] / t[i];
            for (int j = 0; j < m; j++) {
                T[o + j] = scale * phi[o + j] * e[j];
                logT[o + j] = loga[i] + logb[j] - nlp[o + j];
            }
        }
        return true;
    }

    static double diff2(Mat A, Mat B) {
        double s = 0;
        for (int k = 0; k < A.data.length; k++) {
            double d = A.data[k] - B.data[k];
            s += d * d;
        }
        return s;
    }
}

package org.gwbench.gw;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.linalg.VecMath;
import org.gwbench.problem.Status;

/**
 * The PPA-based GW discrepancy module of Xu et al., "Gromov-Wasserstein factorization models for
 * graph clustering" (AAAI 2020), Algorithm 1, square loss, M layers:
 * <pre>
 *   T⁰ = μs μtᵀ, a = μs;  for m &lt; M:  Φ = exp(−(Cst − 2 Cs T Ctᵀ)/γ) ⊙ T,  b = μt ⊘ Φᵀa,  a = μs ⊘ Φb,
 *   T = diag(a) Φ diag(b)
 * </pre>
 * (one Sinkhorn step per proximal step, KL(T‖T^m) as the proximal term; γ in the paper's convention,
 * see {@link ProximalGwOptions}). Run in the log domain (the same numbers without overflow at small γ).
 * <b>Marginals</b>: the rows hold exactly (T1 = μs after each step); the columns only approximately.
 * Directed graphs: the paper's step uses Cs T Ctᵀ as written (not the symmetrised gradient).
 * The log records the discrepancy ⟨Cst − 2 Cs T Ctᵀ, T⟩ after each layer.
 */
public final class PpaGw {
    private final ProximalGwOptions options;
    /** Structures at most this dense are multiplied over their non-zeros (0: always the BLAS; tests compare). */
    double sparseDensity = ProximalSupport.Sandwich.SPARSE_DENSITY;

    public PpaGw(ProximalGwOptions options) {
        this.options = options;
    }

    public GwResult solve(GwProblem pb) {
        return solve(pb, null, 1.0);
    }

    /**
     * The fused module (GWF paper eq. 15, with POT's trade-off α): the paper's Cst − 2 Cs T Ctᵀ becomes
     * α(Cst − 2 Cs T Ctᵀ) + (1 − α)M, M the feature cost (n×m); α = 1 is GW, α = 0 proximal-point OT
     * with cost M. The logged value is α·discrepancy + (1 − α)⟨M, T⟩.
     */
    public GwResult solve(GwProblem pb, Mat M, double alpha) {
        ProximalSupport.checkFused(pb, M, alpha);
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
        List<GwIteration> log = new ArrayList<>();
        double gamma = options.gamma();
        int layers = 0;
        for (int it = 0; it < options.layers(); it++) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            Mat P = sandwich.apply(T, false);
            for (int k = 0; k < nlp.length; k++) {
                nlp[k] = (cst.data[k] - 2 * alpha * P.data[k]) / gamma - logT[k];
            }
            // b = μt ⊘ Φᵀa: column log-sum-exps of log a_i + log Φ_ij
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
            // a = μs ⊘ Φb, then T = diag(a) Φ diag(b)
            Mat Tn = Mat.zeros(n, m);
            for (int i = 0; i < n; i++) {
                loga[i] = ProximalSupport.normaliseRow(logb, nlp, i * m, m, p[i], logp[i], Tn.data, logT);
            }
            layers++;
            if (options.logLayers()) {
                double change = Math.sqrt(diff2(Tn, T));
                log.add(new GwIteration(layers, ProximalSupport.value(sandwich, cst, Tn, alpha), change, 1, Status.CONVERGED));
            }
            T = Tn;
        }
        return ProximalSupport.result(pb, T, log, layers, start, sandwich, cst, alpha);
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

package org.gwbench.gw;

import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.linalg.VecMath;
import org.gwbench.problem.ProgressListener;

/**
 * The BADMM-based GW discrepancy module of Xu et al. (AAAI 2020), Algorithm 2, square loss, M layers:
 * an auxiliary plan S with T = S enforced through a dual variable Z (Wang and Banerjee 2014):
 * <pre>
 *   T⁰ = μs μtᵀ, Z = 0;  for m &lt; M:
 *     Φ1 = exp((2 Csᵀ T Ct + Z)/γ) ⊙ T,          S = Φ1 diag(μt ⊘ Φ1ᵀ1)
 *     Φ2 = exp(−(Cst − 2 Cs S Ctᵀ + Z)/γ) ⊙ S,   T = diag(μs ⊘ Φ2 1) Φ2
 *     Z = Z + γ (T − S)
 * </pre>
 * Run in the log domain. <b>Marginals</b>: T has its rows exactly (T1 = μs), S its columns
 * (Sᵀ1 = μt); T's columns hold only as T and S agree. The two half-steps use Csᵀ T Ct and Cs S Ctᵀ,
 * so on directed graphs both directions of the edges enter (the paper's reading of its lower
 * discrepancy there). The log records ⟨Cst − 2 Cs T Ctᵀ, T⟩ after each layer.
 */
public final class BadmmGw implements GwSolver {
    private final ProximalGwOptions options;
    /** Structures at most this dense are multiplied over their non-zeros (0: always the BLAS; tests compare). */
    double sparseDensity = ProximalSupport.Sandwich.SPARSE_DENSITY;

    private final ProgressListener listener;

    public BadmmGw(ProximalGwOptions options) {
        this(options, ProgressListener.NONE);
    }

    /** listener hears (layer, layers, ‖T_new − T‖_F) after every layer. */
    public BadmmGw(ProximalGwOptions options, ProgressListener listener) {
        if (options == null) {
            throw new IllegalArgumentException("options must be given");
        }
        this.options = options;
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    @Override
    public String name() {
        return "badmm-gw";
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
        Mat Z = Mat.zeros(n, m);
        double gamma = options.gamma();
        double[] p = pb.p();
        double[] q = pb.q();
        double[] logp = ProximalSupport.log(p);
        double[] logq = ProximalSupport.log(q);
        // log T and log S are carried from step to step (never log of an exponential that underflowed);
        // the negated logs feed VecMath's lanes
        double[] logT = ProximalSupport.logOuter(logp, logq);
        double[] neg = new double[n * m];
        double[] logS = new double[n * m];
        double[] zeros = new double[m];
        Columns columns = new Columns(m);
        ProximalSupport.Layers layers = new ProximalSupport.Layers(options, listener, pb);
        for (int it = 0; it < options.layers(); it++) {
            if (layers.interrupted()) {
                break;
            }
            Mat P1 = sandwich.apply(T, true);
            for (int k = 0; k < neg.length; k++) {
                neg[k] = -((2 * alpha * P1.data[k] + Z.data[k]) / gamma + logT[k]);
            }
            // S: columns scaled to μt
            Mat S = columns.scaled(neg, n, q, logq, logS);
            Mat P2 = sandwich.apply(S, false);
            for (int k = 0; k < neg.length; k++) {
                neg[k] = (cst.data[k] - 2 * alpha * P2.data[k] + Z.data[k]) / gamma - logS[k];
            }
            // T: rows scaled to μs
            Mat Tn = Mat.zeros(n, m);
            for (int i = 0; i < n; i++) {
                ProximalSupport.normaliseRow(zeros, neg, i * m, m, p[i], logp[i], Tn.data, logT);
            }
            for (int k = 0; k < Z.data.length; k++) {
                Z.data[k] += gamma * (Tn.data[k] - S.data[k]);
            }
            T = layers.next(Tn, T, sandwich, cst, alpha);
            if (layers.stopped) {
                break;
            }
        }
        return ProximalSupport.result(pb, T, layers, start, sandwich, cst, alpha);
    }

    /**
     * The column step of a BADMM layer, with its buffers: S_ij = μt_j e_ij / Σ_i e_ij where
     * e_ij = exp(−neg_ij − max_i(−neg_ij)) (one pass of exponentials), and log S alongside.
     */
    private static final class Columns {
        private final double[] colMax;
        private final double[] colSum;
        private final double[] shift;
        private final double[] negMax;
        private final double[] colScale;

        Columns(int m) {
            colMax = new double[m];
            colSum = new double[m];
            shift = new double[m];
            negMax = new double[m];
            colScale = new double[m];
        }

        Mat scaled(double[] neg, int n, double[] q, double[] logq, double[] logS) {
            int m = q.length;
            java.util.Arrays.fill(colMax, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                VecMath.maxDiffInto(0, neg, i * m, m, colMax);
            }
            for (int j = 0; j < m; j++) {
                negMax[j] = -colMax[j];
            }
            java.util.Arrays.fill(colSum, 0);
            Mat S = Mat.zeros(n, m);
            for (int i = 0; i < n; i++) {
                int o = i * m;
                VecMath.expAffine(0, negMax, neg, o, m, 1, S.data);
                for (int j = 0; j < m; j++) {
                    colSum[j] += S.data[o + j];
                }
            }
            for (int j = 0; j < m; j++) {
                shift[j] = logq[j] - (colMax[j] + Math.log(colSum[j]));
                colScale[j] = q[j] / colSum[j];
            }
            for (int i = 0; i < n; i++) {
                int o = i * m;
                for (int j = 0; j < m; j++) {
                    S.data[o + j] *= colScale[j];
                    logS[o + j] = shift[j] - neg[o + j];
                }
            }
            return S;
        }
    }
}

package org.gwbench.pairwise;

import java.util.Arrays;

/**
 * A cheap lower bound on the (fused) GW value of two graphs, for pruning (as CAJAL prunes with Mémoli's bounds).
 * For any coupling T of p and q and each pair (i, j), the reverse triangle inequality in L²(T) gives
 * <pre>
 *   Σ_kl (C1_ik − C2_jl)² T_kl ≥ (e1_i − e2_j)²,   e1_i = (Σ_k C1_ik² p_k)^½,  e2_j = (Σ_l C2_jl² q_l)^½,
 * </pre>
 * so GW(T) = Σ_ij T_ij Σ_kl (…)² T_kl ≥ Σ_ij T_ij (e1_i − e2_j)² ≥ W₂²(Σ p_i δ_{e1_i}, Σ q_j δ_{e2_j}): the
 * squared 2-Wasserstein distance between the graphs' eccentricity distributions, a one-dimensional transport
 * solved by sorting (Mémoli 2011's first lower bound, for this value's convention). The feature term is bounded
 * by Jensen: ⟨M, T⟩ = Σ T_ij ‖f_i − g_j‖² ≥ ‖f̄ − ḡ‖², f̄ and ḡ the weighted mean features. Hence
 * <pre>
 *   FGW_α(a, b) ≥ α·W₂²(ecc_a, ecc_b) + (1 − α)‖f̄_a − f̄_b‖²
 * </pre>
 * for every coupling, so below every solver's value (the conditional gradient's local optimum included).
 */
public final class LowerBound {
    /** A graph's summary: its eccentricities sorted, their weights, and its mean feature (null without features). */
    public record Summary(double[] ecc, double[] w, double[] meanFeature) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    private LowerBound() {
    }

    public static Summary summary(PairwiseGraph g) {
        int n = g.n();
        double[] e = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                double c = g.C()[i * n + k];
                s += c * c * g.p()[k];
            }
            e[i] = Math.sqrt(s);
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(e[x], e[y]));
        double[] ecc = new double[n];
        double[] w = new double[n];
        for (int r = 0; r < n; r++) {
            ecc[r] = e[order[r]];
            w[r] = g.p()[order[r]];
        }
        double[] mean = null;
        if (g.F() != null) {
            mean = new double[g.d()];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < g.d(); c++) {
                    mean[c] += g.p()[i] * g.F()[i * g.d() + c];
                }
            }
        }
        return new Summary(ecc, w, mean);
    }

    /** The bound for trade-off alpha (the feature term counts only when both graphs have features and α < 1). */
    public static double of(Summary a, Summary b, double alpha) {
        double bound = alpha * w2Squared(a.ecc(), a.w(), b.ecc(), b.w());
        if (a.meanFeature() != null && b.meanFeature() != null && alpha < 1) {
            double s = 0;
            for (int c = 0; c < a.meanFeature().length; c++) {
                double d = a.meanFeature()[c] - b.meanFeature()[c];
                s += d * d;
            }
            bound += (1 - alpha) * s;
        }
        return bound;
    }

    /** W₂² between Σ wa δ_x and Σ wb δ_y, x and y sorted: the monotone (north-west corner) coupling. */
    static double w2Squared(double[] x, double[] wa, double[] y, double[] wb) {
        int i = 0;
        int j = 0;
        double ra = wa[0];
        double rb = wb[0];
        double s = 0;
        while (true) {
            double m = Math.min(ra, rb);
            double d = x[i] - y[j];
            s += m * d * d;
            ra -= m;
            rb -= m;
            if (ra <= 0) {
                if (++i == x.length) {
                    break;
                }
                ra += wa[i];
            }
            if (rb <= 0) {
                if (++j == y.length) {
                    break;
                }
                rb += wb[j];
            }
        }
        return s;
    }
}

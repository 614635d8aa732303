package org.gwbench.grad;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Status;
import org.gwbench.sinkhorn.SinkhornProjection;

/**
 * The differentiable GW layer of Ezuz, Solomon, Kim and Ben-Chen, "Derivative of Gromov-Wasserstein"
 * (Algorithm 1 with a fixed number I of iterations), with reverse-mode derivatives with respect to
 * both metrics and the initial plan.
 *
 * <p>Forward, for i = 1..I from Γ⁰ (default all ones, i.e. the coupling μ0 μᵀ):
 * <pre>
 *   π = [μ0] Γ^{i−1} [μ],   K^i = exp(D0 π Dᵀ · η/α) ⊙ (Γ^{i−1})^{1−η},   Γ^i = SINKHORN-PROJECTION(K^i; μ0, μ).
 * </pre>
 * The note's Algorithm 1 prints (Γ^i)^{1−η} in the first line; Γ^i is not yet known there, so we read
 * it as Γ^{i−1} (as the derivation in §3 does). <b>Sign</b>: the exponent is +D0 π Dᵀ. For metrics
 * with fixed marginals, GW(π) = Σ (D0_ik − D_jl)² π_ij π_kl = const − 2⟨D0 π Dᵀ, π⟩, so raising the
 * kernel where D0 π Dᵀ is large is a mirror-descent step on GW with step η/α; {@link #gwObjective}
 * lets a test check that it decreases. The exponent is shifted by its maximum before exp: a constant
 * factor on K leaves Γ unchanged, and every derivative below depends on K only through
 * H = ∇_K L ⊙ K, which the shift does not change either.
 *
 * <p>Backward (given G = ∇_{Γ^I} L), for i = I..1: ∇_K L from {@link SinkhornProjection#vjp};
 * H = ∇_K L ⊙ K; then (eq. 21, 24 and the same for D0)
 * <pre>
 *   ∇_{Γ^{i−1}} L = (1 − η) H ⊘ Γ^{i−1} + (η/α) [μ0] D0ᵀ H D [μ]
 *   ∇_D L  += (η/α) Hᵀ D0 π,      ∇_{D0} L += (η/α) H D πᵀ.
 * </pre>
 * <b>Deviation marked</b>: eq. 21 prints Γ^{1−η} in its first term; eq. 20 (and the derivative of
 * Γ^{1−η}) gives Γ^{−η}, which is what H ⊘ Γ is. The metrics are symmetric, so their gradients are
 * returned symmetrised, ½(∇ + ∇ᵀ): the gradient on the space of symmetric matrices, whose inner
 * product with a symmetric direction is the directional derivative. The note "adds the transposed
 * matrix", ∇ + ∇ᵀ, which is the derivative with respect to one shared entry D_ij = D_ji off the
 * diagonal: twice ours there.
 *
 * <p>Cost per iteration: forward two GEMMs (n²m + nm²) and a projection; backward four GEMMs and
 * one (m+1)×m QR. Memory: a few n×m matrices per iteration are kept for the backward pass.
 */
public final class EzuzGw {
    /** exp underflows below this exponent range. */
    static final double MAX_EXPONENT_RANGE = 700;

    private final EzuzGwOptions options;

    public EzuzGw(EzuzGwOptions options) {
        this.options = options;
    }

    public EzuzGwOptions options() {
        return options;
    }

    /** One stored iteration: the previous plan, π and D0·π, the kernel and its projection. */
    record Step(Mat gammaPrev, Mat pi, Mat D0pi, Mat K, SinkhornProjection.Result projection) {
    }

    /** Gradients of L with respect to D, D0 (symmetrised) and Γ⁰. */
    public record Gradients(Mat gradD, Mat gradD0, Mat gradGamma0) {
    }

    /** Forward from Γ⁰ = 1 (the product coupling). */
    public Forward forward(Mat D0, Mat D, double[] mu0, double[] mu) {
        Mat ones = Mat.zeros(D0.rows, D.rows);
        java.util.Arrays.fill(ones.data, 1.0);
        return forward(D0, D, mu0, mu, ones);
    }

    /** Runs the I iterations from Γ⁰ and keeps what {@link Forward#backward} needs. */
    public Forward forward(Mat D0, Mat D, double[] mu0, double[] mu, Mat gamma0) {
        Check.finite("D0", Check.square("D0", Check.nonEmpty("D0", D0)));
        Check.finite("D", Check.square("D", Check.nonEmpty("D", D)));
        requireSymmetric("D0", D0);
        requireSymmetric("D", D);
        int n = D0.rows;
        int m = D.rows;
        Check.distribution("mu0", mu0, n);
        Check.distribution("mu", mu, m);
        if (gamma0.rows != n || gamma0.cols != m) {
            throw new IllegalArgumentException("gamma0 has shape " + gamma0.rows + "x" + gamma0.cols + ", expected " + n + "x" + m);
        }
        for (double g : gamma0.data) {
            if (!(g > 0) || !Double.isFinite(g)) {
                throw new IllegalArgumentException("gamma0 must be finite and positive, found " + g);
            }
        }
        Blas blas = Blas.active();
        double scale = options.eta() / options.alpha();
        double oneMinusEta = 1 - options.eta();
        List<Step> steps = new ArrayList<>();
        Mat gamma = gamma0.copy();
        for (int it = 0; it < options.iterations(); it++) {
            Mat pi = coupling(gamma, mu0, mu);
            Mat D0pi = blas.multiply(D0, pi);
            Mat X = blas.multiply(D0pi, false, D, true);
            double mx = Double.NEGATIVE_INFINITY;
            double mn = Double.POSITIVE_INFINITY;
            for (double x : X.data) {
                mx = Math.max(mx, x);
                mn = Math.min(mn, x);
            }
            if ((mx - mn) * scale > MAX_EXPONENT_RANGE) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "alpha = %g is too small for these metrics: the exponent D0·π·Dᵀ·η/α spans %.1f > %.0f and exp "
                                + "underflows; increase alpha or normalise the metrics", options.alpha(), (mx - mn) * scale,
                        MAX_EXPONENT_RANGE));
            }
            Mat K = Mat.zeros(n, m);
            for (int k = 0; k < K.data.length; k++) {
                double e = Math.exp((X.data[k] - mx) * scale);
                K.data[k] = oneMinusEta == 0 ? e : e * Math.pow(gamma.data[k], oneMinusEta);
            }
            SinkhornProjection.Result proj = SinkhornProjection.project(K, mu0, mu, options.projection());
            if (proj.status() == Status.NUMERICAL_ERROR) {
                throw new IllegalStateException("Sinkhorn projection failed at iteration " + (it + 1) + " (not finite)");
            }
            steps.add(new Step(gamma, pi, D0pi, K, proj));
            gamma = proj.gamma();
            }
        return new Forward(D0, D, steps);
    }

    /** The result of a forward pass; {@link #backward} may be called any number of times. */
    public final class Forward {
        private final Mat D0;
        private final Mat D;
        private final List<Step> steps;
        private Forward(Mat D0, Mat D, List<Step> steps) {
            this.D0 = D0;
            this.D = D;
            this.steps = steps;
        }

        /** Γ^I. */
        public Mat gamma() {
            return steps.get(steps.size() - 1).projection().gamma();
        }

        /** The coupling [μ0] Γ^I [μ]. */
        public Mat coupling() {
            SinkhornProjection.Result r = steps.get(steps.size() - 1).projection();
            return EzuzGw.coupling(r.gamma(), r.mu0(), r.mu());
        }

        /**
         * GW(π^i) for i = 0..I, computed on request (two GEMMs each): the forward pass does not pay
         * for them.
         */
        public List<Double> gwValues() {
            List<Double> values = new ArrayList<>();
            for (Step s : steps) {
                values.add(gwObjective(D0, D, s.pi()));
            }
            values.add(gwObjective(D0, D, coupling()));
            return Collections.unmodifiableList(values);
        }

        /** Sinkhorn iterations of each projection. */
        public int[] projectionIterations() {
            return steps.stream().mapToInt(s -> s.projection().iterations()).toArray();
        }

        /** True when every projection met its tolerance (the derivatives assume it). */
        public boolean converged() {
            return steps.stream().allMatch(s -> s.projection().converged());
        }

        /** Reverse pass for G = ∇_{Γ^I} L. */
        public Gradients backward(Mat gradGamma) {
            Mat G = gamma();
            G.requireSameShape(gradGamma, "gradGamma");
            Check.finite("gradGamma", gradGamma);
            Blas blas = Blas.active();
            int n = G.rows;
            int m = G.cols;
            double scale = options.eta() / options.alpha();
            double oneMinusEta = 1 - options.eta();
            Mat gD = Mat.zeros(m, m);
            Mat gD0 = Mat.zeros(n, n);
            Mat cur = gradGamma;
            for (int it = steps.size() - 1; it >= 0; it--) {
                Step s = steps.get(it);
                Mat gK = SinkhornProjection.vjp(s.projection(), cur);
                Mat H = gK;
                for (int k = 0; k < H.data.length; k++) {
                    H.data[k] *= s.K().data[k];
                }
                blas.gemm(true, false, m, m, n, scale, H.data, m, s.D0pi().data, m, 1.0, gD.data, m);
                Mat HD = blas.multiply(H, D);
                blas.gemm(false, true, n, n, m, scale, HD.data, m, s.pi().data, m, 1.0, gD0.data, n);
                Mat prev = blas.multiply(D0, true, HD, false);
                double[] mu0 = s.projection().mu0();
                double[] mu = s.projection().mu();
                for (int i = 0; i < n; i++) {
                    for (int j = 0, o = i * m; j < m; j++) {
                        double v = scale * mu0[i] * mu[j] * prev.data[o + j];
                        if (oneMinusEta != 0) {
                            v += oneMinusEta * H.data[o + j] / s.gammaPrev().data[o + j];
                        }
                        prev.data[o + j] = v;
                    }
                }
                cur = prev;
            }
            return new Gradients(symmetrised(gD), symmetrised(gD0), cur);
        }
    }

    /** [μ0] Γ [μ]. */
    public static Mat coupling(Mat gamma, double[] mu0, double[] mu) {
        Mat pi = Mat.zeros(gamma.rows, gamma.cols);
        for (int i = 0; i < gamma.rows; i++) {
            for (int j = 0, o = i * gamma.cols; j < gamma.cols; j++) {
                pi.data[o + j] = mu0[i] * gamma.data[o + j] * mu[j];
            }
        }
        return pi;
    }

    /**
     * GW(π) = Σ (D0_ik − D_jl)² π_ij π_kl = Σ D0_ik² p_i p_k + Σ D_jl² q_j q_l − 2⟨D0 π Dᵀ, π⟩ with
     * p = π1, q = πᵀ1.
     */
    public static double gwObjective(Mat D0, Mat D, Mat pi) {
        double[] p = pi.rowSums();
        double[] q = pi.colSums();
        double a = 0;
        for (int i = 0; i < D0.rows; i++) {
            for (int k = 0; k < D0.cols; k++) {
                double d = D0.data[i * D0.cols + k];
                a += d * d * p[i] * p[k];
            }
        }
        double b = 0;
        for (int j = 0; j < D.rows; j++) {
            for (int l = 0; l < D.cols; l++) {
                double d = D.data[j * D.cols + l];
                b += d * d * q[j] * q[l];
            }
        }
        Blas blas = Blas.active();
        Mat X = blas.multiply(blas.multiply(D0, pi), false, D, true);
        return a + b - 2 * X.dot(pi);
    }

    private static Mat symmetrised(Mat A) {
        Mat S = Mat.zeros(A.rows, A.cols);
        for (int i = 0; i < A.rows; i++) {
            for (int j = 0; j < A.cols; j++) {
                S.data[i * A.cols + j] = 0.5 * (A.data[i * A.cols + j] + A.data[j * A.cols + i]);
            }
        }
        return S;
    }

    private static void requireSymmetric(String name, Mat A) {
        if (!A.isSymmetric(1e-12 * Math.max(1, maxAbs(A)))) {
            throw new IllegalArgumentException(name + " must be symmetric (a metric matrix)");
        }
    }

    private static double maxAbs(Mat A) {
        double m = 0;
        for (double x : A.data) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}

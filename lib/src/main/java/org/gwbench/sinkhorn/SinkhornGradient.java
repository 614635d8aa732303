package org.gwbench.sinkhorn;

import org.gwbench.linalg.Mat;

/**
 * The entropic OT loss ℓ = ⟨M,P⟩ + reg·Σ P(log P − 1) of a Sinkhorn solve and its gradients.
 *
 * @param loss ℓ at the returned plan
 * @param plan P
 * @param f row potential (P = exp((f ⊕ g − C)/reg))
 * @param g column potential
 * @param iterations Sinkhorn iterations run (each one a row and a column update)
 * @param marginalError ‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁
 * @param logDomain whether the log-domain iteration was used (the automatic mode reports its choice)
 * @param gradA ∂ℓ/∂a of the unrolled iterations (manual reverse pass); null when solved without a tape
 * @param gradB ∂ℓ/∂b of the unrolled iterations; null without a tape
 * @param gradM ∂ℓ/∂M of the unrolled iterations; null without a tape
 */
public record SinkhornGradient(double loss, Mat plan, double[] f, double[] g, int iterations, double marginalError,
                               boolean logDomain, double[] gradA, double[] gradB, Mat gradM) {

    /** ∂ℓ/∂a of the unrolled iterations. */
    @Override
    public double[] gradA() {
        return taped(gradA);
    }

    /** ∂ℓ/∂b of the unrolled iterations. */
    @Override
    public double[] gradB() {
        return taped(gradB);
    }

    /** ∂ℓ/∂M of the unrolled iterations. */
    @Override
    public Mat gradM() {
        return taped(gradM);
    }

    /** Whether the solve kept a tape (then the gradients are there). */
    public boolean hasGradients() {
        return gradA != null;
    }

    private static <T> T taped(T grad) {
        if (grad == null) {
            throw new IllegalStateException("solved without a tape: call solve(a, b, M, reg, true) for gradients");
        }
        return grad;
    }

    /**
     * The envelope-theorem gradients, exact at convergence: ∂ℓ/∂a = f, ∂ℓ/∂b = g (each up to an additive
     * constant, which vanishes along directions that keep Σa = Σb) and ∂ℓ/∂M = P. Free: no reverse pass.
     */
    public double[] envelopeGradA() {
        return f.clone();
    }

    public double[] envelopeGradB() {
        return g.clone();
    }

    public Mat envelopeGradM() {
        return plan.copy();
    }
}

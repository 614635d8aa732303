package org.gwbench.grad;

import org.gwbench.problem.Check;
import org.gwbench.sinkhorn.SinkhornProjection;

/**
 * Configuration of {@link EzuzGw}.
 *
 * @param iterations I, the fixed number of outer iterations
 * @param alpha α &gt; 0, the entropic temperature: the exponent is D0 π Dᵀ·η/α
 * @param eta η ∈ (0, 1], the step: K = exp(D0 π Dᵀ η/α) ⊙ Γ^(1−η) (η = 1 drops the previous plan)
 * @param projection the Sinkhorn projection's budget and tolerance
 */
public record EzuzGwOptions(int iterations, double alpha, double eta, SinkhornProjection.Options projection) {
    public EzuzGwOptions {
        Check.positive("iterations", iterations);
        Check.positive("alpha", alpha);
        if (!(eta > 0 && eta <= 1)) {
            throw new IllegalArgumentException("eta must be in (0, 1], got " + eta);
        }
        if (projection == null) {
            throw new IllegalArgumentException("projection options are missing");
        }
    }

    /** I = 10, η = 0.5, the given α, projections to 1e-14. */
    public static EzuzGwOptions defaults(double alpha) {
        return new EzuzGwOptions(10, alpha, 0.5, SinkhornProjection.Options.defaults());
    }

    public EzuzGwOptions withIterations(int iterations) {
        return new EzuzGwOptions(iterations, alpha, eta, projection);
    }

    public EzuzGwOptions withAlpha(double alpha) {
        return new EzuzGwOptions(iterations, alpha, eta, projection);
    }

    public EzuzGwOptions withEta(double eta) {
        return new EzuzGwOptions(iterations, alpha, eta, projection);
    }

    public EzuzGwOptions withProjection(SinkhornProjection.Options projection) {
        return new EzuzGwOptions(iterations, alpha, eta, projection);
    }
}

package org.gwbench.gw;

import org.gwbench.problem.Check;

/**
 * Configuration of {@link SampledGw} (POT's sampled_gromov_wasserstein defaults).
 *
 * @param samples sampled pairs per iteration (POT's nb_samples_grad, 100)
 * @param epsilon the KL-proximal step's regularisation (POT: 1); 0 takes exact OT steps
 * @param maxIter iterations (POT: 500)
 * @param seed the random draws' seed
 */
public record SampledGwOptions(int samples, double epsilon, int maxIter, long seed) {
    public SampledGwOptions {
        Check.positive("samples", samples);
        Check.positive("maxIter", maxIter);
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be >= 0 (0: exact OT steps), got " + epsilon);
        }
    }

    /** POT's defaults (100 samples, ε = 1, 500 iterations) with the given seed. */
    public static SampledGwOptions defaults(long seed) {
        return new SampledGwOptions(100, 1.0, 500, seed);
    }

    public SampledGwOptions withSeed(long seed) {
        return new SampledGwOptions(samples, epsilon, maxIter, seed);
    }

    public SampledGwOptions withEpsilon(double epsilon) {
        return new SampledGwOptions(samples, epsilon, maxIter, seed);
    }

    public SampledGwOptions withMaxIter(int maxIter) {
        return new SampledGwOptions(samples, epsilon, maxIter, seed);
    }
}

package org.gwbench.gw;

import org.gwbench.problem.Check;

/**
 * Configuration of {@link LowRankGw} (POT's lowrank_gromov_wasserstein_samples defaults).
 *
 * @param rank the plan's rank r (at most the smaller cloud's size)
 * @param reg entropic regularisation of the factors (POT: 0)
 * @param alpha the lower bound on g (POT: 1e-10; must be below 1/r)
 * @param rescaleCost divide each cost factor by the square root of its largest entry (POT: true)
 * @param stopThr outer tolerance on the symmetric KL between successive factors over γ² (POT: 1e-4)
 * @param maxIter outer iterations (POT: 1000)
 * @param stopThrDykstra Dykstra's L1 tolerance (POT: 1e-3)
 * @param maxIterDykstra Dykstra's iterations (POT: 10000)
 * @param seed the random start's seed
 */
public record LowRankGwOptions(int rank, double reg, double alpha, boolean rescaleCost, double stopThr, int maxIter,
                               double stopThrDykstra, int maxIterDykstra, long seed) {
    public LowRankGwOptions {
        Check.positive("rank", rank);
        if (!(reg >= 0) || !Double.isFinite(reg)) {
            throw new IllegalArgumentException("reg must be >= 0, got " + reg);
        }
        if (!(alpha >= 0)) {
            throw new IllegalArgumentException("alpha must be >= 0, got " + alpha);
        }
        Check.positive("stopThr", stopThr);
        Check.positive("maxIter", maxIter);
        Check.positive("stopThrDykstra", stopThrDykstra);
        Check.positive("maxIterDykstra", maxIterDykstra);
    }

    /** POT's defaults at the given rank, start from seed 0. */
    public static LowRankGwOptions defaults(int rank) {
        return new LowRankGwOptions(rank, 0, 1e-10, true, 1e-4, 1000, 1e-3, 10000, 0);
    }

    public LowRankGwOptions withSeed(long seed) {
        return new LowRankGwOptions(rank, reg, alpha, rescaleCost, stopThr, maxIter, stopThrDykstra, maxIterDykstra, seed);
    }

    public LowRankGwOptions withStopThr(double stopThr) {
        return new LowRankGwOptions(rank, reg, alpha, rescaleCost, stopThr, maxIter, stopThrDykstra, maxIterDykstra, seed);
    }

    public LowRankGwOptions withMaxIter(int maxIter) {
        return new LowRankGwOptions(rank, reg, alpha, rescaleCost, stopThr, maxIter, stopThrDykstra, maxIterDykstra, seed);
    }
}

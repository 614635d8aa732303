package org.gwbench.experiments;

import java.util.Arrays;

/** Small helpers the experiment tables share. */
final class Stats {
    private Stats() {
    }

    static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    /** The sample standard deviation (n − 1; 0 for one value). */
    static double std(double[] x) {
        double m = mean(x);
        return Math.sqrt(Arrays.stream(x).map(a -> (a - m) * (a - m)).sum() / Math.max(1, x.length - 1));
    }
}

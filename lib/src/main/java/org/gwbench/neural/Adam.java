package org.gwbench.neural;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.problem.Check;

/**
 * Adam (Kingma and Ba 2015) over a list of parameter arrays, updated in place:
 * m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², x ← x − lr · m̂ / (√v̂ + eps), with bias correction.
 */
public final class Adam {
    private final List<double[]> params;
    private final List<double[]> m = new ArrayList<>();
    private final List<double[]> v = new ArrayList<>();
    private double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private int t;

    public Adam(List<double[]> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8);
    }

    public Adam(List<double[]> params, double lr, double beta1, double beta2, double eps) {
        Check.positive("lr", lr);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        this.params = params;
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        for (double[] p : params) {
            m.add(new double[p.length]);
            v.add(new double[p.length]);
        }
    }

    /** One step with gradients in the order of the parameters. */
    public void step(List<double[]> grads) {
        if (grads.size() != params.size()) {
            throw new IllegalArgumentException("got " + grads.size() + " gradient arrays for " + params.size() + " parameters");
        }
        t++;
        for (int i = 0; i < params.size(); i++) {
            update(params.get(i), grads.get(i), m.get(i), v.get(i), t, lr, beta1, beta2, eps);
        }
    }

    /**
     * One Adam update of x in place, with moments m and v (updated in place) at step t ≥ 1: the one
     * implementation, for callers that keep their own state (e.g. {@code grad.WassersteinDictionary},
     * whose saved runs carry the moments as matrices).
     */
    public static void update(double[] x, double[] g, double[] m, double[] v, int t, double lr, double beta1, double beta2,
                              double eps) {
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int k = 0; k < x.length; k++) {
            m[k] = beta1 * m[k] + (1 - beta1) * g[k];
            v[k] = beta2 * v[k] + (1 - beta2) * g[k] * g[k];
            x[k] -= lr * (m[k] / c1) / (Math.sqrt(v[k] / c2) + eps);
        }
    }

    /** Steps taken. */
    public int steps() {
        return t;
    }

    /** The first and second moments, in the order of the parameters (live views, for saving). */
    public List<double[]> firstMoments() {
        return m;
    }

    public List<double[]> secondMoments() {
        return v;
    }

    /** Changes the step size (for schedules); the moments are kept. */
    public void setLearningRate(double lr) {
        Check.positive("lr", lr);
        this.lr = lr;
    }

    /** Restores the step count after the moments were filled in from a saved run. */
    public void restoreSteps(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        t = steps;
    }
}

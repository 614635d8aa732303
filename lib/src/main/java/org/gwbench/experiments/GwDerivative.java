package org.gwbench.experiments;

import java.util.List;
import java.util.SplittableRandom;
import org.gwbench.grad.EzuzGw;
import org.gwbench.grad.EzuzGwOptions;
import org.gwbench.grad.EzuzInstance;
import org.gwbench.grad.GradCheck;
import org.gwbench.sinkhorn.SinkhornProjection;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * notebooks/02-gw-derivative: the derivatives of Ezuz et al.'s GW layer against central finite
 * differences, and what the analytic backward pass costs against the forward pass and against finite
 * differences.
 *
 * @param errorSizes n of the derivative checks (m = n + 3)
 * @param timingSizes n = m of the timing runs
 * @param timingIterations I of the timing runs
 * @param seed seed of the random instances
 */
public record GwDerivative(int[] errorSizes, int[] timingSizes, int timingIterations, long seed) {
    public GwDerivative {
        if (errorSizes == null || timingSizes == null) {
            throw new IllegalArgumentException("errorSizes and timingSizes must be given");
        }
        for (int n : errorSizes) {
            if (n < 2) {
                throw new IllegalArgumentException("errorSizes must be >= 2, got " + n);
            }
        }
        for (int n : timingSizes) {
            if (n < 2) {
                throw new IllegalArgumentException("timingSizes must be >= 2, got " + n);
            }
        }
        Check.positive("timingIterations", timingIterations);
        errorSizes = errorSizes.clone();
        timingSizes = timingSizes.clone();
    }

    public static GwDerivative defaults() {
        return new GwDerivative(new int[] {10, 50, 200}, new int[] {200, 500}, 10, 2026);
    }

    /** Relative errors of every derivative, two random directions each, per size. */
    public Table errors() {
        Table t = Table.create("Analytic derivatives against central differences (fourth order, h = 1e-3)",
                IntColumn.create("n"), IntColumn.create("m"), StringColumn.create("quantity"),
                DoubleColumn.create("analytic"), DoubleColumn.create("finite difference"), DoubleColumn.create("relative error"));
        for (int n : errorSizes) {
            List<GradCheck.Entry> entries = GradCheck.ezuzGw(n, seed + n, 2);
            for (GradCheck.Entry e : entries) {
                t.intColumn("n").append(n);
                t.intColumn("m").append(n + 3);
                t.stringColumn("quantity").append(e.quantity());
                t.doubleColumn("analytic").append(e.analytic());
                t.doubleColumn("finite difference").append(e.numeric());
                t.doubleColumn("relative error").append(e.relError());
            }
        }
        return t;
    }

    /**
     * Wall times of one forward pass (I iterations), one backward pass (∇D, ∇D0 and ∇Γ⁰ at once), one
     * directional finite difference (two forward passes), and the full ∇D by finite differences
     * (n(n+1) forward passes, estimated from the measured forward time).
     */
    public Table timing() {
        Table t = Table.create("Cost of the backward pass (I = " + timingIterations + ")",
                IntColumn.create("n"), DoubleColumn.create("forward s"), DoubleColumn.create("backward s"),
                DoubleColumn.create("backward / forward"), DoubleColumn.create("one directional FD s"),
                DoubleColumn.create("full ∇D by FD s (estimated)"));
        for (int n : timingSizes) {
            SplittableRandom rnd = new SplittableRandom(seed + 7 * n);
            EzuzInstance in = EzuzInstance.random(n, n, rnd);
            EzuzGw layer = new EzuzGw(new EzuzGwOptions(timingIterations, 0.05, 0.5, SinkhornProjection.Options.defaults()));
            Mat W = Mat.zeros(n, n);
            for (int k = 0; k < W.data.length; k++) {
                W.data[k] = 2 * rnd.nextDouble() - 1;
            }
            layer.forward(in.D0(), in.D(), in.mu0(), in.mu()); // warm-up: JIT
            long t0 = System.nanoTime();
            EzuzGw.Forward f = layer.forward(in.D0(), in.D(), in.mu0(), in.mu());
            double fwd = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            f.backward(W);
            double bwd = (System.nanoTime() - t0) / 1e9;
            t.intColumn("n").append(n);
            t.doubleColumn("forward s").append(fwd);
            t.doubleColumn("backward s").append(bwd);
            t.doubleColumn("backward / forward").append(bwd / fwd);
            t.doubleColumn("one directional FD s").append(2 * fwd);
            t.doubleColumn("full ∇D by FD s (estimated)").append((double) n * (n + 1) * fwd);
        }
        return t;
    }
}

package org.gwbench.sinkhorn;

import org.gwbench.linalg.Mat;
import org.gwbench.problem.Status;

/**
 * The kernel-domain {@link Sinkhorn}, and the log-domain {@link SinkhornLog} where the kernel cannot be used:
 * a solve whose kernel underflows ({@link Status#NUMERICAL_ERROR}: a row or column of exp(−M/reg) sums to
 * zero, as for integer costs at a small reg) is solved again in the log domain from the same start. Where the
 * kernel works the result is the kernel's, bit for bit; the inner solver of entropic GW by default, as
 * {@code solve sinkhorn --method auto} is for OT.
 */
public final class SinkhornAuto implements EntropicOtSolver {
    private final Sinkhorn kernel;
    private final SinkhornLog log;

    public SinkhornAuto(SinkhornOptions options) {
        this.kernel = new Sinkhorn(options);
        this.log = new SinkhornLog(options);
    }

    /** POT's defaults (1000 iterations, tol 1e-9). */
    public static SinkhornAuto defaults() {
        return new SinkhornAuto(SinkhornOptions.defaults());
    }

    @Override
    public SinkhornResult solve(double[] a, double[] b, Mat M, double reg, double[] f0, double[] g0, Mat out) {
        SinkhornResult r = kernel.solve(a, b, M, reg, f0, g0, out);
        return r.status() == Status.NUMERICAL_ERROR ? log.solve(a, b, M, reg, f0, g0, out) : r;
    }

    @Override
    public String name() {
        return "sinkhorn-auto";
    }
}

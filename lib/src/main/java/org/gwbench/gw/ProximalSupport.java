package org.gwbench.gw;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.linalg.SparseRows;
import org.gwbench.linalg.VecMath;
import org.gwbench.problem.Progress;
import org.gwbench.problem.ProgressListener;
import org.gwbench.problem.Status;

/** What the PPA and BADMM modules share: the paper's Cst, the products and the final value. */
final class ProximalSupport {
    private ProximalSupport() {
    }

    /** Cst = (Cs ⊙ Cs) μs 1ᵀ + 1 μtᵀ (Ct ⊙ Ct)ᵀ (square loss, the GWF paper's line 1). */
    static Mat cst(GwProblem pb) {
        Mat Cs = pb.c1();
        Mat Ct = pb.c2();
        int n = pb.n();
        int m = pb.m();
        double[] r = new double[n];
        double[] c = new double[m];
        double[] p = pb.p();
        double[] q = pb.q();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                double v = Cs.data[i * n + k];
                s += v * v * p[k];
            }
            r[i] = s;
        }
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int l = 0; l < m; l++) {
                double v = Ct.data[j * m + l];
                s += v * v * q[l];
            }
            c[j] = s;
        }
        Mat X = Mat.zeros(n, m);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                X.data[i * m + j] = r[i] + c[j];
            }
        }
        return X;
    }

    static void checkLoss(GwProblem pb) {
        if (pb.loss() != GwLoss.SQUARE) {
            throw new IllegalArgumentException("loss must be square for the PPA/BADMM modules (the GWF paper's Cst)");
        }
    }

    /** α·Cst + (1 − α)M: the linear part of the fused discrepancy. */
    static Mat fusedCst(GwProblem pb, Mat M, double alpha) {
        Mat X = cst(pb);
        for (int k = 0; k < X.data.length; k++) {
            X.data[k] = alpha * X.data[k] + (M == null ? 0 : (1 - alpha) * M.data[k]);
        }
        return X;
    }

    /**
     * op(Cs) · X · op(Ct)ᵀ for one problem, op = transpose when transposed (Csᵀ X Ct). A structure with
     * at most {@link #SPARSE_DENSITY} non-zeros is multiplied over its non-zeros ({@link SparseRows}),
     * a denser one by the BLAS. Graphs and GWF atoms are sparse; the barycenters are dense.
     */
    static final class Sandwich {
        /** Measured on PROTEINS GWF modules: sparse rows win well above this density. */
        static final double SPARSE_DENSITY = 0.25;
        private final Blas blas;
        private final GwProblem pb;
        private final SparseRows c1;
        private final SparseRows c1t;
        private final SparseRows c2;
        private final SparseRows c2t;

        Sandwich(Blas blas, GwProblem pb) {
            this(blas, pb, SPARSE_DENSITY);
        }

        /** maxDensity 0 keeps every product on the BLAS (tests compare both paths). */
        Sandwich(Blas blas, GwProblem pb, double maxDensity) {
            this.blas = blas;
            this.pb = pb;
            boolean s1 = SparseRows.density(pb.c1()) <= maxDensity;
            boolean s2 = SparseRows.density(pb.c2()) <= maxDensity;
            c1 = s1 ? SparseRows.of(pb.c1(), false) : null;
            c1t = s1 ? SparseRows.of(pb.c1(), true) : null;
            c2 = s2 ? SparseRows.of(pb.c2(), false) : null;
            c2t = s2 ? SparseRows.of(pb.c2(), true) : null;
        }

        Mat apply(Mat X, boolean transposed) {
            Mat left = c1 == null ? blas.multiply(pb.c1(), transposed, X, false) : (transposed ? c1t : c1).times(X);
            // left · Ctᵀ, or left · Ct when transposed
            return c2 == null ? blas.multiply(left, false, pb.c2(), !transposed) : (transposed ? c2t : c2).leftTimesTranspose(left);
        }
    }

    /** The paper's discrepancy ⟨Cst − 2α Cs T Ctᵀ, T⟩ with cst the fused linear part (α = 1: GW). */
    static double value(Sandwich sandwich, Mat cst, Mat T, double alpha) {
        Mat P = sandwich.apply(T, false);
        double v = 0;
        for (int k = 0; k < T.data.length; k++) {
            v += (cst.data[k] - 2 * alpha * P.data[k]) * T.data[k];
        }
        return v;
    }

    /**
     * Row i of a plan from the negated log kernel y (row-major, row at offset o, m entries) and column
     * log factors x: T_ij = p_i e_ij / Σ_j e_ij with e_ij = exp(x_j − y_ij − max), and log T alongside.
     * The stabilised terms are exponentiated once and kept, so the plan needs no second pass of
     * exponentials. Returns log p_i − log Σ_j exp(x_j − y_ij), PPA's log a_i.
     */
    static double normaliseRow(double[] x, double[] y, int o, int m, double p, double logp, double[] T, double[] logT) {
        double mx = VecMath.maxDiff(x, y, o, m);
        VecMath.expAffine(-mx, x, y, o, m, 1, T);
        double sum = 0;
        for (int j = 0; j < m; j++) {
            sum += T[o + j];
        }
        double shift = logp - (mx + Math.log(sum));
        double scale = p / sum;
        for (int j = 0; j < m; j++) {
            T[o + j] *= scale;
            logT[o + j] = shift + x[j] - y[o + j];
        }
        return shift;
    }

    /** Elementwise log. */
    static double[] log(double[] w) {
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = Math.log(w[i]);
        }
        return out;
    }

    /** log(μs μtᵀ) row-major, the log of the modules' first plan. */
    static double[] logOuter(double[] logp, double[] logq) {
        int m = logq.length;
        double[] out = new double[logp.length * m];
        for (int i = 0; i < logp.length; i++) {
            for (int j = 0; j < m; j++) {
                out[i * m + j] = logp[i] + logq[j];
            }
        }
        return out;
    }

    /**
     * The stopping rule, status, listener calls and log the two modules share: one {@link #record} per
     * layer; {@link #status} says how the module ended.
     */
    static final class Layers {
        private final ProximalGwOptions options;
        private final ProgressListener listener;
        private final GwProblem pb;
        final List<GwIteration> log = new ArrayList<>();
        private final long start = System.nanoTime();
        int done;
        Status status = Status.MAX_ITER;
        /** Set by {@link #next} when the module stops after this layer. */
        boolean stopped;

        Layers(ProximalGwOptions options, ProgressListener listener, GwProblem pb) {
            this.options = options;
            this.listener = listener;
            this.pb = pb;
        }

        /** True (status INTERRUPTED) when the thread was interrupted: the module stops before the next layer. */
        boolean interrupted() {
            if (Thread.currentThread().isInterrupted()) {
                status = Status.INTERRUPTED;
                return true;
            }
            return false;
        }

        /** Records the layer that turned T into Tn and returns the plan to go on with (T itself if Tn is not finite). */
        Mat next(Mat Tn, Mat T, Sandwich sandwich, Mat cst, double alpha) {
            stopped = record(Tn, T, sandwich, cst, alpha);
            return status == Status.NUMERICAL_ERROR ? T : Tn;
        }

        /**
         * Records a finished layer (Tn after T); true when the module stops here: converged by the rule, or
         * a non-finite plan (NUMERICAL_ERROR; then Tn must not replace T).
         */
        boolean record(Mat Tn, Mat T, Sandwich sandwich, Mat cst, double alpha) {
            double change = Math.sqrt(PpaGw.diff2(Tn, T));
            if (!Double.isFinite(change)) {
                status = Status.NUMERICAL_ERROR;
                return true;
            }
            done++;
            if (options.logLayers()) {
                // one Sinkhorn step per layer: the inner solve runs out of its budget by design
                log.add(new GwIteration(done, value(sandwich, cst, Tn, alpha), change, 1, Status.MAX_ITER));
            }
            listener.onProgress(Progress.of("layer", done, options.layers(), start, "change", change));
            if (options.tol() > 0 && change <= options.tol()
                    && GwResult.marginalError(Tn, pb.p(), pb.q()) <= ProximalGwOptions.MARGINAL_TOL) {
                status = Status.CONVERGED;
                return true;
            }
            return false;
        }
    }

    static GwResult result(GwProblem pb, Mat T, Layers layers, long start, Sandwich sandwich, Mat cst, double alpha) {
        double value = value(sandwich, cst, T, alpha);
        Status status = Double.isFinite(value) ? layers.status : Status.NUMERICAL_ERROR;
        return new GwResult(T, value, layers.done, GwResult.marginalError(T, pb.p(), pb.q()), status, layers.log,
                (System.nanoTime() - start) / 1e9);
    }
}

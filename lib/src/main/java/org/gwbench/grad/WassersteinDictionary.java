package org.gwbench.grad;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Progress;
import org.gwbench.problem.ProgressListener;
import org.gwbench.sinkhorn.SinkhornBarycenter;

/**
 * Wasserstein dictionary learning (Schmitz et al. 2018, as in Xie's note): K atoms D (n×K, columns on
 * the simplex) and weights Λ (K×N, columns on the simplex) such that the entropic barycenter of the
 * atoms with weights λ_i reconstructs the data histogram y_i:
 * <pre>
 *   min  L(α, β) = Σ_i ‖P(D(α), λ_i(β)) − y_i‖²,   D_k = softmax(α_k),  λ_i = softmax(β_i),
 * </pre>
 * with P the parallel barycenter of {@link SinkhornBarycenter} (a fixed number of iterations, so L is
 * differentiable) and ∂L/∂α, ∂L/∂β from its reverse pass and the softmax Jacobian
 * (∂/∂α_k = D_k ⊙ (g_k − ⟨g_k, D_k⟩)). Optimised by Adam; {@link #fit} reports each step to a
 * listener, stops cleanly on interrupt and resumes from a saved {@link State}.
 */
public final class WassersteinDictionary {
    /**
     * @param atoms K
     * @param reg entropic regularisation of the barycenters
     * @param barycenterIterations iterations of each barycenter (fixed)
     * @param steps Adam steps of {@link #fit}
     * @param learningRate Adam's step size
     * @param seed seed of the initial logits
     */
    public record Options(int atoms, double reg, int barycenterIterations, int steps, double learningRate, long seed) {
        public Options {
            Check.positive("atoms", atoms);
            Check.positive("reg", reg);
            Check.positive("barycenterIterations", barycenterIterations);
            if (steps < 0) {
                throw new IllegalArgumentException("steps must be >= 0, got " + steps);
            }
            Check.positive("learningRate", learningRate);
        }
    }

    /** Parameters, Adam's moments and the loss history: enough to resume. */
    public record State(Mat atomLogits, Mat weightLogits, Mat m1Atoms, Mat m2Atoms, Mat m1Weights, Mat m2Weights,
                        int step, double[] losses) {
        /** The atoms D = softmax of each column of the logits. */
        public Mat atoms() {
            return softmaxColumns(atomLogits);
        }

        public Mat weights() {
            return softmaxColumns(weightLogits);
        }
    }

    private final Options options;

    public WassersteinDictionary(Options options) {
        this.options = options;
    }

    /** Random logits (standard normal times 0.1, from the seed), zero moments. */
    public State initial(int bins, int samples) {
        SplittableRandom rnd = new SplittableRandom(options.seed());
        Mat a = Mat.zeros(bins, options.atoms());
        Mat b = Mat.zeros(options.atoms(), samples);
        for (int k = 0; k < a.data.length; k++) {
            a.data[k] = 0.1 * (2 * rnd.nextDouble() - 1);
        }
        for (int k = 0; k < b.data.length; k++) {
            b.data[k] = 0.1 * (2 * rnd.nextDouble() - 1);
        }
        return new State(a, b, Mat.zeros(bins, options.atoms()), Mat.zeros(bins, options.atoms()),
                Mat.zeros(options.atoms(), samples), Mat.zeros(options.atoms(), samples), 0, new double[0]);
    }

    /** The reconstructions: column i is the barycenter of the atoms with weights λ_i. */
    public Mat reconstruct(Mat C, State s) {
        Mat D = s.atoms();
        Mat W = s.weights();
        Mat R = Mat.zeros(C.cols, W.cols);
        SinkhornBarycenter bary = new SinkhornBarycenter(options.barycenterIterations(), 0);
        for (int i = 0; i < W.cols; i++) {
            double[] b = bary.forward(D, C, column(W, i), options.reg()).barycenter();
            for (int j = 0; j < b.length; j++) {
                R.set(j, i, b[j]);
            }
        }
        return R;
    }

    /** L(α, β); when gradAtoms/gradWeights are not null they receive ∂L/∂α and ∂L/∂β. */
    public double loss(Mat Y, Mat C, Mat atomLogits, Mat weightLogits, Mat gradAtoms, Mat gradWeights) {
        Mat D = softmaxColumns(atomLogits);
        Mat W = softmaxColumns(weightLogits);
        int K = D.cols;
        int N = Y.cols;
        Mat gD = Mat.zeros(D.rows, K);
        SinkhornBarycenter bary = new SinkhornBarycenter(options.barycenterIterations(), 0);
        double total = 0;
        for (int i = 0; i < N; i++) {
            double[] w = column(W, i);
            SinkhornBarycenter.Forward f = bary.forward(D, C, w, options.reg());
            double[] b = f.barycenter();
            double[] bBar = new double[b.length];
            for (int j = 0; j < b.length; j++) {
                double d = b[j] - Y.get(j, i);
                total += d * d;
                bBar[j] = 2 * d;
            }
            if (gradAtoms == null && gradWeights == null) {
                continue;
            }
            SinkhornBarycenter.Gradients g = f.backward(bBar);
            for (int k = 0; k < gD.data.length; k++) {
                gD.data[k] += g.gradA().data[k];
            }
            if (gradWeights != null) {
                double[] gl = softmaxBackward(w, g.gradW());
                for (int k = 0; k < K; k++) {
                    gradWeights.set(k, i, gl[k]);
                }
            }
        }
        if (gradAtoms != null) {
            for (int k = 0; k < K; k++) {
                double[] gk = softmaxBackward(column(D, k), column(gD, k));
                for (int j = 0; j < D.rows; j++) {
                    gradAtoms.set(j, k, gk[j]);
                }
            }
        }
        return total;
    }

    /**
     * Adam on (α, β) from start (or {@link #initial} when null) for options.steps() steps; the listener
     * sees (step, steps, loss). Stops early, keeping every finished step, when the thread is interrupted.
     */
    public State fit(Mat Y, Mat C, State start, ProgressListener listener) {
        validate(Y, C);
        State s = start == null ? initial(Y.rows, Y.cols) : start;
        if (s.atomLogits().rows != Y.rows || s.weightLogits().cols != Y.cols || s.atomLogits().cols != options.atoms()) {
            throw new IllegalArgumentException("start does not fit the data: atom logits " + s.atomLogits().rows + "x"
                    + s.atomLogits().cols + ", weight logits " + s.weightLogits().rows + "x" + s.weightLogits().cols);
        }
        Mat a = s.atomLogits().copy();
        Mat b = s.weightLogits().copy();
        Mat ma = s.m1Atoms().copy();
        Mat va = s.m2Atoms().copy();
        Mat mb = s.m1Weights().copy();
        Mat vb = s.m2Weights().copy();
        double[] losses = Arrays.copyOf(s.losses(), s.losses().length + options.steps());
        int step = s.step();
        int done = 0;
        long t0 = System.nanoTime();
        while (done < options.steps() && !Thread.currentThread().isInterrupted()) {
            Mat ga = Mat.zeros(a.rows, a.cols);
            Mat gb = Mat.zeros(b.rows, b.cols);
            double l = loss(Y, C, a, b, ga, gb);
            step++;
            adam(a, ga, ma, va, step);
            adam(b, gb, mb, vb, step);
            losses[s.losses().length + done] = l;
            done++;
            listener.onProgress(Progress.of("step", step, s.step() + options.steps(), t0, "loss", l));
        }
        return new State(a, b, ma, va, mb, vb, step, Arrays.copyOf(losses, s.losses().length + done));
    }

    private void adam(Mat x, Mat g, Mat m, Mat v, int t) {
        org.gwbench.neural.Adam.update(x.data, g.data, m.data, v.data, t, options.learningRate(), 0.9, 0.999, 1e-12);
    }

    private static void validate(Mat Y, Mat C) {
        Check.finite("Y", Check.nonEmpty("Y", Y));
        Check.finite("C", Check.nonEmpty("C", C));
        if (C.rows != Y.rows || C.cols != Y.rows) {
            throw new IllegalArgumentException("C must be " + Y.rows + "x" + Y.rows + " (the bins of Y), got " + C.rows + "x" + C.cols);
        }
        for (int i = 0; i < Y.cols; i++) {
            double sum = 0;
            for (int j = 0; j < Y.rows; j++) {
                if (!(Y.get(j, i) >= 0)) {
                    throw new IllegalArgumentException("Y must be non-negative, found " + Y.get(j, i) + " at (" + j + ", " + i + ")");
                }
                sum += Y.get(j, i);
            }
            if (Math.abs(sum - 1) > Check.SUM_TOL) {
                throw new IllegalArgumentException("column " + i + " of Y sums to " + sum + ", not 1");
            }
        }
    }

    /** Column-wise softmax. */
    public static Mat softmaxColumns(Mat X) {
        Mat S = Mat.zeros(X.rows, X.cols);
        for (int c = 0; c < X.cols; c++) {
            double mx = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < X.rows; r++) {
                mx = Math.max(mx, X.get(r, c));
            }
            double sum = 0;
            for (int r = 0; r < X.rows; r++) {
                double e = Math.exp(X.get(r, c) - mx);
                S.set(r, c, e);
                sum += e;
            }
            for (int r = 0; r < X.rows; r++) {
                S.set(r, c, S.get(r, c) / sum);
            }
        }
        return S;
    }

    /** ∂/∂x of a function of p = softmax(x), given g = ∂/∂p: p ⊙ (g − ⟨g, p⟩). */
    static double[] softmaxBackward(double[] p, double[] g) {
        double dot = 0;
        for (int i = 0; i < p.length; i++) {
            dot += g[i] * p[i];
        }
        double[] r = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            r[i] = p[i] * (g[i] - dot);
        }
        return r;
    }

    static double[] column(Mat X, int c) {
        double[] v = new double[X.rows];
        for (int r = 0; r < X.rows; r++) {
            v[r] = X.get(r, c);
        }
        return v;
    }
}

package org.gwbench.neural;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Progress;
import org.gwbench.problem.ProgressListener;

/**
 * Neural Gromov-Wasserstein for the inner-product cost (Nekrashevich et al., Algorithm 1): the saddle
 * point problem (9)
 * <pre>
 *   min_{P ∈ F} max_f min_T  L(P, f, T) = ∫ f dν − ∫ [⟨P x, T(x)⟩ + f(T(x))] dμ(x),
 *   F = { P ∈ ℝ^{n×m} : ‖P‖_F = min(√m, √n) },
 * </pre>
 * solved by alternating steps on mini-batches: k_P projected gradient steps on P (loss
 * L_P = −mean⟨P x, T(x)⟩, gradient −ZᵀX/B; a plain step, then P is scaled back onto the sphere), and
 * Adam steps on the networks: k_f steps on the potential f
 * (L_f = mean f(T(x)) − mean f(y)), each preceded by k_T steps on the transport network
 * (L_T = −mean⟨P x, T(x)⟩ − mean f(T(x)), whose gradient with respect to T(x) is −(P x + ∇f(T(x)))/B
 * and goes back through T by {@link Mlp#backward}). T: ℝ^m → ℝ^n and f: ℝ^n → ℝ are ReLU
 * {@link Mlp}s. The trained T is an out-of-sample map: {@link #map}.
 *
 * <p>P takes plain gradient steps, not Adam's: Adam divides each coordinate by its own noise level, so
 * its fixed point on the sphere is not where the gradient is radial, and on Gaussians it stopped at a
 * P measurably off the optimal one (innerGW 30% above the closed form with a push-forward at 0.1%
 * BW-UVP).
 *
 * <p>Every outer iteration draws its batches from a generator seeded by (seed, iteration), so a run
 * that is saved ({@link #save}) and resumed ({@link #load}) with Adam's moments gives the same
 * networks as one run straight through. {@link #train} stops cleanly after the current iteration when
 * the thread is interrupted (a notebook's interrupt button).
 */
public final class NeuralGw {
    /**
     * @param hiddenT hidden widths of T (e.g. {128, 128})
     * @param hiddenF hidden widths of f
     * @param batch mini-batch size B
     * @param kP steps on P per iteration
     * @param kF steps on f per iteration
     * @param kT steps on T per step on f
     * @param lrT Adam step size of T (likewise lrF)
     * @param lrP step size of P's projected gradient step
     * @param beta1 Adam's β1 for both networks (β2 likewise)
     * @param decayIterations the step sizes fall exponentially to a tenth of their values over this
     *        many outer iterations and stay there; 0 keeps them constant
     * @param seed seeds the initial P and networks and every batch
     */
    public record Options(int[] hiddenT, int[] hiddenF, int batch, int kP, int kF, int kT,
                          double lrT, double lrF, double lrP, double beta1, double beta2, int decayIterations, long seed) {
        public Options {
            if (hiddenT == null || hiddenF == null) {
                throw new IllegalArgumentException("hiddenT and hiddenF must be given (an empty array means linear)");
            }
            for (int w : hiddenT) {
                Check.positive("hiddenT", w);
            }
            for (int w : hiddenF) {
                Check.positive("hiddenF", w);
            }
            hiddenT = hiddenT.clone();
            hiddenF = hiddenF.clone();
            Check.positive("batch", batch);
            Check.positive("kP", kP);
            Check.positive("kF", kF);
            Check.positive("kT", kT);
            Check.positive("lrT", lrT);
            Check.positive("lrF", lrF);
            Check.positive("lrP", lrP);
            if (!(beta1 >= 0 && beta1 < 1)) {
                throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
            }
            if (!(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
            }
            if (decayIterations < 0) {
                throw new IllegalArgumentException("decayIterations must be >= 0, got " + decayIterations);
            }
        }

        /** Two hidden layers of the given width for both networks, batch 256, k_P = k_f = 1, k_T = 10, Adam(1e-3, β = (0.5, 0.99)) on the networks, step 0.1 on P. */
        public static Options defaults(int width, long seed) {
            return new Options(new int[] {width, width}, new int[] {width, width}, 256, 1, 1, 10,
                    1e-3, 1e-3, 0.1, 0.5, 0.99, 0, seed);
        }

        public Options withSteps(int kP, int kF, int kT) {
            return new Options(hiddenT, hiddenF, batch, kP, kF, kT, lrT, lrF, lrP, beta1, beta2, decayIterations, seed);
        }

        public Options withLearningRates(double lrT, double lrF, double lrP) {
            return new Options(hiddenT, hiddenF, batch, kP, kF, kT, lrT, lrF, lrP, beta1, beta2, decayIterations, seed);
        }

        public Options withBatch(int batch) {
            return new Options(hiddenT, hiddenF, batch, kP, kF, kT, lrT, lrF, lrP, beta1, beta2, decayIterations, seed);
        }

        public Options withDecay(int decayIterations) {
            return new Options(hiddenT, hiddenF, batch, kP, kF, kT, lrT, lrF, lrP, beta1, beta2, decayIterations, seed);
        }

        public Options withSeed(long seed) {
            return new Options(hiddenT, hiddenF, batch, kP, kF, kT, lrT, lrF, lrP, beta1, beta2, decayIterations, seed);
        }
    }

    private final Options options;
    private final Sampler source;
    private final Sampler target;
    private final Mlp T;
    private final Mlp f;
    final Mat P;
    private final double radius;
    final Adam adamT;
    final Adam adamF;
    int iteration;
    private double lastT = Double.NaN;
    private double lastF = Double.NaN;
    private double lastP = Double.NaN;

    public NeuralGw(Sampler source, Sampler target, Options options) {
        this(source, target, options, null, null, null);
    }

    private NeuralGw(Sampler source, Sampler target, Options options, Mlp T, Mlp f, Mat P) {
        if (source == null || target == null) {
            throw new IllegalArgumentException("source and target samplers must be given");
        }
        if (options == null) {
            throw new IllegalArgumentException("options must be given");
        }
        this.options = options;
        this.source = source;
        this.target = target;
        int m = source.dim();
        int n = target.dim();
        Check.positive("source dimension", m);
        Check.positive("target dimension", n);
        this.radius = Math.sqrt(Math.min(m, n));
        this.T = T != null ? T : new Mlp(widths(m, options.hiddenT(), n), options.seed() + 1);
        this.f = f != null ? f : new Mlp(widths(n, options.hiddenF(), 1), options.seed() + 2);
        if (P != null) {
            this.P = P;
        } else {
            this.P = Mat.zeros(n, m);
            SplittableRandom rnd = new SplittableRandom(options.seed());
            for (int k = 0; k < this.P.data.length; k++) {
                this.P.data[k] = rnd.nextGaussian();
            }
            toSphere(this.P, radius);
        }
        this.adamT = new Adam(this.T.parameters(), options.lrT(), options.beta1(), options.beta2(), 1e-8);
        this.adamF = new Adam(this.f.parameters(), options.lrF(), options.beta1(), options.beta2(), 1e-8);
    }

    private static int[] widths(int in, int[] hidden, int out) {
        int[] w = new int[hidden.length + 2];
        w[0] = in;
        System.arraycopy(hidden, 0, w, 1, hidden.length);
        w[w.length - 1] = out;
        return w;
    }

    private static void toSphere(Mat P, double radius) {
        double s = 0;
        for (double v : P.data) {
            s += v * v;
        }
        double scale = radius / Math.sqrt(s);
        for (int k = 0; k < P.data.length; k++) {
            P.data[k] *= scale;
        }
    }

    /** Runs the given number of outer iterations; returns the number done (fewer when interrupted). */
    public int train(int iterations, ProgressListener listener) {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        ProgressListener l = ProgressListener.orNone(listener);
        long t0 = System.nanoTime();
        for (int i = 1; i <= iterations; i++) {
            if (Thread.currentThread().isInterrupted()) {
                return i - 1;
            }
            step();
            double secs = (System.nanoTime() - t0) / 1e9;
            l.onProgress(new Progress("iteration", i, iterations, secs, Progress.eta(secs, i, iterations),
                    List.of(new Progress.Value("L_T", lastT), new Progress.Value("L_f", lastF), new Progress.Value("L_P", lastP))));
        }
        return iterations;
    }

    /** One outer iteration of Algorithm 1. */
    public void step() {
        SplittableRandom rnd = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + iteration);
        double lrPNow = options.lrP();
        if (options.decayIterations() > 0) {
            double factor = Math.pow(0.1, Math.min(1.0, iteration / (double) options.decayIterations()));
            adamT.setLearningRate(options.lrT() * factor);
            adamF.setLearningRate(options.lrF() * factor);
            lrPNow = options.lrP() * factor;
        }
        int B = options.batch();
        for (int s = 0; s < options.kP(); s++) {
            Mat G = Mat.zeros(P.rows, P.cols);
            lastP = costLoss(source.sample(B, rnd), G);
            for (int k = 0; k < G.data.length; k++) {
                P.data[k] -= lrPNow * G.data[k];
            }
            toSphere(P, radius);
        }
        for (int s = 0; s < options.kF(); s++) {
            for (int r = 0; r < options.kT(); r++) {
                List<double[]> g = new ArrayList<>();
                lastT = transportLoss(source.sample(B, rnd), g);
                adamT.step(g);
            }
            Mat X = source.sample(B, rnd);
            Mat Y = target.sample(B, rnd);
            List<double[]> g = new ArrayList<>();
            lastF = potentialLoss(X, Y, g);
            adamF.step(g);
        }
        iteration++;
    }

    /** L_P = −mean⟨P x, T(x)⟩ on the batch X; its gradient with respect to P (−ZᵀX/B) goes into grad. */
    double costLoss(Mat X, Mat grad) {
        Blas blas = Blas.active();
        int B = X.rows;
        Mat Z = T.forward(X);
        Mat PX = blas.multiply(X, false, P, true);
        Mat G = blas.multiply(Z, true, X, false);
        for (int k = 0; k < G.data.length; k++) {
            grad.data[k] = -G.data[k] / B;
        }
        return -rowDotMean(PX, Z);
    }

    /**
     * L_T = −mean⟨P x, T(x)⟩ − mean f(T(x)) on the batch X; the gradients with respect to T's parameters
     * (in the order of {@link Mlp#parameters()}) are added to grads.
     */
    double transportLoss(Mat X, List<double[]> grads) {
        Blas blas = Blas.active();
        int B = X.rows;
        Mat Z = T.forward(X);
        Mat PX = blas.multiply(X, false, P, true);
        Mat fz = f.forward(Z);
        double loss = -rowDotMean(PX, Z) - mean(fz.data);
        Mat ones = Mat.zeros(B, 1);
        java.util.Arrays.fill(ones.data, 1.0);
        Mat gradZ = Mat.zeros(B, Z.cols);
        f.backward(ones, gradZ);
        for (int k = 0; k < gradZ.data.length; k++) {
            gradZ.data[k] = -(PX.data[k] + gradZ.data[k]) / B;
        }
        grads.addAll(T.backward(gradZ, null));
        return loss;
    }

    /** L_f = mean f(T(x)) − mean f(y) on the batches X, Y; f's parameter gradients are added to grads. */
    double potentialLoss(Mat X, Mat Y, List<double[]> grads) {
        int B = X.rows;
        int By = Y.rows;
        Mat Z = T.forward(X);
        int n = Z.cols;
        Mat ZY = Mat.zeros(B + By, n);
        System.arraycopy(Z.data, 0, ZY.data, 0, B * n);
        System.arraycopy(Y.data, 0, ZY.data, B * n, By * n);
        Mat out = f.forward(ZY);
        Mat G = Mat.zeros(B + By, 1);
        double lf = 0;
        for (int k = 0; k < B; k++) {
            G.data[k] = 1.0 / B;
            lf += out.data[k] / B;
        }
        for (int k = 0; k < By; k++) {
            G.data[B + k] = -1.0 / By;
            lf -= out.data[B + k] / By;
        }
        grads.addAll(f.backward(G, null));
        return lf;
    }

    private static double rowDotMean(Mat A, Mat B) {
        double s = 0;
        for (int k = 0; k < A.data.length; k++) {
            s += A.data[k] * B.data[k];
        }
        return s / A.rows;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** T(X) for the rows of X (out of sample). */
    public Mat map(Mat X) {
        Check.finite("X", X);
        if (X.cols != source.dim()) {
            throw new IllegalArgumentException("X has " + X.cols + " columns, the source dimension is " + source.dim());
        }
        Mat out = Mat.zeros(X.rows, target.dim());
        int chunk = 4096;
        for (int r0 = 0; r0 < X.rows; r0 += chunk) {
            int r1 = Math.min(X.rows, r0 + chunk);
            Mat part = new Mat(r1 - r0, X.cols, java.util.Arrays.copyOfRange(X.data, r0 * X.cols, r1 * X.cols));
            Mat y = T.forward(part);
            System.arraycopy(y.data, 0, out.data, r0 * out.cols, y.data.length);
        }
        return out;
    }

    /** The current P (a copy), on the sphere ‖P‖_F = min(√m, √n). */
    public Mat p() {
        return P.copy();
    }

    /** min(√m, √n), the radius of P's sphere. */
    public double radius() {
        return radius;
    }

    public int iteration() {
        return iteration;
    }

    public Mlp transport() {
        return T;
    }

    public Mlp potential() {
        return f;
    }

    public Options options() {
        return options;
    }

    /**
     * Writes the networks, P, Adam's moments and the iteration count into folder dir (created if
     * needed), so that {@link #load} can resume exactly.
     */
    public void save(Path dir) {
        NeuralGwStore.save(this, dir);
    }

    /** Resumes a run saved by {@link #save}, with the same samplers and options. */
    public static NeuralGw load(Path dir, Sampler source, Sampler target, Options options) {
        return NeuralGwStore.load(dir, source, target, options);
    }

    /** A run rebuilt from saved networks and P, for {@link NeuralGwStore#load}. */
    static NeuralGw resumed(Sampler source, Sampler target, Options options, Mlp T, Mlp f, Mat P) {
        return new NeuralGw(source, target, options, T, f, P);
    }

    Mlp transportNet() {
        return T;
    }

    Mlp potentialNet() {
        return f;
    }


    /**
     * A listener printing "label: iteration i/N, L_T …, L_f …, L_P …, t s, ETA s" about twenty times
     * over a run.
     */
    public static ProgressListener.Printer progress(String label) {
        return ProgressListener.printing(label, 20);
    }
}

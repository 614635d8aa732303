package org.gwbench.gwf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gwbench.data.Csv;
import org.gwbench.gw.BadmmGw;
import org.gwbench.gw.GwProblem;
import org.gwbench.gw.PpaGw;
import org.gwbench.gw.ProximalGwOptions;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.BlasThreads;
import org.gwbench.linalg.Mat;
import org.gwbench.neural.Adam;
import org.gwbench.problem.Check;

/**
 * The Gromov-Wasserstein factorization model of Xu et al. (AAAI 2020), eq. 7–13 and Algorithm 4:
 * each observed graph (C_i, μ_i[, F_i]) is approximated by a GW barycenter of K atoms U_k = ReLU(V_k)
 * (node distributions uniform) with weights λ_i = softmax(z_i); z_i is the graph's embedding.
 * <pre>
 *   B⁰ = C_i, μ_b = μ_i;  for l &lt; L: T_k = GWD_M(B, U_k) for each k,  B = Σ_k λ_k T_k U_k T_kᵀ ⊘ μ_b μ_bᵀ
 *   T = GWD_M(B, C_i);   loss_i = ⟨Cst − 2 B T C_iᵀ, T⟩,  Cst = (B⊙B) μ_b 1ᵀ + 1 μ_iᵀ (C_i⊙C_i)ᵀ    (12–13)
 * </pre>
 * GWD_M is the PPA or BADMM module ({@link PpaGw}, {@link BadmmGw}) with M layers. Gradients follow the
 * envelope theorem (the plans are held fixed in the backward pass), analytically:
 * ∂B = 2 B ⊙ (T1) μ_bᵀ − 2 T C_i Tᵀ; with W = ∂B ⊘ μ_b μ_bᵀ, ∂U_k = λ_k T_kᵀ W T_k,
 * ∂λ_k = ⟨W, T_k U_k T_kᵀ⟩; then ReLU and softmax. With node attributes (eq. 15–17) the atoms carry
 * features H_k, F_b = Σ_k λ_k T_k H_k ⊘ μ_b 1ᵀ, and the loss adds w·⟨D, T⟩ with
 * D = (F_b⊙F_b)1 1ᵀ + 1 1ᵀ(F_i⊙F_i)ᵀ − 2 F_b F_iᵀ (the modules then run on Cst + w·D). With labels
 * (eq. 14) a linear classifier of z_i adds β·cross-entropy.
 */
public final class Gwf {
    public enum Module { PPA, BADMM }

    /**
     * How the forward pass finds the plans.
     * <ul>
     * <li>{@code ALGORITHM_4}: as the paper prints it: L GWB layers, each solving K modules between the
     *     current barycenter and the atoms, then one GWD module between the barycenter and the graph for T.</li>
     * <li>{@code REFERENCE_CODE}: as the authors' code trains (HongtengXu/Relational-Factorization-Model,
     *     {@code train_usl}): one set of K modules between the observed graph and the atoms, the barycenter
     *     on the graph's nodes, and T = diag(μ), the identity plan. {@code gwbLayers} is then not used.
     *     Its other choices (cosine feature cost, N(0, 1) embeddings, keeping the epoch of lowest loss) are
     *     not copied.</li>
     * </ul>
     */
    public enum Forward {
        ALGORITHM_4, REFERENCE_CODE;

        /** "algorithm-4" or "reference-code" (the notebooks' and the CLI's spelling). */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** Reads {@link #label()}; anything else gives an IllegalArgumentException naming the parameter. */
        public static Forward parse(String s) {
            for (Forward f : values()) {
                if (f.label().equals(s)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("forward must be algorithm-4 or reference-code, got " + s);
        }
    }

    /**
     * @param atoms K
     * @param gwbLayers L
     * @param gwdLayers M
     * @param module PPA or BADMM
     * @param gamma γ of the modules (paper: 0.01 PPA, 1 BADMM)
     * @param learningRate Adam's step (paper: 0.05)
     * @param epochs passes over the data (paper: 10)
     * @param batch graphs per Adam step
     * @param featureWeight w of the feature term (0: structure only)
     * @param labelWeight β of the label loss (0: unsupervised)
     * @param seed seeds the warm start, the embeddings and the order of the graphs
     * @param forward how the forward pass finds the plans (the paper's Algorithm 4, or its authors' code)
     */
    public record Options(int atoms, int gwbLayers, int gwdLayers, Module module, double gamma, double learningRate,
                          int epochs, int batch, double featureWeight, double labelWeight, long seed, Forward forward) {
        /** Algorithm 4 as printed. */
        public Options(int atoms, int gwbLayers, int gwdLayers, Module module, double gamma, double learningRate,
                       int epochs, int batch, double featureWeight, double labelWeight, long seed) {
            this(atoms, gwbLayers, gwdLayers, module, gamma, learningRate, epochs, batch, featureWeight, labelWeight, seed,
                    Forward.ALGORITHM_4);
        }

        public Options {
            if (forward == null) {
                throw new IllegalArgumentException("forward must be ALGORITHM_4 or REFERENCE_CODE");
            }
            Check.positive("atoms", atoms);
            Check.positive("gwbLayers", gwbLayers);
            Check.positive("gwdLayers", gwdLayers);
            if (module == null) {
                throw new IllegalArgumentException("module must be PPA or BADMM");
            }
            Check.positive("gamma", gamma);
            Check.positive("learningRate", learningRate);
            if (epochs < 0) {
                throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
            }
            Check.positive("batch", batch);
            if (!(featureWeight >= 0) || !(labelWeight >= 0)) {
                throw new IllegalArgumentException("featureWeight and labelWeight must be >= 0");
            }
        }

        /** The paper's settings: K = 30, L = 2, M = 50, γ = 0.01 (PPA) or 1 (BADMM), Adam 0.05, 10 epochs. */
        public static Options paper(Module module, long seed) {
            return new Options(30, 2, 50, module, module == Module.PPA ? 0.01 : 1.0, 0.05, 10, 16, 0, 0, seed);
        }

        public Options with(int atoms, int epochs, int gwdLayers) {
            return new Options(atoms, gwbLayers, gwdLayers, module, gamma, learningRate, epochs, batch, featureWeight, labelWeight, seed, forward);
        }

        public Options withFeatures(double w) {
            return new Options(atoms, gwbLayers, gwdLayers, module, gamma, learningRate, epochs, batch, w, labelWeight, seed, forward);
        }

        public Options withLabels(double beta) {
            return new Options(atoms, gwbLayers, gwdLayers, module, gamma, learningRate, epochs, batch, featureWeight, beta, seed, forward);
        }

        public Options withBatch(int batch) {
            return new Options(atoms, gwbLayers, gwdLayers, module, gamma, learningRate, epochs, batch, featureWeight, labelWeight, seed, forward);
        }

        public Options withForward(Forward f) {
            return new Options(atoms, gwbLayers, gwdLayers, module, gamma, learningRate, epochs, batch, featureWeight, labelWeight, seed, f);
        }
    }

    /** An observed graph: structure C (n×n), node distribution μ, node features F (n×D, or null). */
    public record Sample(Mat C, double[] mu, Mat F) {
        public Sample {
            Check.square("C", C);
            Check.distribution("mu", mu, C.rows);
            if (F != null && F.rows != C.rows) {
                throw new IllegalArgumentException("F has " + F.rows + " rows for " + C.rows + " nodes");
            }
        }

        public static Sample uniform(Mat C, Mat F) {
            return new Sample(C, Check.uniform(C.rows), F);
        }
    }

    /** What an epoch reports. */
    public record Epoch(int epoch, int epochs, double loss, double seconds, double etaSeconds) {
    }

    @FunctionalInterface
    public interface Listener {
        Listener NONE = e -> { };

        void onEpoch(Epoch e);
    }

    private final Options options;
    final List<Mat> V = new ArrayList<>();
    final List<Mat> H = new ArrayList<>();
    final List<double[]> atomMu = new ArrayList<>();
    Mat Z;
    Mat classifier; // classes × (K + 1): weights and bias, when labelWeight > 0
    private int epochsDone;
    private final List<Double> losses = new ArrayList<>();
    private final List<Double> epochSeconds = new ArrayList<>();
    /** Adam's state, kept across fit calls and saved with the model, so that resuming takes the same steps. */
    private Adam adam;
    private List<double[]> loadedMoments;
    private int loadedSteps;

    private Gwf(Options options) {
        this.options = options;
    }

    /**
     * Standard deviation of the initial embeddings. The paper says only "randomly". With N(0, 1), the
     * initial draw is comparable in size to what ten epochs at Adam's 0.05 move each z_i (z_i gets one
     * gradient per epoch), so k-means partly clusters the draw. Measured on 300 AIDS graphs (K = 10,
     * M = 20, 10 epochs, seed 0, structure only): 0.913 with N(0, 1), 0.943 with N(0, 0.01²).
     */
    public static final double EMBEDDING_INIT_SCALE = 0.01;

    /**
     * Warm start (the paper's): K observed graphs drawn at random become the atoms (their structures and
     * features; uniform node distributions); the embeddings are N(0, {@link #EMBEDDING_INIT_SCALE}²).
     */
    public static Gwf init(List<Sample> data, int classes, Options options) {
        if (data == null || data.size() < options.atoms()) {
            throw new IllegalArgumentException("data must hold at least atoms = " + options.atoms() + " graphs");
        }
        Gwf g = new Gwf(options);
        SplittableRandom rnd = new SplittableRandom(options.seed());
        int[] perm = IntStream.range(0, data.size()).toArray();
        for (int i = 0; i < options.atoms(); i++) {
            int j = i + rnd.nextInt(perm.length - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
            Sample s = data.get(perm[i]);
            g.V.add(s.C().copy());
            g.atomMu.add(Check.uniform(s.C().rows));
            if (options.featureWeight() > 0) {
                if (s.F() == null) {
                    throw new IllegalArgumentException("featureWeight > 0 but the graphs have no node features");
                }
                g.H.add(s.F().copy());
            }
        }
        g.Z = Mat.zeros(data.size(), options.atoms());
        for (int k = 0; k < g.Z.data.length; k++) {
            g.Z.data[k] = EMBEDDING_INIT_SCALE * rnd.nextGaussian();
        }
        if (options.labelWeight() > 0) {
            Check.positive("classes", classes);
            g.classifier = Mat.zeros(classes, options.atoms() + 1);
        }
        return g;
    }

    public Options options() {
        return options;
    }

    /** The embeddings z_i (rows). */
    public Mat embeddings() {
        return Z.copy();
    }

    /** λ_i = softmax(z_i) (rows). */
    public Mat weights() {
        Mat W = Mat.zeros(Z.rows, Z.cols);
        for (int i = 0; i < Z.rows; i++) {
            double[] l = softmax(Z.row(i));
            System.arraycopy(l, 0, W.data, i * Z.cols, Z.cols);
        }
        return W;
    }

    /**
     * The classes that the label loss's linear classifier φ (eq. 14) gives every graph's embedding:
     * argmax_q (W z_i + b)_q, in the classes' order of the labels {@code fit} was given.
     *
     * @throws IllegalStateException if the model was not trained with labels (labelWeight 0)
     */
    public int[] predict() {
        if (classifier == null) {
            throw new IllegalStateException("predict needs a model trained with labels (labelWeight > 0)");
        }
        int[] out = new int[Z.rows];
        for (int i = 0; i < Z.rows; i++) {
            double[] l = logits(Z.row(i));
            for (int q = 1; q < l.length; q++) {
                if (l[q] > l[out[i]]) {
                    out[i] = q;
                }
            }
        }
        return out;
    }

    /** φ(z) = W z + b, the label loss's logits. */
    private double[] logits(double[] z) {
        int K = z.length;
        double[] out = new double[classifier.rows];
        for (int q = 0; q < out.length; q++) {
            double v = classifier.get(q, K);
            for (int k = 0; k < K; k++) {
                v += classifier.get(q, k) * z[k];
            }
            out[q] = v;
        }
        return out;
    }

    /** The atoms U_k = ReLU(V_k). */
    public List<Mat> atoms() {
        List<Mat> out = new ArrayList<>();
        for (Mat v : V) {
            out.add(relu(v));
        }
        return out;
    }

    public int epochsDone() {
        return epochsDone;
    }

    /** Mean loss of each finished epoch. */
    public double[] losses() {
        return losses.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Wall seconds each finished epoch took. */
    public double[] epochSeconds() {
        return epochSeconds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static Mat relu(Mat v) {
        Mat u = v.copy();
        for (int k = 0; k < u.data.length; k++) {
            u.data[k] = Math.max(0, u.data[k]);
        }
        return u;
    }

    static double[] softmax(double[] z) {
        double mx = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            mx = Math.max(mx, v);
        }
        double[] e = new double[z.length];
        double s = 0;
        for (int k = 0; k < z.length; k++) {
            e[k] = Math.exp(z[k] - mx);
            s += e[k];
        }
        for (int k = 0; k < z.length; k++) {
            e[k] /= s;
        }
        return e;
    }

    /** The plans of one forward pass: T_k (barycenter × atom k, from the last GWB layer) and T (barycenter × graph). */
    public record Plans(List<Mat> atomPlans, Mat plan) {
    }

    /** Forward pass for graph i (Algorithm 4, lines 5–7, or the authors' code, see {@link Forward}): the plans. */
    public Plans forward(Sample s, double[] z) {
        List<Mat> U = atoms();
        double[] lambda = softmax(z);
        Mat B = s.C();
        Mat Fb = s.F();
        List<Mat> Tk = null;
        int layers = options.forward() == Forward.REFERENCE_CODE ? 1 : options.gwbLayers();
        for (int l = 0; l < layers; l++) {
            Tk = new ArrayList<>();
            for (int k = 0; k < U.size(); k++) {
                Tk.add(module(B, s.mu(), Fb, U.get(k), atomMu.get(k), options.featureWeight() > 0 ? H.get(k) : null));
            }
            B = barycenter(U, Tk, lambda, s.mu());
            if (options.featureWeight() > 0) {
                Fb = barycenterFeatures(Tk, lambda, s.mu());
            }
        }
        if (options.forward() == Forward.REFERENCE_CODE) {
            // the barycenter lives on the graph's nodes and is compared node by node: T = diag(μ)
            Mat T = Mat.zeros(s.mu().length, s.mu().length);
            for (int a = 0; a < s.mu().length; a++) {
                T.set(a, a, s.mu()[a]);
            }
            return new Plans(Tk, T);
        }
        Mat T = module(B, s.mu(), Fb, s.C(), s.mu(), options.featureWeight() > 0 ? s.F() : null);
        return new Plans(Tk, T);
    }

    private Mat module(Mat Cs, double[] ps, Mat Fs, Mat Ct, double[] pt, Mat Ft) {
        GwProblem pb = new GwProblem(Cs, Ct, ps, pt, org.gwbench.gw.GwLoss.SQUARE);
        double w = options.featureWeight();
        if (Fs == null || Ft == null || w == 0) {
            ProximalGwOptions o = new ProximalGwOptions(options.gamma(), options.gwdLayers(), false);
            return options.module() == Module.PPA ? new PpaGw(o).solve(pb).plan() : new BadmmGw(o).solve(pb).plan();
        }
        // Cst − 2 Cs T Ctᵀ + w D = (1 + w) [α (Cst − 2 Cs T Ctᵀ) + (1 − α) D] with α = 1/(1 + w):
        // the fused module with γ/(1 + w) takes the same steps
        Mat D = featureCost(Fs, Ft);
        double alpha = 1 / (1 + w);
        ProximalGwOptions o = new ProximalGwOptions(options.gamma() * alpha, options.gwdLayers(), false);
        return options.module() == Module.PPA ? new PpaGw(o).solve(pb, D, alpha).plan() : new BadmmGw(o).solve(pb, D, alpha).plan();
    }

    /** D_ab = ‖F_s(a) − F_t(b)‖². */
    static Mat featureCost(Mat Fs, Mat Ft) {
        Mat D = Blas.active().multiply(Fs, false, Ft, true);
        double[] ns = rowNorms2(Fs);
        double[] nt = rowNorms2(Ft);
        for (int a = 0; a < D.rows; a++) {
            for (int b = 0; b < D.cols; b++) {
                D.data[a * D.cols + b] = ns[a] + nt[b] - 2 * D.data[a * D.cols + b];
            }
        }
        return D;
    }

    static double[] rowNorms2(Mat F) {
        double[] n = new double[F.rows];
        for (int a = 0; a < F.rows; a++) {
            for (int c = 0; c < F.cols; c++) {
                n[a] += F.get(a, c) * F.get(a, c);
            }
        }
        return n;
    }

    static Mat barycenter(List<Mat> U, List<Mat> Tk, double[] lambda, double[] mu) {
        Blas blas = Blas.active();
        int nb = mu.length;
        Mat B = Mat.zeros(nb, nb);
        for (int k = 0; k < U.size(); k++) {
            Mat TUT = blas.multiply(blas.multiply(Tk.get(k), U.get(k)), false, Tk.get(k), true);
            for (int q = 0; q < B.data.length; q++) {
                B.data[q] += lambda[k] * TUT.data[q];
            }
        }
        for (int a = 0; a < nb; a++) {
            for (int b = 0; b < nb; b++) {
                B.data[a * nb + b] /= mu[a] * mu[b];
            }
        }
        return B;
    }

    Mat barycenterFeatures(List<Mat> Tk, double[] lambda, double[] mu) {
        Blas blas = Blas.active();
        int D = H.get(0).cols;
        Mat F = Mat.zeros(mu.length, D);
        for (int k = 0; k < Tk.size(); k++) {
            Mat TH = blas.multiply(Tk.get(k), H.get(k));
            for (int q = 0; q < F.data.length; q++) {
                F.data[q] += lambda[k] * TH.data[q];
            }
        }
        for (int a = 0; a < mu.length; a++) {
            for (int c = 0; c < D; c++) {
                F.data[a * D + c] /= mu[a];
            }
        }
        return F;
    }

    /** Gradients of one graph's loss at fixed plans: ∂V_k, ∂H_k (when features), ∂z, and the loss. */
    public record Gradients(double loss, List<Mat> gradV, List<Mat> gradH, double[] gradZ, Mat gradClassifier) {
    }

    /**
     * The loss (12) [+ w⟨D, T⟩ (16)] [+ β CE (14) when label ≥ 0 and labelWeight > 0] of graph s with
     * embedding z and the given plans held fixed, and its analytic gradients.
     */
    public Gradients lossAndGradients(Sample s, double[] z, Plans plans, int label) {
        Blas blas = Blas.active();
        List<Mat> U = atoms();
        double[] lambda = softmax(z);
        List<Mat> Tk = plans.atomPlans();
        Mat T = plans.plan();
        double[] mu = s.mu();
        int nb = mu.length;
        Mat B = barycenter(U, Tk, lambda, mu);
        Mat C = s.C();
        double[] r = T.rowSums();
        double[] c = T.colSums();
        // loss = Σ_a r_a Σ_b B_ab² μ_b + Σ_j c_j Σ_j' C_jj'² μ_j' − 2 ⟨B, T C Tᵀ⟩
        Mat TCT = blas.multiply(blas.multiply(T, C), false, T, true);
        double loss = 0;
        for (int a = 0; a < nb; a++) {
            for (int b = 0; b < nb; b++) {
                double v = B.data[a * nb + b];
                loss += r[a] * v * v * mu[b] - 2 * v * TCT.data[a * nb + b];
            }
        }
        for (int j = 0; j < C.rows; j++) {
            for (int jp = 0; jp < C.cols; jp++) {
                double v = C.get(j, jp);
                loss += c[j] * v * v * mu[jp];
            }
        }
        Mat W = Mat.zeros(nb, nb);
        for (int a = 0; a < nb; a++) {
            for (int b = 0; b < nb; b++) {
                double g = 2 * B.data[a * nb + b] * r[a] * mu[b] - 2 * TCT.data[a * nb + b];
                W.data[a * nb + b] = g / (mu[a] * mu[b]);
            }
        }
        int K = U.size();
        double[] gLambda = new double[K];
        List<Mat> gV = new ArrayList<>();
        for (int k = 0; k < K; k++) {
            Mat Tk_ = Tk.get(k);
            Mat TU = blas.multiply(Tk_, U.get(k));
            Mat TUT = blas.multiply(TU, false, Tk_, true);
            gLambda[k] = W.dot(TUT);
            Mat gU = blas.multiply(blas.multiply(Tk_, true, W, false), Tk_);
            Mat v = V.get(k);
            for (int q = 0; q < gU.data.length; q++) {
                gU.data[q] = v.data[q] > 0 ? lambda[k] * gU.data[q] : 0;
            }
            gV.add(gU);
        }
        List<Mat> gH = null;
        double w = options.featureWeight();
        if (w > 0) {
            Mat Fb = barycenterFeatures(Tk, lambda, mu);
            Mat Fi = s.F();
            Mat D = featureCost(Fb, Fi);
            loss += w * D.dot(T);
            // ∂⟨D, T⟩/∂F_b = 2 diag(r) F_b − 2 T F_i;  Q = that ⊘ μ_b 1ᵀ
            Mat TF = blas.multiply(T, Fi);
            int Dd = Fb.cols;
            Mat Q = Mat.zeros(nb, Dd);
            for (int a = 0; a < nb; a++) {
                for (int q = 0; q < Dd; q++) {
                    Q.data[a * Dd + q] = w * (2 * r[a] * Fb.data[a * Dd + q] - 2 * TF.data[a * Dd + q]) / mu[a];
                }
            }
            gH = new ArrayList<>();
            for (int k = 0; k < K; k++) {
                Mat TH = blas.multiply(Tk.get(k), H.get(k));
                gLambda[k] += Q.dot(TH);
                Mat g = blas.multiply(Tk.get(k), true, Q, false);
                for (int q = 0; q < g.data.length; q++) {
                    g.data[q] *= lambda[k];
                }
                gH.add(g);
            }
        }
        double[] gZ = softmaxBackward(lambda, gLambda);
        Mat gCls = null;
        if (options.labelWeight() > 0 && label >= 0) {
            int classes = classifier.rows;
            double[] p = softmax(logits(z));
            double beta = options.labelWeight();
            loss += -beta * Math.log(Math.max(p[label], 1e-300));
            gCls = Mat.zeros(classes, K + 1);
            for (int q = 0; q < classes; q++) {
                double d = beta * (p[q] - (q == label ? 1 : 0));
                for (int k = 0; k < K; k++) {
                    gCls.set(q, k, d * z[k]);
                    gZ[k] += d * classifier.get(q, k);
                }
                gCls.set(q, K, d);
            }
        }
        return new Gradients(loss, gV, gH, gZ, gCls);
    }

    static double[] softmaxBackward(double[] l, double[] g) {
        double dot = 0;
        for (int k = 0; k < l.length; k++) {
            dot += g[k] * l[k];
        }
        double[] out = new double[l.length];
        for (int k = 0; k < l.length; k++) {
            out[k] = l[k] * (g[k] - dot);
        }
        return out;
    }

    /**
     * Algorithm 4 for options.epochs() epochs (after those already done): each epoch visits the graphs in
     * a seeded random order, in batches whose gradients are summed (graphs in parallel) before one Adam
     * step. labels may be null (unsupervised) or hold −1 for unlabelled graphs. Stops after the current
     * batch when the thread is interrupted; the epochs finished stay in the model.
     */
    public void fit(List<Sample> data, int[] labels, Listener listener) {
        if (data.size() != Z.rows) {
            throw new IllegalArgumentException("data has " + data.size() + " graphs, the model was built for " + Z.rows);
        }
        Listener l = listener == null ? Listener.NONE : listener;
        List<double[]> params = new ArrayList<>();
        for (Mat v : V) {
            params.add(v.data);
        }
        for (Mat h : H) {
            params.add(h.data);
        }
        params.add(Z.data);
        if (classifier != null) {
            params.add(classifier.data);
        }
        if (adam == null) {
            adam = new Adam(params, options.learningRate());
            if (loadedMoments != null) {
                restoreMoments(adam, loadedMoments, loadedSteps);
                loadedMoments = null;
            }
        }
        long t0 = System.nanoTime();
        double previous = 0;
        int target = options.epochs();
        int first = epochsDone;
        for (int e = epochsDone; e < target; e++) {
            SplittableRandom rnd = new SplittableRandom(options.seed() * 31 + e);
            int[] order = IntStream.range(0, data.size()).toArray();
            for (int i = order.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double total = 0;
            for (int b0 = 0; b0 < order.length; b0 += options.batch()) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                int[] batch = Arrays.copyOfRange(order, b0, Math.min(order.length, b0 + options.batch()));
                Gradients[] gs = new Gradients[batch.length];
                try (BlasThreads.Scope serial = BlasThreads.serial()) {
                    IntStream.range(0, batch.length).parallel().forEach(q -> {
                        int i = batch[q];
                        double[] z = Z.row(i);
                        Plans p = forward(data.get(i), z);
                        gs[q] = lossAndGradients(data.get(i), z, p, labels == null ? -1 : labels[i]);
                    });
                }
                List<double[]> grads = new ArrayList<>();
                for (Mat v : V) {
                    grads.add(new double[v.data.length]);
                }
                for (Mat h : H) {
                    grads.add(new double[h.data.length]);
                }
                double[] gZ = new double[Z.data.length];
                double[] gC = classifier == null ? null : new double[classifier.data.length];
                for (int q = 0; q < batch.length; q++) {
                    Gradients g = gs[q];
                    total += g.loss();
                    for (int k = 0; k < V.size(); k++) {
                        add(grads.get(k), g.gradV().get(k).data);
                    }
                    for (int k = 0; k < H.size(); k++) {
                        add(grads.get(V.size() + k), g.gradH().get(k).data);
                    }
                    System.arraycopy(g.gradZ(), 0, gZ, batch[q] * Z.cols, Z.cols);
                    if (gC != null && g.gradClassifier() != null) {
                        add(gC, g.gradClassifier().data);
                    }
                }
                grads.add(gZ);
                if (gC != null) {
                    grads.add(gC);
                }
                adam.step(grads);
            }
            epochsDone = e + 1;
            losses.add(total / data.size());
            double secs = (System.nanoTime() - t0) / 1e9;
            epochSeconds.add(secs - previous);
            previous = secs;
            l.onEpoch(new Epoch(e + 1, target, total / data.size(), secs, secs / (e + 1 - first) * (target - e - 1)));
        }
    }

    private static void restoreMoments(Adam adam, List<double[]> moments, int steps) {
        int n = adam.firstMoments().size();
        if (moments.size() != 2 * n) {
            throw new IllegalArgumentException("dir: the saved optimiser state has " + moments.size() / 2
                    + " parameter arrays, the model " + n);
        }
        for (int i = 0; i < n; i++) {
            copyInto("first moment " + i, moments.get(i), adam.firstMoments().get(i));
            copyInto("second moment " + i, moments.get(n + i), adam.secondMoments().get(i));
        }
        adam.restoreSteps(steps);
    }

    private static void copyInto(String what, double[] from, double[] to) {
        if (from.length != to.length) {
            throw new IllegalArgumentException("dir: saved " + what + " has " + from.length + " entries, expected " + to.length);
        }
        System.arraycopy(from, 0, to, 0, to.length);
    }

    private static void add(double[] acc, double[] g) {
        for (int k = 0; k < acc.length; k++) {
            acc[k] += g[k];
        }
    }

    /** A listener printing "label: epoch e/E, loss …, t s, ETA s". */
    public static Progress progress(String label) {
        return new Progress(label);
    }

    /** Progress lines on stdout, led by a label; {@link #with} names what is training within the run. */
    public record Progress(String label) implements Listener {
        @Override
        public void onEpoch(Epoch e) {
            System.out.print(String.format(java.util.Locale.ROOT, "%s: epoch %d/%d, loss %.6g, %.1f s, ETA %.0f s%n",
                    label, e.epoch(), e.epochs(), e.loss(), e.seconds(), e.etaSeconds()));
        }

        /** The same lines led by "label detail", e.g. "AIDS GWF-PPA seed 3". */
        public Progress with(String detail) {
            return new Progress(label + " " + detail);
        }
    }

    /** Writes atoms (V_k, H_k), atom distributions, embeddings, classifier, epochs and the loss and seconds per epoch into folder dir. */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            for (int k = 0; k < V.size(); k++) {
                Csv.write(dir.resolve("V" + k + ".csv"), V.get(k));
                Csv.writeVector(dir.resolve("mu" + k + ".csv"), atomMu.get(k));
                if (!H.isEmpty()) {
                    Csv.write(dir.resolve("H" + k + ".csv"), H.get(k));
                }
            }
            Csv.write(dir.resolve("Z.csv"), Z);
            if (!losses.isEmpty()) {
                Csv.writeVector(dir.resolve("losses.csv"), losses());
                Csv.writeVector(dir.resolve("epoch-seconds.csv"), epochSeconds());
            }
            if (classifier != null) {
                Csv.write(dir.resolve("classifier.csv"), classifier);
            }
            List<double[]> moments = adam != null ? momentsOf(adam) : loadedMoments;
            if (moments != null) {
                for (int i = 0; i < moments.size(); i++) {
                    Csv.writeVector(dir.resolve("adam" + i + ".csv"), moments.get(i));
                }
                Files.writeString(dir.resolve("adam.txt"), (adam != null ? adam.steps() : loadedSteps) + " " + moments.size() + "\n");
            }
            Files.writeString(dir.resolve("model.txt"), "gwf " + V.size() + " " + epochsDone + " " + (H.isEmpty() ? 0 : 1) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the GWF model to " + dir, e);
        }
    }

    private static List<double[]> momentsOf(Adam adam) {
        List<double[]> all = new ArrayList<>(adam.firstMoments());
        all.addAll(adam.secondMoments());
        return all;
    }

    /**
     * Loads a model saved by {@link #save}; {@link #fit} then continues from its epochs with Adam's
     * saved moments and step count, so that a run saved after epoch e and resumed takes the same steps
     * as one that never stopped (models saved before the optimiser state was kept restart Adam).
     */
    public static Gwf load(Path dir, Options options) {
        Path meta = dir.resolve("model.txt");
        if (!Files.isRegularFile(meta)) {
            throw new IllegalArgumentException("dir: no saved GWF model in " + dir + " (model.txt missing)");
        }
        String[] head;
        try {
            head = Files.readString(meta).trim().split(" ");
        } catch (IOException e) {
            throw new IllegalArgumentException("dir: cannot read " + meta + ": " + e.getMessage());
        }
        int K = Integer.parseInt(head[1]);
        if (K != options.atoms()) {
            throw new IllegalArgumentException("options: the saved model has " + K + " atoms, options say " + options.atoms());
        }
        Gwf g = new Gwf(options);
        for (int k = 0; k < K; k++) {
            g.V.add(Csv.readMatrix("V" + k, dir.resolve("V" + k + ".csv")));
            g.atomMu.add(Csv.readVector("mu" + k, dir.resolve("mu" + k + ".csv")));
            if (head[3].equals("1")) {
                g.H.add(Csv.readMatrix("H" + k, dir.resolve("H" + k + ".csv")));
            }
        }
        g.Z = Csv.readMatrix("Z", dir.resolve("Z.csv"));
        if (Files.isRegularFile(dir.resolve("classifier.csv"))) {
            g.classifier = Csv.readMatrix("classifier", dir.resolve("classifier.csv"));
        }
        g.epochsDone = Integer.parseInt(head[2]);
        Path adamMeta = dir.resolve("adam.txt");
        if (Files.isRegularFile(adamMeta)) {
            String[] a;
            try {
                a = Files.readString(adamMeta).trim().split(" ");
            } catch (IOException e) {
                throw new IllegalArgumentException("dir: cannot read " + adamMeta + ": " + e.getMessage());
            }
            g.loadedSteps = Integer.parseInt(a[0]);
            g.loadedMoments = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(a[1]); i++) {
                g.loadedMoments.add(Csv.readVector("adam" + i, dir.resolve("adam" + i + ".csv")));
            }
        }
        if (Files.isRegularFile(dir.resolve("losses.csv"))) {
            for (double v : Csv.readVector("losses", dir.resolve("losses.csv"))) {
                g.losses.add(v);
            }
            for (double v : Csv.readVector("epoch-seconds", dir.resolve("epoch-seconds.csv"))) {
                g.epochSeconds.add(v);
            }
        }
        return g;
    }
}

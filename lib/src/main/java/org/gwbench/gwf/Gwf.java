package org.gwbench.gwf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gwbench.gw.BadmmGw;
import org.gwbench.gw.PpaGw;
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

    private final Options options;
    final List<Mat> V = new ArrayList<>();
    final List<Mat> H = new ArrayList<>();
    final List<double[]> atomMu = new ArrayList<>();
    Mat Z;
    Mat classifier; // classes × (K + 1): weights and bias, when labelWeight > 0
    int epochsDone;
    final List<Double> losses = new ArrayList<>();
    final List<Double> epochSeconds = new ArrayList<>();
    /** Adam's state, kept across fit calls and saved with the model, so that resuming takes the same steps. */
    Adam adam;
    List<double[]> loadedMoments;
    int loadedSteps;

    private Gwf(Options options) {
        this.options = options;
    }

    /** A model with these options and no parameters yet, for {@link GwfStore#load}. */
    static Gwf empty(Options options) {
        return new Gwf(options);
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
    double[] logits(double[] z) {
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
        return GwfLoss.forward(this, s, z);
    }

    /** B = Σ_k λ_k T_k U_k T_kᵀ ⊘ μ μᵀ: one GWB layer's barycenter. */
    static Mat barycenter(List<Mat> U, List<Mat> Tk, double[] lambda, double[] mu) {
        return GwfLoss.barycenter(U, Tk, lambda, mu);
    }

    /** Gradients of one graph's loss at fixed plans: ∂V_k, ∂H_k (when features), ∂z, and the loss. */
    public record Gradients(double loss, List<Mat> gradV, List<Mat> gradH, double[] gradZ, Mat gradClassifier) {
    }
    /**
     * The loss (12) [+ w⟨D, T⟩ (16)] [+ β CE (14) when label ≥ 0 and labelWeight > 0] of graph s with
     * embedding z and the given plans held fixed, and its analytic gradients.
     */
    public Gradients lossAndGradients(Sample s, double[] z, Plans plans, int label) {
        return GwfLoss.lossAndGradients(this, s, z, plans, label);
    }

    /**
     * Algorithm 4 for options.epochs() epochs (after those already done): each epoch visits the graphs in
     * a seeded random order, in batches whose gradients are summed (graphs in parallel) before one Adam
     * step. labels may be null (unsupervised) or hold −1 for unlabelled graphs. Stops after the current
     * batch when the thread is interrupted; the epochs finished stay in the model.
     */
    public void fit(List<Sample> data, int[] labels, org.gwbench.problem.ProgressListener listener) {
        GwfTrainer.fit(this, data, labels, listener);
    }

    /** Writes atoms (V_k, H_k), atom distributions, embeddings, classifier, epochs and the loss and seconds per epoch into folder dir. */
    public void save(Path dir) {
        GwfStore.save(this, dir);
    }

    /**
     * Loads a model saved by {@link #save}; {@link #fit} then continues from its epochs with Adam's
     * saved moments and step count, so that a run saved after epoch e and resumed takes the same steps
     * as one that never stopped (models saved before the optimiser state was kept restart Adam).
     */
    public static Gwf load(Path dir, Options options) {
        return GwfStore.load(dir, options);
    }
}

package org.gwbench.gwf;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.gw.BadmmGw;
import org.gwbench.gw.GwProblem;
import org.gwbench.gw.PpaGw;
import org.gwbench.gw.ProximalGwOptions;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;

/**
 * GWF's forward pass (the plans of Algorithm 4's GWB and GWD modules) and its loss with analytic gradients
 * at fixed plans (eq. 12–17), for a {@link Gwf} model; the formulas are in {@link Gwf}'s documentation.
 */
final class GwfLoss {
    private GwfLoss() {
    }

    /** Forward pass for graph i (Algorithm 4, lines 5–7, or the authors' code, see {@link Forward}): the plans. */
    static Gwf.Plans forward(Gwf m, Gwf.Sample s, double[] z) {
        Gwf.Options options = m.options();
        List<Mat> H = m.H;
        List<double[]> atomMu = m.atomMu;
        List<Mat> U = m.atoms();
        double[] lambda = Gwf.softmax(z);
        Mat B = s.C();
        Mat Fb = s.F();
        List<Mat> Tk = null;
        int layers = options.forward() == Gwf.Forward.REFERENCE_CODE ? 1 : options.gwbLayers();
        for (int l = 0; l < layers; l++) {
            Tk = new ArrayList<>();
            for (int k = 0; k < U.size(); k++) {
                Tk.add(module(options, B, s.mu(), Fb, U.get(k), atomMu.get(k), options.featureWeight() > 0 ? H.get(k) : null));
            }
            B = barycenter(U, Tk, lambda, s.mu());
            if (options.featureWeight() > 0) {
                Fb = barycenterFeatures(H, Tk, lambda, s.mu());
            }
        }
        if (options.forward() == Gwf.Forward.REFERENCE_CODE) {
            // the barycenter lives on the graph's nodes and is compared node by node: T = diag(μ)
            Mat T = Mat.zeros(s.mu().length, s.mu().length);
            for (int a = 0; a < s.mu().length; a++) {
                T.set(a, a, s.mu()[a]);
            }
            return new Gwf.Plans(Tk, T);
        }
        Mat T = module(options, B, s.mu(), Fb, s.C(), s.mu(), options.featureWeight() > 0 ? s.F() : null);
        return new Gwf.Plans(Tk, T);
    }

    private static Mat module(Gwf.Options options, Mat Cs, double[] ps, Mat Fs, Mat Ct, double[] pt, Mat Ft) {
        GwProblem pb = new GwProblem(Cs, Ct, ps, pt, org.gwbench.gw.GwLoss.SQUARE);
        double w = options.featureWeight();
        if (Fs == null || Ft == null || w == 0) {
            ProximalGwOptions o = new ProximalGwOptions(options.gamma(), options.gwdLayers(), false);
            return options.module() == Gwf.Module.PPA ? new PpaGw(o).solve(pb).plan() : new BadmmGw(o).solve(pb).plan();
        }
        // Cst − 2 Cs T Ctᵀ + w D = (1 + w) [α (Cst − 2 Cs T Ctᵀ) + (1 − α) D] with α = 1/(1 + w):
        // the fused module with γ/(1 + w) takes the same steps
        Mat D = featureCost(Fs, Ft);
        double alpha = 1 / (1 + w);
        ProximalGwOptions o = new ProximalGwOptions(options.gamma() * alpha, options.gwdLayers(), false);
        return options.module() == Gwf.Module.PPA ? new PpaGw(o).solve(pb, D, alpha).plan() : new BadmmGw(o).solve(pb, D, alpha).plan();
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

    static Mat barycenterFeatures(List<Mat> H, List<Mat> Tk, double[] lambda, double[] mu) {
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

    /**
     * The loss (12) [+ w⟨D, T⟩ (16)] [+ β CE (14) when label ≥ 0 and labelWeight > 0] of graph s with
     * embedding z and the given plans held fixed, and its analytic gradients.
     */
    static Gwf.Gradients lossAndGradients(Gwf m, Gwf.Sample s, double[] z, Gwf.Plans plans, int label) {
        Gwf.Options options = m.options();
        Blas blas = Blas.active();
        List<Mat> U = m.atoms();
        double[] lambda = Gwf.softmax(z);
        List<Mat> Tk = plans.atomPlans();
        Mat T = plans.plan();
        double[] mu = s.mu();
        Mat B = barycenter(U, Tk, lambda, mu);
        double[] r = T.rowSums();
        // loss = Σ_a r_a Σ_b B_ab² μ_b + Σ_j c_j Σ_j' C_jj'² μ_j' − 2 ⟨B, T C Tᵀ⟩
        Mat TCT = blas.multiply(blas.multiply(T, s.C()), false, T, true);
        double loss = structureLoss(B, s.C(), TCT, r, T.colSums(), mu);
        int K = U.size();
        double[] gLambda = new double[K];
        List<Mat> gV = atomGradients(Tk, U, m.V, barycenterGradient(B, TCT, r, mu), lambda, gLambda);
        List<Mat> gH = null;
        double w = options.featureWeight();
        if (w > 0) {
            Mat Fb = barycenterFeatures(m.H, Tk, lambda, mu);
            loss += w * featureCost(Fb, s.F()).dot(T);
            gH = featureGradients(Tk, m.H, Fb, s.F(), T, r, mu, w, lambda, gLambda);
        }
        double[] gZ = softmaxBackward(lambda, gLambda);
        Mat gCls = null;
        if (options.labelWeight() > 0 && label >= 0) {
            gCls = Mat.zeros(m.classifier.rows, K + 1);
            loss += labelTerm(m, z, label, gZ, gCls);
        }
        return new Gwf.Gradients(loss, gV, gH, gZ, gCls);
    }

    /** Σ_a r_a Σ_b B_ab² μ_b − 2 ⟨B, T C Tᵀ⟩ + Σ_j c_j Σ_j' C_jj'² μ_j', summed in that order. */
    private static double structureLoss(Mat B, Mat C, Mat TCT, double[] r, double[] c, double[] mu) {
        int nb = mu.length;
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
        return loss;
    }

    /** W = ∂loss/∂B ⊘ μ μᵀ with ∂loss/∂B = 2 B ⊙ r μᵀ − 2 T C Tᵀ. */
    private static Mat barycenterGradient(Mat B, Mat TCT, double[] r, double[] mu) {
        int nb = mu.length;
        Mat W = Mat.zeros(nb, nb);
        for (int a = 0; a < nb; a++) {
            for (int b = 0; b < nb; b++) {
                double g = 2 * B.data[a * nb + b] * r[a] * mu[b] - 2 * TCT.data[a * nb + b];
                W.data[a * nb + b] = g / (mu[a] * mu[b]);
            }
        }
        return W;
    }

    /** ∂V_k = λ_k T_kᵀ W T_k where V_k > 0 (ReLU); sets ∂λ_k = ⟨W, T_k U_k T_kᵀ⟩. */
    private static List<Mat> atomGradients(List<Mat> Tk, List<Mat> U, List<Mat> V, Mat W, double[] lambda, double[] gLambda) {
        Blas blas = Blas.active();
        List<Mat> gV = new ArrayList<>();
        for (int k = 0; k < U.size(); k++) {
            Mat Tk_ = Tk.get(k);
            Mat TUT = blas.multiply(blas.multiply(Tk_, U.get(k)), false, Tk_, true);
            gLambda[k] = W.dot(TUT);
            Mat gU = blas.multiply(blas.multiply(Tk_, true, W, false), Tk_);
            Mat v = V.get(k);
            for (int q = 0; q < gU.data.length; q++) {
                gU.data[q] = v.data[q] > 0 ? lambda[k] * gU.data[q] : 0;
            }
            gV.add(gU);
        }
        return gV;
    }

    /**
     * ∂H_k of the feature term w⟨D, T⟩ (eq. 16): with Q = w (2 diag(r) F_b − 2 T F_i) ⊘ μ_b 1ᵀ, ∂H_k = λ_k T_kᵀ Q;
     * adds ⟨Q, T_k H_k⟩ to ∂λ_k.
     */
    private static List<Mat> featureGradients(List<Mat> Tk, List<Mat> H, Mat Fb, Mat Fi, Mat T, double[] r, double[] mu, double w,
                                              double[] lambda, double[] gLambda) {
        Blas blas = Blas.active();
        int nb = mu.length;
        Mat TF = blas.multiply(T, Fi);
        int Dd = Fb.cols;
        Mat Q = Mat.zeros(nb, Dd);
        for (int a = 0; a < nb; a++) {
            for (int q = 0; q < Dd; q++) {
                Q.data[a * Dd + q] = w * (2 * r[a] * Fb.data[a * Dd + q] - 2 * TF.data[a * Dd + q]) / mu[a];
            }
        }
        List<Mat> gH = new ArrayList<>();
        for (int k = 0; k < Tk.size(); k++) {
            Mat TH = blas.multiply(Tk.get(k), H.get(k));
            gLambda[k] += Q.dot(TH);
            Mat g = blas.multiply(Tk.get(k), true, Q, false);
            for (int q = 0; q < g.data.length; q++) {
                g.data[q] *= lambda[k];
            }
            gH.add(g);
        }
        return gH;
    }

    /** β·cross-entropy of the classifier's softmax at the label (eq. 14); fills gCls and adds to gZ; returns the loss term. */
    private static double labelTerm(Gwf m, double[] z, int label, double[] gZ, Mat gCls) {
        Mat classifier = m.classifier;
        int K = z.length;
        double[] p = Gwf.softmax(m.logits(z));
        double beta = m.options().labelWeight();
        for (int q = 0; q < classifier.rows; q++) {
            double d = beta * (p[q] - (q == label ? 1 : 0));
            for (int k = 0; k < K; k++) {
                gCls.set(q, k, d * z[k]);
                gZ[k] += d * classifier.get(q, k);
            }
            gCls.set(q, K, d);
        }
        return -beta * Math.log(Math.max(p[label], 1e-300));
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
}

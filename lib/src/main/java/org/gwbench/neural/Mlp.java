package org.gwbench.neural;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;

/**
 * A multilayer perceptron with ReLU hidden layers and a linear output, for the networks of neural GW
 * (Nekrashevich et al.: the transport map T: ℝ^m → ℝ^n and the potential f: ℝ^n → ℝ). Batches are the
 * rows of a matrix; every layer is one GEMM through the {@link Blas} seam, forward and backward:
 * <pre>
 *   H_0 = X,  H_l = relu(H_{l−1} W_lᵀ + 1 b_lᵀ) (l &lt; L),  Y = H_{L−1} W_Lᵀ + 1 b_Lᵀ
 *   backward from G = ∂loss/∂Y:  ∂W_l = G_lᵀ H_{l−1},  ∂b_l = G_lᵀ 1,  G_{l−1} = (G_l W_l) ⊙ [H_{l−1} &gt; 0]
 * </pre>
 * Parameters are initialised from a seed (He-uniform weights, zero biases). {@link #save} and
 * {@link #load} keep the network in a small text format.
 */
public final class Mlp {
    private final int[] widths;
    private final Mat[] W;
    private final double[][] b;
    // activations of the last forward pass, for backward
    private Mat[] H;

    /** widths = {in, hidden..., out}; at least {in, out}. */
    public Mlp(int[] widths, long seed) {
        if (widths == null || widths.length < 2) {
            throw new IllegalArgumentException("widths must list at least the input and output sizes");
        }
        for (int w : widths) {
            Check.positive("widths", w);
        }
        this.widths = widths.clone();
        int L = widths.length - 1;
        W = new Mat[L];
        b = new double[L][];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int l = 0; l < L; l++) {
            W[l] = Mat.zeros(widths[l + 1], widths[l]);
            double bound = Math.sqrt(6.0 / widths[l]);
            for (int k = 0; k < W[l].data.length; k++) {
                W[l].data[k] = bound * (2 * rnd.nextDouble() - 1);
            }
            b[l] = new double[widths[l + 1]];
        }
    }

    /** in, hidden…, out. */
    public int[] widths() {
        return widths.clone();
    }

    /** The parameter arrays, in the order W_1, b_1, …, W_L, b_L (live views, for optimisers). */
    public List<double[]> parameters() {
        List<double[]> p = new ArrayList<>();
        for (int l = 0; l < W.length; l++) {
            p.add(W[l].data);
            p.add(b[l]);
        }
        return p;
    }

    /** Y = net(X) for a batch X (B × in); remembers the activations for {@link #backward}. */
    public Mat forward(Mat X) {
        if (X.cols != widths[0]) {
            throw new IllegalArgumentException("input has " + X.cols + " columns, the network takes " + widths[0]);
        }
        Blas blas = Blas.active();
        int L = W.length;
        H = new Mat[L + 1];
        H[0] = X;
        for (int l = 0; l < L; l++) {
            Mat Z = blas.multiply(H[l], false, W[l], true);
            int out = widths[l + 1];
            for (int r = 0; r < Z.rows; r++) {
                for (int c = 0; c < out; c++) {
                    double v = Z.data[r * out + c] + b[l][c];
                    Z.data[r * out + c] = l < L - 1 ? Math.max(0, v) : v;
                }
            }
            H[l + 1] = Z;
        }
        return H[L];
    }

    /**
     * Gradients of a loss given G = ∂loss/∂Y for the last forward batch: returns the gradient arrays in
     * the order of {@link #parameters()} and, in inputGrad (B × in) when not null, ∂loss/∂X.
     */
    public List<double[]> backward(Mat G, Mat inputGrad) {
        if (H == null) {
            throw new IllegalStateException("call forward before backward");
        }
        Blas blas = Blas.active();
        int L = W.length;
        double[][] gW = new double[L][];
        double[][] gb = new double[L][];
        Mat cur = G;
        for (int l = L - 1; l >= 0; l--) {
            int out = widths[l + 1];
            int in = widths[l];
            Mat dW = Mat.zeros(out, in);
            blas.gemm(true, false, out, in, cur.rows, 1.0, cur.data, out, H[l].data, in, 0.0, dW.data, in);
            double[] db = new double[out];
            for (int r = 0; r < cur.rows; r++) {
                for (int c = 0; c < out; c++) {
                    db[c] += cur.data[r * out + c];
                }
            }
            gW[l] = dW.data;
            gb[l] = db;
            if (l > 0 || inputGrad != null) {
                Mat prev = blas.multiply(cur, W[l]);
                if (l > 0) {
                    for (int k = 0; k < prev.data.length; k++) {
                        if (H[l].data[k] <= 0) {
                            prev.data[k] = 0;
                        }
                    }
                } else {
                    System.arraycopy(prev.data, 0, inputGrad.data, 0, prev.data.length);
                }
                cur = prev;
            }
        }
        List<double[]> grads = new ArrayList<>();
        for (int l = 0; l < L; l++) {
            grads.add(gW[l]);
            grads.add(gb[l]);
        }
        return grads;
    }

    /** Text format: the widths on the first line, then one line per parameter array. */
    public void save(Path file) {
        StringBuilder sb = new StringBuilder("mlp");
        for (int w : widths) {
            sb.append(' ').append(w);
        }
        sb.append('\n');
        for (double[] p : parameters()) {
            for (int k = 0; k < p.length; k++) {
                sb.append(k > 0 ? " " : "").append(Double.toString(p[k]));
            }
            sb.append('\n');
        }
        try {
            Files.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static Mlp load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read network file " + file + ": " + e.getMessage());
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("mlp ")) {
            throw new IllegalArgumentException(file + " is not a saved network (first line must start with 'mlp')");
        }
        String[] ws = lines.get(0).substring(4).trim().split(" ");
        int[] widths = new int[ws.length];
        for (int i = 0; i < ws.length; i++) {
            widths[i] = Integer.parseInt(ws[i]);
        }
        Mlp net = new Mlp(widths, 0);
        List<double[]> params = net.parameters();
        if (lines.size() != params.size() + 1) {
            throw new IllegalArgumentException(file + " has " + (lines.size() - 1) + " parameter lines, expected " + params.size());
        }
        for (int p = 0; p < params.size(); p++) {
            String line = lines.get(p + 1).trim();
            String[] vals = line.isEmpty() ? new String[0] : line.split(" ");
            if (vals.length != params.get(p).length) {
                throw new IllegalArgumentException(file + ": parameter line " + (p + 1) + " has " + vals.length
                        + " numbers, expected " + params.get(p).length);
            }
            for (int k = 0; k < vals.length; k++) {
                params.get(p)[k] = Double.parseDouble(vals[k]);
            }
        }
        return net;
    }
}

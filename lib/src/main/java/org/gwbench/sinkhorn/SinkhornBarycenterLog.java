package org.gwbench.sinkhorn;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;

/**
 * The barycenter of {@link SinkhornBarycenter} in the log domain (stable for any reg), with the same
 * manual reverse pass. With F = reg log U, G = reg log V (M×S and N×S), from G⁰ = 0, for l = 1..L:
 * <pre>
 *   F^l_is = reg log A_is − reg LSE_j((G^{l−1}_js − C_ij)/reg)
 *   log T^l_js = LSE_i((F^l_is − C_ij)/reg),   log b^l = Σ_s w_s log T^l_s,   G^l_s = reg (log b^l − log T^l_s)
 * </pre>
 * stopping on the same ‖row marginals − A‖_F &lt; tol. Reverse, from (log b)‾ = b̄ ⊙ b: for l = L..1,
 * (log b)‾ += reg Σ_s Ḡ_s, (log T)‾_s = w_s (log b)‾ − reg Ḡ_s, w̄_s += ⟨(log b)‾, log T_s⟩,
 * F̄_s = X_s (log T)‾_s / reg, Ā_s += reg F̄_s ⊘ A_s, Ḡ^{l−1}_s = −W_sᵀ F̄_s, with X_s the column
 * softmax of (F_s − C)/reg and W_s the row softmax of (G^{l−1}_s − C)/reg. Cost per iteration
 * O(S·M·N) exponentials, forward and backward.
 */
public final class SinkhornBarycenterLog {
    private final int maxIter;
    private final double tol;

    public SinkhornBarycenterLog(int maxIter, double tol) {
        this.maxIter = Check.positive("maxIter", maxIter);
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("tol must be >= 0, got " + tol);
        }
        this.tol = tol;
    }

    public static SinkhornBarycenterLog defaults() {
        return new SinkhornBarycenterLog(1000, 1e-6);
    }

    public SinkhornBarycenter.Pass forward(Mat A, Mat C, double[] w, double reg) {
        SinkhornBarycenter.validate(A, C, w, reg);
        int M = C.rows;
        int N = C.cols;
        int S = A.cols;
        List<double[][]> Fs = new ArrayList<>();
        List<double[][]> Gs = new ArrayList<>();
        List<double[][]> logTs = new ArrayList<>();
        List<double[]> logbs = new ArrayList<>();
        double[][] G = new double[S][N];
        Gs.add(G);
        Fs.add(null);
        logTs.add(null);
        logbs.add(null);
        double[] logb = null;
        double err = Double.POSITIVE_INFINITY;
        int it = 0;
        while (it < maxIter && !(err < tol)) {
            double[][] F = new double[S][];
            double[][] logT = new double[S][];
            for (int s = 0; s < S; s++) {
                F[s] = LogDomain.rowUpdate(C, reg, G[s], column(A, s));
                double[] lse = LogDomain.colUpdate(C, reg, F[s], ones(N));
                logT[s] = new double[N];
                for (int j = 0; j < N; j++) {
                    logT[s][j] = -lse[j] / reg; // colUpdate gives −reg·LSE_i((F − C)/reg) when b = 1
                }
            }
            logb = new double[N];
            for (int j = 0; j < N; j++) {
                for (int s = 0; s < S; s++) {
                    logb[j] += w[s] * logT[s][j];
                }
            }
            G = new double[S][N];
            for (int s = 0; s < S; s++) {
                for (int j = 0; j < N; j++) {
                    G[s][j] = reg * (logb[j] - logT[s][j]);
                }
            }
            Fs.add(F);
            logTs.add(logT);
            logbs.add(logb);
            Gs.add(G);
            it++;
            double e = 0;
            for (int s = 0; s < S; s++) {
                double[] rows = LogDomain.rowUpdate(C, reg, G[s], ones(M));
                for (int i = 0; i < M; i++) {
                    // row sum of plan s: exp(F_is/reg + LSE_j((G_js − C_ij)/reg)) = exp((F_is − rows_i)/reg)
                    double d = Math.exp((F[s][i] - rows[i]) / reg) - A.get(i, s);
                    e += d * d;
                }
            }
            err = Math.sqrt(e);
        }
        double[] b = new double[N];
        for (int j = 0; j < N; j++) {
            b[j] = Math.exp(logb[j]);
        }
        return new Pass(A, C, w, reg, b, it, err, Fs, Gs, logTs, logbs);
    }

    private static final class Pass implements SinkhornBarycenter.Pass {
        private final Mat A;
        private final Mat C;
        private final double[] w;
        private final double reg;
        private final double[] b;
        private final int iterations;
        private final double error;
        private final List<double[][]> Fs;
        private final List<double[][]> Gs;
        private final List<double[][]> logTs;
        private final List<double[]> logbs;

        Pass(Mat A, Mat C, double[] w, double reg, double[] b, int iterations, double error, List<double[][]> Fs,
             List<double[][]> Gs, List<double[][]> logTs, List<double[]> logbs) {
            this.A = A;
            this.C = C;
            this.w = w;
            this.reg = reg;
            this.b = b;
            this.iterations = iterations;
            this.error = error;
            this.Fs = Fs;
            this.Gs = Gs;
            this.logTs = logTs;
            this.logbs = logbs;
        }

        @Override
        public double[] barycenter() {
            return b.clone();
        }

        @Override
        public int iterations() {
            return iterations;
        }

        @Override
        public double error() {
            return error;
        }

        @Override
        public SinkhornBarycenter.Gradients backward(double[] bBar) {
            int M = C.rows;
            int N = C.cols;
            int S = A.cols;
            if (bBar.length != N) {
                throw new IllegalArgumentException("bBar has " + bBar.length + " entries, expected " + N);
            }
            Mat gA = Mat.zeros(M, S);
            double[] gw = new double[S];
            double[][] GBar = new double[S][N];
            for (int l = iterations; l >= 1; l--) {
                double[][] F = Fs.get(l);
                double[][] logT = logTs.get(l);
                double[] lbBar = new double[N];
                if (l == iterations) {
                    for (int j = 0; j < N; j++) {
                        lbBar[j] = bBar[j] * b[j];
                    }
                }
                for (int s = 0; s < S; s++) {
                    for (int j = 0; j < N; j++) {
                        lbBar[j] += reg * GBar[s][j];
                    }
                }
                double[][] GPrevBar = new double[S][N];
                for (int s = 0; s < S; s++) {
                    double[] ltBar = new double[N];
                    for (int j = 0; j < N; j++) {
                        ltBar[j] = w[s] * lbBar[j] - reg * GBar[s][j];
                        gw[s] += lbBar[j] * logT[s][j];
                    }
                    Mat X = LogDomain.columnSoftmax(C, reg, F[s]);
                    double[] fBar = new double[M];
                    for (int i = 0; i < M; i++) {
                        double acc = 0;
                        for (int j = 0; j < N; j++) {
                            acc += X.data[i * N + j] * ltBar[j];
                        }
                        fBar[i] = acc / reg;
                        gA.data[i * S + s] += reg * fBar[i] / A.get(i, s);
                    }
                    Mat W = LogDomain.rowSoftmax(C, reg, Gs.get(l - 1)[s]);
                    for (int i = 0; i < M; i++) {
                        for (int j = 0; j < N; j++) {
                            GPrevBar[s][j] -= W.data[i * N + j] * fBar[i];
                        }
                    }
                }
                GBar = GPrevBar;
            }
            return new SinkhornBarycenter.Gradients(gA, gw);
        }
    }

    private static double[] column(Mat A, int s) {
        double[] c = new double[A.rows];
        for (int i = 0; i < A.rows; i++) {
            c[i] = A.get(i, s);
        }
        return c;
    }

    private static double[] ones(int n) {
        double[] o = new double[n];
        java.util.Arrays.fill(o, 1.0);
        return o;
    }
}

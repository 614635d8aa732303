package org.gwbench.gw;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Distances;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Progress;
import org.gwbench.problem.ProgressListener;
import org.gwbench.problem.Status;

/**
 * GW barycenters by block-coordinate descent (Peyré, Cuturi, Solomon 2016, §4; POT's
 * gromov_barycenters; with PPA/BADMM inner solvers and a fixed number of steps it is the GWB module,
 * Algorithm 3 of Xu et al. 2020):
 * <pre>
 *   min_B Σ_s λ_s GW(B, C_s, p, p_s):  T_s = GW plan between (B, p) and (C_s, p_s)  (N × n_s),
 *   square loss: B = Σ_s λ_s T_s C_s T_sᵀ ⊘ p pᵀ;   KL loss: B = exp(Σ_s λ_s T_s log C_s T_sᵀ ⊘ p pᵀ)
 * </pre>
 * until ‖B_new − B‖_F ≤ tol or maxIter. The fused barycenter (Vayer et al. 2019; POT's
 * fgw_barycenters) also carries node features X (N × d): the plans minimise the fused objective with
 * M_s = squared distances between X and F_s, and X = Σ_s λ_s T_s F_s ⊘ p (row-wise).
 * The inner solver is injected: {@link ExactGw} (Peyré), {@link PpaGw} or {@link BadmmGw} (GWB).
 */
public final class GwBarycenter {
    /**
     * @param maxIter outer iterations at most (the GWB module's L when tol = 0)
     * @param tol stop when ‖B_new − B‖_F &lt; tol
     */
    public record Options(int maxIter, double tol) {
        public Options {
            Check.positive("maxIter", maxIter);
            if (!(tol >= 0)) {
                throw new IllegalArgumentException("tol must be >= 0, got " + tol);
            }
        }
    }

    /** The barycenter, its features (null unless fused), the last plans and the objective per iteration. */
    public record Result(Mat structure, Mat features, List<Mat> plans, int iterations, double change, Status status,
                         double[] objective) {
    }

    private final Options options;
    private final GwSolver inner;
    private final ProgressListener listener;

    /** inner solves GW (or fused GW) between the barycenter and each input. */
    public GwBarycenter(Options options, GwSolver inner, ProgressListener listener) {
        this.options = options;
        this.inner = inner;
        this.listener = listener;
    }

    /** Peyré's update with exact CG plans (POT's inner tolerance 1e-5 relative). */
    public static GwBarycenter exact(Options options) {
        ExactGw cg = new ExactGw(ExactGwOptions.defaults().withTol(1e-5, 0));
        return new GwBarycenter(options, cg, ProgressListener.NONE);
    }

    /** A seeded initial structure: squared distances of N uniform points in the unit square, max 1 (as POT). */
    public static Mat randomStructure(int N, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] x = new double[N][2];
        for (double[] r : x) {
            r[0] = rnd.nextDouble();
            r[1] = rnd.nextDouble();
        }
        Mat B = Mat.zeros(N, N);
        double mx = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double d = Math.pow(x[i][0] - x[j][0], 2) + Math.pow(x[i][1] - x[j][1], 2);
                B.set(i, j, d);
                mx = Math.max(mx, d);
            }
        }
        // one node (N = 1) has only the distance 0 to itself: nothing to scale
        for (int k = 0; mx > 0 && k < B.data.length; k++) {
            B.data[k] /= mx;
        }
        return B;
    }

    public Result solve(List<Mat> Cs, List<double[]> ps, double[] lambdas, double[] p, Mat B0, GwLoss loss) {
        return solveFused(Cs, null, ps, lambdas, p, B0, null, 1.0, loss);
    }

    /** Fused barycenter: features Fs (n_s × d) and X0 (N × d); Fs == null gives the plain one. */
    public Result solveFused(List<Mat> Cs, List<Mat> Fs, List<double[]> ps, double[] lambdas, double[] p, Mat B0, Mat X0,
                             double alpha, GwLoss loss) {
        int S = Cs.size();
        if (S == 0 || ps.size() != S) {
            throw new IllegalArgumentException("structures and weights must be non-empty lists of the same length, got "
                    + S + " and " + ps.size());
        }
        Check.distribution("lambdas", lambdas, S);
        int N = B0.rows;
        Check.square("B0", B0);
        Check.distribution("p", p, N);
        if (Fs != null && (Fs.size() != S || X0 == null || X0.rows != N)) {
            throw new IllegalArgumentException("features: need one matrix per structure and X0 with " + N + " rows");
        }
        long start = System.nanoTime();
        Blas blas = Blas.active();
        Mat B = B0.copy();
        Mat X = X0 == null ? null : X0.copy();
        List<Mat> plans = new ArrayList<>();
        List<Double> objective = new ArrayList<>();
        Status status = Status.MAX_ITER;
        double change = Double.NaN;
        int it = 0;
        while (it < options.maxIter()) {
            if (Thread.currentThread().isInterrupted()) {
                status = Status.INTERRUPTED;
                break;
            }
            plans.clear();
            double obj = 0;
            for (int s = 0; s < S; s++) {
                GwProblem.Fused fused = Fs == null ? null : new GwProblem.Fused(Distances.squared(X, Fs.get(s)), alpha);
                GwResult r = inner.solve(new GwProblem(B, Cs.get(s), p, ps.get(s), loss, fused));
                plans.add(r.plan());
                obj += lambdas[s] * r.value();
            }
            objective.add(obj);
            Mat next = update(plans, Cs, lambdas, p, loss, blas);
            if (Fs != null) {
                X = updateFeatures(plans, Fs, lambdas, p, blas);
            }
            change = Math.sqrt(PpaGw.diff2(next, B));
            B = next;
            it++;
            listener.onProgress(Progress.of("iteration", it, options.maxIter(), start, "change", change));
            if (change <= options.tol()) {
                status = Status.CONVERGED;
                break;
            }
        }
        double[] obj = objective.stream().mapToDouble(Double::doubleValue).toArray();
        return new Result(B, X, List.copyOf(plans), it, change, status, obj);
    }

    static Mat update(List<Mat> plans, List<Mat> Cs, double[] lambdas, double[] p, GwLoss loss, Blas blas) {
        int N = p.length;
        Mat sum = Mat.zeros(N, N);
        for (int s = 0; s < plans.size(); s++) {
            Mat T = plans.get(s);
            Mat C = Cs.get(s);
            if (loss == GwLoss.KL) {
                Mat L = Mat.zeros(C.rows, C.cols);
                for (int k = 0; k < L.data.length; k++) {
                    L.data[k] = Math.log(Math.max(C.data[k], 1e-15));
                }
                C = L;
            }
            Mat TC = blas.multiply(T, C);
            blas.gemm(false, true, N, N, T.cols, lambdas[s], TC.data, T.cols, T.data, T.cols, 1.0, sum.data, N);
        }
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double v = sum.get(i, j) / (p[i] * p[j]);
                sum.set(i, j, loss == GwLoss.KL ? Math.exp(v) : v);
            }
        }
        return sum;
    }

    static Mat updateFeatures(List<Mat> plans, List<Mat> Fs, double[] lambdas, double[] p, Blas blas) {
        int N = p.length;
        int d = Fs.get(0).cols;
        Mat X = Mat.zeros(N, d);
        for (int s = 0; s < plans.size(); s++) {
            blas.gemm(false, false, N, d, plans.get(s).cols, lambdas[s], plans.get(s).data, plans.get(s).cols,
                    Fs.get(s).data, d, 1.0, X.data, d);
        }
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < d; c++) {
                X.set(i, c, X.get(i, c) / p[i]);
            }
        }
        return X;
    }

    /** M_ij = ‖X_i − F_j‖² ({@link Distances#squared(Mat, Mat)}). */
    public static Mat squaredDistances(Mat X, Mat F) {
        return Distances.squared(X, F);
    }
}

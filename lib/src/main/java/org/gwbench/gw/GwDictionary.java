package org.gwbench.gw;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.neural.Adam;
import org.gwbench.problem.Check;
import org.gwbench.problem.Progress;
import org.gwbench.problem.ProgressListener;

/**
 * GW dictionary learning (GDL; Vincent-Cuaz, Vayer, Flamary, Corneli, Courty, ICML 2021), as POT's
 * {@code gromov_wasserstein_dictionary_learning} and {@code gromov_wasserstein_linear_unmixing} (square loss):
 * each graph (C, p) is represented by weights w on the simplex over D atoms C̄_d (nt×nt, weights q),
 * <pre>
 *   min_w GW(C, Σ_d w_d C̄_d; p, q) − reg ‖w‖²,
 * </pre>
 * solved by block-coordinate descent ({@link #unmix}): the plan T by conditional-gradient GW from the last T
 * (at most maxIterInner iterations, relative tolerance tolInner), then w by conditional gradient on the
 * simplex with an exact line search, until the loss moves less than tolOuter (relative). The atoms are
 * learnt ({@link #learn}) by Adam (β = 0.9, 0.99, ε = 1e-9, POT's) on the batch gradient
 * (2/|B|) Σ_i w_i ⊗ (C̃_i ∘ qqᵀ − Tᵢᵀ C_i T_i), each step followed by the projection onto non-negative
 * symmetric matrices; batches are drawn without replacement from the seed; the atoms of the epoch with the
 * lowest summed loss are kept. The unmixing weights are the graph's embedding (GDL's row in Tables 1–2).
 */
public final class GwDictionary {
    private final GwDictionaryOptions options;
    private final ProgressListener listener;

    public GwDictionary(GwDictionaryOptions options) {
        this(options, ProgressListener.NONE);
    }

    public GwDictionary(GwDictionaryOptions options, ProgressListener listener) {
        if (options == null) {
            throw new IllegalArgumentException("options are missing");
        }
        this.options = options;
        this.listener = ProgressListener.orNone(listener);
    }

    /** A graph's unmixing: its weights w, the embedded structure Σ w_d C̄_d, the plan and the loss. */
    public record Unmixing(double[] w, Mat embedded, Mat plan, double loss) {
    }

    /** The learnt atoms and the summed loss of each epoch. */
    public record Dictionary(List<Mat> atoms, double[] q, double[] epochLosses) {
    }

    /** The unmixing of (C, p) onto the atoms with weights q, from uniform w and the plan p qᵀ. */
    public Unmixing unmix(Mat C, double[] p, List<Mat> atoms, double[] q) {
        Check.square("C", C);
        Check.distribution("p", p, C.rows);
        int nt = checkAtoms(atoms);
        int D = atoms.size();
        Check.distribution("q", q, nt);
        double[] w = Check.uniform(D);
        Mat embedded = combine(atoms, w);
        Mat T = Mat.outer(p, q);
        Mat constQ = Mat.outer(q, q);
        ExactGw gw = new ExactGw(ExactGwOptions.defaults().withMaxIter(options.maxIterInner()).withTol(options.tolInner(), 0));
        double loss = 1e15;
        double criterion = Double.POSITIVE_INFINITY;
        for (int outer = 0; criterion > options.tolOuter() && outer < options.maxIterOuter(); outer++) {
            double previous = loss;
            GwResult r = gw.solve(new GwProblem(C, embedded, p, q, GwLoss.SQUARE), T);
            T = r.plan();
            loss = r.value() - options.reg() * dot(w, w);
            Mat TCT = Blas.active().multiply(Blas.active().multiply(C, T), true, T, false); // (C T)ᵀ T, POT's const_TCT
            loss = unmixWeights(atoms, embedded, w, constQ, TCT, loss);
            criterion = Math.abs(previous - loss) / (previous != 0 ? Math.abs(previous) : 1e-15);
        }
        return new Unmixing(w, embedded, T, loss);
    }

    /**
     * Conditional gradient on the simplex for w with T fixed (POT's _cg_gromov_wasserstein_unmixing): the vertex of
     * the smallest gradient entry, an exact line search on the quadratic loss; updates w and embedded in place and
     * returns the loss.
     */
    private double unmixWeights(List<Mat> atoms, Mat embedded, double[] w, Mat constQ, Mat TCT, double loss) {
        int D = w.length;
        double criterion = Double.POSITIVE_INFINITY;
        for (int count = 0; criterion > options.tolInner() && count < options.maxIterInner(); count++) {
            double previous = loss;
            double[] grad = new double[D];
            for (int d = 0; d < D; d++) {
                double[] A = atoms.get(d).data;
                double s = 0;
                for (int k = 0; k < A.length; k++) {
                    s += A[k] * (embedded.data[k] * constQ.data[k] - TCT.data[k]);
                }
                grad[d] = 2 * s - 2 * options.reg() * w[d];
            }
            double min = Double.POSITIVE_INFINITY;
            for (double g : grad) {
                min = Math.min(min, g);
            }
            double[] x = new double[D];
            int ties = 0;
            for (int d = 0; d < D; d++) {
                x[d] = grad[d] == min ? 1 : 0;
                ties += (int) x[d];
            }
            for (int d = 0; d < D; d++) {
                x[d] /= ties;
            }
            Mat embeddedX = combine(atoms, x);
            double trX = 0;
            double trW = 0;
            double trT = 0;
            double[] diff = new double[embedded.data.length];
            for (int k = 0; k < diff.length; k++) {
                diff[k] = embeddedX.data[k] - embedded.data[k];
                trX += diff[k] * embeddedX.data[k] * constQ.data[k];
                trW += diff[k] * embedded.data[k] * constQ.data[k];
                trT += diff[k] * TCT.data[k];
            }
            double a = trX - trW;
            double b = 2 * (trW - trT);
            if (options.reg() != 0) {
                double xw = 0;
                double wxw = 0;
                for (int d = 0; d < D; d++) {
                    xw += (x[d] - w[d]) * (x[d] - w[d]);
                    wxw += w[d] * (x[d] - w[d]);
                }
                a -= options.reg() * xw;
                b -= 2 * options.reg() * wxw;
            }
            double gamma = ExactGw.lineSearch(a, b);
            for (int d = 0; d < D; d++) {
                w[d] += gamma * (x[d] - w[d]);
            }
            for (int k = 0; k < diff.length; k++) {
                embedded.data[k] += gamma * diff[k];
            }
            loss += a * gamma * gamma + b * gamma;
            criterion = Math.abs(previous - loss) / (previous != 0 ? Math.abs(previous) : 1e-15);
        }
        return loss;
    }

    /**
     * Learns the atoms from the structures Cs (weights ps; uniform q on nt nodes). Cdict0 (D matrices nt×nt) is
     * the start, or null for POT's: entries drawn from N(mean of the graphs' mean entries, their standard
     * deviation), symmetrised and clipped at 0.
     */
    public Dictionary learn(List<Mat> Cs, List<double[]> ps, List<Mat> Cdict0) {
        int n = Cs.size();
        if (n == 0 || ps.size() != n) {
            throw new IllegalArgumentException("need one weight vector per structure, got " + Cs.size() + " structures and " + ps.size());
        }
        int D = options.atoms();
        int nt = options.atomSize();
        double[] q = Check.uniform(nt);
        SplittableRandom rnd = new SplittableRandom(options.seed());
        List<Mat> atoms = Cdict0 == null ? initial(Cs, D, nt, rnd) : copies(Cdict0, D, nt);
        project(atoms);
        double[][] m = new double[D][nt * nt];
        double[][] v = new double[D][nt * nt];
        int batch = Math.min(options.batch(), n);
        int perEpoch = n / batch + (n % batch > 0 ? 1 : 0);
        Mat constQ = Mat.outer(q, q);
        List<Mat> best = copies(atoms, D, nt);
        double bestLoss = Double.POSITIVE_INFINITY;
        double[] epochLosses = new double[options.epochs()];
        long start = System.nanoTime();
        int step = 0;
        for (int e = 0; e < options.epochs() && !Thread.currentThread().isInterrupted(); e++) {
            double epochLoss = 0;
            for (int it = 0; it < perEpoch; it++) {
                int[] idx = SampledGw.choose(Check.uniform(n), batch, rnd);
                double[][] grad = new double[D][nt * nt];
                for (int i : idx) {
                    Unmixing u = unmix(Cs.get(i), ps.get(i), atoms, q);
                    epochLoss += u.loss();
                    Mat TCT = Blas.active().multiply(Blas.active().multiply(Cs.get(i), u.plan()), true, u.plan(), false);
                    for (int d = 0; d < D; d++) {
                        for (int k = 0; k < nt * nt; k++) {
                            grad[d][k] += u.w()[d] * (u.embedded().data[k] * constQ.data[k] - TCT.data[k]) * 2.0 / batch;
                        }
                    }
                }
                step++;
                for (int d = 0; d < D; d++) {
                    Adam.update(atoms.get(d).data, grad[d], m[d], v[d], step, options.learningRate(), 0.9, 0.99, 1e-9);
                }
                project(atoms);
            }
            epochLosses[e] = epochLoss;
            if (epochLoss < bestLoss) {
                bestLoss = epochLoss;
                best = copies(atoms, D, nt);
            }
            listener.onProgress(Progress.of("epoch", e + 1, options.epochs(), start, "loss", epochLoss));
        }
        return new Dictionary(best, q, epochLosses);
    }

    private static List<Mat> initial(List<Mat> Cs, int D, int nt, SplittableRandom rnd) {
        double[] means = new double[Cs.size()];
        for (int i = 0; i < means.length; i++) {
            double s = 0;
            for (double x : Cs.get(i).data) {
                s += x;
            }
            means[i] = s / Cs.get(i).data.length;
        }
        double mu = 0;
        for (double x : means) {
            mu += x / means.length;
        }
        double var = 0;
        for (double x : means) {
            var += (x - mu) * (x - mu) / means.length;
        }
        double sd = Math.sqrt(var);
        List<Mat> atoms = new ArrayList<>();
        for (int d = 0; d < D; d++) {
            Mat A = Mat.zeros(nt, nt);
            for (int k = 0; k < A.data.length; k++) {
                A.data[k] = mu + sd * rnd.nextGaussian();
            }
            atoms.add(A);
        }
        return atoms;
    }

    private static List<Mat> copies(List<Mat> atoms, int D, int nt) {
        if (atoms.size() != D) {
            throw new IllegalArgumentException("the start has " + atoms.size() + " atoms, the options ask for " + D);
        }
        List<Mat> out = new ArrayList<>();
        for (Mat A : atoms) {
            if (A.rows != nt || A.cols != nt) {
                throw new IllegalArgumentException("atoms must be " + nt + "x" + nt + ", got " + A.rows + "x" + A.cols);
            }
            out.add(A.copy());
        }
        return out;
    }

    /** Symmetrise ½(A + Aᵀ) and clip below at 0, in place (POT's "nonnegative_symmetric"). */
    private static void project(List<Mat> atoms) {
        for (Mat A : atoms) {
            int nt = A.rows;
            for (int i = 0; i < nt; i++) {
                for (int j = i; j < nt; j++) {
                    double s = Math.max(0, 0.5 * (A.data[i * nt + j] + A.data[j * nt + i]));
                    A.data[i * nt + j] = s;
                    A.data[j * nt + i] = s;
                }
            }
        }
    }

    /** The atoms' common size; one clear message for none, or for atoms that are not all square of one size. */
    private static int checkAtoms(List<Mat> atoms) {
        if (atoms == null || atoms.isEmpty()) {
            throw new IllegalArgumentException("atoms: need at least one atom");
        }
        int nt = atoms.get(0).rows;
        for (int d = 0; d < atoms.size(); d++) {
            Mat A = Check.finite("atom " + d, atoms.get(d));
            if (A.rows != nt || A.cols != nt) {
                throw new IllegalArgumentException("atoms must all be " + nt + "x" + nt + ", atom " + d + " is " + A.rows + "x" + A.cols);
            }
        }
        return nt;
    }

    /** Σ_d w_d C̄_d. */
    static Mat combine(List<Mat> atoms, double[] w) {
        Mat out = Mat.zeros(atoms.get(0).rows, atoms.get(0).cols);
        for (int d = 0; d < w.length; d++) {
            double[] A = atoms.get(d).data;
            for (int k = 0; k < A.length; k++) {
                out.data[k] += w[d] * A[k];
            }
        }
        return out;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += x[k] * y[k];
        }
        return s;
    }
}

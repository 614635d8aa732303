package org.gwbench.neural;

import java.util.SplittableRandom;
import org.gwbench.gaussian.Gaussians;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;

/** Samplers for NGW: centred Gaussians, Gaussian mixtures of the toy figures, and empirical measures. */
public final class Samplers {
    private Samplers() {
    }

    /** N(0, Σ): x = Σ^{1/2} z with the square root computed once. */
    public static Sampler gaussian(Mat cov) {
        Check.square("cov", cov);
        Mat root = Gaussians.sqrtPsd(cov);
        int d = cov.rows;
        return new Sampler() {
            @Override
            public int dim() {
                return d;
            }

            @Override
            public Mat sample(int count, SplittableRandom rnd) {
                Mat Z = Mat.zeros(count, d);
                for (int k = 0; k < Z.data.length; k++) {
                    Z.data[k] = rnd.nextGaussian();
                }
                return Blas.active().multiply(Z, false, root, true);
            }
        };
    }

    /**
     * An equal-weight mixture of isotropic Gaussians with the given centres (rows) and standard
     * deviation; {@link Mixture#sampleLabelled} also tells which component each point came from.
     */
    public static Mixture mixture(Mat centres, double std) {
        Check.finite("centres", centres);
        Check.positive("std", std);
        return new Mixture(centres.copy(), std);
    }

    /** k centres spread evenly on the unit circle, starting at angle 0. */
    public static Mat circle(int k) {
        Check.positive("k", k);
        Mat c = Mat.zeros(k, 2);
        for (int i = 0; i < k; i++) {
            c.set(i, 0, Math.cos(2 * Math.PI * i / k));
            c.set(i, 1, Math.sin(2 * Math.PI * i / k));
        }
        return c;
    }

    /** The 8 vertices of the cube [−1, 1]³ scaled to the unit sphere. */
    public static Mat cubeVertices() {
        Mat c = Mat.zeros(8, 3);
        double s = 1 / Math.sqrt(3);
        for (int i = 0; i < 8; i++) {
            for (int d = 0; d < 3; d++) {
                c.set(i, d, ((i >> d) & 1) == 1 ? s : -s);
            }
        }
        return c;
    }

    /** Uniform draws (with replacement) from the rows of X: the empirical measure of a data set. */
    public static Sampler empirical(Mat X) {
        Check.nonEmpty("X", X);
        return new Sampler() {
            @Override
            public int dim() {
                return X.cols;
            }

            @Override
            public Mat sample(int count, SplittableRandom rnd) {
                Mat out = Mat.zeros(count, X.cols);
                for (int i = 0; i < count; i++) {
                    System.arraycopy(X.data, rnd.nextInt(X.rows) * X.cols, out.data, i * X.cols, X.cols);
                }
                return out;
            }
        };
    }

    /** A Gaussian mixture; {@link #sampleLabelled} also returns each point's component. */
    public static final class Mixture implements Sampler {
        private final Mat centres;
        private final double std;

        Mixture(Mat centres, double std) {
            this.centres = centres;
            this.std = std;
        }

        /** Points and their component indices. */
        public record Labelled(Mat points, int[] components) {
        }

        @Override
        public int dim() {
            return centres.cols;
        }

        public int components() {
            return centres.rows;
        }

        @Override
        public Mat sample(int count, SplittableRandom rnd) {
            return sampleLabelled(count, rnd).points();
        }

        public Labelled sampleLabelled(int count, SplittableRandom rnd) {
            Mat out = Mat.zeros(count, centres.cols);
            int[] comp = new int[count];
            for (int i = 0; i < count; i++) {
                int c = rnd.nextInt(centres.rows);
                comp[i] = c;
                for (int d = 0; d < centres.cols; d++) {
                    out.set(i, d, centres.get(c, d) + std * rnd.nextGaussian());
                }
            }
            return new Labelled(out, comp);
        }
    }
}

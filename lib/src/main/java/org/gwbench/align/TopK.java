package org.gwbench.align;

import java.util.Arrays;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;

/**
 * Top-k accuracy of a word alignment by exact cosine nearest neighbours: the queries (mapped source
 * vectors) and the candidates (target vectors) are normalised, the similarities come block by block
 * from one GEMM each, and a query counts as correct at k when one of its gold targets is among its k
 * most similar candidates (ties broken by the lower index).
 */
public final class TopK {
    private TopK() {
    }

    /** Block of queries per GEMM. */
    static final int BLOCK = 1024;

    /**
     * @param queries Q (N×d), one row per query
     * @param candidates C (M×d)
     * @param gold gold[i] = the acceptable candidate rows of query i (at least one)
     * @param ks the k values (each ≥ 1)
     * @return the accuracy at each k, in [0, 1]
     */
    public static double[] accuracy(Mat queries, Mat candidates, int[][] gold, int... ks) {
        Check.nonEmpty("queries", queries);
        Check.nonEmpty("candidates", candidates);
        if (queries.cols != candidates.cols) {
            throw new IllegalArgumentException("queries have " + queries.cols + " columns, candidates " + candidates.cols);
        }
        if (gold.length != queries.rows) {
            throw new IllegalArgumentException("gold has " + gold.length + " entries for " + queries.rows + " queries");
        }
        int kmax = 0;
        for (int k : ks) {
            Check.positive("k", k);
            kmax = Math.max(kmax, k);
        }
        kmax = Math.min(kmax, candidates.rows);
        Mat Qn = unit(queries);
        Mat Cn = unit(candidates);
        int[] hits = new int[ks.length];
        Blas blas = Blas.active();
        int M = candidates.rows;
        for (int r0 = 0; r0 < queries.rows; r0 += BLOCK) {
            int r1 = Math.min(queries.rows, r0 + BLOCK);
            Mat block = new Mat(r1 - r0, Qn.cols, Arrays.copyOfRange(Qn.data, r0 * Qn.cols, r1 * Qn.cols));
            Mat S = blas.multiply(block, false, Cn, true);
            for (int i = r0; i < r1; i++) {
                int[] top = topIndices(S.data, (i - r0) * M, M, kmax);
                int rank = Integer.MAX_VALUE;
                for (int g : gold[i]) {
                    for (int t = 0; t < top.length; t++) {
                        if (top[t] == g) {
                            rank = Math.min(rank, t);
                        }
                    }
                }
                for (int q = 0; q < ks.length; q++) {
                    if (rank < ks[q]) {
                        hits[q]++;
                    }
                }
            }
        }
        double[] acc = new double[ks.length];
        for (int q = 0; q < ks.length; q++) {
            acc[q] = hits[q] / (double) queries.rows;
        }
        return acc;
    }

    /** The indices of the k largest of s[off … off+M), largest first, ties to the lower index. */
    static int[] topIndices(double[] s, int off, int M, int k) {
        int[] idx = new int[k];
        double[] val = new double[k];
        int size = 0;
        for (int j = 0; j < M; j++) {
            double v = s[off + j];
            if (size == k && v <= val[k - 1]) {
                continue;
            }
            int pos = size < k ? size++ : k - 1;
            while (pos > 0 && val[pos - 1] < v) {
                val[pos] = val[pos - 1];
                idx[pos] = idx[pos - 1];
                pos--;
            }
            val[pos] = v;
            idx[pos] = j;
        }
        return size == k ? idx : Arrays.copyOf(idx, size);
    }

    static Mat unit(Mat X) {
        Mat U = X.copy();
        for (int i = 0; i < U.rows; i++) {
            double s = 0;
            for (int c = 0; c < U.cols; c++) {
                s += U.data[i * U.cols + c] * U.data[i * U.cols + c];
            }
            double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
            for (int c = 0; c < U.cols; c++) {
                U.data[i * U.cols + c] *= inv;
            }
        }
        return U;
    }
}

package org.gwbench.pairwise;

import java.io.Serializable;
import org.gwbench.gwf.Gwf;
import org.gwbench.linalg.Mat;

/**
 * One graph of a pairwise computation in a form every engine can ship: its structure C (n×n, row-major), its node
 * weights p and its node features F (n×d, row-major; null without features). Serializable, so that Spark can
 * broadcast a collection once to its executors.
 */
public record PairwiseGraph(int n, double[] C, double[] p, int d, double[] F) implements Serializable {
    private static final long serialVersionUID = 1L;

    public PairwiseGraph {
        if (n < 1 || C == null || C.length != n * n || p == null || p.length != n) {
            throw new IllegalArgumentException("a graph needs an n×n structure and n weights, n ≥ 1");
        }
        if (F != null && F.length != n * d) {
            throw new IllegalArgumentException("F has " + F.length + " entries for " + n + " nodes of " + d + " features");
        }
    }

    /** The graph of a GWF sample (structure, node weights, features or none). */
    public static PairwiseGraph of(Gwf.Sample s) {
        Mat F = s.F();
        return new PairwiseGraph(s.C().rows, s.C().data.clone(), s.mu().clone(), F == null ? 0 : F.cols, F == null ? null : F.data.clone());
    }

    public Mat structure() {
        return new Mat(n, n, C.clone());
    }

    public Mat features() {
        return F == null ? null : new Mat(n, d, F.clone());
    }
}

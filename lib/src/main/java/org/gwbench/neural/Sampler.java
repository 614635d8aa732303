package org.gwbench.neural;

import java.util.SplittableRandom;
import org.gwbench.linalg.Mat;

/** A distribution accessible by samples: each call draws a batch (rows) from the given generator. */
public interface Sampler {
    /** The dimension of the samples. */
    int dim();

    /** count samples as the rows of a count × dim() matrix, drawn from rnd. */
    Mat sample(int count, SplittableRandom rnd);
}

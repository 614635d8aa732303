package org.gwbench.gwf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gwbench.data.TuDataset;
import org.gwbench.linalg.Mat;

/**
 * A collection of graphs ready for GWF and its baselines: each graph as a {@link Gwf.Sample} (adjacency
 * matrix, uniform node weights, standardised node attributes or none), its class index (truth) and the
 * number of classes.
 */
public record GraphSet(String name, List<Gwf.Sample> samples, int[] truth, int classes) {
    public boolean hasFeatures() {
        return samples.get(0).F() != null;
    }

    /**
     * Reads a TU dataset from root, keeps maxGraphs of its graphs (≤ 0: all; else a seeded shuffle's first),
     * and standardises the node attributes per column over the graphs kept (the GWF paper says neither).
     */
    public static GraphSet load(Path root, String dataset, int maxGraphs, long seed) {
        TuDataset d = TuDataset.read(root, dataset);
        int[] idx = IntStream.range(0, d.size()).toArray();
        if (maxGraphs > 0 && maxGraphs < d.size()) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = idx.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            idx = Arrays.copyOf(idx, maxGraphs);
        }
        TuDataset s = d.select(idx);
        double[] mean = null;
        double[] sd = null;
        Mat F0 = s.graphs().get(0).attributes();
        if (F0 != null) {
            int D = F0.cols;
            mean = new double[D];
            sd = new double[D];
            long n = 0;
            for (TuDataset.Graph g : s.graphs()) {
                for (int a = 0; a < g.nodes(); a++) {
                    for (int c = 0; c < D; c++) {
                        mean[c] += g.attributes().get(a, c);
                    }
                    n++;
                }
            }
            for (int c = 0; c < D; c++) {
                mean[c] /= n;
            }
            for (TuDataset.Graph g : s.graphs()) {
                for (int a = 0; a < g.nodes(); a++) {
                    for (int c = 0; c < D; c++) {
                        double t = g.attributes().get(a, c) - mean[c];
                        sd[c] += t * t / n;
                    }
                }
            }
        }
        List<Gwf.Sample> samples = new ArrayList<>();
        for (TuDataset.Graph g : s.graphs()) {
            Mat F = null;
            if (F0 != null) {
                F = g.attributes().copy();
                for (int a = 0; a < F.rows; a++) {
                    for (int c = 0; c < F.cols; c++) {
                        double sdc = Math.sqrt(sd[c]);
                        F.set(a, c, sdc > 0 ? (F.get(a, c) - mean[c]) / sdc : 0);
                    }
                }
            }
            samples.add(Gwf.Sample.uniform(g.adjacency(), F));
        }
        return new GraphSet(dataset, samples, s.classIndices(), d.classes().length);
    }

    /**
     * The accuracy of the best single threshold on the number of nodes ("more than t nodes: one class"),
     * chosen with the labels: how far graph size alone separates two classes (NaN for more classes).
     * AIDS: 99.85% (more than 12 nodes), PROTEINS: 72.4% (more than 16), IMDB-BINARY: 52.2%.
     */
    public double sizeRuleAccuracy() {
        if (classes != 2) {
            return Double.NaN;
        }
        int N = samples.size();
        int[] y = truth;
        int max = 0;
        for (Gwf.Sample s : samples) {
            max = Math.max(max, s.mu().length);
        }
        double best = 0;
        for (int t = 0; t <= max; t++) {
            int agree = 0;
            for (int i = 0; i < N; i++) {
                if ((samples.get(i).mu().length > t ? 1 : 0) == y[i]) {
                    agree++;
                }
            }
            best = Math.max(best, Math.max(agree, N - agree) / (double) N);
        }
        return best;
    }
}

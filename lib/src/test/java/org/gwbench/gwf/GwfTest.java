package org.gwbench.gwf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gwbench.grad.GradCheck;
import org.gwbench.graph.Graphs;
import org.gwbench.linalg.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GwfTest {
    @TempDir
    Path dir;

    /** Two families: sparse ER graphs and dense ones, sizes 6–9, with 2-d node features. */
    static List<Gwf.Sample> data(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Gwf.Sample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = 6 + r.nextInt(4);
            double p = i % 2 == 0 ? 0.2 : 0.7;
            Mat A = Graphs.erdosRenyi(n, p, false, r.nextLong());
            for (int k = 0; k < A.data.length; k++) {
                A.data[k] = Math.min(1, A.data[k]);
            }
            Mat F = Mat.zeros(n, 2);
            for (int k = 0; k < F.data.length; k++) {
                F.data[k] = (i % 2) + 0.3 * r.nextGaussian();
            }
            out.add(Gwf.Sample.uniform(A, F));
        }
        return out;
    }

    static int[] truth(int count) {
        int[] t = new int[count];
        for (int i = 0; i < count; i++) {
            t[i] = i % 2;
        }
        return t;
    }

    @Test
    void gradientsAtFixedPlansMatchFiniteDifferences() {
        for (Gwf.Forward forward : Gwf.Forward.values()) {
          for (Gwf.Module module : Gwf.Module.values()) {
            List<Gwf.Sample> d = data(8, 1);
            Gwf.Options o = new Gwf.Options(3, 2, 10, module, module == Gwf.Module.PPA ? 0.1 : 1, 0.05, 1, 4, 0.5, 0.7, 3, forward);
            Gwf g = Gwf.init(d, 2, o);
            SplittableRandom r = new SplittableRandom(5);
            for (Mat v : g.V) { // move off the 0/1 warm start so that ReLU is differentiable at every entry
                for (int k = 0; k < v.data.length; k++) {
                    v.data[k] += 0.2 + 0.1 * r.nextDouble();
                }
            }
            for (int k = 0; k < g.classifier.data.length; k++) {
                g.classifier.data[k] = r.nextGaussian();
            }
            Gwf.Sample s = d.get(3);
            double[] z = g.Z.row(3);
            Gwf.Plans plans = g.forward(s, z);
            Gwf.Gradients grad = g.lossAndGradients(s, z, plans, 1);
            assertTrue(grad.loss() > 0);
            List<double[]> params = new ArrayList<>();
            List<double[]> grads = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                params.add(g.V.get(k).data);
                grads.add(grad.gradV().get(k).data);
                params.add(g.H.get(k).data);
                grads.add(grad.gradH().get(k).data);
            }
            params.add(z);
            grads.add(grad.gradZ());
            params.add(g.classifier.data);
            grads.add(grad.gradClassifier().data);
            for (int p = 0; p < params.size(); p++) {
                double[] x = params.get(p);
                double[] saved = x.clone();
                double[] dir = new double[x.length];
                for (int k = 0; k < dir.length; k++) {
                    dir[k] = 2 * r.nextDouble() - 1;
                }
                GradCheck.Entry e = GradCheck.directional(forward + " " + module + " parameter " + p, GradCheck.dot(grads.get(p), dir), t -> {
                    for (int k = 0; k < x.length; k++) {
                        x[k] = saved[k] + t * dir[k];
                    }
                    double v = g.lossAndGradients(s, z, plans, 1).loss();
                    System.arraycopy(saved, 0, x, 0, x.length);
                    return v;
                });
                assertTrue(e.relError() <= 1e-6, e.toString());
            }
          }
        }
    }

    @Test
    void theReferenceCodeForwardPassUsesTheGraphAtomPlansAndTheIdentityPlan() {
        List<Gwf.Sample> d = data(8, 4);
        Gwf.Options ref = new Gwf.Options(3, 2, 10, Gwf.Module.PPA, 0.1, 0.05, 1, 4, 0, 0, 3, Gwf.Forward.REFERENCE_CODE);
        Gwf g = Gwf.init(d, 2, ref);
        // the same model with one GWB layer of Algorithm 4 computes the same atom plans (graph × atom k)
        Gwf one = Gwf.init(d, 2, new Gwf.Options(3, 1, 10, Gwf.Module.PPA, 0.1, 0.05, 1, 4, 0, 0, 3));
        Gwf.Sample s = d.get(5);
        double[] z = g.Z.row(5);
        Gwf.Plans p = g.forward(s, z);
        Gwf.Plans q = one.forward(s, z);
        int n = s.mu().length;
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(q.atomPlans().get(k).data, p.atomPlans().get(k).data, 0);
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                assertEquals(a == b ? s.mu()[a] : 0, p.plan().get(a, b), 0);
            }
        }
        // loss = Σ_ab μ_a μ_b (B_ab − C_ab)², B the barycenter on the graph's nodes
        Mat B = Gwf.barycenter(g.atoms(), p.atomPlans(), Gwf.softmax(z), s.mu());
        double expected = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double diff = B.get(a, b) - s.C().get(a, b);
                expected += s.mu()[a] * s.mu()[b] * diff * diff;
            }
        }
        assertEquals(expected, g.lossAndGradients(s, z, p, -1).loss(), 1e-12 * Math.max(1, expected));
        assertEquals("reference-code", Gwf.Forward.REFERENCE_CODE.label());
        assertEquals(Gwf.Forward.ALGORITHM_4, Gwf.Forward.parse("algorithm-4"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gwf.Forward.parse("identity"));
        assertTrue(e.getMessage().startsWith("forward"), e.getMessage());
    }

    @Test
    void trainingLowersTheLossAndSeparatesTwoFamilies() {
        for (Gwf.Forward forward : Gwf.Forward.values()) {
            trainingLowersTheLossAndSeparatesTwoFamilies(forward);
        }
    }

    private static void trainingLowersTheLossAndSeparatesTwoFamilies(Gwf.Forward forward) {
        List<Gwf.Sample> d = data(40, 2);
        Gwf.Options o = new Gwf.Options(4, 2, 20, Gwf.Module.PPA, 0.1, 0.05, 8, 8, 0, 0, 7, forward);
        Gwf g = Gwf.init(d, 2, o);
        int[] seen = {0};
        g.fit(d, null, e -> seen[0] = e.step());
        assertEquals(8, seen[0]);
        double[] l = g.losses();
        assertTrue(l[l.length - 1] < l[0], forward + ": loss per epoch " + java.util.Arrays.toString(l));
        int[] clusters = Clustering.kMeans(g.embeddings(), 2, 5, 0);
        double acc = Clustering.accuracy(truth(40), clusters);
        assertTrue(acc >= 0.8, forward + ": clustering accuracy " + acc);
    }

    @Test
    void predictReadsTheLabelLossClassifier() {
        List<Gwf.Sample> d = data(4, 9);
        Gwf g = Gwf.init(d, 2, new Gwf.Options(3, 1, 5, Gwf.Module.PPA, 0.1, 0.05, 1, 4, 0, 1.0, 2));
        // φ(z) = W z + b with W = [[1, 0, 0], [0, 1, 0]], b = (0.5, 0): class 1 where z_2 > z_1 + 0.5
        g.classifier = Mat.of(new double[][] {{1, 0, 0, 0.5}, {0, 1, 0, 0}});
        g.Z = Mat.of(new double[][] {{0, 0, 9}, {0, 0.6, 0}, {-1, 0, 0}, {2, 2.4, -3}});
        assertArrayEquals(new int[] {0, 1, 1, 0}, g.predict());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Gwf.init(d, 2, new Gwf.Options(3, 1, 5, Gwf.Module.PPA, 0.1, 0.05, 1, 4, 0, 0, 2)).predict());
        assertTrue(e.getMessage().contains("labelWeight"), e.getMessage());
    }

    @Test
    void trainingWithLabelsFitsTheLabelledGraphs() {
        List<Gwf.Sample> d = data(24, 6);
        int[] y = truth(24);
        int[] partial = y.clone();
        for (int i = 18; i < 24; i++) {
            partial[i] = -1;
        }
        Gwf g = Gwf.init(d, 2, new Gwf.Options(3, 1, 10, Gwf.Module.PPA, 0.1, 0.05, 6, 6, 0, 1.0, 8));
        g.fit(d, partial, null);
        int[] p = g.predict();
        int right = 0;
        for (int i = 0; i < 18; i++) {
            right += p[i] == y[i] ? 1 : 0;
        }
        assertTrue(right >= 17, "labelled graphs classified right: " + right + " of 18, " + java.util.Arrays.toString(p));
    }

    @Test
    void saveLoadAndInterrupt() {
        List<Gwf.Sample> d = data(10, 3);
        Gwf.Options o = new Gwf.Options(3, 1, 5, Gwf.Module.BADMM, 1, 0.05, 2, 5, 0.5, 0, 1);
        Gwf g = Gwf.init(d, 2, o);
        Thread.currentThread().interrupt();
        try {
            g.fit(d, null, null);
        } finally {
            Thread.interrupted();
        }
        assertEquals(0, g.epochsDone(), "interrupted before the first batch");
        g.fit(d, null, null);
        assertEquals(2, g.epochsDone());
        g.save(dir.resolve("m"));
        Gwf back = Gwf.load(dir.resolve("m"), o);
        assertEquals(2, back.epochsDone());
        assertEquals(2, g.losses().length);
        assertArrayEquals(g.losses(), back.losses(), 0);
        assertArrayEquals(g.epochSeconds(), back.epochSeconds(), 1e-12);
        assertTrue(g.epochSeconds()[0] > 0 && g.epochSeconds()[1] > 0);
        assertArrayEquals(g.embeddings().data, back.embeddings().data, 0);
        assertArrayEquals(g.atoms().get(2).data, back.atoms().get(2).data, 0);
        Gwf.Plans p1 = g.forward(d.get(0), g.Z.row(0));
        Gwf.Plans p2 = back.forward(d.get(0), back.Z.row(0));
        assertArrayEquals(p1.plan().data, p2.plan().data, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gwf.load(dir.resolve("nope"), o));
        assertTrue(e.getMessage().startsWith("dir"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gwf.init(d.subList(0, 2), 2, o));
        assertTrue(e.getMessage().contains("atoms"), e.getMessage());
    }

    @Test
    void aModelSavedAfterAnEpochAndResumedTakesTheSameSteps() {
        List<Gwf.Sample> d = data(12, 5);
        Gwf.Options three = new Gwf.Options(3, 1, 8, Gwf.Module.PPA, 0.1, 0.05, 3, 4, 0.5, 0, 4);
        Gwf straight = Gwf.init(d, 2, three);
        straight.fit(d, null, null);
        Gwf.Options one = new Gwf.Options(3, 1, 8, Gwf.Module.PPA, 0.1, 0.05, 1, 4, 0.5, 0, 4);
        Gwf first = Gwf.init(d, 2, one);
        first.fit(d, null, null);
        first.save(dir.resolve("e1"));
        Gwf resumed = Gwf.load(dir.resolve("e1"), three);
        int[] epochs = {0};
        resumed.fit(d, null, e -> epochs[0]++);
        assertEquals(2, epochs[0], "only the missing epochs run");
        // Adam's moments and step count come back with the model: the same numbers, bit for bit
        assertArrayEquals(straight.embeddings().data, resumed.embeddings().data, 0);
        assertArrayEquals(straight.atoms().get(1).data, resumed.atoms().get(1).data, 0);
        assertArrayEquals(straight.losses(), resumed.losses(), 0);
    }

    @Test
    void accuracyAndKMeans() {
        assertEquals(1.0, Clustering.accuracy(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0}), 0);
        assertEquals(0.75, Clustering.accuracy(new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 1}), 0);
        // the paper's two-class formula: 1 − min(‖y − ŷ‖₁, ‖y − 1 + ŷ‖₁)/N
        SplittableRandom r = new SplittableRandom(4);
        int[] y = new int[50];
        int[] yh = new int[50];
        for (int i = 0; i < 50; i++) {
            y[i] = r.nextInt(2);
            yh[i] = r.nextInt(2);
        }
        int a = 0;
        int b = 0;
        for (int i = 0; i < 50; i++) {
            a += Math.abs(y[i] - yh[i]);
            b += Math.abs(y[i] - 1 + yh[i]);
        }
        assertEquals(1 - Math.min(a, b) / 50.0, Clustering.accuracy(y, yh), 1e-15);
        assertEquals(1.0, Clustering.accuracy(new int[] {0, 1, 2, 2}, new int[] {2, 0, 1, 1}), 0, "three clusters, permuted");
        Mat X = Mat.of(new double[][] {{0, 0}, {0.1, 0}, {5, 5}, {5.1, 5}, {0, 0.1}, {5, 5.1}});
        int[] lab = Clustering.kMeans(X, 2, 3, 0);
        assertEquals(1.0, Clustering.accuracy(new int[] {0, 0, 1, 1, 0, 1}, lab), 0);
    }

    @Test
    void inertiaAndNearestNeighbourAccuracy() {
        Mat X = Mat.of(new double[][] {{0}, {2}, {10}, {14}});
        assertEquals(1 + 1 + 4 + 4, Clustering.inertia(X, new int[] {0, 0, 1, 1}), 1e-12);
        // group 1 = {2, 10, 14}, mean 26/3
        assertEquals((400 + 16 + 256) / 9.0, Clustering.inertia(X, new int[] {0, 1, 1, 1}), 1e-12);
        assertEquals(Clustering.inertia(X, new int[] {1, 1, 0, 0}), Clustering.inertia(X, new int[] {0, 0, 1, 1}), 0);
        // 0, 1, 5 | 10, 11: every nearest neighbour shares the class; moving 5 to 9.5 makes it and 10 wrong
        Mat Y = Mat.of(new double[][] {{0}, {1}, {5}, {10}, {11}});
        int[] t = {0, 0, 0, 1, 1};
        assertEquals(1.0, Clustering.nearestNeighbourAccuracy(Y, t), 0);
        Y.set(2, 0, 9.5);
        assertEquals(3 / 5.0, Clustering.nearestNeighbourAccuracy(Y, t), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Clustering.inertia(X, new int[] {0, 1}));
        assertTrue(e.getMessage().startsWith("labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Clustering.nearestNeighbourAccuracy(X, new int[] {0, -1, 0, 0}));
        assertTrue(e.getMessage().startsWith("truth"), e.getMessage());
    }
}

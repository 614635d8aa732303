package org.gwbench.gwf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gwbench.linalg.BlasThreads;
import org.gwbench.linalg.Mat;
import org.gwbench.neural.Adam;
import org.gwbench.problem.Progress;
import org.gwbench.problem.ProgressListener;

/**
 * Training GWF: Algorithm 4's loop (seeded batches, gradients summed in parallel, one Adam step per batch,
 * a listener per epoch, a stop at an interrupt), and per-epoch checkpoints to resume after an interrupt or
 * load a finished model.
 */
public final class GwfTrainer {
    private GwfTrainer() {
    }

    /** A model and the training seconds spent on it in earlier sittings (0 when trained from scratch). */
    public record Trained(Gwf model, double earlierSeconds) {
    }

    /**
     * GWF trained without labels on data with options o, kept in dir (null: nothing on disk): a finished
     * model there (same epochs, same graphs) is loaded; a run cut off mid-way resumes from its last
     * per-epoch checkpoint (dir.epochE beside dir, with Adam's state) and takes the same steps as an
     * uninterrupted one; the finished model is saved into dir and the checkpoints removed. An interrupt
     * stops the training after the current batch and leaves the last checkpoint.
     */
    public static Trained train(GraphSet data, Gwf.Options o, ProgressListener listener, Path dir) {
        if (dir != null && java.nio.file.Files.isRegularFile(dir.resolve("model.txt"))) {
            Gwf saved = Gwf.load(dir, o);
            if (saved.epochsDone() == o.epochs() && saved.embeddings().rows == data.samples().size()) {
                return new Trained(saved, sum(saved.epochSeconds()));
            }
        }
        Gwf model = dir == null ? null : lastCheckpoint(dir, o, data.samples().size());
        double earlier = model == null ? 0 : sum(model.epochSeconds());
        if (model == null) {
            model = Gwf.init(data.samples(), data.classes(), o);
        }
        Gwf m = model;
        ProgressListener l = ProgressListener.orNone(listener);
        m.fit(data.samples(), null, dir == null ? l : e -> {
            checkpoint(dir, m);
            l.onProgress(e);
        });
        if (dir != null && !Thread.currentThread().isInterrupted()) {
            m.save(dir);
            deleteCheckpoints(dir);
        }
        return new Trained(m, earlier);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** Saves the model after an epoch into dir.epochE (a fresh folder, model.txt written last), then drops older ones. */
    private static void checkpoint(Path dir, Gwf model) {
        Path next = dir.resolveSibling(dir.getFileName() + ".epoch" + model.epochsDone());
        try {
            model.save(next);
        } catch (java.io.UncheckedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // stopped while writing: the folder has no model.txt and is never loaded
            }
            throw e;
        }
        for (Path p : checkpoints(dir)) {
            if (!p.equals(next)) {
                deleteTree(p);
            }
        }
    }

    private static Gwf lastCheckpoint(Path dir, Gwf.Options o, int graphs) {
        Gwf best = null;
        for (Path p : checkpoints(dir)) {
            if (!java.nio.file.Files.isRegularFile(p.resolve("model.txt"))) {
                continue; // cut off while being written
            }
            try {
                Gwf g = Gwf.load(p, o);
                if (g.embeddings().rows == graphs && g.epochsDone() < o.epochs()
                        && (best == null || g.epochsDone() > best.epochsDone())) {
                    best = g;
                }
            } catch (RuntimeException e) {
                // unreadable checkpoint: ignore it, an older one or a fresh start will do
            }
        }
        return best;
    }

    private static List<Path> checkpoints(Path dir) {
        String prefix = dir.getFileName() + ".epoch";
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + dir.getParent(), e);
        }
    }

    private static void deleteCheckpoints(Path dir) {
        for (Path p : checkpoints(dir)) {
            deleteTree(p);
        }
    }

    private static void deleteTree(Path p) {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(q);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot delete " + p, e);
        }
    }

    /**
     * Algorithm 4 for options.epochs() epochs (after those already done): each epoch visits the graphs in
     * a seeded random order, in batches whose gradients are summed (graphs in parallel) before one Adam
     * step. labels may be null (unsupervised) or hold −1 for unlabelled graphs. Stops after the current
     * batch when the thread is interrupted; the epochs finished stay in the model.
     */
    static void fit(Gwf m, List<Gwf.Sample> data, int[] labels, ProgressListener listener) {
        Gwf.Options options = m.options();
        Mat Z = m.Z;
        if (data.size() != Z.rows) {
            throw new IllegalArgumentException("data has " + data.size() + " graphs, the model was built for " + Z.rows);
        }
        ProgressListener l = ProgressListener.orNone(listener);
        Adam adam = optimiser(m);
        long t0 = System.nanoTime();
        double previous = 0;
        int target = options.epochs();
        int first = m.epochsDone;
        for (int e = m.epochsDone; e < target; e++) {
            int[] order = shuffled(data.size(), new SplittableRandom(options.seed() * 31 + e));
            double total = 0;
            for (int b0 = 0; b0 < order.length; b0 += options.batch()) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                int[] batch = Arrays.copyOfRange(order, b0, Math.min(order.length, b0 + options.batch()));
                Gwf.Gradients[] gs = new Gwf.Gradients[batch.length];
                try (BlasThreads.Scope serial = BlasThreads.serial()) {
                    IntStream.range(0, batch.length).parallel().forEach(q -> {
                        int i = batch[q];
                        double[] z = Z.row(i);
                        Gwf.Plans p = GwfLoss.forward(m, data.get(i), z);
                        gs[q] = GwfLoss.lossAndGradients(m, data.get(i), z, p, labels == null ? -1 : labels[i]);
                    });
                }
                for (Gwf.Gradients g : gs) {
                    total += g.loss();
                }
                adam.step(summed(m, batch, gs));
            }
            m.epochsDone = e + 1;
            m.losses.add(total / data.size());
            double secs = (System.nanoTime() - t0) / 1e9;
            m.epochSeconds.add(secs - previous);
            previous = secs;
            l.onProgress(new Progress("epoch", e + 1, target, secs, Progress.eta(secs, e + 1 - first, target - first),
                    List.of(new Progress.Value("loss", total / data.size()))));
        }
    }

    /**
     * The model's Adam over (V_k, H_k, Z, classifier), created at the first fit with the moments and step
     * count a loaded model saved, kept across fit calls.
     */
    private static Adam optimiser(Gwf m) {
        if (m.adam == null) {
            List<double[]> params = new ArrayList<>();
            for (Mat v : m.V) {
                params.add(v.data);
            }
            for (Mat h : m.H) {
                params.add(h.data);
            }
            params.add(m.Z.data);
            if (m.classifier != null) {
                params.add(m.classifier.data);
            }
            m.adam = new Adam(params, m.options().learningRate());
            if (m.loadedMoments != null) {
                restoreMoments(m.adam, m.loadedMoments, m.loadedSteps);
                m.loadedMoments = null;
            }
        }
        return m.adam;
    }

    /** 0 … n−1 in the order of a Fisher-Yates shuffle drawn from rnd. */
    private static int[] shuffled(int n, SplittableRandom rnd) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** A batch's gradients in Adam's parameter order (V_k, H_k, Z, classifier), summed over the batch's graphs. */
    private static List<double[]> summed(Gwf m, int[] batch, Gwf.Gradients[] gs) {
        List<double[]> grads = new ArrayList<>();
        for (Mat v : m.V) {
            grads.add(new double[v.data.length]);
        }
        for (Mat h : m.H) {
            grads.add(new double[h.data.length]);
        }
        double[] gZ = new double[m.Z.data.length];
        double[] gC = m.classifier == null ? null : new double[m.classifier.data.length];
        for (int q = 0; q < batch.length; q++) {
            Gwf.Gradients g = gs[q];
            for (int k = 0; k < m.V.size(); k++) {
                add(grads.get(k), g.gradV().get(k).data);
            }
            for (int k = 0; k < m.H.size(); k++) {
                add(grads.get(m.V.size() + k), g.gradH().get(k).data);
            }
            System.arraycopy(g.gradZ(), 0, gZ, batch[q] * m.Z.cols, m.Z.cols);
            if (gC != null && g.gradClassifier() != null) {
                add(gC, g.gradClassifier().data);
            }
        }
        grads.add(gZ);
        if (gC != null) {
            grads.add(gC);
        }
        return grads;
    }

    private static void restoreMoments(Adam adam, List<double[]> moments, int steps) {
        int n = adam.firstMoments().size();
        if (moments.size() != 2 * n) {
            throw new IllegalArgumentException("dir: the saved optimiser state has " + moments.size() / 2
                    + " parameter arrays, the model " + n);
        }
        for (int i = 0; i < n; i++) {
            copyInto("first moment " + i, moments.get(i), adam.firstMoments().get(i));
            copyInto("second moment " + i, moments.get(n + i), adam.secondMoments().get(i));
        }
        adam.restoreSteps(steps);
    }

    private static void copyInto(String what, double[] from, double[] to) {
        if (from.length != to.length) {
            throw new IllegalArgumentException("dir: saved " + what + " has " + from.length + " entries, expected " + to.length);
        }
        System.arraycopy(from, 0, to, 0, to.length);
    }

    private static void add(double[] acc, double[] g) {
        for (int k = 0; k < acc.length; k++) {
            acc[k] += g[k];
        }
    }
}

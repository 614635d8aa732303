package org.gwbench.gwf;

import java.nio.file.Path;
import java.util.List;

/** Training GWF with per-epoch checkpoints: resume after an interrupt, load a finished model. */
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
    public static Trained train(GraphSet data, Gwf.Options o, Gwf.Listener listener, Path dir) {
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
        Gwf.Listener l = listener == null ? Gwf.Listener.NONE : listener;
        m.fit(data.samples(), null, dir == null ? l : e -> {
            checkpoint(dir, m);
            l.onEpoch(e);
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
}

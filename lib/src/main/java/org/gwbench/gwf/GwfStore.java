package org.gwbench.gwf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gwbench.data.Csv;
import org.gwbench.linalg.Mat;
import org.gwbench.neural.Adam;

/**
 * A GWF model in a folder: atoms (V_k.csv, H_k.csv), their distributions, the embeddings, the classifier,
 * Adam's moments and step count (so a resumed training takes the same steps), the loss and seconds per
 * epoch, and model.txt (written last: a folder without it is an unfinished save).
 */
final class GwfStore {
    private GwfStore() {
    }

    /** Writes atoms (V_k, H_k), atom distributions, embeddings, classifier, epochs and the loss and seconds per epoch into folder dir. */
    static void save(Gwf m, Path dir) {
        List<Mat> V = m.V;
        List<Mat> H = m.H;
        try {
            Files.createDirectories(dir);
            for (int k = 0; k < V.size(); k++) {
                Csv.write(dir.resolve("V" + k + ".csv"), V.get(k));
                Csv.writeVector(dir.resolve("mu" + k + ".csv"), m.atomMu.get(k));
                if (!H.isEmpty()) {
                    Csv.write(dir.resolve("H" + k + ".csv"), H.get(k));
                }
            }
            Csv.write(dir.resolve("Z.csv"), m.Z);
            if (!m.losses.isEmpty()) {
                Csv.writeVector(dir.resolve("losses.csv"), m.losses());
                Csv.writeVector(dir.resolve("epoch-seconds.csv"), m.epochSeconds());
            }
            if (m.classifier != null) {
                Csv.write(dir.resolve("classifier.csv"), m.classifier);
            }
            List<double[]> moments = m.adam != null ? momentsOf(m.adam) : m.loadedMoments;
            if (moments != null) {
                for (int i = 0; i < moments.size(); i++) {
                    Csv.writeVector(dir.resolve("adam" + i + ".csv"), moments.get(i));
                }
                Files.writeString(dir.resolve("adam.txt"), (m.adam != null ? m.adam.steps() : m.loadedSteps) + " " + moments.size() + "\n");
            }
            Files.writeString(dir.resolve("model.txt"), "gwf " + V.size() + " " + m.epochsDone() + " " + (H.isEmpty() ? 0 : 1) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the GWF model to " + dir, e);
        }
    }

    private static List<double[]> momentsOf(Adam adam) {
        List<double[]> all = new ArrayList<>(adam.firstMoments());
        all.addAll(adam.secondMoments());
        return all;
    }

    /**
     * Loads a model saved by {@link Gwf#save}; {@link Gwf#fit} then continues from its epochs with Adam's
     * saved moments and step count, so that a run saved after epoch e and resumed takes the same steps
     * as one that never stopped (models saved before the optimiser state was kept restart Adam).
     */
    static Gwf load(Path dir, Gwf.Options options) {
        Path meta = dir.resolve("model.txt");
        if (!Files.isRegularFile(meta)) {
            throw new IllegalArgumentException("dir: no saved GWF model in " + dir + " (model.txt missing)");
        }
        String[] head;
        try {
            head = Files.readString(meta).trim().split(" ");
        } catch (IOException e) {
            throw new IllegalArgumentException("dir: cannot read " + meta + ": " + e.getMessage());
        }
        int K = Integer.parseInt(head[1]);
        if (K != options.atoms()) {
            throw new IllegalArgumentException("options: the saved model has " + K + " atoms, options say " + options.atoms());
        }
        Gwf g = Gwf.empty(options);
        for (int k = 0; k < K; k++) {
            g.V.add(Csv.readMatrix("V" + k, dir.resolve("V" + k + ".csv")));
            g.atomMu.add(Csv.readVector("mu" + k, dir.resolve("mu" + k + ".csv")));
            if (head[3].equals("1")) {
                g.H.add(Csv.readMatrix("H" + k, dir.resolve("H" + k + ".csv")));
            }
        }
        g.Z = Csv.readMatrix("Z", dir.resolve("Z.csv"));
        if (Files.isRegularFile(dir.resolve("classifier.csv"))) {
            g.classifier = Csv.readMatrix("classifier", dir.resolve("classifier.csv"));
        }
        g.epochsDone = Integer.parseInt(head[2]);
        Path adamMeta = dir.resolve("adam.txt");
        if (Files.isRegularFile(adamMeta)) {
            String[] a;
            try {
                a = Files.readString(adamMeta).trim().split(" ");
            } catch (IOException e) {
                throw new IllegalArgumentException("dir: cannot read " + adamMeta + ": " + e.getMessage());
            }
            g.loadedSteps = Integer.parseInt(a[0]);
            g.loadedMoments = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(a[1]); i++) {
                g.loadedMoments.add(Csv.readVector("adam" + i, dir.resolve("adam" + i + ".csv")));
            }
        }
        if (Files.isRegularFile(dir.resolve("losses.csv"))) {
            for (double v : Csv.readVector("losses", dir.resolve("losses.csv"))) {
                g.losses.add(v);
            }
            for (double v : Csv.readVector("epoch-seconds", dir.resolve("epoch-seconds.csv"))) {
                g.epochSeconds.add(v);
            }
        }
        return g;
    }
}

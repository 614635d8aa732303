package org.gwbench.neural;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gwbench.data.Csv;
import org.gwbench.linalg.Mat;

/**
 * A neural GW run in a folder: the two networks (T.mlp, f.mlp), P (P.csv), and state.txt with the
 * iteration count and both Adams' steps and moments, so that a loaded run resumes exactly.
 */
final class NeuralGwStore {
    private NeuralGwStore() {
    }

    static void save(NeuralGw ngw, Path dir) {
        Mlp T = ngw.transportNet();
        Mlp f = ngw.potentialNet();
        Mat P = ngw.P;
        Adam adamT = ngw.adamT;
        Adam adamF = ngw.adamF;
        try {
            Files.createDirectories(dir);
            T.save(dir.resolve("T.mlp"));
            f.save(dir.resolve("f.mlp"));
            Csv.write(dir.resolve("P.csv"), P);
            List<String> lines = new ArrayList<>();
            lines.add("ngw " + ngw.iteration() + " " + adamT.steps() + " " + adamF.steps());
            for (Adam a : List.of(adamT, adamF)) {
                for (List<double[]> mom : List.of(a.firstMoments(), a.secondMoments())) {
                    for (double[] arr : mom) {
                        lines.add(join(arr));
                    }
                }
            }
            Files.write(dir.resolve("state.txt"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the NGW state to " + dir, e);
        }
    }

    private static String join(double[] arr) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < arr.length; k++) {
            if (k > 0) {
                sb.append(' ');
            }
            sb.append(Double.toString(arr[k]));
        }
        return sb.toString();
    }

    static NeuralGw load(Path dir, Sampler source, Sampler target, NeuralGw.Options options) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("dir: no saved NGW run in " + dir + " (not a folder)");
        }
        Mlp T = Mlp.load(dir.resolve("T.mlp"));
        Mlp f = Mlp.load(dir.resolve("f.mlp"));
        Mat P = Csv.readMatrix("P", dir.resolve("P.csv"));
        if (T.widths()[0] != source.dim() || P.rows != target.dim() || P.cols != source.dim()) {
            throw new IllegalArgumentException("dir: the saved run in " + dir + " maps " + T.widths()[0] + " → "
                    + P.rows + " dimensions, the samplers give " + source.dim() + " → " + target.dim());
        }
        NeuralGw ngw = NeuralGw.resumed(source, target, options, T, f, P);
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve("state.txt"));
        } catch (IOException e) {
            throw new IllegalArgumentException("dir: cannot read " + dir.resolve("state.txt") + ": " + e.getMessage());
        }
        String[] head = lines.get(0).split(" ");
        ngw.iteration = Integer.parseInt(head[1]);
        int line = 1;
        Adam[] adams = {ngw.adamT, ngw.adamF};
        for (int a = 0; a < 2; a++) {
            adams[a].restoreSteps(Integer.parseInt(head[2 + a]));
            for (List<double[]> mom : List.of(adams[a].firstMoments(), adams[a].secondMoments())) {
                for (double[] arr : mom) {
                    String[] vals = lines.get(line++).trim().split(" ");
                    if (vals.length != arr.length) {
                        throw new IllegalArgumentException("dir: " + dir.resolve("state.txt") + " line " + line
                                + " has " + vals.length + " numbers, expected " + arr.length);
                    }
                    for (int k = 0; k < arr.length; k++) {
                        arr[k] = Double.parseDouble(vals[k]);
                    }
                }
            }
        }
        return ngw;
    }
}

package org.gwbench.cli;

import java.nio.file.Path;
import java.util.Set;
import org.gwbench.data.DataDir;
import org.gwbench.experiments.GwfClustering;
import org.gwbench.gwf.Clustering;
import org.gwbench.gwf.Gwf;
import org.gwbench.problem.Check;
import org.gwbench.problem.ProgressListener;

/**
 * {@code ./workbench gwf-cluster --dataset NAME [--data DIR] [--method ppa|badmm] [--atoms K] [--epochs E]
 * [--seed S] [--graphs N] [--layers M] [--feature-weight W] [--forward algorithm-4|reference-code] [--save DIR]}: trains GWF on a TU dataset, clusters the embeddings
 * into as many clusters as classes, prints one JSON object. Progress (epoch, loss, elapsed, ETA) goes to
 * stderr.
 */
final class GwfCluster {
    private GwfCluster() {
    }

    static Json run(String[] argv, java.io.PrintStream err) {
        Args a = new Args("gwf-cluster", argv, 0,
                Set.of("dataset", "data", "method", "atoms", "epochs", "seed", "graphs", "layers", "feature-weight", "forward", "save"));
        String dataset = a.required("dataset");
        Path root = a.optional("data") == null ? DataDir.root() : Path.of(a.optional("data"));
        String method = a.optional("method") == null ? "ppa" : a.optional("method");
        Gwf.Module module = switch (method) {
            case "ppa" -> Gwf.Module.PPA;
            case "badmm" -> Gwf.Module.BADMM;
            default -> throw new UsageException("--method must be ppa or badmm, got '" + method + "'");
        };
        int atoms = Check.positive("--atoms", a.integer("atoms", 30));
        int epochs = Check.positive("--epochs", a.integer("epochs", 10));
        int layers = Check.positive("--layers", a.integer("layers", 50));
        int graphs = a.integer("graphs", 0);
        if (graphs < 0 || graphs == 1) {
            throw new UsageException("--graphs must be 0 (all graphs) or at least 2, got " + graphs);
        }
        long seed = (long) a.number("seed", 0);
        double featureWeight = a.number("feature-weight", 0.01);
        if (!(featureWeight >= 0)) {
            throw new UsageException("--feature-weight must be >= 0, got " + featureWeight);
        }
        Gwf.Forward forward;
        try {
            forward = Gwf.Forward.parse(a.optional("forward") == null ? "algorithm-4" : a.optional("forward"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
        Path save = a.outputDir("save");
        Gwf.Options o = Gwf.Options.paper(module, seed).with(atoms, epochs, layers).withForward(forward).withFeatures(featureWeight);
        GwfClustering exp = new GwfClustering(root, graphs, o, 5);
        long t0 = System.nanoTime();
        org.gwbench.gwf.GraphSet data = exp.load(dataset, seed);
        ProgressListener progress = p -> err.println(p.line("gwf-cluster"));
        // with --save, every epoch is checkpointed beside DIR and a rerun resumes (or loads the finished model)
        Gwf model = save == null ? exp.train(data, module, seed, progress) : exp.trainResumable(data, module, seed, progress, save);
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted");
        }
        int[] clusters = Clustering.kMeans(model.embeddings(), data.classes(), 10, seed);
        double acc = Clustering.accuracy(data.truth(), clusters);
        return new Json().put("dataset", dataset).put("method", method).put("graphs", data.samples().size())
                .put("classes", data.classes()).put("atoms", model.options().atoms()).put("epochs", epochs).put("forward", forward.label()).put("accuracy", acc)
                .put("final_loss", model.losses().length > 0 ? model.losses()[model.losses().length - 1] : Double.NaN)
                .put("seconds", (System.nanoTime() - t0) / 1e9);
    }
}

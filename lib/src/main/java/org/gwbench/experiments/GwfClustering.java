package org.gwbench.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gwbench.gwf.Clustering;
import org.gwbench.gwf.Fgwk;
import org.gwbench.pairwise.Engine;
import org.gwbench.pairwise.PairwiseSpec;
import org.gwbench.gwf.GraphSet;
import org.gwbench.gwf.GwbKMeans;
import org.gwbench.gwf.Gwf;
import org.gwbench.gwf.GwfTrainer;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.ProgressListener;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * notebooks/04: Table 1 of Xu et al. (AAAI 2020) — clustering accuracy of GWF (PPA and BADMM modules)
 * and of two baselines on TU datasets:
 * <ul>
 * <li><b>GWF</b>: {@link Gwf} trained without labels, then k-means (k-means++, 10 restarts) on the
 *     embeddings z_i into as many clusters as classes;</li>
 * <li><b>FGWK</b> (Vayer et al. 2019): pairwise exact fused GW (GW when the graphs have no node
 *     attributes), kernel exp(−d/β) with β a multiple of the median distance (the paper gives no β),
 *     spectral clustering;</li>
 * <li><b>GWB-KM</b>: k-means of graphs, centres initialised as random observed graphs, assignment by
 *     exact (fused) GW, centres updated as GW barycenters (Peyré's update) of their clusters.</li>
 * </ul>
 * Graphs: adjacency matrices, uniform node distributions; node attributes standardised per column
 * over the dataset (the paper says neither). Accuracy is {@link Clustering#accuracy}.
 *
 * @param root the data folder (holding tu/)
 * @param maxGraphs the first this many graphs of a dataset after a seeded shuffle (≤ 0: all)
 * @param gwf GWF options (module and seed are set per run)
 * @param baselineIterations k-means iterations of GWB-KM
 * @param fgwStructure the structures FGWK compares
 * @param fgwAlpha FGWK's trade-off α between structure and node attributes (POT's alpha: 1 = structure
 *     only, 0 = attributes only; default 0.5); GWB-KM fuses with the same α (graphs without attributes: GW)
 * @param fgwBetaScale FGWK's kernel width β in units of the median pairwise distance (default 1). The
 *     GW distances of a dataset are heavy-tailed (AIDS: median 2.3, 90th percentile 67), so β = the
 *     median can leave a kernel in which a few far graphs form a cluster of their own; see
 *     {@link GwfDiagnostics#fgwkBetaSweep}
 * @param engine where FGWK's pairwise distances run: "local" (this JVM) or "spark" ({@link Engine#named})
 * @param master the Spark master for engine "spark" (null: embedded local[*]); null for "local"
 */
public record GwfClustering(Path root, int maxGraphs, Gwf.Options gwf, int baselineIterations, Fgwk.Structure fgwStructure,
                            double fgwAlpha, double fgwBetaScale, double ppaGamma, double badmmGamma, String engine, String master) {
    public GwfClustering {
        if (!"local".equals(engine) && !"spark".equals(engine)) {
            throw new IllegalArgumentException("engine must be local or spark, got '" + engine + "'");
        }
        if (master != null && master.isBlank()) {
            master = null;
        }
        if ("local".equals(engine) && master != null) {
            throw new IllegalArgumentException("master is for engine spark; the local engine runs in this JVM (got master '" + master + "')");
        }
        if (root == null) {
            throw new IllegalArgumentException("root must be given");
        }
        if (gwf == null) {
            throw new IllegalArgumentException("gwf options must be given");
        }
        Check.positive("baselineIterations", baselineIterations);
        if (fgwStructure == null) {
            throw new IllegalArgumentException("fgwStructure must be given");
        }
        if (!(fgwAlpha >= 0 && fgwAlpha <= 1)) {
            throw new IllegalArgumentException("fgwAlpha must be in [0, 1], got " + fgwAlpha);
        }
        if (!(fgwBetaScale > 0 && fgwBetaScale < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("fgwBetaScale must be a positive number, got " + fgwBetaScale);
        }
        Check.positive("ppaGamma", ppaGamma);
        Check.positive("badmmGamma", badmmGamma);
    }

    /** FGWK's distances in this JVM. */
    public GwfClustering(Path root, int maxGraphs, Gwf.Options gwf, int baselineIterations, Fgwk.Structure fgwStructure,
                         double fgwAlpha, double fgwBetaScale, double ppaGamma, double badmmGamma) {
        this(root, maxGraphs, gwf, baselineIterations, fgwStructure, fgwAlpha, fgwBetaScale, ppaGamma, badmmGamma, "local", null);
    }

    /** The same experiment with FGWK's distances on another engine (the numbers are the same bit for bit). */
    public GwfClustering withEngine(String engine, String master) {
        return new GwfClustering(root, maxGraphs, gwf, baselineIterations, fgwStructure, fgwAlpha, fgwBetaScale, ppaGamma, badmmGamma,
                engine, master);
    }

    /**
     * γ of each module from gwf: its own module runs with gwf.gamma(), the other with the paper's γ
     * ({@link Gwf.Options#paper}). The full constructor sets both.
     */
    public GwfClustering(Path root, int maxGraphs, Gwf.Options gwf, int baselineIterations, Fgwk.Structure fgwStructure,
                         double fgwAlpha, double fgwBetaScale) {
        this(root, maxGraphs, gwf, baselineIterations, fgwStructure, fgwAlpha, fgwBetaScale,
                gammaOf(gwf, Gwf.Module.PPA), gammaOf(gwf, Gwf.Module.BADMM));
    }

    /** FGWK's kernel width β = the median distance. */
    public GwfClustering(Path root, int maxGraphs, Gwf.Options gwf, int baselineIterations, Fgwk.Structure fgwStructure,
                         double fgwAlpha) {
        this(root, maxGraphs, gwf, baselineIterations, fgwStructure, fgwAlpha, 1);
    }

    /** FGWK with α = 0.5. */
    public GwfClustering(Path root, int maxGraphs, Gwf.Options gwf, int baselineIterations, Fgwk.Structure fgwStructure) {
        this(root, maxGraphs, gwf, baselineIterations, fgwStructure, 0.5, 1);
    }

    /** FGWK on shortest-path structures, as Vayer et al. (2019), whose kernel the paper's FGWK is. */
    public GwfClustering(Path root, int maxGraphs, Gwf.Options gwf, int baselineIterations) {
        this(root, maxGraphs, gwf, baselineIterations, Fgwk.Structure.SHORTEST_PATH, 0.5, 1);
    }

    private static double gammaOf(Gwf.Options gwf, Gwf.Module module) {
        if (gwf == null) {
            throw new IllegalArgumentException("gwf options must be given");
        }
        return gwf.module() == module ? gwf.gamma() : Gwf.Options.paper(module, 0).gamma();
    }

    /** γ of a module's GWF runs (and its GWB-KM barycentres where the module computes them). */
    public double gamma(Gwf.Module module) {
        return module == Gwf.Module.PPA ? ppaGamma : badmmGamma;
    }


    /**
     * The four datasets of Table 1, their display names, and the paper's accuracies (FGWK, GWB-KM, GWF-BADMM, GWF-PPA;
     * GDL, the GW dictionary learning baseline, is not in the paper: NaN).
     */
    public static final String[] DATASETS = {"AIDS", "PROTEINS", "PROTEINS_full", "IMDB-BINARY"};
    public static final String[] NAMES = {"AIDS", "PROTEIN", "PROTEIN-F", "IMDB-B"};

    /** The paper's name of a TU dataset ("PROTEINS_full" → "PROTEIN-F"); any other dataset keeps its own name. */
    public static String displayName(String dataset) {
        int i = Arrays.asList(DATASETS).indexOf(dataset);
        return i >= 0 ? NAMES[i] : dataset;
    }
    public static final String[] METHODS = {"FGWK", "GWB-KM", "GWF-BADMM", "GWF-PPA", "GDL"};
    public static final double[][] PAPER = {
        {91.0, 95.2, 97.6, 99.5, Double.NaN},
        {66.4, 64.7, 69.2, 70.7, Double.NaN},
        {66.0, 62.9, 68.1, 69.3, Double.NaN},
        {56.7, 53.5, 55.9, 60.2, Double.NaN}};

    /** The dataset's graphs this experiment runs on (maxGraphs of them, drawn with the seed); see {@link GraphSet#load}. */
    public GraphSet load(String dataset, long seed) {
        return GraphSet.load(root, dataset, maxGraphs, seed);
    }

    /**
     * GDL's embeddings (not in the paper; Vincent-Cuaz et al. 2021, POT's gromov_wasserstein_dictionary_learning): a
     * dictionary of as many atoms as GWF has, of the graphs' mean size, learnt on the structures GWF sees (uniform node
     * weights) for GWF's epochs (batches of 16, Adam step 0.1, as POT's graph example), then each graph's unmixing
     * weights, one row per graph.
     */
    public Mat gdlEmbeddings(GraphSet data, long seed) {
        Gwf.Options o = optionsFor(data, Gwf.Module.PPA, seed);
        List<Mat> Cs = new ArrayList<>();
        List<double[]> ps = new ArrayList<>();
        double nodes = 0;
        for (Gwf.Sample g : data.samples()) {
            Cs.add(g.C());
            ps.add(g.mu());
            nodes += g.C().rows;
        }
        int nt = Math.max(2, (int) Math.round(nodes / Cs.size()));
        org.gwbench.gw.GwDictionary gdl = new org.gwbench.gw.GwDictionary(org.gwbench.gw.GwDictionaryOptions.defaults(o.atoms(), nt)
                .withTraining(o.epochs(), 16, 0.1).withSeed(seed));
        org.gwbench.gw.GwDictionary.Dictionary dict = gdl.learn(Cs, ps, null);
        Mat W = Mat.zeros(Cs.size(), o.atoms());
        for (int i = 0; i < Cs.size(); i++) {
            double[] w = gdl.unmix(Cs.get(i), ps.get(i), dict.atoms(), dict.q()).w();
            System.arraycopy(w, 0, W.data, i * o.atoms(), o.atoms());
        }
        return W;
    }

    /** A GWF model trained without labels on the dataset (the options of this experiment, the given module and seed). */
    public Gwf train(GraphSet data, Gwf.Module module, long seed, ProgressListener listener) {
        return GwfTrainer.train(data, optionsFor(data, module, seed), listener, null).model();
    }

    /**
     * The model {@link #run} trained for this dataset, module and seed when cache holds it (same
     * settings, all epochs done), else a newly trained one, saved into cache (when not null and the
     * training was not interrupted). Notebook 06 draws Figure 4 from the models of notebook 04 this way.
     * With a cache, the model is also saved after every epoch (with Adam's state), and an interrupted
     * training resumes from its last finished epoch, taking the same steps as an uninterrupted one.
     */
    public Gwf trainOrLoad(GraphSet data, Gwf.Module module, long seed, ProgressListener listener, Path cache) {
        return trained(data, module, seed, listener, cache).model();
    }

    GwfTrainer.Trained trained(GraphSet data, Gwf.Module module, long seed, ProgressListener listener, Path cache) {
        return GwfTrainer.train(data, optionsFor(data, module, seed), listener,
                cache == null ? null : modelDir(cache, data.name(), "GWF-" + module, seed));
    }

    /** GWF kept in modelDir, resumed or loaded as {@link GwfTrainer#train} says: the CLI's {@code --save}. */
    public Gwf trainResumable(GraphSet data, Gwf.Module module, long seed, ProgressListener listener, Path modelDir) {
        if (modelDir == null) {
            throw new IllegalArgumentException("modelDir must be given (train() trains without one)");
        }
        return GwfTrainer.train(data, optionsFor(data, module, seed), listener, modelDir).model();
    }

    Path modelDir(Path cache, String dataset, String method, long seed) {
        return cache.resolve(configTag()).resolve(dataset).resolve(method + "-seed" + seed + "-model");
    }

    Gwf.Options optionsFor(GraphSet data, Gwf.Module module, long seed) {
        return optionsFor(data, module, seed, 0);
    }

    /**
     * GWF's options for one training on data: this experiment's, with K at most the number of graphs, the
     * module's γ, the feature term only for graphs with attributes, and the label loss's weight.
     */
    Gwf.Options optionsFor(GraphSet data, Gwf.Module module, long seed, double labelWeight) {
        return new Gwf.Options(Math.min(gwf.atoms(), data.samples().size()), gwf.gwbLayers(), gwf.gwdLayers(), module,
                gamma(module), gwf.learningRate(), gwf.epochs(), gwf.batch(),
                data.hasFeatures() ? Math.max(gwf.featureWeight(), 0) : 0, labelWeight, seed, gwf.forward());
    }

    /** GWF with the given module and seed: accuracy of k-means on the embeddings. */
    public double gwfAccuracy(GraphSet data, Gwf.Module module, long seed, ProgressListener listener) {
        return gwfAccuracy(train(data, module, seed, listener), data, seed);
    }

    static double gwfAccuracy(Gwf model, GraphSet data, long seed) {
        int[] clusters = Clustering.kMeans(model.embeddings(), data.classes(), 10, seed);
        return Clustering.accuracy(data.truth(), clusters);
    }

    /** FGWK: pairwise (fused) GW, kernel, spectral clustering. */
    public double fgwkAccuracy(GraphSet data, long seed) {
        Mat K = fgwKernel(data, null);
        return Clustering.accuracy(data.truth(), Fgwk.spectral(K, data.classes(), seed));
    }

    /**
     * FGWK's kernel of a loaded dataset. With a cache folder and all graphs of the dataset (the
     * distances then depend on nothing but the data), the pairwise distances are kept in
     * cache/fgw-distances/dataset/ block by block and reused, by notebooks 04 and 05 alike; an
     * interrupted computation resumes at the first missing block. Null when interrupted.
     */
    public Mat fgwKernel(GraphSet data, Path cache) {
        Mat D = fgwDistanceMatrix(data, cache);
        return D == null ? null : Fgwk.kernelOf(D, fgwBetaScale);
    }

    /** FGWK's pairwise distances, cached as {@link #fgwKernel} says. Null when interrupted. */
    public Mat fgwDistanceMatrix(GraphSet data, Path cache) {
        Path dir = cache == null || maxGraphs > 0 ? null
                : cache.resolve("fgw-distances").resolve(data.name() + "-alpha" + fgwAlpha + "-" + fgwStructure.label());
        try (Engine e = Engine.named(engine, master)) {
            return Fgwk.distances(Fgwk.structures(data.samples(), fgwStructure), dir,
                    PairwiseSpec.exact(fgwAlpha).withBlock(PairwiseSpec.defaultBlock(data.samples().size())), data.name(),
                    "dataset=" + data.name() + " structure=" + fgwStructure.label(), e);
        }
    }

    /** GWB-KM as this experiment runs it: α = fgwAlpha, at most baselineIterations assignments. */
    public GwbKMeans gwbKMeans() {
        return new GwbKMeans(fgwAlpha, baselineIterations);
    }

    /** GWB-KM: k-means of graphs with GW-barycenter centres, started from random observed graphs. */
    public double gwbKmAccuracy(GraphSet data, long seed) {
        return Clustering.accuracy(data.truth(), gwbKMeans().run(data, GwbKMeans.randomCentres(data, seed), data.name() + " GWB-KM seed " + seed).labels());
    }

    /** One cell of the table: a dataset, a method, the accuracies over the seeds and the wall time. */
    public record Cell(String dataset, String method, double[] accuracies, double seconds) {
        public double mean() {
            return Stats.mean(accuracies);
        }

        public double std() {
            return Stats.std(accuracies);
        }
    }

    /** Runs the given methods (names from {@link #METHODS}) on one dataset for each seed (no cache). */
    public List<Cell> run(String dataset, List<String> methods, long[] seeds, ProgressListener listener) {
        return run(dataset, methods, seeds, listener, null);
    }

    /**
     * Runs the given methods on one dataset for each seed. With a cache folder, each finished (method,
     * seed) is written to cache/{@link #configTag()}/dataset/method-seedS.txt (accuracy and seconds), and
     * a later call with the same configuration reads it instead of running again: an interrupted full
     * run resumes where it stopped. A cell's seconds are the sum of its seeds' own run times. When all
     * graphs are used, FGWK's kernel does not depend on the seed and is computed once per call.
     */
    public List<Cell> run(String dataset, List<String> methods, long[] seeds, ProgressListener listener, Path cache) {
        List<Cell> out = new ArrayList<>();
        Mat sharedKernel = null;
        for (String m : methods) {
            if (!Arrays.asList(METHODS).contains(m)) {
                throw new IllegalArgumentException("method must be one of " + Arrays.toString(METHODS) + ", got " + m);
            }
            double[] acc = new double[seeds.length];
            double seconds = 0;
            for (int s = 0; s < seeds.length; s++) {
                String alphaTag = fgwAlpha == 0.5 ? "" : "-alpha" + fgwAlpha;
                String key = m.equals("FGWK")
                        ? m + "-" + fgwStructure.label() + alphaTag + (fgwBetaScale == 1 ? "" : "-beta" + fgwBetaScale)
                        : m.equals("GWB-KM") ? m + alphaTag : m;
                Path file = cache == null ? null : cache.resolve(configTag()).resolve(dataset).resolve(key + "-seed" + seeds[s] + ".txt");
                double[] saved = file == null ? null : ResultCache.readCached(file);
                if (saved != null) {
                    acc[s] = saved[0];
                    seconds += saved[1];
                    continue;
                }
                if (Thread.currentThread().isInterrupted()) {
                    return out;
                }
                long t0 = System.nanoTime();
                double earlier = 0; // training seconds of this seed spent in earlier sittings (checkpoints)
                GraphSet data = load(dataset, seeds[s]);
                if (m.equals("FGWK")) {
                    Mat K = maxGraphs <= 0 && sharedKernel != null ? sharedKernel : fgwKernel(data, cache);
                    if (K == null) {
                        return out; // interrupted
                    }
                    if (maxGraphs <= 0) {
                        sharedKernel = K; // all graphs, in file order: the same kernel for every seed
                    }
                    acc[s] = 100 * Clustering.accuracy(data.truth(), Fgwk.spectral(K, data.classes(), seeds[s]));
                } else {
                    acc[s] = 100 * switch (m) {
                        case "GWB-KM" -> gwbKmAccuracy(data, seeds[s]);
                        case "GDL" -> Clustering.accuracy(data.truth(), Clustering.kMeans(gdlEmbeddings(data, seeds[s]), data.classes(), 10, seeds[s]));
                        case "GWF-BADMM", "GWF-PPA" -> {
                            // progress lines say which method and seed is training (a table cell runs for hours)
                            ProgressListener l = listener instanceof ProgressListener.Printer p ? p.with(m + " seed " + seeds[s]) : listener;
                            GwfTrainer.Trained t = trained(data, m.equals("GWF-PPA") ? Gwf.Module.PPA : Gwf.Module.BADMM, seeds[s], l, cache);
                            earlier = t.earlierSeconds();
                            yield gwfAccuracy(t.model(), data, seeds[s]);
                        }
                        default -> throw new IllegalStateException(m);
                    };
                }
                if (Thread.currentThread().isInterrupted()) {
                    return out; // a run cut short is not a result
                }
                double secs = (System.nanoTime() - t0) / 1e9 + earlier;
                seconds += secs;
                if (file != null) {
                    ResultCache.writeCached(file, acc[s], secs);
                }
            }
            out.add(new Cell(dataset, m, acc, seconds));
        }
        return out;
    }

    /** The settings a cached result depends on, as a folder name. */
    public String configTag() {
        return String.format(java.util.Locale.ROOT, "n%d-K%d-L%d-M%d-gp%s-gb%s-lr%s-E%d-B%d-w%s-it%d",
                maxGraphs, gwf.atoms(), gwf.gwbLayers(), gwf.gwdLayers(), ppaGamma, badmmGamma, gwf.learningRate(),
                gwf.epochs(), gwf.batch(), gwf.featureWeight(), baselineIterations)
                + (gwf.forward() == Gwf.Forward.ALGORITHM_4 ? "" : "-" + gwf.forward().label());
    }

    /** The cells with the paper's values beside. */
    public static Table table(List<Cell> cells) {
        StringColumn ds = StringColumn.create("dataset");
        StringColumn me = StringColumn.create("method");
        DoubleColumn mean = DoubleColumn.create("accuracy % (mean)");
        DoubleColumn sd = DoubleColumn.create("± std");
        IntColumn runs = IntColumn.create("seeds");
        DoubleColumn paper = DoubleColumn.create("paper %");
        DoubleColumn secs = DoubleColumn.create("wall s");
        for (Cell c : cells) {
            int d = Arrays.asList(DATASETS).indexOf(c.dataset());
            int m = Arrays.asList(METHODS).indexOf(c.method());
            ds.append(displayName(c.dataset()));
            me.append(c.method());
            mean.append(c.mean());
            sd.append(c.std());
            runs.append(c.accuracies().length);
            if (d >= 0 && m >= 0 && !Double.isNaN(PAPER[d][m])) {
                paper.append(PAPER[d][m]);
            } else {
                paper.appendMissing();
            }
            secs.append(c.seconds());
        }
        // one decimal as the paper prints them (the CSV written by reproduce keeps every digit)
        org.gwbench.report.Tables.decimals(1, mean, sd, paper);
        org.gwbench.report.Tables.decimals(0, secs);
        boolean gdl = cells.stream().anyMatch(c -> c.method().equals("GDL"));
        return Table.create("Table 1: clustering accuracy (ours vs the paper" + (gdl ? "; GDL is a baseline not in the paper" : "") + ")", ds,
                me, mean, sd, runs, paper, secs);
    }
}

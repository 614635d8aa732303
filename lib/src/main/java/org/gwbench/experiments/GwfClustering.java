package org.gwbench.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gwbench.data.TuDataset;
import org.gwbench.gw.ExactGw;
import org.gwbench.gw.ExactGwOptions;
import org.gwbench.gw.GwBarycenter;
import org.gwbench.gw.GwLoss;
import org.gwbench.gw.GwProblem;
import org.gwbench.gw.GwResult;
import org.gwbench.gwf.Clustering;
import org.gwbench.gwf.Gwf;
import org.gwbench.linalg.BlasThreads;
import org.gwbench.linalg.Mat;
import org.gwbench.linalg.SymmetricEigen;
import org.gwbench.problem.Check;
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
 *     {@link #fgwkBetaSweep}
 */
public record GwfClustering(Path root, int maxGraphs, Gwf.Options gwf, int baselineIterations, Structure fgwStructure,
                            double fgwAlpha, double fgwBetaScale, double ppaGamma, double badmmGamma) {
    public GwfClustering {
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

    /**
     * γ of each module from gwf: its own module runs with gwf.gamma(), the other with the paper's γ
     * ({@link Gwf.Options#paper}). The full constructor sets both.
     */
    public GwfClustering(Path root, int maxGraphs, Gwf.Options gwf, int baselineIterations, Structure fgwStructure,
                         double fgwAlpha, double fgwBetaScale) {
        this(root, maxGraphs, gwf, baselineIterations, fgwStructure, fgwAlpha, fgwBetaScale,
                gammaOf(gwf, Gwf.Module.PPA), gammaOf(gwf, Gwf.Module.BADMM));
    }

    /** FGWK's kernel width β = the median distance. */
    public GwfClustering(Path root, int maxGraphs, Gwf.Options gwf, int baselineIterations, Structure fgwStructure,
                         double fgwAlpha) {
        this(root, maxGraphs, gwf, baselineIterations, fgwStructure, fgwAlpha, 1);
    }

    /** FGWK with α = 0.5. */
    public GwfClustering(Path root, int maxGraphs, Gwf.Options gwf, int baselineIterations, Structure fgwStructure) {
        this(root, maxGraphs, gwf, baselineIterations, fgwStructure, 0.5, 1);
    }

    /** FGWK on shortest-path structures, as Vayer et al. (2019), whose kernel the paper's FGWK is. */
    public GwfClustering(Path root, int maxGraphs, Gwf.Options gwf, int baselineIterations) {
        this(root, maxGraphs, gwf, baselineIterations, Structure.SHORTEST_PATH, 0.5, 1);
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
     * The structure matrices FGWK compares (GWF and GWB-KM always use adjacency matrices, as the GWF
     * paper does). Vayer et al.'s FGW experiments use shortest-path (hop count) matrices; pairs of
     * nodes in different components get the graph's largest finite distance + 1.
     */
    public enum Structure {
        ADJACENCY("adjacency"), SHORTEST_PATH("shortest-path");

        private final String label;

        Structure(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** "adjacency" or "shortest-path". */
        public static Structure parse(String name) {
            for (Structure s : values()) {
                if (s.label.equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("fgwStructure must be adjacency or shortest-path, got '" + name + "'");
        }
    }

    /** The samples with their structures replaced as {@link #fgwStructure} says (distributions and features kept). */
    List<Gwf.Sample> fgwSamples(List<Gwf.Sample> samples) {
        if (fgwStructure == Structure.ADJACENCY) {
            return samples;
        }
        List<Gwf.Sample> out = new ArrayList<>();
        for (Gwf.Sample g : samples) {
            Mat D = org.gwbench.graph.Graphs.shortestPaths(g.C(), Double.NaN);
            double max = 0;
            for (double d : D.data) {
                if (!Double.isNaN(d)) {
                    max = Math.max(max, d);
                }
            }
            for (int k = 0; k < D.data.length; k++) {
                if (Double.isNaN(D.data[k])) {
                    D.data[k] = max + 1;
                }
            }
            out.add(new Gwf.Sample(D, g.mu(), g.F()));
        }
        return out;
    }

    /** The four datasets of Table 1, their display names, and the paper's accuracies (FGWK, GWB-KM, GWF-BADMM, GWF-PPA). */
    public static final String[] DATASETS = {"AIDS", "PROTEINS", "PROTEINS_full", "IMDB-BINARY"};
    public static final String[] NAMES = {"AIDS", "PROTEIN", "PROTEIN-F", "IMDB-B"};

    /** The paper's name of a TU dataset ("PROTEINS_full" → "PROTEIN-F"); any other dataset keeps its own name. */
    public static String displayName(String dataset) {
        int i = Arrays.asList(DATASETS).indexOf(dataset);
        return i >= 0 ? NAMES[i] : dataset;
    }
    public static final String[] METHODS = {"FGWK", "GWB-KM", "GWF-BADMM", "GWF-PPA"};
    public static final double[][] PAPER = {
        {91.0, 95.2, 97.6, 99.5},
        {66.4, 64.7, 69.2, 70.7},
        {66.0, 62.9, 68.1, 69.3},
        {56.7, 53.5, 55.9, 60.2}};

    /** A dataset ready for clustering. */
    public record Loaded(String name, List<Gwf.Sample> samples, int[] truth, int classes) {
        public boolean hasFeatures() {
            return samples.get(0).F() != null;
        }
    }

    /** Reads a TU dataset, keeps maxGraphs of them (seeded shuffle), standardises the node attributes. */
    public Loaded load(String dataset, long seed) {
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
        return new Loaded(dataset, samples, s.classIndices(), d.classes().length);
    }

    /** GWF with the given module and seed: accuracy of k-means on the embeddings. */
    public double gwfAccuracy(Loaded data, Gwf.Module module, long seed, Gwf.Listener listener) {
        return gwfAccuracy(train(data, module, seed, listener), data, seed);
    }

    static double gwfAccuracy(Gwf model, Loaded data, long seed) {
        int[] clusters = Clustering.kMeans(model.embeddings(), data.classes(), 10, seed);
        return Clustering.accuracy(data.truth(), clusters);
    }

    /**
     * Where a GWF cell's accuracy is lost, for one trained model: the k-means accuracy of the table, the
     * leave-one-out 1-NN accuracy of the same embeddings (how well they separate the classes), and the
     * k-means objective of the partition k-means found against that of the class partition. When the
     * classes' inertia is the larger, k-means cannot return them however often it restarts: the
     * embeddings separate the classes, but not as two compact groups. sizeRuleAccuracy is the dataset's
     * {@link #sizeRuleAccuracy}, for reference.
     */
    public record Diagnosis(String dataset, String method, long seed, double kMeansAccuracy, double nearestNeighbourAccuracy,
                            double kMeansInertia, double classInertia, double sizeRuleAccuracy) {
    }

    /**
     * The accuracy of the best single threshold on the number of nodes ("more than t nodes: one class"),
     * chosen with the labels: how far graph size alone separates two classes (NaN for more classes).
     * AIDS: 99.85% (more than 12 nodes), PROTEINS: 72.4% (more than 16), IMDB-BINARY: 52.2%.
     */
    public static double sizeRuleAccuracy(Loaded data) {
        if (data.classes() != 2) {
            return Double.NaN;
        }
        int N = data.samples().size();
        int[] y = data.truth();
        int max = 0;
        for (Gwf.Sample s : data.samples()) {
            max = Math.max(max, s.mu().length);
        }
        double best = 0;
        for (int t = 0; t <= max; t++) {
            int agree = 0;
            for (int i = 0; i < N; i++) {
                if ((data.samples().get(i).mu().length > t ? 1 : 0) == y[i]) {
                    agree++;
                }
            }
            best = Math.max(best, Math.max(agree, N - agree) / (double) N);
        }
        return best;
    }

    /** {@link Diagnosis} of a trained model (k-means seeded as in the table). */
    public static Diagnosis diagnose(Gwf model, Loaded data, String method, long seed) {
        Mat Z = model.embeddings();
        int[] clusters = Clustering.kMeans(Z, data.classes(), 10, seed);
        return new Diagnosis(data.name(), method, seed, Clustering.accuracy(data.truth(), clusters),
                Clustering.nearestNeighbourAccuracy(Z, data.truth()), Clustering.inertia(Z, clusters),
                Clustering.inertia(Z, data.truth()), sizeRuleAccuracy(data));
    }

    /**
     * {@link Diagnosis} of every finished GWF model (methods GWF-PPA, GWF-BADMM) that cache holds for
     * these settings, dataset and seeds; models not trained yet are skipped (nothing is trained here).
     */
    public List<Diagnosis> diagnose(String dataset, List<String> methods, long[] seeds, Path cache) {
        List<Diagnosis> out = new ArrayList<>();
        if (cache == null) {
            return out;
        }
        for (String m : methods) {
            if (!m.startsWith("GWF-")) {
                continue;
            }
            Gwf.Module module = Gwf.Module.valueOf(m.substring(4));
            for (long seed : seeds) {
                Path dir = modelDir(cache, dataset, m, seed);
                if (!java.nio.file.Files.isRegularFile(dir.resolve("model.txt"))) {
                    continue;
                }
                Loaded data = load(dataset, seed); // the graphs run() trained this seed on
                Gwf model = Gwf.load(dir, optionsFor(data, module, seed));
                if (model.epochsDone() == gwf.epochs() && model.embeddings().rows == data.samples().size()) {
                    out.add(diagnose(model, data, m, seed));
                }
            }
        }
        return out;
    }

    /** The diagnoses as a table, accuracies in %. */
    public static Table diagnosisTable(List<Diagnosis> rows) {
        StringColumn ds = StringColumn.create("dataset");
        StringColumn me = StringColumn.create("method");
        IntColumn seed = IntColumn.create("seed");
        DoubleColumn km = DoubleColumn.create("k-means accuracy %");
        DoubleColumn nn = DoubleColumn.create("1-NN (leave-one-out) %");
        DoubleColumn ki = DoubleColumn.create("inertia of k-means' partition");
        DoubleColumn ci = DoubleColumn.create("inertia of the classes");
        DoubleColumn ratio = DoubleColumn.create("classes / k-means");
        DoubleColumn size = DoubleColumn.create("size rule %");
        for (Diagnosis d : rows) {
            ds.append(displayName(d.dataset()));
            me.append(d.method());
            seed.append((int) d.seed());
            km.append(100 * d.kMeansAccuracy());
            nn.append(100 * d.nearestNeighbourAccuracy());
            ki.append(d.kMeansInertia());
            ci.append(d.classInertia());
            ratio.append(d.classInertia() / d.kMeansInertia());
            size.append(100 * d.sizeRuleAccuracy());
        }
        org.gwbench.report.Tables.decimals(1, km, nn, size);
        org.gwbench.report.Tables.decimals(2, ki, ci);
        org.gwbench.report.Tables.decimals(3, ratio);
        return Table.create("Where the GWF accuracy is lost: the embeddings' classes against k-means' partition", ds, me, seed, km, nn, ki, ci,
                ratio, size);
    }

    /** A GWF model trained without labels on the dataset (the options of this experiment, the given module and seed). */
    public Gwf train(Loaded data, Gwf.Module module, long seed, Gwf.Listener listener) {
        Gwf model = Gwf.init(data.samples(), data.classes(), optionsFor(data, module, seed));
        model.fit(data.samples(), null, listener);
        return model;
    }

    /**
     * The model {@link #run} trained for this dataset, module and seed when cache holds it (same
     * settings, all epochs done), else a newly trained one, saved into cache (when not null and the
     * training was not interrupted). Notebook 06 draws Figure 4 from the models of notebook 04 this way.
     * With a cache, the model is also saved after every epoch (with Adam's state), and an interrupted
     * training resumes from its last finished epoch, taking the same steps as an uninterrupted one.
     */
    public Gwf trainOrLoad(Loaded data, Gwf.Module module, long seed, Gwf.Listener listener, Path cache) {
        return trained(data, module, seed, listener, cache).model();
    }

    /** A model and the training seconds spent on it in earlier sittings (0 when trained from scratch). */
    record Trained(Gwf model, double earlierSeconds) {
    }

    Trained trained(Loaded data, Gwf.Module module, long seed, Gwf.Listener listener, Path cache) {
        return trainedIn(data, module, seed, listener, cache == null ? null : modelDir(cache, data.name(), "GWF-" + module, seed));
    }

    /**
     * GWF on data, kept in modelDir: a finished model there (same epochs, same graphs) is loaded, a run
     * cut off mid-way resumes from its last per-epoch checkpoint (modelDir.epochE beside it) and takes the
     * same steps as an uninterrupted one; the finished model is saved there. The CLI's {@code --save}.
     */
    public Gwf trainResumable(Loaded data, Gwf.Module module, long seed, Gwf.Listener listener, Path modelDir) {
        if (modelDir == null) {
            throw new IllegalArgumentException("modelDir must be given (train() trains without one)");
        }
        return trainedIn(data, module, seed, listener, modelDir).model();
    }

    private Trained trainedIn(Loaded data, Gwf.Module module, long seed, Gwf.Listener listener, Path dir) {
        Gwf.Options o = optionsFor(data, module, seed);
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

    private Path modelDir(Path cache, String dataset, String method, long seed) {
        return cache.resolve(configTag()).resolve(dataset).resolve(method + "-seed" + seed + "-model");
    }

    private Gwf.Options optionsFor(Loaded data, Gwf.Module module, long seed) {
        return new Gwf.Options(Math.min(gwf.atoms(), data.samples().size()), gwf.gwbLayers(), gwf.gwdLayers(), module,
                gamma(module), gwf.learningRate(), gwf.epochs(), gwf.batch(),
                data.hasFeatures() ? Math.max(gwf.featureWeight(), 0) : 0, 0, seed, gwf.forward());
    }

    /** Fused GW with trade-off alpha; plain GW without attributes or when alpha = 1. */
    static double fgw(Gwf.Sample a, Gwf.Sample b, ExactGw solver, double alpha) {
        GwProblem pb = new GwProblem(a.C(), b.C(), a.mu(), b.mu(), GwLoss.SQUARE);
        if (a.F() == null || alpha == 1) {
            return solver.solve(pb).value();
        }
        Mat M = GwBarycenter.squaredDistances(a.F(), b.F());
        return solver.solveFused(pb, M, alpha, null).value();
    }

    /** FGWK: pairwise (fused) GW, kernel, spectral clustering. */
    public double fgwkAccuracy(Loaded data, long seed) {
        Mat K = fgwKernel(data, null);
        return Clustering.accuracy(data.truth(), spectral(K, data.classes(), seed));
    }

    /** One row of {@link #fgwkBetaSweep}: FGWK at one kernel width, per seed. */
    public record BetaRow(String dataset, double scale, double beta, double[] accuracies, double[] largestCluster) {
        public double mean() {
            return Stats.mean(accuracies);
        }

        public double std() {
            return Stats.std(accuracies);
        }
    }

    /**
     * FGWK for several kernel widths β = scale × the median distance, from one set of distances (cached as
     * {@link #fgwKernel} says, so after a Table 1 run this costs one eigen-decomposition per scale and
     * k-means per seed). Each row keeps the accuracies (%) and the largest cluster's share of the graphs
     * (%): an accuracy equal to the majority class's share with a largest cluster near 100% is a kernel
     * that left a few far graphs in a cluster of their own. β is the mean over seeds (seeds only change
     * it when maxGraphs draws a subset). Null when interrupted.
     */
    public List<BetaRow> fgwkBetaSweep(String dataset, double[] scales, long[] seeds, Path cache) {
        if (scales == null || scales.length == 0 || seeds == null || seeds.length == 0) {
            throw new IllegalArgumentException("scales and seeds must be non-empty");
        }
        for (double c : scales) {
            if (!(c > 0 && c < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("scales must be positive numbers, got " + c);
            }
        }
        double[][] acc = new double[scales.length][seeds.length];
        double[][] largest = new double[scales.length][seeds.length];
        double[] beta = new double[scales.length];
        Mat[] embedding = new Mat[scales.length];
        Loaded data = null;
        Mat D = null;
        for (int s = 0; s < seeds.length; s++) {
            if (data == null || maxGraphs > 0) { // all graphs: the same distances for every seed
                data = load(dataset, seeds[s]);
                D = fgwDistanceMatrix(data, cache);
                if (D == null) {
                    return null;
                }
                Arrays.fill(embedding, null);
            }
            double median = medianOffDiagonal(D);
            for (int c = 0; c < scales.length; c++) {
                if (Thread.currentThread().isInterrupted()) {
                    return null;
                }
                if (embedding[c] == null) {
                    embedding[c] = spectralEmbedding(kernelOf(D, scales[c]), data.classes());
                }
                int[] cl = Clustering.kMeans(embedding[c], data.classes(), 10, seeds[s]);
                int[] size = new int[data.classes()];
                for (int l : cl) {
                    size[l]++;
                }
                acc[c][s] = 100 * Clustering.accuracy(data.truth(), cl);
                largest[c][s] = 100.0 * Arrays.stream(size).max().getAsInt() / cl.length;
                beta[c] += scales[c] * median / seeds.length;
            }
        }
        List<BetaRow> out = new ArrayList<>();
        for (int c = 0; c < scales.length; c++) {
            out.add(new BetaRow(dataset, scales[c], beta[c], acc[c], largest[c]));
        }
        return out;
    }

    /** The sweep as a table: accuracy (mean ± std over seeds) and largest cluster per β, with the paper's FGWK value. */
    public static Table betaTable(List<BetaRow> rows) {
        StringColumn ds = StringColumn.create("dataset");
        DoubleColumn scale = DoubleColumn.create("β / median");
        DoubleColumn beta = DoubleColumn.create("β");
        DoubleColumn mean = DoubleColumn.create("FGWK accuracy %");
        DoubleColumn sd = DoubleColumn.create("±");
        DoubleColumn big = DoubleColumn.create("largest cluster %");
        DoubleColumn paper = DoubleColumn.create("paper FGWK %");
        for (BetaRow r : rows) {
            ds.append(displayName(r.dataset()));
            scale.append(r.scale());
            beta.append(r.beta());
            mean.append(r.mean());
            sd.append(r.std());
            big.append(Stats.mean(r.largestCluster()));
            int i = Arrays.asList(DATASETS).indexOf(r.dataset());
            paper.append(i >= 0 ? PAPER[i][0] : Double.NaN);
        }
        org.gwbench.report.Tables.decimals(1, mean, sd, paper);
        org.gwbench.report.Tables.decimals(2, big); // 1999 of 2000 graphs is 99.95, not 100.0
        org.gwbench.report.Tables.decimals(3, beta);
        return Table.create("FGWK against its kernel width β (the paper does not give β)", ds, scale, beta, mean, sd, big, paper);
    }

    /**
     * FGWK's kernel of a loaded dataset. With a cache folder and all graphs of the dataset (the
     * distances then depend on nothing but the data), the pairwise distances are kept in
     * cache/fgw-distances/dataset/ block by block and reused, by notebooks 04 and 05 alike; an
     * interrupted computation resumes at the first missing block. Null when interrupted.
     */
    public Mat fgwKernel(Loaded data, Path cache) {
        Mat D = fgwDistanceMatrix(data, cache);
        return D == null ? null : kernelOf(D, fgwBetaScale);
    }

    /** FGWK's pairwise distances, cached as {@link #fgwKernel} says. Null when interrupted. */
    public Mat fgwDistanceMatrix(Loaded data, Path cache) {
        Path dir = cache == null || maxGraphs > 0 ? null
                : cache.resolve("fgw-distances").resolve(data.name() + "-alpha" + fgwAlpha + "-" + fgwStructure.label());
        return fgwDistances(fgwSamples(data.samples()), dir, DISTANCE_BLOCK, data.name(), fgwAlpha);
    }

    /** Rows per cached block of the distance matrix. */
    static final int DISTANCE_BLOCK = 64;

    /** Pairwise exact (fused) GW; rows in blocks of the given size, each read from or written to dir when given. */
    static Mat fgwDistances(List<Gwf.Sample> s, Path dir, int block) {
        return fgwDistances(s, dir, block, null, 0.5);
    }

    /** As above; with a label, prints a progress line (rows done, elapsed, ETA) after each block it computes. */
    static Mat fgwDistances(List<Gwf.Sample> s, Path dir, int block, String label, double alpha) {
        int N = s.size();
        long started = System.nanoTime();
        long pairsDone = 0;
        long pairsAll = (long) N * (N - 1) / 2;
        long pairsCached = 0;
        Mat D = Mat.zeros(N, N);
        ExactGw solver = new ExactGw(ExactGwOptions.defaults());
        for (int b0 = 0; b0 < N; b0 += block) {
            int b1 = Math.min(N, b0 + block);
            Path file = dir == null ? null : dir.resolve("rows-" + b0 + "-" + b1 + "-of-" + N + ".csv");
            if (file != null && java.nio.file.Files.isRegularFile(file)) {
                Mat R = org.gwbench.data.Csv.readMatrix("cached FGW distances", file);
                if (R.rows == b1 - b0 && R.cols == N) {
                    System.arraycopy(R.data, 0, D.data, b0 * N, R.data.length);
                    pairsCached += pairsInRows(b0, b1, N);
                    continue;
                }
            }
            if (Thread.currentThread().isInterrupted()) {
                return null;
            }
            int from = b0;
            Thread caller = Thread.currentThread(); // the pool's workers do not see the caller's interrupt
            try (BlasThreads.Scope serial = BlasThreads.serial()) {
                IntStream.range(b0, b1).parallel().forEach(i -> {
                    for (int j = i + 1; j < N && !caller.isInterrupted(); j++) {
                        D.set(i, j, Math.max(0, fgw(s.get(i), s.get(j), solver, alpha)));
                    }
                });
            }
            if (Thread.currentThread().isInterrupted()) {
                return null; // the solver may have stopped early: not a result
            }
            if (file != null) {
                Mat R = Mat.zeros(b1 - from, N);
                System.arraycopy(D.data, from * N, R.data, 0, R.data.length);
                try {
                    java.nio.file.Files.createDirectories(dir);
                    Path tmp = dir.resolve(file.getFileName() + ".part");
                    org.gwbench.data.Csv.write(tmp, R);
                    java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot write " + file, e);
                }
            }
            pairsDone += pairsInRows(b0, b1, N);
            if (label != null) {
                double secs = (System.nanoTime() - started) / 1e9;
                long left = pairsAll - pairsCached - pairsDone;
                System.out.print(String.format(java.util.Locale.ROOT, "%s FGW distances: rows %d/%d, %.0f s, ETA %.0f s%n",
                        label, b1, N, secs, pairsDone == 0 ? 0 : secs / pairsDone * left));
            }
        }
        for (int i = 0; i < N; i++) {
            for (int j = i + 1; j < N; j++) {
                D.set(j, i, D.get(i, j));
            }
        }
        return D;
    }

    /** Pairs (i, j), i < j, with i in [b0, b1) of N graphs. */
    private static long pairsInRows(int b0, int b1, int N) {
        long p = 0;
        for (int i = b0; i < b1; i++) {
            p += N - 1 - i;
        }
        return p;
    }

    /** exp(−D/β), β = scale × the median of the off-diagonal entries. */
    static Mat kernelOf(Mat D, double scale) {
        double beta = scale * medianOffDiagonal(D);
        Mat K = Mat.zeros(D.rows, D.cols);
        for (int k = 0; k < K.data.length; k++) {
            K.data[k] = Math.exp(-D.data[k] / beta);
        }
        return K;
    }

    /** The median of the entries above the diagonal (a floor of 1e-12 keeps β positive; 1 with one graph). */
    static double medianOffDiagonal(Mat D) {
        int N = D.rows;
        double[] off = new double[N * (N - 1) / 2];
        int t = 0;
        for (int i = 0; i < N; i++) {
            for (int j = i + 1; j < N; j++) {
                off[t++] = D.get(i, j);
            }
        }
        Arrays.sort(off);
        return Math.max(off.length == 0 ? 1 : off[off.length / 2], 1e-12);
    }

    /** Spectral clustering (Ng, Jordan, Weiss): top eigenvectors of D^{−1/2} K D^{−1/2}, rows normalised, k-means. */
    static int[] spectral(Mat K, int k, long seed) {
        return Clustering.kMeans(spectralEmbedding(K, k), k, 10, seed);
    }

    /** The rows k-means clusters in {@link #spectral}: the top k eigenvectors, each row scaled to length 1 (0 stays 0). */
    static Mat spectralEmbedding(Mat K, int k) {
        int N = K.rows;
        Mat L = Stats.scaleBySqrt(K, K.rowSums());
        for (int i = 0; i < N; i++) {
            for (int j = i + 1; j < N; j++) {
                double v = 0.5 * (L.get(i, j) + L.get(j, i));
                L.set(i, j, v);
                L.set(j, i, v);
            }
        }
        SymmetricEigen.Result e = SymmetricEigen.of(L);
        Mat Y = Mat.zeros(N, k);
        for (int i = 0; i < N; i++) {
            double s = 0;
            for (int c = 0; c < k; c++) {
                double v = e.vectors().get(i, c); // eigenvalues in decreasing order
                Y.set(i, c, v);
                s += v * v;
            }
            s = Math.sqrt(s);
            for (int c = 0; c < k; c++) {
                Y.set(i, c, s > 0 ? Y.get(i, c) / s : 0);
            }
        }
        return Y;
    }

    /** GWB-KM: k-means of graphs with GW-barycenter centres, started from random observed graphs. */
    public double gwbKmAccuracy(Loaded data, long seed) {
        return Clustering.accuracy(data.truth(), gwbKm(data, randomCentres(data, seed), data.name() + " GWB-KM seed " + seed).labels());
    }

    /** k distinct observed graphs of the dataset, drawn with the seed: GWB-KM's starting centres. */
    public static List<Gwf.Sample> randomCentres(Loaded data, long seed) {
        List<Gwf.Sample> s = data.samples();
        int[] pick = new SplittableRandom(seed).ints(0, s.size()).distinct().limit(data.classes()).toArray();
        List<Gwf.Sample> centres = new ArrayList<>();
        for (int c : pick) {
            centres.add(s.get(c));
        }
        return centres;
    }

    /**
     * GWB-KM's result: the cluster of each graph, the k-means objective (the sum over graphs of the
     * (fused) GW distance to the centre of their cluster, at the last assignment) and the assignments
     * made (at most {@link #baselineIterations}; fewer when one repeats the previous), with the centres
     * of that last assignment.
     */
    public record GwbKmResult(int[] labels, double objective, int assignments, List<Gwf.Sample> centres) {
    }

    /**
     * GWB-KM from the given centres: assign every graph to its nearest centre by exact (fused, α = {@link #fgwAlpha})
     * GW, replace each centre by the GW barycenter of its cluster (Peyré's update, five iterations,
     * started from and keeping the size and weights of the previous centre), repeat until the assignment
     * repeats or {@link #baselineIterations} assignments are made. A cluster that empties keeps its
     * centre. An interrupt stops it after the current assignment (the result is then not a finished run).
     */
    public GwbKmResult gwbKm(Loaded data, List<Gwf.Sample> initialCentres) {
        return gwbKm(data, initialCentres, null);
    }

    /** As above; with a label, prints a progress line (objective, graphs moved, elapsed) after each assignment. */
    public GwbKmResult gwbKm(Loaded data, List<Gwf.Sample> initialCentres, String label) {
        long t0 = System.nanoTime();
        List<Gwf.Sample> s = data.samples();
        int N = s.size();
        int k = initialCentres.size();
        if (k < 1) {
            throw new IllegalArgumentException("initialCentres must hold at least one centre");
        }
        List<Gwf.Sample> centres = initialCentres;
        ExactGw solver = new ExactGw(ExactGwOptions.defaults());
        int[] lab = new int[N];
        double objective = Double.NaN;
        int made = 0;
        List<Gwf.Sample> used = centres;
        for (int it = 0; it < baselineIterations && !Thread.currentThread().isInterrupted(); it++) {
            List<Gwf.Sample> cs = centres;
            int[] next = new int[N];
            double[] dist = new double[N];
            try (BlasThreads.Scope serial = BlasThreads.serial()) {
                IntStream.range(0, N).parallel().forEach(i -> {
                    double best = Double.POSITIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        double d = fgw(s.get(i), cs.get(c), solver, fgwAlpha);
                        if (d < best) {
                            best = d;
                            next[i] = c;
                        }
                    }
                    dist[i] = best;
                });
            }
            made++;
            used = cs;
            int moved = 0;
            for (int i = 0; i < N; i++) {
                moved += next[i] != lab[i] ? 1 : 0;
            }
            boolean same = moved == 0 && it > 0;
            lab = next;
            objective = Arrays.stream(dist).sum();
            if (label != null) {
                System.out.print(String.format(java.util.Locale.ROOT, "%s: assignment %d/%d, objective %.6g, %s, %.0f s%n", label, made,
                        baselineIterations, objective, it == 0 ? "first" : moved + (moved == 1 ? " graph moved" : " graphs moved"), (System.nanoTime() - t0) / 1e9));
            }
            if (same) {
                break;
            }
            centres = barycentres(data, lab, centres, solver, fgwAlpha);
        }
        return new GwbKmResult(lab, objective, made, used);
    }

    /**
     * Each cluster's GW barycenter (Peyré's update, five iterations, started from and keeping the size
     * and weights of the cluster's previous centre); a cluster without graphs keeps its centre.
     */
    private static List<Gwf.Sample> barycentres(Loaded data, int[] lab, List<Gwf.Sample> centres, ExactGw solver, double alpha) {
        List<Gwf.Sample> s = data.samples();
        int N = s.size();
        List<Gwf.Sample> updated = new ArrayList<>();
        for (int c = 0; c < centres.size(); c++) {
            List<Mat> Cs = new ArrayList<>();
            List<Mat> Fs = new ArrayList<>();
            List<double[]> ps = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                if (lab[i] == c) {
                    Cs.add(s.get(i).C());
                    Fs.add(s.get(i).F());
                    ps.add(s.get(i).mu());
                }
            }
            if (Cs.isEmpty()) {
                updated.add(centres.get(c));
                continue;
            }
            double[] w = new double[Cs.size()];
            Arrays.fill(w, 1.0 / Cs.size());
            Gwf.Sample old = centres.get(c);
            GwBarycenter bary = new GwBarycenter(new GwBarycenter.Options(5, 1e-6), solver,
                    org.gwbench.problem.IterationListener.NONE);
            GwBarycenter.Result res = data.hasFeatures() && alpha < 1
                    ? bary.solveFused(Cs, Fs, ps, w, old.mu(), old.C(), old.F(), alpha, GwLoss.SQUARE)
                    : bary.solve(Cs, ps, w, old.mu(), old.C(), GwLoss.SQUARE);
            updated.add(new Gwf.Sample(res.structure(), old.mu(), res.features()));
        }
        return updated;
    }

    /**
     * GWB-KM's diagnosis: GWB-KM started from the barycentres of the true classes (each started from an
     * observed graph of its class, drawn with the seed) rather than from random graphs. When it keeps the
     * classes and ends at a lower objective than {@link #gwbKm} from random graphs, the random start's
     * lower accuracy is a local minimum of k-means, not a property of the objective.
     */
    public GwbKmResult gwbKmFromClasses(Loaded data, long seed) {
        return gwbKm(data, classBarycentres(data, seed));
    }

    /** The (fused) GW barycentre of each true class, started from an observed graph of the class drawn with the seed. */
    public List<Gwf.Sample> classBarycentres(Loaded data, long seed) {
        int k = data.classes();
        int[] truth = data.truth();
        SplittableRandom r = new SplittableRandom(seed);
        List<Gwf.Sample> start = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int cc = c;
            int[] members = IntStream.range(0, truth.length).filter(i -> truth[i] == cc).toArray();
            if (members.length == 0) {
                throw new IllegalArgumentException("data has no graph of class " + c);
            }
            start.add(data.samples().get(members[r.nextInt(members.length)]));
        }
        return barycentres(data, truth, start, new ExactGw(ExactGwOptions.defaults()), fgwAlpha);
    }

    /**
     * One row of {@link #diagnoseGwbKm}: GWB-KM from random graphs (the table's run) and from the class
     * barycentres, each with its accuracy (0–1) and k-means objective.
     */
    public record GwbKmDiagnosis(String dataset, long seed, double accuracy, double objective, double classesAccuracy,
                                 double classesObjective) {
    }

    /**
     * GWB-KM from random graphs and from the class barycentres ({@link #gwbKmFromClasses}) for each seed.
     * With a cache, each seed's row is kept in cache/{@link #configTag()}/dataset/GWB-KM-diagnosis-seedS.txt
     * and read back by a later call. Stops at an interrupt, returning the rows finished.
     */
    public List<GwbKmDiagnosis> diagnoseGwbKm(String dataset, long[] seeds, Path cache) {
        List<GwbKmDiagnosis> out = new ArrayList<>();
        for (long seed : seeds) {
            Path file = cache == null ? null : cache.resolve(configTag()).resolve(dataset).resolve("GWB-KM" + (fgwAlpha == 0.5 ? "" : "-alpha" + fgwAlpha) + "-diagnosis-seed" + seed + ".txt");
            double[] v = file == null ? null : readNumbers(file, 4);
            if (v == null) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                Loaded data = load(dataset, seed);
                GwbKmResult random = gwbKm(data, randomCentres(data, seed), dataset + " GWB-KM seed " + seed + ", random start");
                GwbKmResult classes = gwbKm(data, classBarycentres(data, seed), dataset + " GWB-KM seed " + seed + ", class start");
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                v = new double[] {Clustering.accuracy(data.truth(), random.labels()), random.objective(),
                        Clustering.accuracy(data.truth(), classes.labels()), classes.objective()};
                if (file != null) {
                    writeNumbers(file, v);
                }
            }
            out.add(new GwbKmDiagnosis(dataset, seed, v[0], v[1], v[2], v[3]));
        }
        return out;
    }

    /** The rows of {@link #diagnoseGwbKm} as a table, accuracies in %. */
    public static Table gwbKmDiagnosisTable(List<GwbKmDiagnosis> rows) {
        StringColumn ds = StringColumn.create("dataset");
        IntColumn seed = IntColumn.create("seed");
        DoubleColumn acc = DoubleColumn.create("random start: accuracy %");
        DoubleColumn obj = DoubleColumn.create("random start: objective");
        DoubleColumn cacc = DoubleColumn.create("class start: accuracy %");
        DoubleColumn cobj = DoubleColumn.create("class start: objective");
        for (GwbKmDiagnosis d : rows) {
            ds.append(displayName(d.dataset()));
            seed.append((int) d.seed());
            acc.append(100 * d.accuracy());
            obj.append(d.objective());
            cacc.append(100 * d.classesAccuracy());
            cobj.append(d.classesObjective());
        }
        org.gwbench.report.Tables.decimals(1, acc, cacc);
        org.gwbench.report.Tables.decimals(1, obj, cobj);
        return Table.create("GWB-KM from random graphs and from the class barycentres: accuracy and k-means objective (lower is better)",
                ds, seed, acc, obj, cacc, cobj);
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
    public List<Cell> run(String dataset, List<String> methods, long[] seeds, Gwf.Listener listener) {
        return run(dataset, methods, seeds, listener, null);
    }

    /**
     * Runs the given methods on one dataset for each seed. With a cache folder, each finished (method,
     * seed) is written to cache/{@link #configTag()}/dataset/method-seedS.txt (accuracy and seconds), and
     * a later call with the same configuration reads it instead of running again: an interrupted full
     * run resumes where it stopped. A cell's seconds are the sum of its seeds' own run times. When all
     * graphs are used, FGWK's kernel does not depend on the seed and is computed once per call.
     */
    public List<Cell> run(String dataset, List<String> methods, long[] seeds, Gwf.Listener listener, Path cache) {
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
                double[] saved = file == null ? null : readCached(file);
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
                Loaded data = load(dataset, seeds[s]);
                if (m.equals("FGWK")) {
                    Mat K = maxGraphs <= 0 && sharedKernel != null ? sharedKernel : fgwKernel(data, cache);
                    if (K == null) {
                        return out; // interrupted
                    }
                    if (maxGraphs <= 0) {
                        sharedKernel = K; // all graphs, in file order: the same kernel for every seed
                    }
                    acc[s] = 100 * Clustering.accuracy(data.truth(), spectral(K, data.classes(), seeds[s]));
                } else {
                    acc[s] = 100 * switch (m) {
                        case "GWB-KM" -> gwbKmAccuracy(data, seeds[s]);
                        case "GWF-BADMM", "GWF-PPA" -> {
                            // progress lines say which method and seed is training (a table cell runs for hours)
                            Gwf.Listener l = listener instanceof Gwf.Progress p ? p.with(m + " seed " + seeds[s]) : listener;
                            Trained t = trained(data, m.equals("GWF-PPA") ? Gwf.Module.PPA : Gwf.Module.BADMM, seeds[s], l, cache);
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
                    writeCached(file, acc[s], secs);
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

    /** accuracy and seconds of a cached result; null when absent or unreadable (then the cell runs again). */
    static double[] readCached(Path file) {
        return readNumbers(file, 2);
    }

    static void writeCached(Path file, double accuracy, double seconds) {
        writeNumbers(file, accuracy, seconds);
    }

    /** The first n numbers of a cache file; null when it is absent, short or unreadable. */
    static double[] readNumbers(Path file, int n) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            return null;
        }
        try {
            String[] f = java.nio.file.Files.readString(file).trim().split("\\s+");
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = Double.parseDouble(f[i]);
            }
            return v;
        } catch (java.io.IOException | RuntimeException e) {
            return null; // unreadable: run again
        }
    }

    /** Writes numbers to a cache file on one line, each with 17 significant digits. */
    static void writeNumbers(Path file, double... values) {
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            StringBuilder b = new StringBuilder();
            for (double v : values) {
                b.append(b.length() == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.17g", v));
            }
            java.nio.file.Files.writeString(file, b.append('\n').toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the cached result " + file, e);
        }
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
            if (d >= 0 && m >= 0) {
                paper.append(PAPER[d][m]);
            } else {
                paper.appendMissing();
            }
            secs.append(c.seconds());
        }
        // one decimal as the paper prints them (the CSV written by reproduce keeps every digit)
        org.gwbench.report.Tables.decimals(1, mean, sd, paper);
        org.gwbench.report.Tables.decimals(0, secs);
        return Table.create("Table 1: clustering accuracy (ours vs the paper)", ds, me, mean, sd, runs, paper, secs);
    }
}

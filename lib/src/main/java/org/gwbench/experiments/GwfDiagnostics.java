package org.gwbench.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gwbench.gwf.Clustering;
import org.gwbench.gwf.Fgwk;
import org.gwbench.gwf.GraphSet;
import org.gwbench.gwf.GwbKMeans;
import org.gwbench.gwf.Gwf;
import org.gwbench.linalg.Mat;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Why Table 1's cells come out as they do (notebook 04's diagnosis sections), for the settings of one
 * {@link GwfClustering}: where GWF's accuracy is lost between its embeddings and k-means, FGWK against its
 * kernel width β, and GWB-KM from random graphs against from the class barycentres. Reads the experiment's
 * cache and trains nothing.
 */
public record GwfDiagnostics(GwfClustering experiment) {
    /**
     * Where a GWF cell's accuracy is lost, for one trained model: the k-means accuracy of the table, the
     * leave-one-out 1-NN accuracy of the same embeddings (how well they separate the classes), and the
     * k-means objective of the partition k-means found against that of the class partition. When the
     * classes' inertia is the larger, k-means cannot return them however often it restarts: the
     * embeddings separate the classes, but not as two compact groups. sizeRuleAccuracy is the dataset's
     * {@link GraphSet#sizeRuleAccuracy}, for reference.
     */
    public record Diagnosis(String dataset, String method, long seed, double kMeansAccuracy, double nearestNeighbourAccuracy,
                            double kMeansInertia, double classInertia, double sizeRuleAccuracy) {
    }


    /** {@link Diagnosis} of a trained model (k-means seeded as in the table). */
    public static Diagnosis diagnose(Gwf model, GraphSet data, String method, long seed) {
        Mat Z = model.embeddings();
        int[] clusters = Clustering.kMeans(Z, data.classes(), 10, seed);
        return new Diagnosis(data.name(), method, seed, Clustering.accuracy(data.truth(), clusters),
                Clustering.nearestNeighbourAccuracy(Z, data.truth()), Clustering.inertia(Z, clusters),
                Clustering.inertia(Z, data.truth()), data.sizeRuleAccuracy());
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
                Path dir = experiment.modelDir(cache, dataset, m, seed);
                if (!java.nio.file.Files.isRegularFile(dir.resolve("model.txt"))) {
                    continue;
                }
                GraphSet data = experiment.load(dataset, seed); // the graphs run() trained this seed on
                Gwf model = Gwf.load(dir, experiment.optionsFor(data, module, seed));
                if (model.epochsDone() == experiment.gwf().epochs() && model.embeddings().rows == data.samples().size()) {
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
            ds.append(GwfClustering.displayName(d.dataset()));
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
     * {@link GwfClustering#fgwKernel} says, so after a Table 1 run this costs one eigen-decomposition per scale and
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
        GraphSet data = null;
        Mat D = null;
        for (int s = 0; s < seeds.length; s++) {
            if (data == null || experiment.maxGraphs() > 0) { // all graphs: the same distances for every seed
                data = experiment.load(dataset, seeds[s]);
                D = experiment.fgwDistanceMatrix(data, cache);
                if (D == null) {
                    return null;
                }
                Arrays.fill(embedding, null);
            }
            double median = Fgwk.medianOffDiagonal(D);
            for (int c = 0; c < scales.length; c++) {
                if (Thread.currentThread().isInterrupted()) {
                    return null;
                }
                if (embedding[c] == null) {
                    embedding[c] = Fgwk.spectralEmbedding(Fgwk.kernelOf(D, scales[c]), data.classes());
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
            ds.append(GwfClustering.displayName(r.dataset()));
            scale.append(r.scale());
            beta.append(r.beta());
            mean.append(r.mean());
            sd.append(r.std());
            big.append(Stats.mean(r.largestCluster()));
            int i = Arrays.asList(GwfClustering.DATASETS).indexOf(r.dataset());
            paper.append(i >= 0 ? GwfClustering.PAPER[i][0] : Double.NaN);
        }
        org.gwbench.report.Tables.decimals(1, mean, sd, paper);
        org.gwbench.report.Tables.decimals(2, big); // 1999 of 2000 graphs is 99.95, not 100.0
        org.gwbench.report.Tables.decimals(3, beta);
        return Table.create("FGWK against its kernel width β (the paper does not give β)", ds, scale, beta, mean, sd, big, paper);
    }

    /**
     * One row of {@link #diagnoseGwbKm}: GWB-KM from random graphs (the table's run) and from the class
     * barycentres, each with its accuracy (0–1) and k-means objective.
     */
    public record GwbKmDiagnosis(String dataset, long seed, double accuracy, double objective, double classesAccuracy,
                                 double classesObjective) {
    }

    /**
     * GWB-KM from random graphs and from the class barycentres ({@link GwbKMeans#fromClasses}) for each seed.
     * With a cache, each seed's row is kept in cache/{@link GwfClustering#configTag()}/dataset/GWB-KM-diagnosis-seedS.txt
     * and read back by a later call. Stops at an interrupt, returning the rows finished.
     */
    public List<GwbKmDiagnosis> diagnoseGwbKm(String dataset, long[] seeds, Path cache) {
        List<GwbKmDiagnosis> out = new ArrayList<>();
        for (long seed : seeds) {
            Path file = cache == null ? null : cache.resolve(experiment.configTag()).resolve(dataset).resolve("GWB-KM" + (experiment.fgwAlpha() == 0.5 ? "" : "-alpha" + experiment.fgwAlpha()) + "-diagnosis-seed" + seed + ".txt");
            double[] v = file == null ? null : ResultCache.readNumbers(file, 4);
            if (v == null) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                GraphSet data = experiment.load(dataset, seed);
                GwbKMeans.Result random = experiment.gwbKMeans().run(data, GwbKMeans.randomCentres(data, seed), dataset + " GWB-KM seed " + seed + ", random start");
                GwbKMeans.Result classes = experiment.gwbKMeans().run(data, experiment.gwbKMeans().classBarycentres(data, seed), dataset + " GWB-KM seed " + seed + ", class start");
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                v = new double[] {Clustering.accuracy(data.truth(), random.labels()), random.objective(),
                        Clustering.accuracy(data.truth(), classes.labels()), classes.objective()};
                if (file != null) {
                    ResultCache.writeNumbers(file, v);
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
            ds.append(GwfClustering.displayName(d.dataset()));
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
}

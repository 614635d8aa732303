package org.gwbench.experiments;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.gwbench.gwf.Fgwk;
import org.gwbench.gwf.Gwf;
import org.gwbench.problem.Check;

/**
 * Notebook 04's parameters cell, field for field: what one run of Table 1 (GWF clustering, Xu et al. 2020)
 * computes. {@link #paper()} is the paper's settings (the notebook's defaults); with {@code smoke} set, the run
 * uses {@link #effective()}: the same settings on a small problem (AIDS, 40 graphs, K = 4, M = 10, two epochs,
 * seeds 0 and 1, a cache of its own), so the quick test runs the same code as the full run.
 *
 * @param smoke run the quick profile instead ({@link #effective()})
 * @param datasets TU datasets, comma-separated
 * @param methods of {@link GwfClustering#METHODS}, comma-separated
 * @param graphs graphs per dataset (a seeded subset); 0 = all
 * @param atoms K
 * @param gwdLayers M, the GWD module's layers
 * @param gwbLayers L, the GWB module's layers
 * @param gammaPpa γ of GWF-PPA
 * @param gammaBadmm γ of GWF-BADMM
 * @param learningRate Adam's
 * @param epochs GWF training epochs
 * @param batch graphs per Adam step
 * @param featureWeight w of the node-attribute term
 * @param seeds comma-separated
 * @param fgwStructure "shortest-path" or "adjacency" (FGWK's structures)
 * @param fgwAlpha the baselines' trade-off between structure and node attributes (POT's alpha)
 * @param fgwBetaScale FGWK's kernel width in medians
 * @param fgwBetaSweep widths of the β sweep, comma-separated; "" skips it
 * @param gwbKmDiagnosis datasets on which GWB-KM also runs from the class barycentres; "" skips it
 * @param forward GWF's forward pass ("algorithm-4" or "reference-code")
 * @param cacheDir finished cells, models and FGW distances, reused by a later run; "" keeps them for this run only
 * @param engine where FGWK's pairwise distances run: "local" (the kernel's JVM) or "spark"; the numbers are the same
 * @param master for engine "spark": "" (embedded local[*]) or a master URL such as spark://host:7077
 */
public record Table1Config(boolean smoke, String datasets, String methods, int graphs, int atoms, int gwdLayers, int gwbLayers,
                           double gammaPpa, double gammaBadmm, double learningRate, int epochs, int batch, double featureWeight,
                           String seeds, String fgwStructure, double fgwAlpha, double fgwBetaScale, String fgwBetaSweep,
                           String gwbKmDiagnosis, String forward, String cacheDir, String engine, String master) {
    public Table1Config {
        checkEngine(engine, master);
        list("datasets", datasets);
        for (String m : list("methods", methods)) {
            if (!Arrays.asList(GwfClustering.METHODS).contains(m)) {
                throw new IllegalArgumentException("methods: '" + m + "' is not one of " + String.join(", ", GwfClustering.METHODS));
            }
        }
        checkGwf(graphs, atoms, gwdLayers, gwbLayers, gammaPpa, gammaBadmm, learningRate, epochs, featureWeight);
        Check.positive("batch", batch);
        longs("seeds", seeds);
        Fgwk.Structure.parse(fgwStructure);
        if (!(fgwAlpha >= 0 && fgwAlpha <= 1)) {
            throw new IllegalArgumentException("fgwAlpha must be in [0, 1], got " + fgwAlpha);
        }
        Check.positive("fgwBetaScale", fgwBetaScale);
        doubles("fgwBetaSweep", fgwBetaSweep);
        if (gwbKmDiagnosis == null || cacheDir == null) {
            throw new IllegalArgumentException((gwbKmDiagnosis == null ? "gwbKmDiagnosis" : "cacheDir") + " must be given (\"\" for none)");
        }
        try {
            Gwf.Forward.parse(forward);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("forward: " + e.getMessage());
        }
    }

    /** The paper's settings (K = 30, M = 50, L = 2, γ 0.01 / 1, ten epochs, five seeds, all graphs of the four datasets). */
    public static Table1Config paper() {
        return new Table1Config(false, "AIDS,PROTEINS,PROTEINS_full,IMDB-BINARY", "FGWK,GWB-KM,GWF-BADMM,GWF-PPA,GDL", 0, 30, 50, 2,
                0.01, 1.0, 0.05, 10, 16, 0.01, "0,1,2,3,4", "shortest-path", 0.5, 1.0, "0.3,1,3,10,30,100,300", "AIDS",
                "algorithm-4", "../results/gwf-table1-cache", "local", "");
    }

    /**
     * The settings the run uses: these, or with {@code smoke} the quick profile of them (AIDS, 40 graphs,
     * K = 4, M = 10, two epochs, seeds 0 and 1, no shared cache); every other setting is kept.
     */
    public Table1Config effective() {
        return smoke ? new Table1Config(false, "AIDS", methods, 40, 4, 10, gwbLayers, gammaPpa, gammaBadmm, learningRate, 2, batch,
                featureWeight, "0,1", fgwStructure, fgwAlpha, fgwBetaScale, fgwBetaSweep, gwbKmDiagnosis, forward, "", engine, master) : this;
    }

    public List<String> datasetList() {
        return list("datasets", datasets);
    }

    public List<String> methodList() {
        return list("methods", methods);
    }

    public long[] seedList() {
        return longs("seeds", seeds);
    }

    public double[] betaSweepScales() {
        return doubles("fgwBetaSweep", fgwBetaSweep);
    }

    public List<String> gwbKmDiagnosisDatasets() {
        return gwbKmDiagnosis.isBlank() ? List.of() : list("gwbKmDiagnosis", gwbKmDiagnosis);
    }

    /** The shared cache folder, or null for a run that keeps its results to itself. */
    public Path cache() {
        return cacheDir.isBlank() ? null : Path.of(cacheDir);
    }

    /** GWF's options (PPA's γ; the experiment gives each module its own). */
    public Gwf.Options gwfOptions() {
        return new Gwf.Options(atoms, gwbLayers, gwdLayers, Gwf.Module.PPA, gammaPpa, learningRate, epochs, batch, featureWeight, 0, 0,
                Gwf.Forward.parse(forward));
    }

    /** The experiment on the data under root, with these settings (baselines: five GWB-KM assignments). */
    public GwfClustering experiment(Path root) {
        return new GwfClustering(root, graphs, gwfOptions(), 5, Fgwk.Structure.parse(fgwStructure), fgwAlpha, fgwBetaScale,
                gammaPpa, gammaBadmm, engine, master.isBlank() ? null : master);
    }

    /** engine is "local" or "spark"; a master only with "spark" ("" for none). */
    static void checkEngine(String engine, String master) {
        if (!"local".equals(engine) && !"spark".equals(engine)) {
            throw new IllegalArgumentException("engine must be \"local\" or \"spark\", got '" + engine + "'");
        }
        if (master == null) {
            throw new IllegalArgumentException("master must be given (\"\" for none)");
        }
        if ("local".equals(engine) && !master.isBlank()) {
            throw new IllegalArgumentException("master is for engine \"spark\"; the local engine runs in the kernel (got '" + master + "')");
        }
    }

    /** The GWF settings Tables 1 and 2 share, each named as the notebooks name it. */
    static void checkGwf(int graphs, int atoms, int gwdLayers, int gwbLayers, double gammaPpa, double gammaBadmm, double learningRate,
                         int epochs, double featureWeight) {
        if (graphs < 0 || graphs == 1) {
            throw new IllegalArgumentException("graphs must be 0 (all) or at least 2, got " + graphs);
        }
        Check.positive("atoms", atoms);
        Check.positive("gwdLayers", gwdLayers);
        Check.positive("gwbLayers", gwbLayers);
        Check.positive("gammaPpa", gammaPpa);
        Check.positive("gammaBadmm", gammaBadmm);
        Check.positive("learningRate", learningRate);
        Check.positive("epochs", epochs);
        if (!(featureWeight >= 0 && featureWeight < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("featureWeight must be a finite number >= 0, got " + featureWeight);
        }
    }

    static List<String> list(String name, String csv) {
        if (csv == null || csv.isBlank()) {
            throw new IllegalArgumentException(name + " must name at least one, got '" + (csv == null ? "" : csv) + "'");
        }
        return Arrays.stream(csv.split(",")).map(String::strip).toList();
    }

    static long[] longs(String name, String csv) {
        try {
            return list(name, csv).stream().mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be whole numbers separated by commas, got '" + csv + "'");
        }
    }

    static double[] doubles(String name, String csv) {
        if (csv == null) {
            throw new IllegalArgumentException(name + " must be given (\"\" for none)");
        }
        if (csv.isBlank()) {
            return new double[0];
        }
        try {
            double[] v = list(name, csv).stream().mapToDouble(Double::parseDouble).toArray();
            for (double x : v) {
                Check.positive(name, x);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be numbers separated by commas, got '" + csv + "'");
        }
    }
}

package org.gwbench.experiments;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.gwbench.gwf.Fgwk;
import org.gwbench.gwf.Gwf;
import org.gwbench.problem.Check;

/**
 * Notebook 05's parameters cell, field for field: what one run of Table 2 (graph classification, Xu et al.
 * 2020) computes. {@link #paper()} is the paper's settings (the notebook's defaults); with {@code smoke} set,
 * the run uses {@link #effective()}: the same settings on a small problem (IMDB-BINARY, 60 graphs, K = 4,
 * M = 10, two epochs, three folds, a cache of its own).
 *
 * @param smoke run the quick profile instead ({@link #effective()})
 * @param datasets TU datasets, comma-separated
 * @param methods of {@link GwfClassification#METHODS}, comma-separated
 * @param graphs graphs per dataset (a seeded subset); 0 = all
 * @param folds outer cross-validation folds
 * @param innerFolds folds of the inner cross-validation choosing C and the width; 0 = no tuning
 * @param C the SVM's C when innerFolds = 0
 * @param labelWeight β of eq. 14
 * @param readout "classifier", "svm" or "unsupervised-svm"
 * @param atoms K
 * @param gwdLayers M
 * @param gwbLayers L
 * @param gammaPpa γ of GWF-PPA
 * @param gammaBadmm γ of GWF-BADMM
 * @param learningRate Adam's
 * @param epochs GWF training epochs
 * @param featureWeight w of the node-attribute term
 * @param seed the run's seed (subset, folds, initialisation)
 * @param fgwStructure "shortest-path" or "adjacency" (FGWK's structures)
 * @param cacheDir finished folds, shared models and FGW distances; "" keeps them for this run only
 * @param engine where FGWK's pairwise distances run: "local" (the kernel's JVM) or "spark"; the numbers are the same
 * @param master for engine "spark": "" (embedded local[*]) or a master URL such as spark://host:7077
 */
public record Table2Config(boolean smoke, String datasets, String methods, int graphs, int folds, int innerFolds, double C,
                           double labelWeight, String readout, int atoms, int gwdLayers, int gwbLayers, double gammaPpa,
                           double gammaBadmm, double learningRate, int epochs, double featureWeight, long seed,
                           String fgwStructure, String cacheDir, String engine, String master) {
    public Table2Config {
        Table1Config.checkEngine(engine, master);
        Table1Config.list("datasets", datasets);
        for (String m : Table1Config.list("methods", methods)) {
            if (!Arrays.asList(GwfClassification.METHODS).contains(m)) {
                throw new IllegalArgumentException("methods: '" + m + "' is not one of " + String.join(", ", GwfClassification.METHODS));
            }
        }
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        }
        GwfClassification.Readout.parse(readout);
        Table1Config.checkGwf(graphs, atoms, gwdLayers, gwbLayers, gammaPpa, gammaBadmm, learningRate, epochs, featureWeight);
        Fgwk.Structure.parse(fgwStructure);
        if (cacheDir == null) {
            throw new IllegalArgumentException("cacheDir must be given (\"\" for none)");
        }
        Check.positive("C", C);
        Check.positive("labelWeight", labelWeight);
        if (innerFolds != 0 && innerFolds < 2) {
            throw new IllegalArgumentException("innerFolds must be 0 (no tuning) or at least 2, got " + innerFolds);
        }
    }

    /** The paper's settings (K = 30, M = 50, L = 2, γ 0.01 / 1, ten epochs, ten folds, all graphs of PROTEINS and IMDB-B). */
    public static Table2Config paper() {
        return new Table2Config(false, "PROTEINS,IMDB-BINARY", "SPK,FGWK,GWF-BADMM,GWF-PPA,GDL", 0, 10, 5, 1.0, 1.0, "unsupervised-svm",
                30, 50, 2, 0.01, 1.0, 0.05, 10, 0.01, 0, "shortest-path", "../results/gwf-table1-cache", "local", "");
    }

    /**
     * The settings the run uses: these, or with {@code smoke} the quick profile of them (IMDB-BINARY, 60 graphs,
     * K = 4, M = 10, two epochs, three folds, no shared cache); every other setting is kept.
     */
    public Table2Config effective() {
        return smoke ? new Table2Config(false, "IMDB-BINARY", methods, 60, 3, innerFolds, C, labelWeight, readout, 4, 10, gwbLayers,
                gammaPpa, gammaBadmm, learningRate, 2, featureWeight, seed, fgwStructure, "", engine, master) : this;
    }

    public List<String> datasetList() {
        return Table1Config.list("datasets", datasets);
    }

    public List<String> methodList() {
        return Table1Config.list("methods", methods);
    }

    /** The shared cache folder, or null for a run that keeps its results to itself. */
    public Path cache() {
        return cacheDir.isBlank() ? null : Path.of(cacheDir);
    }

    /** The experiment on the data under root (GWF batches of 16 graphs; FGWK with α = 0.5 and β = the median). */
    public GwfClassification experiment(Path root) {
        Gwf.Options o = new Gwf.Options(atoms, gwbLayers, gwdLayers, Gwf.Module.PPA, gammaPpa, learningRate, epochs, 16, featureWeight,
                0, seed);
        GwfClustering clustering = new GwfClustering(root, graphs, o, 5, Fgwk.Structure.parse(fgwStructure), 0.5, 1, gammaPpa, gammaBadmm,
                engine, master.isBlank() ? null : master);
        return new GwfClassification(clustering, folds, C, labelWeight, innerFolds, GwfClassification.Readout.parse(readout));
    }
}

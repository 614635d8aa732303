package org.gwbench.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.gwbench.gwf.Gwf;
import org.gwbench.problem.ProgressListener;
import tech.tablesaw.api.Table;

/**
 * One run of notebook 04 (Table 1 of Xu et al. 2020 and its diagnoses) from a {@link Table1Config}: the
 * notebook builds the config from its parameters cell and shows what this returns. Results go to the
 * config's cache folder; a run without one keeps them in a temporary folder of its own (removed when the
 * JVM exits), so the diagnoses read this run's models either way.
 */
public final class Table1 {
    private final Table1Config config;
    private final GwfClustering experiment;
    private final Path cache;
    private final List<GwfClustering.Cell> cells = new ArrayList<>();
    private double wallSeconds;

    public Table1(Table1Config config, Path root) {
        if (config == null) {
            throw new IllegalArgumentException("config must be given");
        }
        this.config = config.effective();
        this.experiment = this.config.experiment(root);
        this.cache = this.config.cache() != null ? this.config.cache() : temporaryCache();
    }

    /** The settings this run uses (the quick profile when the config asked for it). */
    public Table1Config config() {
        return config;
    }

    public GwfClustering experiment() {
        return experiment;
    }

    /** Runs every (dataset, method, seed) cell not in the cache yet; progress lines name the dataset, method and seed. */
    public Table run() {
        long t0 = System.nanoTime();
        for (String ds : config.datasetList()) {
            cells.addAll(experiment.run(ds, config.methodList(), config.seedList(), ProgressListener.printing(ds), cache));
        }
        wallSeconds = (System.nanoTime() - t0) / 1e9;
        return GwfClustering.table(cells);
    }

    public List<GwfClustering.Cell> cells() {
        return List.copyOf(cells);
    }

    /** The settings and the wall time of {@link #run}, in one line. */
    public String summary() {
        Gwf.Options o = experiment.gwf();
        return String.format(Locale.ROOT, "wall time of this run %.0f s (cached cells count with the time they took when they ran); "
                        + "K = %d, M = %d, L = %d, γ = %s (PPA) / %s (BADMM), Adam %s, %d epochs, batch %d, feature weight %s, "
                        + "%d graphs per dataset (0 = all)", wallSeconds, o.atoms(), o.gwdLayers(), o.gwbLayers(), config.gammaPpa(),
                config.gammaBadmm(), config.learningRate(), o.epochs(), o.batch(), config.featureWeight(), config.graphs());
    }

    /** Where GWF's accuracy is lost, for every finished GWF model of this run's datasets, methods and seeds. */
    public Table diagnoses() {
        List<GwfDiagnostics.Diagnosis> rows = new ArrayList<>();
        for (String ds : config.datasetList()) {
            rows.addAll(new GwfDiagnostics(experiment).diagnose(ds, config.methodList(), config.seedList(), cache));
        }
        return GwfDiagnostics.diagnosisTable(rows);
    }

    /** FGWK against its kernel width, on the datasets whose FGWK this run computes (none without FGWK or widths). */
    public Table betaSweep() {
        List<GwfDiagnostics.BetaRow> rows = new ArrayList<>();
        double[] scales = config.betaSweepScales();
        if (config.methodList().contains("FGWK") && scales.length > 0) {
            for (String ds : config.datasetList()) {
                List<GwfDiagnostics.BetaRow> r = new GwfDiagnostics(experiment).fgwkBetaSweep(ds, scales, config.seedList(), cache);
                if (r == null) {
                    break; // interrupted
                }
                rows.addAll(r);
            }
        }
        return GwfDiagnostics.betaTable(rows);
    }

    /** GWB-KM from random graphs and from the class barycentres, on this run's datasets named in gwbKmDiagnosis. */
    public Table gwbKmDiagnosis() {
        List<GwfDiagnostics.GwbKmDiagnosis> rows = new ArrayList<>();
        if (config.methodList().contains("GWB-KM")) {
            for (String ds : config.datasetList()) {
                if (config.gwbKmDiagnosisDatasets().contains(ds)) {
                    rows.addAll(new GwfDiagnostics(experiment).diagnoseGwbKm(ds, config.seedList(), cache));
                }
            }
        }
        return GwfDiagnostics.gwbKmDiagnosisTable(rows);
    }

    /** A cache folder for one run, removed with everything in it when the JVM exits. */
    static Path temporaryCache() {
        try {
            Path dir = Files.createTempDirectory("gwbench-run-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary cache folder", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort at exit
        }
    }
}

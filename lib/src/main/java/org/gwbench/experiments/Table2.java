package org.gwbench.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gwbench.gwf.Gwf;
import org.gwbench.problem.ProgressListener;
import tech.tablesaw.api.Table;

/**
 * One run of notebook 05 (Table 2 of Xu et al. 2020) from a {@link Table2Config}. Results go to the config's
 * cache folder; a run without one keeps them in a temporary folder of its own (removed when the JVM exits).
 */
public final class Table2 {
    private final Table2Config config;
    private final GwfClassification experiment;
    private final Path cache;
    private final List<GwfClassification.Cell> cells = new ArrayList<>();

    public Table2(Table2Config config, Path root) {
        if (config == null) {
            throw new IllegalArgumentException("config must be given");
        }
        this.config = config.effective();
        this.experiment = this.config.experiment(root);
        this.cache = this.config.cache() != null ? this.config.cache() : Table1.temporaryCache();
    }

    /** The settings this run uses (the quick profile when the config asked for it). */
    public Table2Config config() {
        return config;
    }

    public GwfClassification experiment() {
        return experiment;
    }

    /** Runs every (dataset, method) cell; progress lines name the dataset, the method and the fold. */
    public Table run() {
        for (String ds : config.datasetList()) {
            for (String m : config.methodList()) {
                cells.add(experiment.run(ds, m, config.seed(), ProgressListener.printing(ds + " " + m), cache));
            }
        }
        return GwfClassification.table(cells);
    }

    public List<GwfClassification.Cell> cells() {
        return List.copyOf(cells);
    }
}

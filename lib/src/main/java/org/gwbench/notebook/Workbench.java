package org.gwbench.notebook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.gwbench.report.Charts;
import org.gwbench.report.Tables;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Kernel glue, called once by the kernel's startup script: a Tablesaw {@link Table} displays as an
 * HTML table and an XChart chart as a PNG image. When the environment variable
 * {@code GWBENCH_RESULTS} names a folder (./workbench reproduce sets it), every table displayed is
 * also written there as CSV and every chart as PNG, numbered in display order.
 */
public final class Workbench {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final AtomicInteger FIGURES = new AtomicInteger();
    private static volatile boolean installed;

    private Workbench() {
    }

    /** Registers the renderers with the running kernel; a no-op outside a kernel or when done already. */
    public static synchronized String init() {
        BaseKernel kernel = BaseKernel.notebookKernel();
        if (kernel == null || installed) {
            return banner();
        }
        kernel.getRenderer().createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((table, ctx) -> {
                    save(table);
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Tables.html(table, profileNote()));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> table.print());
                });
        kernel.getRenderer().createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG).supporting(MIMEType.TEXT_PLAIN)
                .register((chart, ctx) -> {
                    byte[] png = Charts.png(chart);
                    save(chart, png);
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(png));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> "chart: " + chart.getTitle());
                });
        installed = true;
        return banner();
    }

    /**
     * Displays obj now (table, chart or anything else the kernel renders), for cells that show more
     * than their last expression. Outside a kernel it prints obj.
     */
    public static void show(Object obj) {
        BaseKernel kernel = BaseKernel.notebookKernel();
        if (kernel == null) {
            System.out.println(obj);
            return;
        }
        kernel.display(kernel.getRenderer().render(obj));
    }

    /** One line naming the library version parts a reader of a notebook wants to know. */
    public static String banner() {
        return org.gwbench.linalg.Platform.current().banner();
    }

    private static Path resultsDir() {
        String dir = System.getenv("GWBENCH_RESULTS");
        if (dir == null || dir.isBlank()) {
            return null;
        }
        Path p = Path.of(dir);
        try {
            Files.createDirectories(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + p, e);
        }
        return p;
    }

    /**
     * The profile a headless run declared (./workbench reproduce sets {@code GWBENCH_PROFILE} to smoke or
     * full from the notebook's smoke parameter), as a note for every table's caption; null interactively.
     */
    static String profileNote() {
        String p = System.getenv("GWBENCH_PROFILE");
        if ("smoke".equals(p)) {
            return "[smoke profile: small scale, not comparable with the paper]";
        }
        return "full".equals(p) ? "[full profile]" : null;
    }

    private static void save(Table table) {
        Path dir = resultsDir();
        if (dir != null) {
            Tables.saveCsv(table, dir.resolve(String.format("table-%02d-%s.csv", TABLES.incrementAndGet(), slug(table.name()))));
        }
    }

    private static void save(Chart<?, ?> chart, byte[] png) {
        Path dir = resultsDir();
        if (dir != null) {
            try {
                Files.write(dir.resolve(String.format("figure-%02d-%s.png", FIGURES.incrementAndGet(), slug(chart.getTitle()))), png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static String slug(String s) {
        if (s == null || s.isBlank()) {
            return "untitled";
        }
        String t = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return t.length() > 40 ? t.substring(0, 40) : t;
    }

    /**
     * A listener that prints "label: step k/K, loss x, t s, ETA s" about ten times over a run (first and
     * last step included), for long runs in a notebook cell.
     */
    public static org.gwbench.problem.ProgressListener.Printer progress(String label) {
        return org.gwbench.problem.ProgressListener.printing(label, 10);
    }
}

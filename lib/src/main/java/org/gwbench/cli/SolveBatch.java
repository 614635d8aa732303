package org.gwbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.gwbench.pairwise.Engine;

/**
 * {@code ./workbench solve-batch --manifest M.csv [--engine local|spark] [--master URL]}: one {@code solve} per line of
 * the manifest, on either engine, one JSON line per problem on stdout as each finishes.
 *
 * <p>The manifest is a CSV with a header: a column {@code problem} (a {@code solve} subcommand: gw, fgw, entropic-gw,
 * …), optionally {@code id}, and one column per flag of the subcommands used (c1, c2, p, q, alpha, epsilon,
 * plan-out, …, without the dashes); an empty cell leaves the flag out. Relative paths are taken from the manifest's
 * folder (on Spark, the workers must see the same files: a shared file system). Each output line is
 * {@code {"line": L, "id": …, "exit": 0|1|2, "result": {…the solve's JSON…}}} and, for a failure,
 * {@code "error"}: the solve's one-line message. Exit code 2 when any problem failed (its line says why), with a
 * one-line count on stderr.
 */
final class SolveBatch {
    /** Flags whose values are paths (resolved against the manifest's folder). */
    private static final Set<String> PATHS = Set.of("a", "b", "cost", "c1", "c2", "p", "q", "f1", "f2", "x", "y", "structures",
            "hists", "weights", "cov1", "cov2", "plan-out", "grad-out", "map-out", "q-out", "r-out", "g-out", "out");

    private SolveBatch() {
    }

    /** One problem: its manifest line (1 = the first after the header), its id and its solve arguments. */
    record Item(int line, String id, String[] args) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A problem's exit code, stdout and stderr. */
    record Outcome(int exit, String out, String err) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Runs the batch; returns the exit code. */
    static int run(String[] argv, PrintStream out, PrintStream err) {
        Args a = new Args("solve-batch", argv, 0, Set.of("manifest", "engine", "master"));
        Path manifest = a.path("manifest");
        List<Item> items = read(manifest);
        int[] failed = {0};
        TreeSet<Integer> failedLines = new TreeSet<>();
        try (Engine engine = Engine.named(a.optional("engine") == null ? "local" : a.optional("engine"), a.optional("master"))) {
            err.println("solve-batch: " + items.size() + " problems from " + manifest.getFileName() + " on " + engine.name());
            engine.run("", items, (shared, item) -> solve(item), (item, o) -> {
                out.println(line(item, o));
                out.flush();
                if (o.exit() != Main.OK) {
                    failed[0]++;
                    failedLines.add(item.line());
                }
            });
        }
        if (failed[0] > 0) {
            err.println("error: solve-batch: " + failed[0] + " of " + items.size() + " problems failed (manifest lines " + failedLines
                    + "; their JSON lines say why)");
            return Main.BAD_INPUT;
        }
        return Main.OK;
    }

    /** One solve through the CLI's own entry point, its output captured. */
    static Outcome solve(Item item) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        String[] args = new String[item.args().length + 1];
        args[0] = "solve";
        System.arraycopy(item.args(), 0, args, 1, item.args().length);
        int code;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8); PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, po, pe);
        }
        return new Outcome(code, o.toString(StandardCharsets.UTF_8).trim(), e.toString(StandardCharsets.UTF_8).trim());
    }

    private static String line(Item item, Outcome o) {
        StringBuilder s = new StringBuilder("{\"line\": ").append(item.line());
        if (item.id() != null) {
            s.append(", \"id\": ").append(Json.quote(item.id()));
        }
        s.append(", \"exit\": ").append(o.exit());
        if (!o.out().isEmpty()) {
            s.append(", \"result\": ").append(o.out());
        }
        String error = o.err().lines().filter(l -> l.startsWith("error: ") || l.startsWith("internal error: ")).findFirst().orElse(null);
        if (error != null) {
            s.append(", \"error\": ").append(Json.quote(error.replaceFirst("^(internal )?error: ", "")));
        }
        return s.append('}').toString();
    }

    /** The manifest's problems; a malformed manifest is one clear message. */
    static List<Item> read(Path manifest) {
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--manifest: cannot read " + manifest + " (" + e.getMessage() + ")");
        }
        lines.removeIf(String::isBlank);
        if (lines.isEmpty()) {
            throw new UsageException("--manifest " + manifest + " is empty: it needs a header (problem,c1,c2,...) and a line per problem");
        }
        String[] header = cells(lines.get(0));
        int problem = indexOf(header, "problem");
        if (problem < 0) {
            throw new UsageException("--manifest " + manifest + ": the header has no column 'problem' (got " + String.join(",", header) + ")");
        }
        Path base = manifest.toAbsolutePath().getParent();
        List<Item> items = new ArrayList<>();
        for (int l = 1; l < lines.size(); l++) {
            String[] c = cells(lines.get(l));
            if (c.length != header.length) {
                throw new UsageException("--manifest " + manifest + " line " + (l + 1) + ": " + c.length + " cells for " + header.length + " columns");
            }
            List<String> args = new ArrayList<>();
            args.add(c[problem]);
            String id = null;
            for (int k = 0; k < header.length; k++) {
                if (k == problem || c[k].isEmpty()) {
                    continue;
                }
                if (header[k].equals("id")) {
                    id = c[k];
                    continue;
                }
                args.add("--" + header[k]);
                args.add(PATHS.contains(header[k]) ? base.resolve(c[k]).toString() : c[k]);
            }
            items.add(new Item(l, id, args.toArray(new String[0])));
        }
        if (items.isEmpty()) {
            throw new UsageException("--manifest " + manifest + " has a header but no problem");
        }
        return items;
    }

    private static String[] cells(String line) {
        String[] c = line.split(",", -1);
        for (int k = 0; k < c.length; k++) {
            c[k] = c[k].trim();
        }
        return c;
    }

    private static int indexOf(String[] header, String name) {
        for (int k = 0; k < header.length; k++) {
            if (header[k].equals(name)) {
                return k;
            }
        }
        return -1;
    }
}

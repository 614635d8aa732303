package org.gwbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/**
 * A notebook parameter is a promise: for every notebook whose config record is built in a cell tagged
 * "config", each declared parameter of its "parameters" cell is changed in turn, the two cells are run in
 * JShell (as papermill would: the parameters, then the injected value, then the config cell), and the
 * settings the run takes ({@code config.effective()}) must change. A parameter the config ignores, or one the
 * quick profile overrides without saying, fails here.
 */
class NotebookConfigTest {
    private static final Path NOTEBOOKS = Path.of("..", "notebooks");
    private static final Path STARTUP = Path.of("src", "main", "jshell", "startup.jsh");
    private static final Pattern DECLARATION = Pattern.compile("^\\s*(boolean|int|long|double|String)\\s+(\\w+)\\s*=\\s*([^;]+);", Pattern.MULTILINE);

    /** Other values of the notebooks' String parameters that are not lists. */
    private static final Map<String, String> OTHER = Map.of("shortest-path", "adjacency", "algorithm-4", "reference-code",
            "unsupervised-svm", "svm", "AIDS", "PROTEINS", "PPA", "BADMM", "local", "spark");

    /**
     * Parameters that only count together with another one: a Spark master needs engine "spark" (with the local
     * engine a master is an error), so master is changed against a base that already runs on Spark.
     */
    private static final Map<String, String> NEEDS = Map.of("master", "engine = \"spark\";");

    @Test
    void everyParameterChangesTheSettingsTheRunTakes() throws IOException {
        Map<String, Integer> checked = new TreeMap<>();
        try (Stream<Path> s = Files.list(NOTEBOOKS)) {
            for (Path nb : s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList()) {
                String params = cell(nb, "parameters");
                String config = cell(nb, "config");
                if (params != null && config != null) {
                    checked.put(nb.getFileName().toString(), check(nb.getFileName().toString(), params, config));
                }
            }
        }
        // Tables 1 and 2 have config records: the test must not pass by finding none
        assertTrue(checked.keySet().containsAll(List.of("04-gwf-table1-clustering.ipynb", "05-gwf-table2-classification.ipynb")),
                "notebooks with a config cell: " + checked);
        assertEquals(23, checked.get("04-gwf-table1-clustering.ipynb"), "notebook 04's parameters");
    }

    /** Changes each parameter; returns how many were checked. */
    private static int check(String name, String params, String config) throws IOException {
        Map<String, String[]> declared = new LinkedHashMap<>();
        Matcher m = DECLARATION.matcher(params);
        while (m.find()) {
            declared.put(m.group(2), new String[] {m.group(1), m.group(3).strip()});
        }
        try (JShell js = JShell.builder().executionEngine("local").build()) {
            js.addToClasspath(System.getProperty("java.class.path"));
            for (String line : Files.readAllLines(STARTUP)) {
                if (line.startsWith("import ")) {
                    eval(js, line, name);
                }
            }
            String base = settings(js, params, null, config, name);
            // the notebook's defaults are its config's paper() (a paper's table) or defaults() (a gallery)
            String profile = eval(js, "java.util.Arrays.stream(config.getClass().getMethods()).map(java.lang.reflect.Method::getName)"
                    + ".filter(x -> x.equals(\"paper\") || x.equals(\"defaults\")).findFirst().orElse(\"none\")", name);
            assertEquals("true", eval(js, "config.equals(config.getClass().getMethod(" + profile + ").invoke(null))", name),
                    name + ": the notebook's defaults are its config's " + profile + "()");
            for (Map.Entry<String, String[]> p : declared.entrySet()) {
                String needs = NEEDS.getOrDefault(p.getKey(), "");
                String value = p.getKey().equals("master") ? "\"spark://127.0.0.1:7077\"" : other(p.getValue()[0], p.getValue()[1]);
                String changed = needs + p.getKey() + " = " + value + ";";
                String before = needs.isEmpty() ? base : settings(js, params, needs, config, name);
                assertNotEquals(before, settings(js, params, changed, config, name),
                        name + ": the parameter " + p.getKey() + " does not reach the run's settings (changed with " + changed + ")");
            }
        }
        return declared.size();
    }

    /** Runs the parameters cell, an injected assignment (or none) and the config cell; the settings the run takes. */
    private static String settings(JShell js, String params, String injected, String config, String name) {
        evalCell(js, params, name);
        if (injected != null) {
            eval(js, injected, name);
        }
        evalCell(js, config, name);
        return eval(js, "config.effective().toString()", name);
    }

    private static void evalCell(JShell js, String source, String name) {
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        String rest = source;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            eval(js, info.source(), name);
            rest = info.remaining();
        }
    }

    private static String eval(JShell js, String snippet, String name) {
        String value = null;
        for (SnippetEvent e : js.eval(snippet)) {
            if (e.exception() != null) {
                fail(name + ": `" + snippet.strip() + "` threw " + e.exception());
            }
            if (e.status() == Snippet.Status.REJECTED) {
                fail(name + ": `" + snippet.strip() + "` does not compile: "
                        + js.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
            }
            value = e.value() != null ? e.value() : value;
        }
        return value;
    }

    /** A different valid value of a parameter of the given type. */
    private static String other(String type, String value) {
        return switch (type) {
            case "boolean" -> Boolean.toString(!Boolean.parseBoolean(value));
            case "int", "long" -> Long.toString(Long.parseLong(value) + 2);
            case "double" -> {
                double v = Double.parseDouble(value);
                yield Double.toString(v == 0 ? 0.5 : v / 2);
            }
            default -> {
                String text = value.substring(1, value.length() - 1);
                String changed = text.contains(",") ? text.substring(0, text.lastIndexOf(','))
                        : OTHER.containsKey(text) ? OTHER.get(text)
                        : text.isEmpty() ? "AIDS" : text + "-changed";
                yield '"' + changed + '"';
            }
        };
    }

    /** The source of the notebook's code cell with this tag, or null. */
    private static String cell(Path notebook, String tag) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            JsonObject meta = cell.getAsJsonObject("metadata");
            JsonArray tags = meta == null ? null : meta.getAsJsonArray("tags");
            if (tags != null && tags.toString().contains('"' + tag + '"')) {
                JsonElement source = cell.get("source"); // a list of lines, or one string
                if (!source.isJsonArray()) {
                    return source.getAsString();
                }
                List<String> lines = new ArrayList<>();
                source.getAsJsonArray().forEach(l -> lines.add(l.getAsString()));
                return String.join("", lines);
            }
        }
        return null;
    }
}

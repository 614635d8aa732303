package org.gwbench.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.gwbench.linalg.Mat;

/**
 * A graph dataset in the TU format (https://chrsmrrs.github.io/datasets/docs/format/): in folder
 * NAME/, {@code NAME_A.txt} (one arc "u, v" per line, 1-based global node ids),
 * {@code NAME_graph_indicator.txt} (the graph of each node), {@code NAME_graph_labels.txt}, and
 * optionally {@code NAME_node_labels.txt} and {@code NAME_node_attributes.txt} (comma-separated,
 * leading spaces allowed). Arcs listed twice (IMDB-BINARY lists each one twice) count once; the
 * adjacency is symmetrised (the four datasets of the GWF paper are undirected).
 */
public record TuDataset(String name, List<Graph> graphs, int[] labels, int[] classes) {
    /** One graph: 0/1 adjacency, node labels (null when the dataset has none), node attributes (null likewise). */
    public record Graph(Mat adjacency, int[] nodeLabels, Mat attributes) {
        public int nodes() {
            return adjacency.rows;
        }
    }

    public int size() {
        return graphs.size();
    }

    /** The class of each graph as an index 0 … classes.length − 1 (labels sorted ascending). */
    public int[] classIndices() {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = java.util.Arrays.binarySearch(classes, labels[i]);
        }
        return out;
    }

    /** Reads root/tu/NAME (or root/NAME when root already is the tu folder). */
    public static TuDataset read(Path root, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dataset name is missing");
        }
        Path dir = Files.isDirectory(root.resolve("tu").resolve(name)) ? root.resolve("tu").resolve(name) : root.resolve(name);
        if (!Files.isRegularFile(dir.resolve(name + "_A.txt"))) {
            throw new IllegalArgumentException("dataset " + name + " not found: looked for " + name + "_A.txt in "
                    + root.resolve("tu").resolve(name).toAbsolutePath().normalize() + " and "
                    + root.resolve(name).toAbsolutePath().normalize() + " (set " + DataDir.VARIABLE
                    + " to the folder that holds tu/, or run ./workbench fetch-data tu)");
        }
        int[] indicator = ints(dir.resolve(name + "_graph_indicator.txt"));
        int[] labels = ints(dir.resolve(name + "_graph_labels.txt"));
        int G = labels.length;
        int[] count = new int[G];
        int[] local = new int[indicator.length];
        for (int v = 0; v < indicator.length; v++) {
            int g = indicator[v] - 1;
            if (g < 0 || g >= G) {
                throw new IllegalArgumentException(name + "_graph_indicator.txt line " + (v + 1) + ": graph " + indicator[v]
                        + " outside 1.." + G);
            }
            local[v] = count[g]++;
        }
        Mat[] adj = new Mat[G];
        for (int g = 0; g < G; g++) {
            adj[g] = Mat.zeros(count[g], count[g]);
        }
        readArcs(dir, name, indicator, local, adj);
        Path nl = dir.resolve(name + "_node_labels.txt");
        int[] nodeLabels = Files.isRegularFile(nl) ? ints(nl) : null;
        Path na = dir.resolve(name + "_node_attributes.txt");
        double[][] attrs = Files.isRegularFile(na) ? doubles(na) : null;
        List<Graph> graphs = new ArrayList<>();
        int[] start = new int[G + 1];
        for (int g = 0; g < G; g++) {
            start[g + 1] = start[g] + count[g];
        }
        // nodes are listed graph by graph in the TU format; check it, since we index by position
        for (int v = 1; v < indicator.length; v++) {
            if (indicator[v] < indicator[v - 1]) {
                throw new IllegalArgumentException(name + "_graph_indicator.txt: nodes are not grouped by graph (line " + (v + 1) + ")");
            }
        }
        for (int g = 0; g < G; g++) {
            int[] labs = nodeLabels == null ? null : java.util.Arrays.copyOfRange(nodeLabels, start[g], start[g + 1]);
            graphs.add(new Graph(adj[g], labs, attributes(name, attrs, start[g], count[g])));
        }
        TreeSet<Integer> cls = new TreeSet<>();
        for (int l : labels) {
            cls.add(l);
        }
        return new TuDataset(name, graphs, labels, cls.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Reads NAME_A.txt (one arc "u, v" per line, 1-based node ids) into the graphs' symmetric adjacency matrices. */
    private static void readArcs(Path dir, String name, int[] indicator, int[] local, Mat[] adj) {
        List<String> arcs = lines(dir.resolve(name + "_A.txt"));
        for (int k = 0; k < arcs.size(); k++) {
            String[] t = arcs.get(k).split(",");
            if (t.length != 2) {
                throw new IllegalArgumentException(name + "_A.txt line " + (k + 1) + ": expected 'u, v'");
            }
            int u = integer(name + "_A.txt", k, t[0]) - 1;
            int v = integer(name + "_A.txt", k, t[1]) - 1;
            if (u < 0 || v < 0) {
                throw new IllegalArgumentException(name + "_A.txt line " + (k + 1) + ": node ids start at 1, got " + (Math.min(u, v) + 1));
            }
            if (u >= indicator.length || v >= indicator.length) {
                throw new IllegalArgumentException(name + "_A.txt line " + (k + 1) + ": node " + (Math.max(u, v) + 1) + ", but "
                        + name + "_graph_indicator.txt lists " + indicator.length + " nodes (is it truncated?)");
            }
            int g = indicator[u] - 1;
            if (indicator[v] - 1 != g) {
                throw new IllegalArgumentException(name + "_A.txt line " + (k + 1) + ": an arc between two graphs");
            }
            adj[g].set(local[u], local[v], 1);
            adj[g].set(local[v], local[u], 1);
        }
    }

    /** The feature rows of a graph's count nodes from the first one, or null when the dataset has no attributes. */
    private static Mat attributes(String name, double[][] attrs, int first, int count) {
        if (attrs == null) {
            return null;
        }
        int D = attrs[0].length;
        Mat F = Mat.zeros(count, D);
        for (int v = 0; v < count; v++) {
            if (attrs[first + v].length != D) {
                throw new IllegalArgumentException(name + "_node_attributes.txt line " + (first + v + 1)
                        + ": " + attrs[first + v].length + " values, expected " + D);
            }
            System.arraycopy(attrs[first + v], 0, F.data, v * D, D);
        }
        return F;
    }

    /** The first n graphs (a quick profile). */
    public TuDataset head(int n) {
        int k = Math.min(n, graphs.size());
        return new TuDataset(name, graphs.subList(0, k), java.util.Arrays.copyOf(labels, k), classes);
    }

    /** The graphs at the given positions. */
    public TuDataset select(int[] idx) {
        List<Graph> g = new ArrayList<>();
        int[] l = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            g.add(graphs.get(idx[i]));
            l[i] = labels[idx[i]];
        }
        return new TuDataset(name, g, l, classes);
    }

    /** An integer of a file's line k (0-based), or a message naming the file, the line and the text. */
    private static int integer(String file, int k, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + (k + 1) + ": '" + text.trim() + "' is not an integer");
        }
    }

    private static List<String> lines(Path file) {
        try {
            List<String> out = new ArrayList<>();
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (!all.isEmpty() && all.get(0).startsWith("\uFEFF")) {
                all.set(0, all.get(0).substring(1)); // a byte-order mark some editors write
            }
            for (String s : all) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static int[] ints(Path file) {
        List<String> l = lines(file);
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Integer.parseInt(l.get(i).split(",")[0].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1) + ": '" + l.get(i) + "' is not an integer");
            }
        }
        return out;
    }

    private static double[][] doubles(Path file) {
        List<String> l = lines(file);
        double[][] out = new double[l.size()][];
        for (int i = 0; i < out.length; i++) {
            String[] t = l.get(i).split(",");
            out[i] = new double[t.length];
            for (int k = 0; k < t.length; k++) {
                try {
                    out[i][k] = Double.parseDouble(t[k].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1) + ": '" + t[k].trim() + "' is not a number");
                }
            }
        }
        return out;
    }
}

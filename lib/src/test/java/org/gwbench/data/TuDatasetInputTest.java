package org.gwbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TU reader's messages name the file, the line and what to do; a byte-order mark is not data. */
class TuDatasetInputTest {
    @TempDir
    Path root;

    /** Two graphs: a triangle (nodes 1-3) and an edge (nodes 4-5). */
    private Path write(String arcs, String indicator) throws IOException {
        Path d = Files.createDirectories(root.resolve("tu").resolve("TOY"));
        Files.writeString(d.resolve("TOY_A.txt"), arcs);
        Files.writeString(d.resolve("TOY_graph_indicator.txt"), indicator);
        Files.writeString(d.resolve("TOY_graph_labels.txt"), "1\n-1\n");
        return d;
    }

    private static final String ARCS = "1, 2\n2, 3\n3, 1\n4, 5\n";
    private static final String INDICATOR = "1\n1\n1\n2\n2\n";

    @Test
    void readsTheToyAndIgnoresAByteOrderMark() throws IOException {
        write("\uFEFF" + ARCS, "\uFEFF" + INDICATOR);
        TuDataset t = TuDataset.read(root, "TOY");
        assertEquals(2, t.graphs().size());
        assertEquals(3, t.graphs().get(0).nodes());
        assertEquals(1, t.graphs().get(0).adjacency().get(0, 1), 0);
        // root may also be the tu folder itself
        assertEquals(2, TuDataset.read(root.resolve("tu"), "TOY").graphs().size());
    }

    @Test
    void aNonNumberNamesTheFileAndLine() throws IOException {
        write("1, 2\n2, x\n", INDICATOR);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TuDataset.read(root, "TOY"));
        assertEquals("TOY_A.txt line 2: 'x' is not an integer", e.getMessage());
    }

    @Test
    void aTruncatedIndicatorIsNamedAsSuch() throws IOException {
        write(ARCS, "1\n1\n1\n2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TuDataset.read(root, "TOY"));
        assertTrue(e.getMessage().contains("TOY_graph_indicator.txt lists 4 nodes (is it truncated?)"), e.getMessage());
    }

    @Test
    void aMissingDatasetSaysWhereItLooked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TuDataset.read(root.resolve("tu"), "MUTAG"));
        assertTrue(e.getMessage().contains(root.resolve("tu").resolve("MUTAG").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("fetch-data"), e.getMessage());
    }

    @Test
    void aCsvByteOrderMarkIsNotData() throws IOException {
        Path f = root.resolve("bom.csv");
        Files.writeString(f, "\uFEFF0,1\n2,3\n");
        assertEquals(0.0, Csv.readMatrix("--c1", f).get(0, 0), 0);
    }
}

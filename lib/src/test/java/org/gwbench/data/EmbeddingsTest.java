package org.gwbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingsTest {
    @TempDir
    Path dir;

    @Test
    void readsGloveWord2vecAndGzip() throws IOException {
        Path glove = dir.resolve("g.txt");
        Files.writeString(glove, "the 0.5 -1 2\nof 1 2 3\nthe 9 9 9\n", StandardCharsets.UTF_8);
        Embeddings e = Embeddings.read(glove, 0);
        assertEquals(List.of("the", "of"), e.words(), "a repeated word keeps its first vector");
        assertEquals(3, e.dim());
        assertEquals(-1, e.vectors().get(0, 1), 0);

        Path vec = dir.resolve("w.vec.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(vec))) {
            o.write("2 2\nchat 1 0\nchien\t0 1\n".getBytes(StandardCharsets.UTF_8));
        }
        Embeddings w = Embeddings.read(vec, 0);
        assertEquals(List.of("chat", "chien"), w.words(), "the count/dim header is skipped, tabs split");
        assertEquals(1, w.vectors().get(1, 1), 0);
        assertEquals(1, Embeddings.read(glove, 1).size());
    }

    @Test
    void badFilesGiveOneClearMessage() throws IOException {
        Path ragged = dir.resolve("r.txt");
        Files.writeString(ragged, "a 1 2\nb 1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Embeddings.read(ragged, 0));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Embeddings.read(dir.resolve("none.txt"), 0));
        assertTrue(e.getMessage().contains("fetch-data") && e.getMessage().contains("none.txt"), e.getMessage());
    }

    @Test
    void vocabularyOperations() throws IOException {
        Path a = dir.resolve("a.txt");
        Files.writeString(a, "x 3 4\ny 0 2\nz 1 1\n");
        Path b = dir.resolve("b.txt");
        Files.writeString(b, "z 1\nx 2\nq 5\n");
        Embeddings ea = Embeddings.read(a, 0);
        Embeddings eb = Embeddings.read(b, 0);
        assertEquals(List.of("x", "z"), ea.sharedWords(eb));
        Embeddings n = ea.normalised();
        assertEquals(0.6, n.vectors().get(0, 0), 1e-15);
        Embeddings c = ea.centred();
        assertEquals(0, c.vectors().get(0, 0) + c.vectors().get(1, 0) + c.vectors().get(2, 0), 1e-15);
        Embeddings p = ea.normaliseCentreNormalise();
        for (int i = 0; i < 3; i++) {
            double s = p.vectors().get(i, 0) * p.vectors().get(i, 0) + p.vectors().get(i, 1) * p.vectors().get(i, 1);
            assertEquals(1, s, 1e-12);
        }
        assertEquals(List.of("z", "x"), eb.subset(List.of("z", "x")).words());
        assertThrows(IllegalArgumentException.class, () -> eb.subset(List.of("nope")));
    }

    @Test
    void museDictionariesSplitOnAnyWhitespace() throws IOException {
        Path d = dir.resolve("en-fr.txt");
        Files.writeString(d, "cat chat\ncat\tminou\ndog chien\n\n");
        Map<String, List<String>> m = Embeddings.readDictionary(d);
        assertEquals(List.of("chat", "minou"), m.get("cat"));
        assertEquals(2, m.size());
        Files.writeString(d, "cat chat minou\n");
        assertThrows(IllegalArgumentException.class, () -> Embeddings.readDictionary(d));
    }

    /** The shared data: the Wiki 100d/50d prefixes share the first 2446 words in order (SOURCES.md §2b). */
    @Test
    void sharedGloveSubsetsWhenPresent() {
        Path root = DataDir.root().resolve("embeddings/glove_6B");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(root), "GWBENCH_DATA not set to the shared data");
        Embeddings e100 = Embeddings.read(root.resolve("glove.6B.100d.first2604.txt"), 0);
        Embeddings e50 = Embeddings.read(root.resolve("glove.6B.50d.first2446.txt"), 0);
        assertEquals(2604, e100.size());
        assertEquals(100, e100.dim());
        assertEquals(2446, e50.size());
        assertEquals(e50.words(), e100.sharedWords(e50));
        assertEquals("the", e50.words().get(0));
        assertEquals(0.418, e50.vectors().get(0, 0), 0);
    }
}

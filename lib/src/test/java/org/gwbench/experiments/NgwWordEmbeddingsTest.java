package org.gwbench.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gwbench.data.DataDir;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NgwWordEmbeddingsTest {
    @TempDir
    Path dir;

    @Test
    void missingDataNamesTheFolderAndTheFetchCommand() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NgwWordEmbeddings.sharedVocabulary("x", dir, NgwWordEmbeddings.WIKI_100, NgwWordEmbeddings.WIKI_50, 0, 0));
        assertTrue(e.getMessage().contains(dir.resolve("embeddings").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("./workbench fetch-data"), e.getMessage());
        assertNull(NgwWordEmbeddings.musePair(dir, "en", "fr", 10), "no fastText vectors: no MUSE pair");
    }

    @Test
    void wikiPairAndPcaSubstituteOnTheSharedData() {
        Path root = DataDir.root();
        Assumptions.assumeTrue(Files.isDirectory(root.resolve("embeddings/glove_6B")), "GWBENCH_DATA not set to the shared data");
        NgwWordEmbeddings.Pair p = NgwWordEmbeddings.sharedVocabulary("wiki", root, NgwWordEmbeddings.WIKI_100,
                NgwWordEmbeddings.WIKI_50, 500, 0);
        assertEquals(500, p.source().size());
        assertEquals(100, p.source().dim());
        assertEquals(50, p.target().dim());
        assertEquals(p.source().words(), p.target().words());
        assertEquals(17, p.gold()[17][0]);
        NgwWordEmbeddings.Pair pca = NgwWordEmbeddings.pcaSubstitute("pca", p, 25);
        assertEquals(25, pca.target().dim());
        double s = 0;
        for (int k = 0; k < 25; k++) {
            s += pca.target().vectors().get(3, k) * pca.target().vectors().get(3, k);
        }
        assertEquals(1, s, 1e-12);
        assertEquals(14, NgwWordEmbeddings.paperTable2().rowCount() + 9);
        assertEquals(30, NgwWordEmbeddings.paperTable3().rowCount());
    }
}

package org.gwbench.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gwbench.data.DataDir;
import org.gwbench.gwf.Gwf;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GwfClassificationTest {
    @Test
    void finishedFoldsAreCachedAndReadBack(@TempDir Path cache) throws Exception {
        Path root = DataDir.root();
        Assumptions.assumeTrue(Files.isDirectory(root.resolve("tu/IMDB-BINARY")), "GWBENCH_DATA not set to the shared data");
        Gwf.Options o = new Gwf.Options(3, 1, 5, Gwf.Module.PPA, 0.01, 0.05, 1, 8, 0.01, 0, 0);
        GwfClassification exp = new GwfClassification(new GwfClustering(root, 24, o, 2), 3, 1.0, 1.0);
        GwfClassification.Cell first = exp.run("IMDB-BINARY", "GWF-PPA", 0, Gwf.Listener.NONE, cache);
        Path dir = cache.resolve(exp.configTag()).resolve("IMDB-BINARY");
        for (int f = 0; f < 3; f++) {
            assertTrue(Files.isRegularFile(dir.resolve("GWF-PPA-seed0-fold" + f + ".txt")), "fold " + f);
        }
        Files.writeString(dir.resolve("GWF-PPA-seed0-fold1.txt"), "42.5 3.0\n");
        GwfClassification.Cell second = exp.run("IMDB-BINARY", "GWF-PPA", 0, e -> {
            throw new AssertionError("trained again");
        }, cache);
        assertEquals(first.foldAccuracies()[0], second.foldAccuracies()[0], 0);
        assertEquals(42.5, second.foldAccuracies()[1], 0);
        assertEquals(first.foldAccuracies()[2], second.foldAccuracies()[2], 0);
    }
}

package org.gwbench.experiments;

import org.gwbench.problem.ProgressListener;
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
        GwfClassification.Cell first = exp.run("IMDB-BINARY", "GWF-PPA", 0, ProgressListener.NONE, cache);
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

    @Test
    void theUnsupervisedReadoutTrainsOneModelWithoutLabelsAndScoresEveryFold(@TempDir Path cache) {
        Path root = DataDir.root();
        Assumptions.assumeTrue(Files.isDirectory(root.resolve("tu/IMDB-BINARY")), "GWBENCH_DATA not set to the shared data");
        Gwf.Options o = new Gwf.Options(3, 1, 5, Gwf.Module.PPA, 0.01, 0.05, 1, 8, 0.01, 0, 0);
        GwfClustering clustering = new GwfClustering(root, 30, o, 2);
        GwfClassification exp = new GwfClassification(clustering, 3, 1.0, 1.0, 2, GwfClassification.Readout.UNSUPERVISED_SVM);
        int[] epochs = {0};
        GwfClassification.Cell a = exp.run("IMDB-BINARY", "GWF-PPA", 0, e -> epochs[0]++, cache);
        assertEquals(3, a.foldAccuracies().length);
        assertEquals(1, epochs[0], "one model of one epoch for all folds");
        // the model is the one Table 1 clusters: cached there, and read back instead of trained again
        GwfClassification.Cell b = exp.run("IMDB-BINARY", "GWF-PPA", 0, e -> {
            throw new AssertionError("trained again");
        }, cache);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.foldAccuracies(), b.foldAccuracies(), 0);
        Gwf table1 = clustering.trainOrLoad(clustering.load("IMDB-BINARY", 0), Gwf.Module.PPA, 0, e -> {
            throw new AssertionError("trained again");
        }, cache);
        assertEquals(30, table1.embeddings().rows);
    }

    @Test
    void tunedFoldsChooseWidthAndCInsideTheTrainingFolds() {
        Path root = DataDir.root();
        Assumptions.assumeTrue(Files.isDirectory(root.resolve("tu/IMDB-BINARY")), "GWBENCH_DATA not set to the shared data");
        Gwf.Options o = new Gwf.Options(3, 1, 5, Gwf.Module.PPA, 0.01, 0.05, 1, 8, 0.01, 0, 0);
        GwfClustering clustering = new GwfClustering(root, 40, o, 2);
        GwfClassification tuned = new GwfClassification(clustering, 3, 1.0, 1.0, 3);
        GwfClassification.Cell a = tuned.run("IMDB-BINARY", "FGWK", 0, ProgressListener.NONE, null);
        assertEquals(3, a.foldAccuracies().length);
        for (double v : a.foldAccuracies()) {
            assertTrue(v >= 0 && v <= 100, "accuracy " + v);
        }
        GwfClassification.Cell b = tuned.run("IMDB-BINARY", "FGWK", 0, ProgressListener.NONE, null);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.foldAccuracies(), b.foldAccuracies(), 0, "same seed, same result");
        assertTrue(tuned.configTag().endsWith("-inner3-classifier"), tuned.configTag());
        GwfClassification plain = new GwfClassification(clustering, 3, 1.0, 1.0);
        assertEquals(1, plain.kernels(org.gwbench.linalg.Mat.zeros(3, 3), 1).size());
        assertEquals(GwfClassification.WIDTH_GRID.length, tuned.kernels(org.gwbench.linalg.Mat.zeros(3, 3), 1).size());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new GwfClassification(clustering, 3, 1.0, 1.0, 1));
        assertTrue(e.getMessage().startsWith("innerFolds"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> GwfClassification.Readout.parse("knn"));
        assertTrue(e.getMessage().startsWith("readout") && e.getMessage().contains("knn"), e.getMessage());
        assertEquals(GwfClassification.Readout.SVM, GwfClassification.Readout.parse(" SVM"));
        assertEquals(GwfClassification.Readout.UNSUPERVISED_SVM, GwfClassification.Readout.parse("unsupervised-svm"));
        GwfClassification svm = new GwfClassification(clustering, 3, 1.0, 1.0, 3, GwfClassification.Readout.SVM);
        assertTrue(!svm.configTag().equals(tuned.configTag()), "the readouts' folds are cached apart");
    }
}

package org.gwbench.experiments;

import org.gwbench.problem.ProgressListener;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gwbench.data.DataDir;
import org.gwbench.gwf.Clustering;
import org.gwbench.gwf.Fgwk;
import org.gwbench.gwf.GraphSet;
import org.gwbench.gwf.GwbKMeans;
import org.gwbench.gwf.Gwf;
import org.gwbench.gwf.GwfTrainer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GwfClusteringTest {
    private static GwfClustering small(int graphs, int epochs) {
        Path root = DataDir.root();
        Assumptions.assumeTrue(Files.isDirectory(root.resolve("tu/AIDS")), "GWBENCH_DATA not set to the shared data");
        return new GwfClustering(root, graphs, new Gwf.Options(3, 1, 5, Gwf.Module.PPA, 0.01, 0.05, epochs, 8, 0.01, 0, 0), 2);
    }

    @Test
    void finishedSeedsAreCachedAndReadBackInsteadOfRerun(@TempDir Path cache) throws Exception {
        GwfClustering exp = small(16, 1);
        List<GwfClustering.Cell> first = exp.run("AIDS", List.of("GWB-KM", "GWF-PPA"), new long[] {0, 1}, ProgressListener.NONE, cache);
        Path dir = cache.resolve(exp.configTag()).resolve("AIDS");
        for (String f : List.of("GWB-KM-seed0.txt", "GWB-KM-seed1.txt", "GWF-PPA-seed0.txt", "GWF-PPA-seed1.txt")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        // a result that no run could give: a second call must read it, not recompute
        Files.writeString(dir.resolve("GWF-PPA-seed1.txt"), "42.5 7.25\n");
        List<GwfClustering.Cell> second = exp.run("AIDS", List.of("GWB-KM", "GWF-PPA"), new long[] {0, 1}, ProgressListener.NONE, cache);
        assertEquals(first.get(0).accuracies()[0], second.get(0).accuracies()[0], 0);
        assertEquals(first.get(0).accuracies()[1], second.get(0).accuracies()[1], 0);
        assertEquals(first.get(1).accuracies()[0], second.get(1).accuracies()[0], 0);
        assertEquals(42.5, second.get(1).accuracies()[1], 0);
        double seed0 = Double.parseDouble(Files.readString(dir.resolve("GWF-PPA-seed0.txt")).trim().split("\\s+")[1]);
        assertEquals(seed0 + 7.25, second.get(1).seconds(), 1e-9);
        // the trained models are kept beside the results and come back from trainOrLoad unchanged
        GraphSet data = exp.load("AIDS", 0);
        Path model = dir.resolve("GWF-PPA-seed0-model");
        assertTrue(Files.isRegularFile(model.resolve("model.txt")), "model saved");
        Gwf loaded = exp.trainOrLoad(data, Gwf.Module.PPA, 0, e -> {
            throw new AssertionError("trained again");
        }, cache);
        Gwf fresh = exp.train(data, Gwf.Module.PPA, 0, ProgressListener.NONE);
        org.junit.jupiter.api.Assertions.assertArrayEquals(fresh.embeddings().data, loaded.embeddings().data, 1e-15);
        org.junit.jupiter.api.Assertions.assertArrayEquals(fresh.losses(), loaded.losses(), 1e-15);
        // the diagnosis reads the finished models and reproduces the table's k-means accuracy
        List<GwfDiagnostics.Diagnosis> diag = new GwfDiagnostics(exp).diagnose("AIDS", List.of("GWB-KM", "GWF-PPA", "GWF-BADMM"), new long[] {0, 1, 2}, cache);
        assertEquals(2, diag.size(), "GWF-PPA seeds 0 and 1 are cached, nothing else is a GWF model");
        assertEquals(first.get(1).accuracies()[0], 100 * diag.get(0).kMeansAccuracy(), 1e-9);
        Gwf model0 = Gwf.load(model, loaded.options());
        assertEquals(Clustering.inertia(model0.embeddings(), data.truth()), diag.get(0).classInertia(), 0);
        assertTrue(diag.get(0).nearestNeighbourAccuracy() >= 0 && diag.get(0).nearestNeighbourAccuracy() <= 1);
        assertEquals(2, GwfDiagnostics.diagnosisTable(diag).rowCount());
        assertTrue(new GwfDiagnostics(exp).diagnose("AIDS", List.of("GWF-PPA"), new long[] {0}, null).isEmpty());
        assertEquals(data.sizeRuleAccuracy(), diag.get(0).sizeRuleAccuracy(), 0);
        // other settings, another folder: nothing is reused across configurations
        assertNotEquals(exp.configTag(), small(16, 2).configTag());
        GwfClustering ref = new GwfClustering(exp.root(), 16, exp.gwf().withForward(Gwf.Forward.REFERENCE_CODE), 2);
        assertEquals(exp.configTag() + "-reference-code", ref.configTag());
        assertEquals(Gwf.Forward.REFERENCE_CODE, ref.train(data, Gwf.Module.PPA, 0, ProgressListener.NONE).options().forward(),
                "the forward pass reaches the trained model");
    }

    /**
     * Each module's γ reaches the model it trains and changes what it learns: notebook 04's gammaBadmm and
     * notebook 06's gamma with module = BADMM once read a mutable static and did nothing.
     */
    @Test
    void eachModulesGammaReachesItsTrainingAndChangesTheResult() {
        GwfClustering exp = small(12, 1);
        GraphSet data = exp.load("AIDS", 0);
        GwfClustering other = new GwfClustering(exp.root(), exp.maxGraphs(), exp.gwf(), exp.baselineIterations(),
                exp.fgwStructure(), exp.fgwAlpha(), exp.fgwBetaScale(), exp.ppaGamma(), 0.25);
        assertEquals(1.0, exp.gamma(Gwf.Module.BADMM), 0, "the paper's BADMM gamma when the options are PPA's");
        assertEquals(0.25, other.train(data, Gwf.Module.BADMM, 0, ProgressListener.NONE).options().gamma(), 0);
        assertNotEquals(exp.configTag(), other.configTag(), "results cached under another gamma are not reused");
        double[] paper = exp.train(data, Gwf.Module.BADMM, 0, ProgressListener.NONE).embeddings().data;
        double[] changed = other.train(data, Gwf.Module.BADMM, 0, ProgressListener.NONE).embeddings().data;
        assertTrue(!java.util.Arrays.equals(paper, changed), "gammaBadmm changes the BADMM embeddings");
        assertTrue(java.util.Arrays.equals(paper, exp.train(data, Gwf.Module.BADMM, 0, ProgressListener.NONE).embeddings().data),
                "the same gamma gives the same bits");
        double[] ppa = exp.train(data, Gwf.Module.PPA, 0, ProgressListener.NONE).embeddings().data;
        GwfClustering ppaOther = new GwfClustering(exp.root(), exp.maxGraphs(), exp.gwf(), exp.baselineIterations(),
                exp.fgwStructure(), exp.fgwAlpha(), exp.fgwBetaScale(), 0.05, exp.badmmGamma());
        assertTrue(!java.util.Arrays.equals(ppa, ppaOther.train(data, Gwf.Module.PPA, 0, ProgressListener.NONE).embeddings().data),
                "gammaPpa changes the PPA embeddings");

        // notebook 06: options of module BADMM with its gamma, the short constructor
        Gwf.Options badmm = new Gwf.Options(3, 1, 5, Gwf.Module.BADMM, 0.4, 0.05, 1, 8, 0.01, 0, 0);
        GwfClustering six = new GwfClustering(exp.root(), 12, badmm, 2);
        assertEquals(0.4, six.gamma(Gwf.Module.BADMM), 0);
        assertEquals(Gwf.Options.paper(Gwf.Module.PPA, 0).gamma(), six.gamma(Gwf.Module.PPA), 0);
        assertEquals(0.4, six.train(data, Gwf.Module.BADMM, 0, ProgressListener.NONE).options().gamma(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GwfClustering(exp.root(), 12,
                exp.gwf(), 2, exp.fgwStructure(), 0.5, 1, 0.01, 0));
        assertTrue(e.getMessage().contains("badmmGamma"), e.getMessage());
    }

    @Test
    void gwbKmReportsItsObjectiveAndTheClassStartKeepsSeparatedClasses(@TempDir Path cache) throws Exception {
        // two classes a structure tells apart: paths and complete graphs of 5 to 7 nodes
        java.util.List<Gwf.Sample> samples = new java.util.ArrayList<>();
        int[] truth = new int[12];
        for (int i = 0; i < 12; i++) {
            int n = 5 + i % 3;
            org.gwbench.linalg.Mat A = org.gwbench.linalg.Mat.zeros(n, n);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    boolean edge = i < 6 ? Math.abs(a - b) == 1 : a != b;
                    A.set(a, b, edge ? 1 : 0);
                }
            }
            samples.add(Gwf.Sample.uniform(A, null));
            truth[i] = i < 6 ? 0 : 1;
        }
        GraphSet data = new GraphSet("toy", samples, truth, 2);
        GwfClustering exp = new GwfClustering(cache, 0, new Gwf.Options(3, 1, 5, Gwf.Module.PPA, 0.01, 0.05, 1, 8, 0, 0, 0), 4);
        org.gwbench.gw.ExactGw solver = new org.gwbench.gw.ExactGw(org.gwbench.gw.ExactGwOptions.defaults());
        for (GwbKMeans.Result r : List.of(exp.gwbKMeans().run(data, GwbKMeans.randomCentres(data, 3)), exp.gwbKMeans().fromClasses(data, 3))) {
            assertTrue(r.assignments() >= 1 && r.assignments() <= 4);
            double sum = 0;
            for (int i = 0; i < 12; i++) {
                double d0 = Fgwk.fgw(samples.get(i), r.centres().get(0), solver, 0.5);
                double d1 = Fgwk.fgw(samples.get(i), r.centres().get(1), solver, 0.5);
                assertEquals(d0 <= d1 ? 0 : 1, r.labels()[i], "graph " + i + " goes to its nearest centre");
                sum += Math.min(d0, d1);
            }
            assertEquals(sum, r.objective(), 1e-12 * Math.max(1, sum), "the objective is the sum of the nearest distances");
        }
        assertEquals(1.0, Clustering.accuracy(truth, exp.gwbKMeans().fromClasses(data, 3).labels()), 0);
        assertThrows(IllegalArgumentException.class, () -> exp.gwbKMeans().run(data, List.of()));
        GraphSet oneClass = new GraphSet("toy", samples, new int[12], 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> exp.gwbKMeans().fromClasses(oneClass, 0));
        assertTrue(e.getMessage().contains("class 1"), e.getMessage());
    }

    @Test
    void theGwbKmDiagnosisIsCachedPerSeed(@TempDir Path cache) throws Exception {
        GwfClustering exp = small(16, 1);
        List<GwfDiagnostics.GwbKmDiagnosis> first = new GwfDiagnostics(exp).diagnoseGwbKm("AIDS", new long[] {0, 1}, cache);
        assertEquals(2, first.size());
        GraphSet data = exp.load("AIDS", 1);
        GwbKMeans.Result again = exp.gwbKMeans().run(data, GwbKMeans.randomCentres(data, 1));
        assertEquals(Clustering.accuracy(data.truth(), again.labels()), first.get(1).accuracy(), 0);
        assertEquals(again.objective(), first.get(1).objective(), 0);
        assertEquals(100 * first.get(1).accuracy(), exp.run("AIDS", List.of("GWB-KM"), new long[] {1}, ProgressListener.NONE).get(0).accuracies()[0], 1e-12,
                "the random start is the table's GWB-KM run");
        Path file = cache.resolve(exp.configTag()).resolve("AIDS").resolve("GWB-KM-diagnosis-seed0.txt");
        Files.writeString(file, "0.25 10 0.75 5\n"); // no run gives these: a second call must read them
        List<GwfDiagnostics.GwbKmDiagnosis> second = new GwfDiagnostics(exp).diagnoseGwbKm("AIDS", new long[] {0, 1}, cache);
        assertEquals(new GwfDiagnostics.GwbKmDiagnosis("AIDS", 0, 0.25, 10, 0.75, 5), second.get(0));
        assertEquals(first.get(1), second.get(1));
        assertEquals(2, GwfDiagnostics.gwbKmDiagnosisTable(second).rowCount());
        // GWB-KM fuses with the baselines' alpha: at alpha = 1 it is GWB-KM on the structures alone
        GwfClustering structure = new GwfClustering(exp.root(), 16, exp.gwf(), 2, Fgwk.Structure.SHORTEST_PATH, 1.0);
        java.util.List<Gwf.Sample> bare = new java.util.ArrayList<>();
        for (Gwf.Sample x : data.samples()) {
            bare.add(new Gwf.Sample(x.C(), x.mu(), null));
        }
        GraphSet noAttributes = new GraphSet("AIDS", bare, data.truth(), data.classes());
        GwbKMeans.Result a1 = structure.gwbKMeans().run(data, GwbKMeans.randomCentres(data, 1));
        GwbKMeans.Result plain = exp.gwbKMeans().run(noAttributes, GwbKMeans.randomCentres(noAttributes, 1));
        org.junit.jupiter.api.Assertions.assertArrayEquals(plain.labels(), a1.labels());
        assertEquals(plain.objective(), a1.objective(), 0);
        assertNotEquals(again.objective(), a1.objective(), "the attributes count at alpha = 0.5");
        structure.run("AIDS", List.of("GWB-KM"), new long[] {1}, ProgressListener.NONE, cache);
        new GwfDiagnostics(structure).diagnoseGwbKm("AIDS", new long[] {1}, cache);
        Path dir = cache.resolve(exp.configTag()).resolve("AIDS");
        assertTrue(Files.isRegularFile(dir.resolve("GWB-KM-alpha1.0-seed1.txt")), "another alpha is cached apart");
        assertTrue(Files.isRegularFile(dir.resolve("GWB-KM-alpha1.0-diagnosis-seed1.txt")));
    }

    @Test
    void theSizeRuleIsTheBestThresholdOnTheNodeCount() {
        java.util.function.IntFunction<Gwf.Sample> graph = n -> Gwf.Sample.uniform(org.gwbench.linalg.Mat.zeros(n, n), null);
        List<Gwf.Sample> s = List.of(graph.apply(3), graph.apply(4), graph.apply(9), graph.apply(10), graph.apply(5));
        // sizes 3, 4, 9, 10, 5 with classes 1, 1, 0, 0, 0: "more than 4 nodes: class 0" is right for all
        assertEquals(1.0, new GraphSet("x", s, new int[] {1, 1, 0, 0, 0}, 2).sizeRuleAccuracy(), 0);
        // class 1 also at size 9: the best threshold gets 4 of 5
        assertEquals(0.8, new GraphSet("x", s, new int[] {1, 1, 1, 0, 0}, 2).sizeRuleAccuracy(), 1e-15);
        assertTrue(Double.isNaN(new GraphSet("x", s, new int[] {1, 2, 0, 0, 0}, 3).sizeRuleAccuracy()));
    }

    @Test
    void tablesUseThePapersDatasetNames() {
        assertEquals("PROTEIN-F", GwfClustering.displayName("PROTEINS_full"));
        assertEquals("IMDB-B", GwfClustering.displayName("IMDB-BINARY"));
        assertEquals("MUTAG", GwfClustering.displayName("MUTAG"), "a dataset outside the paper keeps its name");
    }

    @Test
    void anInterruptedTrainingResumesFromItsLastEpoch(@TempDir Path cache) throws Exception {
        GwfClustering exp = small(16, 3);
        GraphSet data = exp.load("AIDS", 0);
        Gwf straight = exp.train(data, Gwf.Module.PPA, 0, ProgressListener.NONE);
        // stop during epoch 2: epoch 1 is checkpointed, the model is not saved as finished
        try {
            exp.trainOrLoad(data, Gwf.Module.PPA, 0, e -> Thread.currentThread().interrupt(), cache);
        } finally {
            Thread.interrupted();
        }
        Path dir = cache.resolve(exp.configTag()).resolve("AIDS");
        assertTrue(Files.isRegularFile(dir.resolve("GWF-PPA-seed0-model.epoch1/model.txt")), "epoch 1 checkpointed");
        assertTrue(!Files.exists(dir.resolve("GWF-PPA-seed0-model")), "not saved as finished");
        int[] epochs = {0};
        GwfTrainer.Trained t = exp.trained(data, Gwf.Module.PPA, 0, e -> epochs[0]++, cache);
        assertEquals(2, epochs[0], "epochs 2 and 3 run, epoch 1 comes from the checkpoint");
        assertTrue(t.earlierSeconds() > 0, "the first sitting's seconds are counted");
        org.junit.jupiter.api.Assertions.assertArrayEquals(straight.embeddings().data, t.model().embeddings().data, 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(straight.losses(), t.model().losses(), 0);
        assertTrue(Files.isRegularFile(dir.resolve("GWF-PPA-seed0-model/model.txt")), "saved as finished");
        try (java.util.stream.Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("GWF-PPA-seed0-model"), left.map(p -> p.getFileName().toString()).toList(),
                    "checkpoints removed");
        }
    }

    @Test
    void fgwkComparesShortestPathsWithDisconnectedPairsOneBeyondTheDiameter() {
        // a path 0-1-2 and an isolated node 3
        org.gwbench.linalg.Mat A = org.gwbench.linalg.Mat.zeros(4, 4);
        A.set(0, 1, 1);
        A.set(1, 0, 1);
        A.set(1, 2, 1);
        A.set(2, 1, 1);
        Gwf.Sample g = Gwf.Sample.uniform(A, null);
        GwfClustering sp = new GwfClustering(Path.of("."), 0, new Gwf.Options(3, 1, 5, Gwf.Module.PPA, 0.01, 0.05, 1, 8, 0, 0, 0), 2);
        assertEquals(Fgwk.Structure.SHORTEST_PATH, sp.fgwStructure(), "the default, as Vayer et al.");
        org.gwbench.linalg.Mat D = Fgwk.structures(List.of(g), sp.fgwStructure()).get(0).C();
        double[] expected = {0, 1, 2, 3, 1, 0, 1, 3, 2, 1, 0, 3, 3, 3, 3, 0};
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, D.data, 0);
        GwfClustering adj = new GwfClustering(Path.of("."), 0, sp.gwf(), 2, Fgwk.Structure.ADJACENCY);
        assertEquals(A, Fgwk.structures(List.of(g), adj.fgwStructure()).get(0).C());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fgwk.Structure.parse("sp"));
        assertTrue(e.getMessage().startsWith("fgwStructure"), e.getMessage());
        assertEquals(Fgwk.Structure.ADJACENCY, Fgwk.Structure.parse("adjacency"));
    }

    @Test
    void fgwkAlphaTradesStructureAgainstAttributes() {
        org.gwbench.linalg.Mat A = org.gwbench.graph.Graphs.symmetrised(org.gwbench.graph.Graphs.barabasiAlbert(8, 2, 1));
        org.gwbench.linalg.Mat B = org.gwbench.graph.Graphs.symmetrised(org.gwbench.graph.Graphs.barabasiAlbert(7, 2, 2));
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        org.gwbench.linalg.Mat Fa = org.gwbench.linalg.Mat.zeros(8, 2);
        org.gwbench.linalg.Mat Fb = org.gwbench.linalg.Mat.zeros(7, 2);
        for (org.gwbench.linalg.Mat F : List.of(Fa, Fb)) {
            for (int k = 0; k < F.data.length; k++) {
                F.data[k] = r.nextGaussian();
            }
        }
        Gwf.Sample a = Gwf.Sample.uniform(A, Fa);
        Gwf.Sample b = Gwf.Sample.uniform(B, Fb);
        org.gwbench.gw.ExactGw solver = new org.gwbench.gw.ExactGw(org.gwbench.gw.ExactGwOptions.defaults());
        double gw = solver.solve(new org.gwbench.gw.GwProblem(A, B, a.mu(), b.mu(), org.gwbench.gw.GwLoss.SQUARE)).value();
        assertEquals(gw, Fgwk.fgw(a, b, solver, 1.0), 0, "alpha = 1: the attributes are not used");
        assertNotEquals(Fgwk.fgw(a, b, solver, 1.0), Fgwk.fgw(a, b, solver, 0.5));
        Gwf.Options o = new Gwf.Options(3, 1, 5, Gwf.Module.PPA, 0.01, 0.05, 1, 8, 0, 0, 0);
        assertEquals(0.5, new GwfClustering(Path.of("."), 0, o, 2).fgwAlpha(), 0, "the default");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GwfClustering(Path.of("."), 0, o, 2, Fgwk.Structure.SHORTEST_PATH, 1.5));
        assertTrue(e.getMessage().startsWith("fgwAlpha"), e.getMessage());
    }

    @Test
    void theTableShowsOneDecimalAndKeepsEveryDigit() {
        tech.tablesaw.api.Table t = GwfClustering.table(List.of(
                new GwfClustering.Cell("IMDB-BINARY", "FGWK", new double[] {55.5, 55.50000000000001}, 138.152)));
        String html = org.gwbench.report.Tables.html(t);
        assertTrue(html.contains("<td>IMDB-B</td><td>FGWK</td><td>55.5</td><td>0.0</td><td>2</td><td>56.7</td><td>138</td>"), html);
        assertEquals(138.152, t.doubleColumn("wall s").get(0), 0);
    }

    @Test
    void anUnknownMethodIsNamed() {
        GwfClustering exp = small(16, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> exp.run("AIDS", List.of("GWF-XYZ"), new long[] {0}, ProgressListener.NONE, null));
        assertTrue(e.getMessage().contains("GWF-XYZ"), e.getMessage());
    }

    @Test
    void spectralClusteringSeparatesTwoBlocksOfAKernel() {
        int n = 10;
        org.gwbench.linalg.Mat K = org.gwbench.linalg.Mat.zeros(n, n);
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = i % 3 == 0 ? 1 : 0; // interleaved, unequal blocks
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = truth[i] == truth[j] ? 0.8 + 0.2 * r.nextDouble() : 0.05 * r.nextDouble();
                K.set(i, j, v);
                K.set(j, i, v);
            }
        }
        assertEquals(1.0, org.gwbench.gwf.Clustering.accuracy(truth, Fgwk.spectral(K, 2, 0)), 0);
    }

    @Test
    void theKernelWidthIsAMultipleOfTheMedianDistance() {
        org.gwbench.linalg.Mat D = org.gwbench.linalg.Mat.zeros(3, 3);
        double[] d = {1, 4, 9}; // pairs (0,1), (0,2), (1,2): median 4
        D.set(0, 1, d[0]);
        D.set(0, 2, d[1]);
        D.set(1, 2, d[2]);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < i; j++) {
                D.set(i, j, D.get(j, i));
            }
        }
        assertEquals(4, Fgwk.medianOffDiagonal(D), 0);
        org.gwbench.linalg.Mat K = Fgwk.kernelOf(D, 2.5);
        assertEquals(Math.exp(-9 / 10.0), K.get(2, 1), 1e-16);
        assertEquals(1, K.get(1, 1), 0);
        Gwf.Options o = new Gwf.Options(3, 1, 5, Gwf.Module.PPA, 0.01, 0.05, 1, 8, 0, 0, 0);
        assertEquals(1, new GwfClustering(Path.of("."), 0, o, 2).fgwBetaScale(), 0, "the default: β = the median");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GwfClustering(Path.of("."), 0, o, 2, Fgwk.Structure.SHORTEST_PATH, 0.5, 0));
        assertTrue(e.getMessage().startsWith("fgwBetaScale"), e.getMessage());
    }

    @Test
    void theBetaSweepAtOneMedianIsTheTablesFgwkAndOtherWidthsAreCachedApart(@TempDir Path cache) {
        GwfClustering exp = small(24, 1);
        long[] seeds = {0, 1};
        List<GwfDiagnostics.BetaRow> rows = new GwfDiagnostics(exp).fgwkBetaSweep("AIDS", new double[] {1, 4}, seeds, null);
        assertEquals(2, rows.size());
        GwfClustering.Cell cell = exp.run("AIDS", List.of("FGWK"), seeds, ProgressListener.NONE, null).get(0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(cell.accuracies(), rows.get(0).accuracies(), 0);
        GwfClustering wide = new GwfClustering(exp.root(), exp.maxGraphs(), exp.gwf(), exp.baselineIterations(),
                exp.fgwStructure(), exp.fgwAlpha(), 4);
        GwfClustering.Cell wideCell = wide.run("AIDS", List.of("FGWK"), seeds, ProgressListener.NONE, cache).get(0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(wideCell.accuracies(), rows.get(1).accuracies(), 0);
        assertTrue(Files.isRegularFile(cache.resolve(wide.configTag()).resolve("AIDS").resolve("FGWK-shortest-path-beta4.0-seed1.txt")),
                "a kernel width other than the median has its own cached result");
        // the largest cluster of each (width, seed), recomputed from the k-means labels of that width and seed
        // (a subset of graphs is drawn per seed)
        double[] widths = {1, 4};
        for (int s = 0; s < seeds.length; s++) {
            GraphSet data = exp.load("AIDS", seeds[s]);
            org.gwbench.linalg.Mat D = exp.fgwDistanceMatrix(data, null);
            for (int c = 0; c < 2; c++) {
                org.gwbench.linalg.Mat emb = Fgwk.spectralEmbedding(Fgwk.kernelOf(D, widths[c]), data.classes());
                int[] cl = Clustering.kMeans(emb, data.classes(), 10, seeds[s]);
                int[] size = new int[data.classes()];
                for (int l : cl) {
                    size[l]++;
                }
                double largest = 100.0 * java.util.Arrays.stream(size).max().getAsInt() / cl.length;
                assertEquals(largest, rows.get(c).largestCluster()[s], 0, "width " + widths[c] + ", seed " + seeds[s]);
            }
        }
        assertEquals(4 * rows.get(0).beta(), rows.get(1).beta(), 1e-12 * rows.get(1).beta());
        assertThrows(IllegalArgumentException.class, () -> new GwfDiagnostics(exp).fgwkBetaSweep("AIDS", new double[] {-1}, seeds, null));
    }

    @Test
    void fgwDistancesAreKeptInBlocksAndResumed(@TempDir Path dir) throws Exception {
        GwfClustering exp = small(20, 1);
        List<Gwf.Sample> s = exp.load("AIDS", 0).samples();
        org.gwbench.linalg.Mat D = Fgwk.distances(s, dir, 8);
        org.gwbench.linalg.Mat plain = Fgwk.distances(s, null, 8);
        org.junit.jupiter.api.Assertions.assertArrayEquals(plain.data, D.data, 0);
        for (int i = 0; i < 20; i++) {
            assertEquals(0, D.get(i, i), 0);
            for (int j = 0; j < 20; j++) {
                assertEquals(D.get(i, j), D.get(j, i), 0);
            }
        }
        assertEquals(List.of("rows-0-8-of-20.csv", "rows-16-20-of-20.csv", "rows-8-16-of-20.csv", "spec.txt"),
                Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList());
        assertEquals("graphs=20 method=exact alpha=0.5 block=8", Files.readString(dir.resolve("spec.txt")).trim());
        // a planted distance in the second block comes back: the block is read, not recomputed
        Path second = dir.resolve("rows-8-16-of-20.csv");
        org.gwbench.linalg.Mat R = org.gwbench.data.Csv.readMatrix("block", second);
        R.set(1, 15, 123.0); // row 9, column 15
        org.gwbench.data.Csv.write(second, R);
        org.gwbench.linalg.Mat again = Fgwk.distances(s, dir, 8);
        assertEquals(123.0, again.get(9, 15), 0);
        assertEquals(123.0, again.get(15, 9), 0);
        assertEquals(D.get(3, 17), again.get(3, 17), 0);
        // interrupted: no result and no block written
        Path other = dir.resolve("other");
        Thread.currentThread().interrupt();
        try {
            assertEquals(null, Fgwk.distances(s, other, 8));
        } finally {
            Thread.interrupted();
        }
        try (var files = Files.list(other)) {
            assertEquals(List.of("spec.txt"), files.map(p -> p.getFileName().toString()).toList(), "no block from an interrupted run");
        }
    }

    /** The CLI's --save: a training interrupted after an epoch resumes from DIR and ends on the same bits. */
    @Test
    void aSavedTrainingResumesBitIdenticallyAfterAnInterrupt(@TempDir Path dir) {
        GwfClustering exp = small(12, 3);
        GraphSet data = exp.load("AIDS", 0);
        Gwf straight = exp.train(data, Gwf.Module.PPA, 0, ProgressListener.NONE);
        Path save = dir.resolve("model");
        int[] epochs = {0};
        Gwf cut = exp.trainResumable(data, Gwf.Module.PPA, 0, e -> {
            epochs[0]++;
            if (e.step() == 1) {
                Thread.currentThread().interrupt(); // as Ctrl-C in a kernel: the epoch in hand finishes
            }
        }, save);
        boolean wasInterrupted = Thread.interrupted();
        assertTrue(wasInterrupted && cut.epochsDone() < 3, "stopped after " + cut.epochsDone() + " epochs");
        assertTrue(!Files.exists(save.resolve("model.txt")), "an interrupted training is not saved as finished");
        assertTrue(Files.isRegularFile(dir.resolve("model.epoch1").resolve("model.txt")), "epoch 1 was checkpointed");
        int[] resumedEpochs = {0};
        Gwf resumed = exp.trainResumable(data, Gwf.Module.PPA, 0, e -> resumedEpochs[0]++, save);
        assertEquals(2, resumedEpochs[0], "the rerun trains the two epochs left");
        org.junit.jupiter.api.Assertions.assertArrayEquals(straight.embeddings().data, resumed.embeddings().data, 0);
        for (int k = 0; k < straight.atoms().size(); k++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(straight.atoms().get(k).data, resumed.atoms().get(k).data, 0);
        }
        // a finished model in DIR is loaded, not trained again
        Gwf again = exp.trainResumable(data, Gwf.Module.PPA, 0, e -> {
            throw new AssertionError("trained again");
        }, save);
        org.junit.jupiter.api.Assertions.assertArrayEquals(straight.embeddings().data, again.embeddings().data, 0);
    }

    @Test
    void progressLinesNameTheMethodAndSeedThatIsTraining() {
        GwfClustering exp = small(12, 1);
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            exp.run("AIDS", List.of("GWF-PPA"), new long[] {2}, ProgressListener.printing("AIDS"), null);
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(out.contains("AIDS GWF-PPA seed 2: epoch 1/1, loss "), out);
    }
}

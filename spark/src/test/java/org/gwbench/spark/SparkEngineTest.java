package org.gwbench.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gwbench.cli.Main;
import org.gwbench.data.DataDir;
import org.gwbench.gwf.Fgwk;
import org.gwbench.gwf.GraphSet;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.pairwise.BlockStore;
import org.gwbench.pairwise.Engine;
import org.gwbench.pairwise.LocalEngine;
import org.gwbench.pairwise.Pairwise;
import org.gwbench.pairwise.PairwiseGraph;
import org.gwbench.pairwise.PairwiseSpec;
import org.gwbench.problem.ProgressListener;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SparkEngineTest {
    static Pairwise.Collection aids(int n) {
        Path root = DataDir.root();
        Assumptions.assumeTrue(Files.isDirectory(root.resolve("tu/AIDS")), "GWBENCH_DATA not set to the shared data");
        return Pairwise.Collection.ofSamples(Fgwk.structures(GraphSet.load(root, "AIDS", n, 0).samples(), Fgwk.Structure.SHORTEST_PATH));
    }

    /**
     * A standalone cluster on loopback (a master and two one-core workers, their own JVMs) computes the matrix of
     * 60 AIDS graphs that the local engine computes, bit for bit (both on the plain-Java BLAS: surefire sets
     * GWBENCH_BLAS=java and the engine passes it to the executors), writing the same block files.
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // a cluster that never runs a task fails here rather than hang the suite
    void aLoopbackClusterComputesTheLocalEnginesMatrixBitForBit(@TempDir Path dir) throws Exception {
        // Spark 4.1's executors run the job as the Spark user through Hadoop's UGI.doAs, which calls
        // Subject.getSubject: removed with the Security Manager in JDK 24 (JEP 486), so a standalone executor exits
        // at start-up there ("getSubject is not supported"). Embedded Spark (below) runs on JDK 25.
        Assumptions.assumeTrue(Runtime.version().feature() < 24,
                "standalone Spark executors need JDK 17 or 21 (Hadoop's UGI calls Subject.getSubject, gone in JDK 24+)");
        assertEquals("plain Java", Blas.active().name(), "this test compares engines on one BLAS");
        Pairwise.Collection c = aids(60);
        PairwiseSpec spec = PairwiseSpec.exact(0.5).withBlock(PairwiseSpec.defaultBlock(60));
        String line = Pairwise.describe("dataset=AIDS subset=60 seed=0 structure=shortest-path", 60, spec);
        Pairwise.Result local = Pairwise.distances(c, spec, BlockStore.open(dir.resolve("local"), line), new LocalEngine(2), ProgressListener.NONE);
        String classes = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> Files.isDirectory(Path.of(e))).collect(Collectors.joining(File.pathSeparator));
        System.setProperty("spark.executor.extraClassPath", classes); // this module's and the library's classes, unpackaged
        System.setProperty("spark.executor.memory", "512m");
        long t0 = System.nanoTime();
        Pairwise.Result onCluster;
        List<String> progress = new ArrayList<>();
        try (LoopbackCluster cluster = LoopbackCluster.start(dir.resolve("cluster"), 2); SparkEngine spark = new SparkEngine(cluster.url())) {
            assertEquals("spark " + cluster.url(), spark.name());
            onCluster = Pairwise.distances(c, spec, BlockStore.open(dir.resolve("cluster-blocks"), line), spark, p -> progress.add(p.line("pairwise")));
        } finally {
            System.clearProperty("spark.executor.extraClassPath");
            System.clearProperty("spark.executor.memory");
        }
        assertArrayEquals(local.distances().data, onCluster.distances().data, 0, "Spark's matrix is the local engine's");
        assertEquals(8, onCluster.blocks());
        assertEquals(8, progress.size(), String.join("\n", progress));
        assertTrue(onCluster.notes().size() == 1 && onCluster.notes().get(0).contains("plain-Java BLAS"), onCluster.notes().toString());
        try (Stream<Path> files = Files.list(dir.resolve("local"))) {
            for (Path f : files.toList()) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(dir.resolve("cluster-blocks").resolve(f.getFileName())), f.getFileName() + "");
            }
        }
        System.out.printf("loopback cluster (master + 2 workers, one core each): %d graphs, %d pairs in %d blocks, %.1f s with start-up; "
                + "bit-identical to the local engine; %s%n", 60, onCluster.pairs(), onCluster.blocks(), (System.nanoTime() - t0) / 1e9,
                progress.get(progress.size() - 1));
    }

    /** Embedded local[2]: the CLI's solve-batch and pairwise on Spark give the local engine's lines and files. */
    @Test
    void theCliRunsEmbeddedSparkAsTheLocalEngine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("C1.csv"), "0,1,2\n1,0,1\n2,1,0\n");
        Files.writeString(dir.resolve("C2.csv"), "0,1,1\n1,0,1\n1,1,0\n");
        Files.writeString(dir.resolve("m.csv"), "problem,c1,c2,epsilon\ngw,C1.csv,C2.csv,\nentropic-gw,C1.csv,C2.csv,0.5\ngw,C1.csv,nope.csv,\n");
        String[] local = run("solve-batch", "--manifest", dir.resolve("m.csv").toString());
        String[] spark = run("solve-batch", "--manifest", dir.resolve("m.csv").toString(), "--engine", "spark", "--master", "local[2]");
        assertEquals("2", local[0]);
        assertEquals("2", spark[0], spark[2]);
        assertEquals(withoutSeconds(local[1]), withoutSeconds(spark[1]));
        assertTrue(spark[2].contains("on spark local[2]"), spark[2]);
        Path data = DataDir.root();
        Assumptions.assumeTrue(Files.isDirectory(data.resolve("tu/AIDS")), "GWBENCH_DATA not set to the shared data");
        String[] pw = run("pairwise", "--dataset", "AIDS", "--data", data.toString(), "--graphs", "24", "--engine", "spark", "--out",
                dir.resolve("pw").toString());
        assertEquals("0", pw[0], pw[2]);
        assertTrue(pw[1].contains("\"engine\": \"spark local[*]\""), pw[1]);
        String[] pwLocal = run("pairwise", "--dataset", "AIDS", "--data", data.toString(), "--graphs", "24", "--out", dir.resolve("pw-local").toString());
        assertArrayEquals(Files.readAllBytes(dir.resolve("pw-local/distances.csv")), Files.readAllBytes(dir.resolve("pw/distances.csv")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Engine.named("spark", "mesos://x:5050"));
        assertTrue(e.getMessage().startsWith("master must be"), e.getMessage());
    }

    /** The lines sorted, without the timing fields (they differ from run to run). */
    private static List<String> withoutSeconds(String out) {
        return out.lines().map(l -> l.replaceAll("\"(seconds|elapsed_seconds)\": [0-9.eE-]+", "").replaceAll("\"runtime\": \\{[^}]*}", ""))
                .sorted().toList();
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }
}

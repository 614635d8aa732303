package org.gwbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gwbench.data.Csv;
import org.gwbench.data.DataDir;
import org.gwbench.linalg.Mat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pairwise} and {@code solve-batch}: the CLI contract, and a run killed mid-way that resumes. */
class PairwiseCliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String data() {
        Path root = DataDir.root();
        Assumptions.assumeTrue(Files.isDirectory(root.resolve("tu/AIDS")), "GWBENCH_DATA not set to the shared data");
        return root.toString();
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        String data = data();
        String[][] cases = {
            {"pairwise"},
            {"pairwise", "--dataset", "NOPE", "--data", data},
            {"pairwise", "--dataset", "AIDS", "--data", data, "--engine", "cluster"},
            {"pairwise", "--dataset", "AIDS", "--data", data, "--engine", "spark"},
            {"pairwise", "--dataset", "AIDS", "--data", data, "--master", "spark://h:7077"},
            {"pairwise", "--dataset", "AIDS", "--data", data, "--prune", "5", "--knn", "5"},
            {"pairwise", "--dataset", "AIDS", "--data", data, "--method", "fast"},
            {"pairwise", "--dataset", "AIDS", "--data", data, "--alpha", "2"},
            {"pairwise", "--dataset", "AIDS", "--data", data, "--graphs", "1"},
            {"pairwise", "--dataset", "AIDS", "--data", data, "--graphs", "12", "--knn", "12"},
            {"solve-batch"},
            {"solve-batch", "--manifest", "/nonexistent/m.csv"},
        };
        String[] expect = {"missing required flag --dataset", "not found", "engine must be local or spark", "the spark module is not on the class path",
            "--master is for --engine spark", "--prune K computes only the K nearest", "method must be exact, entropic or ppa",
            "alpha must be in [0, 1]", "--graphs must be 0", "must be below the number of graphs (12), got 12", "--manifest", "cannot read"};
        for (int k = 0; k < cases.length; k++) {
            Run r = run(cases[k]);
            assertEquals(2, r.code(), String.join(" ", cases[k]) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), String.join(" ", cases[k]) + ": " + r.err());
            assertTrue(r.err().contains(expect[k]), String.join(" ", cases[k]) + ": " + r.err());
            assertEquals("", r.out());
        }
    }

    /** The JSON names what ran, the files are written, the kernel and the neighbours are the matrix's. */
    @Test
    void aRunWritesTheMatrixKernelAndNeighbours() {
        Path out = dir.resolve("aids");
        Run r = run("pairwise", "--dataset", "AIDS", "--data", data(), "--graphs", "24", "--out", out.toString(), "--knn", "3", "--kernel", "2");
        assertEquals(0, r.code(), r.err());
        for (String s : List.of("\"graphs\": 24", "\"pairs\": 276", "\"exact_solves\": 276", "\"blocks\": 8", "\"engine\": \"local (",
                "\"files\": [\"labels.csv\", \"distances.csv\", \"kernel.csv\", \"knn-index.csv\", \"knn-distance.csv\"]")) {
            assertTrue(r.out().contains(s), s + " in " + r.out());
        }
        assertTrue(r.err().contains("pairwise: block 8/8, pairs/s"), r.err());
        Mat D = Csv.readMatrix("D", out.resolve("distances.csv"));
        Mat K = Csv.readMatrix("K", out.resolve("kernel.csv"));
        assertArrayEquals(org.gwbench.gwf.Fgwk.kernelOf(D, 2).data, K.data, 0);
        Mat I = Csv.readMatrix("I", out.resolve("knn-index.csv"));
        int[][] nn = org.gwbench.pairwise.Pairwise.nearestOf(D, 3);
        for (int i = 0; i < 24; i++) {
            for (int t = 0; t < 3; t++) {
                assertEquals(nn[i][t], (int) I.get(i, t));
            }
        }
        Run again = run("pairwise", "--dataset", "AIDS", "--data", data(), "--graphs", "24", "--out", out.toString());
        assertTrue(again.out().contains("\"blocks_cached\": 8") && again.out().contains("\"exact_solves\": 0"), again.out());
        Run other = run("pairwise", "--dataset", "AIDS", "--data", data(), "--graphs", "24", "--out", out.toString(), "--alpha", "1");
        assertEquals(2, other.code());
        assertTrue(other.err().contains("holds blocks of other settings"), other.err());
    }

    /**
     * A pairwise run in its own JVM, killed (SIGKILL) once some blocks are on disk: every block file left is whole,
     * and the rerun computes only the missing blocks and ends on the uninterrupted run's matrix, bit for bit.
     */
    @Test
    void aKilledRunResumesWhereItStopped() throws Exception {
        String data = data();
        Path out = dir.resolve("killed");
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        // this JVM's flags (the Vector API, native access for OpenBLAS's thread control): the same arithmetic
        List<String> cmd = new ArrayList<>(List.of(javaBin));
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.gwbench.cli.Main", "pairwise",
                "--dataset", "AIDS", "--data", data, "--graphs", "160", "--block", "4", "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (blocks(out) < 3 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the run ended before it could be killed: " + Files.readString(dir.resolve("killed.log")));
        p.destroyForcibly().waitFor();
        int left = blocks(out);
        assertTrue(left >= 3 && left < 40, left + " blocks of 40 on disk");
        try (var files = Files.list(out)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("rows-\\d+-\\d+-of-160\\.csv")).toList()) {
                assertEquals(4, Csv.readMatrix("block", f).rows, f + " is whole");
            }
        }
        Run resumed = run("pairwise", "--dataset", "AIDS", "--data", data, "--graphs", "160", "--block", "4", "--out", out.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("\"blocks_cached\": " + left + ","), left + " cached: " + resumed.out());
        Run straight = run("pairwise", "--dataset", "AIDS", "--data", data, "--graphs", "160", "--block", "4", "--out", dir.resolve("straight").toString());
        assertEquals(0, straight.code(), straight.err());
        assertArrayEquals(Csv.readMatrix("D", dir.resolve("straight/distances.csv")).data, Csv.readMatrix("D", out.resolve("distances.csv")).data, 0);
    }

    private static int blocks(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (var files = Files.list(out)) {
            return (int) files.filter(f -> f.getFileName().toString().matches("rows-\\d+-\\d+-of-160\\.csv")).count();
        }
    }

    /** One JSON line per manifest line, relative paths from the manifest's folder, a failed line named and exit 2. */
    @Test
    void aBatchSolvesEachLineAndNamesTheFailures() throws IOException {
        Files.writeString(dir.resolve("C1.csv"), "0,1,2\n1,0,1\n2,1,0\n");
        Files.writeString(dir.resolve("C2.csv"), "0,1,1\n1,0,1\n1,1,0\n");
        Files.writeString(dir.resolve("m.csv"), "id,problem,c1,c2,epsilon\nfirst,gw,C1.csv,C2.csv,\nsecond,entropic-gw,C1.csv,C2.csv,0.5\n"
                + "third,gw,C1.csv,missing.csv,\n");
        Run r = run("solve-batch", "--manifest", dir.resolve("m.csv").toString());
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.out().lines().sorted().toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("{\"line\": 1, \"id\": \"first\", \"exit\": 0, \"result\": {\"problem\": \"gw\""), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"line\": 2, \"id\": \"second\", \"exit\": 0, \"result\": {\"problem\": \"entropic-gw\""), lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"line\": 3, \"id\": \"third\", \"exit\": 2, \"error\": \"--c2"), lines.get(2));
        assertTrue(r.err().contains("1 of 3 problems failed (manifest lines [3]"), r.err());
        Run single = run("solve", "gw", "--c1", dir.resolve("C1.csv").toString(), "--c2", dir.resolve("C2.csv").toString());
        String value = single.out().replaceAll("(?s).*\"value\": ([^,]*),.*", "$1");
        assertTrue(lines.get(0).contains("\"value\": " + value + ","), "the batch's line is the solve's JSON: " + lines.get(0));
        Files.writeString(dir.resolve("bad.csv"), "c1,c2\nC1.csv,C2.csv\n");
        Run bad = run("solve-batch", "--manifest", dir.resolve("bad.csv").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("no column 'problem'"), bad.err());
    }
}

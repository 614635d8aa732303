package org.gwbench.spark;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on 127.0.0.1, started and stopped by a test: a master and workers, each its own
 * JVM (Spark's {@code deploy.master.Master} and {@code deploy.worker.Worker}) on this test's class path, with a
 * SPARK_HOME whose jars/ holds that class path's jars (a worker builds its executors' class path from there, as
 * in a Spark distribution). Executors are the workers' child JVMs.
 */
final class LoopbackCluster implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final int port;
    private final Path home;

    private LoopbackCluster(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Starts a master and workers (one core, 1 GB each) and waits until all workers have registered. */
    static LoopbackCluster start(Path dir, int workers) throws IOException, InterruptedException {
        Path home = dir.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p) && !Files.exists(home.resolve("jars").resolve(p.getFileName()))) {
                Files.createSymbolicLink(home.resolve("jars").resolve(p.getFileName()), p.toAbsolutePath());
            }
        }
        LoopbackCluster c = new LoopbackCluster(home, freePort());
        int ui = freePort();
        try {
            c.launch(dir.resolve("master.log"), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(c.port),
                    "--webui-port", String.valueOf(ui));
            for (int w = 0; w < workers; w++) {
                Path work = Files.createDirectories(dir.resolve("work-" + w));
                c.launch(dir.resolve("worker-" + w + ".log"), "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                        "--memory", "1g", "--webui-port", String.valueOf(freePort()), "--work-dir", work.toString(), c.url());
            }
            c.awaitWorkers(ui, workers, dir);
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    String url() {
        return "spark://127.0.0.1:" + port;
    }

    private void launch(Path log, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-Xmx") && !a.startsWith("-javaagent")) {
                cmd.add(a);
            }
        }
        cmd.add("-Xmx512m");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        processes.add(pb.start());
    }

    private void awaitWorkers(int ui, int workers, Path dir) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster JVM exited (" + p.exitValue() + "): see the logs in " + dir);
                }
            }
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ui + "/json/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (last.replace(" ", "").contains("\"aliveworkers\":" + workers)) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString(); // the master is not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the workers did not register within 90 s; master said: " + last + " (logs in " + dir + ")");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Stops workers (and their executors) and the master; nothing of the cluster outlives the test. */
    @Override
    public void close() {
        for (int k = processes.size() - 1; k >= 0; k--) {
            Process p = processes.get(k);
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }
}

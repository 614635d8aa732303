package org.gwbench.spark;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.gwbench.linalg.BlasThreads;
import org.gwbench.pairwise.Engine;

/**
 * The {@link Engine} on Apache Spark: embedded {@code local[*]} when no master is given (and no spark-submit set
 * one), else the master URL ({@code spark://host:7077}, {@code local[2]}, …). The shared data is broadcast once;
 * each input is a job of one task, at most twice the cluster's parallelism in flight, and each result is handed to
 * the sink on the driver as it arrives, so the driver writes every block the moment it exists (a killed run loses
 * the blocks in flight, no more).
 *
 * <p>Executors get the library's JVM flags (the Vector API module, native access for OpenBLAS's thread control;
 * Spark adds its own {@code --add-opens}), and the driver's {@code GWBENCH_BLAS} when set; an executor without
 * OpenBLAS uses the plain-Java BLAS, which the run's notes say per host.
 */
public final class SparkEngine implements Engine {
    /**
     * The JVM flags every executor needs for the library, as the workbench gives its own JVMs (Spark's module flags
     * are added by Spark itself): the Vector API, and native access for OpenBLAS's thread control, through the
     * foreign-linker incubator on JDK 17/18. Chosen by the driver's JDK: the executors should run the same.
     */
    static String executorFlags() {
        String modules = Runtime.version().feature() <= 18 ? "jdk.incubator.vector,jdk.incubator.foreign" : "jdk.incubator.vector";
        return "--add-modules=" + modules + " --enable-native-access=ALL-UNNAMED";
    }

    /** How long a cluster may have no executor before a run gives up (Spark itself would wait for ever). */
    static final long EXECUTOR_WAIT_NANOS = 120_000_000_000L;

    private final JavaSparkContext sc;

    /** Master null: spark-submit's master when there is one, else embedded local[*]. */
    public SparkEngine(String master) {
        SparkConf conf = new SparkConf().setAppName("gwbench");
        String m = master != null ? master : conf.contains("spark.master") ? conf.get("spark.master") : "local[*]";
        if (!m.startsWith("local") && !m.startsWith("spark://") && !m.startsWith("yarn") && !m.startsWith("k8s://")) {
            throw new IllegalArgumentException("master must be local[N], local[*], spark://HOST:PORT, yarn or k8s://…, got '" + m + "'");
        }
        conf.setMaster(m);
        String extra = conf.get("spark.executor.extraJavaOptions", "");
        conf.set("spark.executor.extraJavaOptions", (executorFlags() + " " + extra).trim());
        String blas = System.getenv("GWBENCH_BLAS");
        if (blas != null && !conf.contains("spark.executorEnv.GWBENCH_BLAS")) {
            conf.setExecutorEnv("GWBENCH_BLAS", blas);
        }
        if (m.startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        if (m.startsWith("local") || m.contains("//127.0.0.1:") || m.contains("//localhost:")) {
            // a cluster on loopback (or none): the driver need not look up this machine's name
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        this.sc = new JavaSparkContext(conf);
        sc.setLogLevel("WARN");
    }

    @Override
    public String name() {
        return "spark " + sc.master();
    }

    @Override
    public int parallelism() {
        return sc.defaultParallelism();
    }

    @Override
    public <S extends Serializable, I extends Serializable, R extends Serializable> void run(S shared, List<I> inputs, Task<S, I, R> task,
            Sink<I, R> sink) {
        if (inputs.isEmpty()) {
            return;
        }
        Broadcast<S> data = sc.broadcast(shared);
        Deque<I> waiting = new ArrayDeque<>(inputs);
        List<Flight<I, R>> flying = new ArrayList<>();
        int window = Math.max(1, 2 * parallelism());
        long lastExecutor = System.nanoTime();
        try {
            while (!waiting.isEmpty() || !flying.isEmpty()) {
                if (sc.isLocal() || sc.sc().statusTracker().getExecutorInfos().length > 1) {
                    lastExecutor = System.nanoTime();
                } else if (System.nanoTime() - lastExecutor > EXECUTOR_WAIT_NANOS) {
                    throw new IllegalStateException("no executor has run on " + sc.master() + " for " + EXECUTOR_WAIT_NANOS / 1_000_000_000L
                            + " s: the workers' logs (their work folders) say why executors exit; they need Java 17 or 21 and the flags "
                            + "of the README's spark-submit line");
                }
                while (!waiting.isEmpty() && flying.size() < window) {
                    I input = waiting.poll();
                    JavaFutureAction<List<R>> f = sc.parallelize(List.of(input), 1).map(x -> {
                        // as the local engine: OpenBLAS on the task's thread only (the executor's cores run tasks)
                        try (BlasThreads.Scope serial = BlasThreads.serial()) {
                            return task.apply(data.value(), x);
                        }
                    }).collectAsync();
                    flying.add(new Flight<>(input, f));
                }
                if (!landOne(flying, sink)) {
                    Thread.sleep(20);
                }
            }
        } catch (InterruptedException e) {
            cancel(flying);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (RuntimeException e) {
            cancel(flying);
            throw e;
        } finally {
            data.destroy();
        }
    }

    private record Flight<I, R>(I input, JavaFutureAction<List<R>> future) {
    }

    /** Hands every finished job's result to the sink; true when at least one had finished. */
    private static <I, R> boolean landOne(List<Flight<I, R>> flying, Sink<I, R> sink) throws InterruptedException {
        boolean any = false;
        for (Iterator<Flight<I, R>> it = flying.iterator(); it.hasNext();) {
            Flight<I, R> f = it.next();
            if (!f.future().isDone()) {
                continue;
            }
            it.remove();
            any = true;
            try {
                sink.accept(f.input(), f.future().get().get(0));
            } catch (ExecutionException e) {
                throw new IllegalStateException(taskMessage(e.getCause()), e.getCause());
            }
        }
        return any;
    }

    /** The task's own message out of Spark's "Job aborted due to stage failure: … Exception: MESSAGE" text. */
    static String taskMessage(Throwable t) {
        String m = String.valueOf(t.getMessage());
        for (String kind : new String[] {"IllegalStateException: ", "IllegalArgumentException: ", "CancellationException: "}) {
            int at = m.indexOf(kind);
            if (at >= 0) {
                String rest = m.substring(at + kind.length());
                int nl = rest.indexOf('\n');
                return nl >= 0 ? rest.substring(0, nl) : rest;
            }
        }
        return m.lines().findFirst().orElse(m);
    }

    private void cancel(List<? extends Flight<?, ?>> flying) {
        for (Flight<?, ?> f : flying) {
            f.future().cancel(true);
        }
        sc.cancelAllJobs();
    }

    @Override
    public void close() {
        sc.stop();
    }
}

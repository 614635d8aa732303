package org.gwbench.pairwise;

import java.io.Serializable;
import java.util.List;

/**
 * Where independent tasks run: this JVM's cores ({@link LocalEngine}) or a Spark cluster (the {@code spark}
 * module's {@code org.gwbench.spark.SparkEngine}, embedded {@code local[*]} or a real master). A run applies one
 * task to each input, with data shared by all tasks (shipped once: Spark broadcasts it), and hands each result
 * to the sink on the caller's thread as soon as it arrives, in any order; the caller writes it to disk there, so
 * a killed run loses at most the tasks in flight. Tasks must be deterministic: the same input gives the same
 * result bit for bit on either engine (the same code and BLAS), which is what makes their outputs interchangeable.
 */
public interface Engine extends AutoCloseable {
    /** One unit of work: a result from the shared data and one input. */
    interface Task<S, I, R> extends Serializable {
        R apply(S shared, I input) throws Exception;
    }

    /** Receives each result on the caller's thread. */
    interface Sink<I, R> {
        void accept(I input, R result);
    }

    /** E.g. "local (2 threads)", "spark local[2]", "spark spark://host:7077". */
    String name();

    /** The number of tasks that run at once (the size of the loss when a run is killed). */
    int parallelism();

    /**
     * Runs task on every input; returns when all have reached the sink. A task's failure stops the run with that
     * failure (an {@link IllegalStateException} carrying its message); an interrupt of the caller cancels the tasks
     * in flight and throws {@link java.util.concurrent.CancellationException}.
     */
    <S extends Serializable, I extends Serializable, R extends Serializable> void run(S shared, List<I> inputs, Task<S, I, R> task,
            Sink<I, R> sink);

    @Override
    void close();

    /**
     * The engine of that name: "local" (this JVM, one thread per core) or "spark" (master null: embedded
     * {@code local[*]}, or the master a spark-submit set; else the given URL), which needs the spark module on the
     * class path ({@code ./workbench} adds it for {@code --engine spark}).
     */
    static Engine named(String engine, String master) {
        switch (engine) {
            case "local":
                if (master != null) {
                    throw new IllegalArgumentException("--master is for --engine spark (the local engine runs in this JVM)");
                }
                return new LocalEngine(Runtime.getRuntime().availableProcessors());
            case "spark":
                try {
                    Class<?> c = Class.forName("org.gwbench.spark.SparkEngine");
                    return (Engine) c.getConstructor(String.class).newInstance(master);
                } catch (ClassNotFoundException e) {
                    throw new IllegalArgumentException("engine spark: the spark module is not on the class path (run through "
                            + "./workbench, which builds spark/, or add spark/target/gwbench-spark-*.jar and its dependencies)");
                } catch (java.lang.reflect.InvocationTargetException e) {
                    Throwable t = e.getCause();
                    throw t instanceof IllegalArgumentException iae ? iae
                            : new IllegalStateException("engine spark could not start: " + t, t);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("engine spark could not start: " + e, e);
                }
            default:
                throw new IllegalArgumentException("engine must be local or spark, got '" + engine + "'");
        }
    }
}

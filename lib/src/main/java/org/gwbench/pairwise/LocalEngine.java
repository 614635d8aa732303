package org.gwbench.pairwise;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gwbench.linalg.BlasThreads;

/**
 * The engine of this JVM: a pool of threads, each running one task at a time (OpenBLAS kept to one thread
 * meanwhile, {@link BlasThreads#serial()}: the products are small and the threads are the parallelism).
 */
public final class LocalEngine implements Engine {
    private final int threads;

    public LocalEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    public String name() {
        return "local (" + threads + (threads == 1 ? " thread)" : " threads)");
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public <S extends Serializable, I extends Serializable, R extends Serializable> void run(S shared, List<I> inputs, Task<S, I, R> task,
            Sink<I, R> sink) {
        if (inputs.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, inputs.size()), r -> {
            Thread t = new Thread(r, "gwbench-local-engine");
            t.setDaemon(true);
            return t;
        });
        try (BlasThreads.Scope serial = BlasThreads.serial()) {
            ExecutorCompletionService<Done<I, R>> done = new ExecutorCompletionService<>(pool);
            for (I input : inputs) {
                done.submit(() -> new Done<>(input, task.apply(shared, input)));
            }
            for (int k = 0; k < inputs.size(); k++) {
                Future<Done<I, R>> f = done.take();
                Done<I, R> d = f.get();
                sink.accept(d.input(), d.result());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof CancellationException c) {
                throw c;
            }
            throw t instanceof IllegalStateException ise ? ise : new IllegalStateException(String.valueOf(t.getMessage()), t);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Done<I, R>(I input, R result) {
    }

    @Override
    public void close() {
    }
}

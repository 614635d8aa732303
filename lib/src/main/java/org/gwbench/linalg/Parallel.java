package org.gwbench.linalg;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Splits a row range over the common fork-join pool for the elementwise passes (exp, log-sum-exp)
 * that BLAS does not cover. Ranges below {@link #GRAIN} rows·cols of work run on the caller.
 */
public final class Parallel {
    /** Minimum number of entries one task handles. */
    public static final int GRAIN = 1 << 15;

    /** Body over rows [lo, hi). */
    @FunctionalInterface
    public interface RowBody {
        void run(int lo, int hi);
    }

    private Parallel() {
    }

    /**
     * How many contiguous row blocks to cut for a pass that keeps one accumulator per block (column
     * sums, column maxima): one per core, fewer when the work is small.
     */
    public static int blocks(int rows, int cols) {
        long work = (long) rows * Math.max(1, cols);
        return (int) Math.max(1, Math.min(Math.min(Runtime.getRuntime().availableProcessors(), rows), work / GRAIN));
    }

    /** Runs body over [0, rows), each row costing about cols operations. */
    public static void rows(int rows, int cols, RowBody body) {
        long work = (long) rows * Math.max(1, cols);
        int tasks = (int) Math.min(ForkJoinPool.getCommonPoolParallelism() * 4L, work / GRAIN);
        if (tasks <= 1 || rows < 2) {
            body.run(0, rows);
            return;
        }
        int chunk = Math.max(1, (rows + tasks - 1) / tasks);
        ForkJoinPool.commonPool().invoke(new Task(body, 0, rows, chunk));
    }

    private static final class Task extends RecursiveAction {
        private final RowBody body;
        private final int lo;
        private final int hi;
        private final int chunk;

        Task(RowBody body, int lo, int hi, int chunk) {
            this.body = body;
            this.lo = lo;
            this.hi = hi;
            this.chunk = chunk;
        }

        @Override
        protected void compute() {
            if (hi - lo <= chunk) {
                body.run(lo, hi);
                return;
            }
            int mid = lo + (hi - lo) / 2;
            invokeAll(new Task(body, lo, mid, chunk), new Task(body, mid, hi, chunk));
        }
    }
}

package org.gwbench.problem;

/** Called after each outer iteration of a long solver: progress bars and logs hook in here. */
@FunctionalInterface
public interface IterationListener {
    IterationListener NONE = (iteration, maxIter, error) -> { };

    /**
     * @param iteration the iteration just finished (1-based)
     * @param maxIter the budget
     * @param error the quantity the stopping rule watches
     */
    void onIteration(int iteration, int maxIter, double error);
}

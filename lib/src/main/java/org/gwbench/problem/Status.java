package org.gwbench.problem;

/** How an iterative solver ended. */
public enum Status {
    /** The stopping rule was met. */
    CONVERGED,
    /** The iteration budget ran out before the stopping rule was met. */
    MAX_ITER,
    /** A division by zero or a non-finite value appeared; the last finite iterate is returned. */
    NUMERICAL_ERROR,
    /** The thread was interrupted (e.g. the notebook kernel was interrupted); the last iterate is returned. */
    INTERRUPTED,
    /**
     * The iteration reached its fixed point, but the plan is off its marginals beyond the solver's
     * tolerance: a relaxed solver (BAPG) whose limit is not a coupling at this ε, or entropic GW whose inner
     * solves ran out of iterations before their marginals held. Not a result.
     */
    INFEASIBLE
}

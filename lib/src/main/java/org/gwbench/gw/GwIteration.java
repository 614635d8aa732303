package org.gwbench.gw;

import org.gwbench.problem.Status;

/**
 * One outer iteration of a GW solver.
 *
 * @param iteration 1-based
 * @param value the GW value Σ L T T of the plan the iteration started from
 * @param planChange ‖T_new − T‖_F
 * @param innerIterations iterations of the inner solver
 * @param innerStatus how the inner solver ended
 */
public record GwIteration(int iteration, double value, double planChange, int innerIterations, Status innerStatus) {
}

package org.gwbench.problem;

import java.util.List;
import java.util.Locale;

/**
 * What a long run reports after each step, one type for every loop of the library: a solver's
 * iteration, a training epoch, an outer iteration of the neural solver.
 *
 * @param unit what a step is ("iteration", "epoch")
 * @param step the step just finished (1-based)
 * @param steps the budget
 * @param seconds wall time since the run started
 * @param etaSeconds the time the remaining steps should take at the pace so far
 * @param values what the step measured, first the quantity the run watches (a loss, or the change its
 *        stopping rule reads); never empty
 */
public record Progress(String unit, int step, int steps, double seconds, double etaSeconds, List<Value> values) {
    /** One named number of a step. */
    public record Value(String name, double value) {
    }

    public Progress {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("values must name at least one number");
        }
        values = List.copyOf(values);
    }

    /**
     * A step of a run that started at startNanos ({@link System#nanoTime()}), with one value; the ETA
     * assumes the steps left take as long as the ones done.
     */
    public static Progress of(String unit, int step, int steps, long startNanos, String name, double value) {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        return new Progress(unit, step, steps, secs, eta(secs, step, steps), List.of(new Value(name, value)));
    }

    /** Linear ETA: seconds per step done times the steps left. */
    public static double eta(double seconds, int done, int steps) {
        return done <= 0 ? Double.NaN : seconds / done * Math.max(0, steps - done);
    }

    /** The first value: the quantity the run watches. */
    public double value() {
        return values.get(0).value();
    }

    /** The value named name, NaN if the step has none. */
    public double value(String name) {
        for (Value v : values) {
            if (v.name().equals(name)) {
                return v.value();
            }
        }
        return Double.NaN;
    }

    /** "label: epoch 3/10, loss 0.125, 1.2 s, ETA 4 s". */
    public String line(String label) {
        StringBuilder s = new StringBuilder(label).append(": ").append(unit).append(' ').append(step).append('/').append(steps);
        for (Value v : values) {
            s.append(", ").append(v.name()).append(' ').append(String.format(Locale.ROOT, "%.6g", v.value()));
        }
        s.append(String.format(Locale.ROOT, ", %.1f s", seconds));
        if (Double.isFinite(etaSeconds)) {
            s.append(String.format(Locale.ROOT, ", ETA %.0f s", etaSeconds));
        }
        return s.toString();
    }
}

package org.gwbench.problem;

/**
 * Called after each step of a long run (a solver's outer iteration, a training epoch): progress lines,
 * logs and plots hook in here. The one listener type of the library.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = p -> { };

    void onProgress(Progress p);

    /** The given listener, or {@link #NONE} for null. */
    static ProgressListener orNone(ProgressListener listener) {
        return listener == null ? NONE : listener;
    }

    /** Prints {@link Progress#line} on System.out after every step. */
    static Printer printing(String label) {
        return new Printer(label, 0);
    }

    /** Prints {@link Progress#line} on System.out about {@code lines} times over a run (the first and last step always). */
    static Printer printing(String label, int lines) {
        return new Printer(label, lines);
    }

    /**
     * Progress lines on System.out (read at each line, so a notebook cell's redirected stream gets them),
     * led by a label; {@link #with} names what is running within the run.
     *
     * @param lines about how many lines a run prints; 0 prints every step
     */
    record Printer(String label, int lines) implements ProgressListener {
        @Override
        public void onProgress(Progress p) {
            int every = lines <= 0 ? 1 : Math.max(1, p.steps() / lines);
            if (p.step() == 1 || p.step() == p.steps() || p.step() % every == 0) {
                System.out.print(p.line(label) + System.lineSeparator());
            }
        }

        /** The same lines led by "label detail", e.g. "AIDS GWF-PPA seed 3". */
        public Printer with(String detail) {
            return new Printer(label + " " + detail, lines);
        }
    }
}

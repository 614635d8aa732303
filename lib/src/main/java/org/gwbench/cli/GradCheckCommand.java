package org.gwbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gwbench.grad.GradCheck;

/**
 * {@code gradcheck ALGORITHM [--n N] [--seed S]}: the analytic gradients of ALGORITHM on a random
 * instance against central differences along random directions; one JSON object
 * {@code {"algorithm", "n", "seed", "checks", "max_rel_error", ...}}; exit 1 when max_rel_error
 * exceeds {@link GradCheck#THRESHOLD}.
 */
final class GradCheckCommand {
    record Outcome(Json json, boolean passed) {
    }

    private GradCheckCommand() {
    }

    static Outcome run(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new UsageException("usage: workbench gradcheck ALGORITHM [--n N] [--seed S] (ALGORITHM: "
                    + String.join(", ", GradCheck.algorithms()) + ")");
        }
        String algorithm = args[0];
        if (!GradCheck.algorithms().contains(algorithm)) {
            throw new UsageException("gradcheck: unknown algorithm '" + algorithm + "' (known: "
                    + String.join(", ", GradCheck.algorithms()) + ")");
        }
        Args a = new Args("gradcheck", args, 1, Set.of("n", "seed"));
        int n = a.integer("n", 10);
        if (n < 2) {
            throw new UsageException("--n must be at least 2, got " + n);
        }
        long seed = a.integer("seed", 0);
        GradCheck.Report r = GradCheck.run(algorithm, n, seed);
        List<Json> checks = new ArrayList<>();
        for (GradCheck.Entry e : r.entries()) {
            checks.add(new Json().put("quantity", e.quantity()).put("analytic", e.analytic())
                    .put("numeric", e.numeric()).put("rel_error", e.relError()));
        }
        Json j = new Json().put("algorithm", algorithm).put("n", n).put("seed", seed).put("checks", checks)
                .put("max_rel_error", r.maxRelError()).put("threshold", GradCheck.THRESHOLD)
                .put("passed", r.passed()).put("seconds", r.seconds());
        return new Outcome(j, r.passed());
    }
}

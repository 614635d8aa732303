package org.gwbench.cli;

import java.util.Set;
import org.gwbench.bench.BenchCase;

/** {@code bench-run --case NAME --dir D}: times one Java case on the instance files written by bench.py. */
final class BenchRun {
    private BenchRun() {
    }

    static Json run(String[] args) {
        Args a = new Args("bench-run", args, 0, Set.of("case", "dir", "repeat"));
        BenchCase.Outcome o = BenchCase.run(a.required("case"), a.path("dir"), a.integer("repeat", 1));
        return new Json().put("case", o.name()).put("java_seconds", o.seconds()).put("objective", o.objective())
                .put("iterations", o.iterations()).put("blas", org.gwbench.linalg.Blas.active().name())
                .put("simd", org.gwbench.linalg.VecMath.name());
    }
}

package org.gwbench.cli;

import java.io.PrintStream;
import java.util.Arrays;
import org.gwbench.linalg.Platform;

/**
 * Entry point of {@code ./workbench solve|gradcheck|bench-run|blas}. Prints exactly one JSON object on stdout;
 * bad input prints one line on stderr and exits with code 2, never a stack trace.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Adds {@code "runtime"}: the JDK, the BLAS, whether its threads are controlled, the exp loops. */
    static Json withRuntime(Json result) {
        Platform p = Platform.current();
        return result.put("runtime", new Json().put("jdk", p.jdk()).put("jdk_feature", p.jdkFeature()).put("blas", p.blas())
                .put("blas_threads_controlled", p.blasThreadsControlled()).put("blas_threads", p.blasThreads()).put("simd", p.simd()));
    }

    /** Runs the command line; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new UsageException("usage: workbench solve sinkhorn|entropic-gw [flags] (see README.md)");
            }
            switch (args[0]) {
                case "solve" -> out.println(withRuntime(Solve.run(Arrays.copyOfRange(args, 1, args.length))));
                case "gradcheck" -> {
                    GradCheckCommand.Outcome o = GradCheckCommand.run(Arrays.copyOfRange(args, 1, args.length));
                    out.println(withRuntime(o.json()));
                    return o.passed() ? OK : FAILED;
                }
                case "gwf-cluster" -> out.println(withRuntime(GwfCluster.run(Arrays.copyOfRange(args, 1, args.length), err)));
                case "bench-run" -> out.println(withRuntime(BenchRun.run(Arrays.copyOfRange(args, 1, args.length))));
                case "blas" -> out.println(withRuntime(new Json().put("blas", org.gwbench.linalg.Blas.active().name())
                        .put("simd", org.gwbench.linalg.VecMath.name()).put("threads", org.gwbench.linalg.BlasThreads.status())));
                default -> throw new UsageException("unknown command '" + args[0] + "' (known: solve, gradcheck, gwf-cluster, bench-run, blas)");
            }
            return OK;
        } catch (UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        } catch (RuntimeException | OutOfMemoryError e) {
            if (System.getenv("GWBENCH_DEBUG") != null) {
                e.printStackTrace(err);
            }
            err.println("internal error: " + e + " (set GWBENCH_DEBUG=1 for the stack trace)");
            return FAILED;
        }
    }
}

package org.gwbench.cli;

import java.io.PrintStream;
import java.util.Arrays;
import org.gwbench.linalg.Platform;

/**
 * Entry point of {@code ./workbench solve|solve-batch|pairwise|gradcheck|bench-run|blas}. Prints exactly one JSON object on stdout;
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

    /** The largest L1 marginal error (‖T1 − p‖₁ + ‖Tᵀ1 − q‖₁) a CLI result may have and exit 0. */
    static final double MARGINAL_TOLERANCE = 1e-6;

    /**
     * Why a solve's result is not a result (a non-finite value, a numerical error, a plan off its marginals),
     * with what to change; null when it is one. The JSON is printed either way, for the record.
     */
    static String failure(Json result) {
        Object problem = result.get("problem");
        Object value = result.get("value");
        Object status = result.get("status");
        Object marginal = result.get("marginal_error");
        String hint = switch (String.valueOf(problem)) {
            case "sinkhorn" -> "use --method sinkhorn-log (or auto) or a larger --reg";
            case "entropic-gw", "entropic-fgw" -> "increase --epsilon, or divide the structures by their largest entry";
            case "bapg-gw" -> "BAPG's limit is a coupling only for a large enough --epsilon (its inverse step size): increase it, "
                    + "or use entropic-gw";
            case "ppa-gw", "badmm-gw" -> "increase --gamma (or --layers for the marginals)";
            case "barycenter" -> "use --method log or a larger --reg";
            case "sinkhorn-unbalanced" -> "use a larger --reg";
            case "unbalanced-gw" -> "increase --epsilon, or divide the structures by their largest entry";
            case "sampled-gw" -> "increase --epsilon, or use --epsilon 0 (exact OT steps)";
            case "lowrank-gw" -> "lower --rank, or add --reg";
            case "gdl" -> "lower --learning-rate, or divide the structures by their largest entry";
            case "partial-gw" -> "check that --p and --q are weights of the structures' nodes, or lower --tol";
            case "srgw" -> "increase --epsilon, or divide the structures by their largest entry";
            default -> "check the input's scale";
        };
        if (value instanceof Double v && !Double.isFinite(v)) {
            return problem + ": the value is " + v + " (status " + status + "): " + hint;
        }
        if ("numerical_error".equals(status)) {
            return problem + ": a numerical error stopped the solve (an inner solve failed or a value overflowed): " + hint;
        }
        if (marginal instanceof Double m && !(m <= MARGINAL_TOLERANCE)) {
            return String.format(java.util.Locale.ROOT, "%s: the plan is off its marginals by %.3g (L1; at most %.0e passes), status %s: %s",
                    problem, m, MARGINAL_TOLERANCE, status, hint);
        }
        return null;
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
                throw new UsageException("usage: workbench solve PROBLEM [flags] | solve-batch | pairwise | gradcheck | gwf-cluster | bench-run | blas (./workbench help)");
            }
            switch (args[0]) {
                case "solve" -> {
                    Json result = withRuntime(Solve.run(Arrays.copyOfRange(args, 1, args.length)));
                    out.println(result);
                    String failure = failure(result);
                    if (failure != null) {
                        err.println("error: " + failure);
                        return BAD_INPUT;
                    }
                    if (Boolean.FALSE.equals(result.get("converged"))) {
                        err.println("note: " + result.get("problem") + " did not meet its stopping rule (status "
                                + result.get("status") + ", " + result.get("iterations") + " iterations); the result is a feasible plan");
                    }
                }
                case "gradcheck" -> {
                    GradCheckCommand.Outcome o = GradCheckCommand.run(Arrays.copyOfRange(args, 1, args.length));
                    out.println(withRuntime(o.json()));
                    return o.passed() ? OK : FAILED;
                }
                case "gwf-cluster" -> out.println(withRuntime(GwfCluster.run(Arrays.copyOfRange(args, 1, args.length), err)));
                case "pairwise" -> {
                    try {
                        out.println(withRuntime(PairwiseCommand.run(Arrays.copyOfRange(args, 1, args.length), err)));
                    } catch (IllegalStateException e) {
                        // a pair whose solve failed, or an interrupt: the finished blocks are on disk, a rerun resumes
                        err.println("error: pairwise: " + e.getMessage() + " (finished blocks are kept; a rerun resumes)");
                        return BAD_INPUT;
                    }
                }
                case "solve-batch" -> {
                    return SolveBatch.run(Arrays.copyOfRange(args, 1, args.length), out, err);
                }
                case "bench-run" -> out.println(withRuntime(BenchRun.run(Arrays.copyOfRange(args, 1, args.length))));
                case "blas" -> out.println(withRuntime(new Json().put("blas", org.gwbench.linalg.Blas.active().name())
                        .put("simd", org.gwbench.linalg.VecMath.name()).put("threads", org.gwbench.linalg.BlasThreads.status())));
                default -> throw new UsageException("unknown command '" + args[0] + "' (known: solve, solve-batch, pairwise, gradcheck, gwf-cluster, bench-run, blas)");
            }
            return OK;
        } catch (HelpRequest h) {
            out.println(h.getMessage());
            return OK;
        } catch (UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        } catch (Exception | OutOfMemoryError e) { // Exception: Scala code (Spark) throws checked ones undeclared
            if (System.getenv("GWBENCH_DEBUG") != null) {
                e.printStackTrace(err);
            }
            err.println("internal error: " + e + " (set GWBENCH_DEBUG=1 for the stack trace)");
            return FAILED;
        }
    }
}

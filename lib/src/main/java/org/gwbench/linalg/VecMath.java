package org.gwbench.linalg;

/**
 * The elementwise loops of the Sinkhorn family (exponentials of affine expressions, max and sum
 * reductions) in one place, so that one implementation can use SIMD lanes.
 *
 * <p>When the JVM runs with {@code --add-modules jdk.incubator.vector} (the workbench's kernel, bench
 * and CLI JVMs do), the loops use the Vector API, whose lane-wise exp is the x86 SVML routine:
 * about 3x the throughput of {@link Math#exp} on AVX2, and within 1 ulp of it. Without the module, or
 * with {@code GWBENCH_VECTOR=off}, the same loops run on {@link Math#exp}. {@link #name()} says which.
 *
 * <p>Index convention: y is read at yOff..yOff+len−1 and x, c, acc at 0..len−1.
 */
public final class VecMath {
    /** The loops; {@link ScalarKernels} is the reference implementation. */
    interface Kernels {
        String name();

        /** Doubles per SIMD register (1 for the scalar loops): the order of the loops' sums depends on it. */
        int lanes();

        double maxDiff(double[] x, double[] y, int yOff, int len);

        void maxDiffInto(double xi, double[] y, int yOff, int len, double[] acc);

        double sumExp(double[] x, double[] y, int yOff, int len, double c, double s);

        void addExp(double xi, double[] y, int yOff, double[] c, int len, double s, double[] acc);

        void expAffine(double xi, double[] x, double[] y, int yOff, int len, double s, double[] out);
    }

    private static final Kernels IMPL = pick();

    private VecMath() {
    }

    private static Kernels pick() {
        String mode = System.getenv("GWBENCH_VECTOR");
        if (!"off".equalsIgnoreCase(mode) && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Kernels) Class.forName("org.gwbench.linalg.VectorKernels").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                System.err.println("gwbench: Vector API unusable (" + e + "); using Math.exp");
            }
        }
        return new ScalarKernels();
    }

    /** "vector" (SIMD lanes, SVML exp) or "scalar" (Math.exp). */
    public static String name() {
        return IMPL.name();
    }

    /** Doubles per SIMD register of the loops in use (1 for the scalar ones). */
    public static int lanes() {
        return IMPL.lanes();
    }

    /** max_j (x_j − y_{yOff+j}); −∞ when len = 0. */
    public static double maxDiff(double[] x, double[] y, int yOff, int len) {
        return IMPL.maxDiff(x, y, yOff, len);
    }

    /** acc_j ← max(acc_j, xi − y_{yOff+j}). */
    public static void maxDiffInto(double xi, double[] y, int yOff, int len, double[] acc) {
        IMPL.maxDiffInto(xi, y, yOff, len, acc);
    }

    /** Σ_j exp((x_j − y_{yOff+j} − c)·s). */
    public static double sumExp(double[] x, double[] y, int yOff, int len, double c, double s) {
        return IMPL.sumExp(x, y, yOff, len, c, s);
    }

    /** acc_j ← acc_j + exp((xi − y_{yOff+j} − c_j)·s). */
    public static void addExp(double xi, double[] y, int yOff, double[] c, int len, double s, double[] acc) {
        IMPL.addExp(xi, y, yOff, c, len, s, acc);
    }

    /** out_{yOff+j} ← exp((xi + x_j − y_{yOff+j})·s); x may be null (read as 0). out may be y. */
    public static void expAffine(double xi, double[] x, double[] y, int yOff, int len, double s, double[] out) {
        IMPL.expAffine(xi, x, y, yOff, len, s, out);
    }

    /** The scalar implementation, for tests that compare the two. */
    static Kernels scalar() {
        return new ScalarKernels();
    }

    static Kernels active() {
        return IMPL;
    }
}

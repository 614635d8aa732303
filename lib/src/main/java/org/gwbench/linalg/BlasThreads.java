package org.gwbench.linalg;

/**
 * OpenBLAS's own thread count, lowered to one while Java runs many small products side by side.
 *
 * <p>GWF trains the graphs of a batch in parallel and FGWK solves graph pairs in parallel; each of
 * those threads calls dgemm on matrices of tens to hundreds of rows. OpenBLAS (the pthread build)
 * would split each such product over every core again, so two Java threads started four BLAS threads
 * on two cores, which spin while they wait: measured on 100 PROTEINS graphs of a GWF forward pass
 * (K = 30, M = 50), 43.8 s with OpenBLAS's two threads against 21.5 s with one. Inside a
 * {@link #serial()} scope OpenBLAS runs on the calling thread only; outside it keeps its threads,
 * which large single products (entropic GW at n = 2000) do use.
 *
 * <p>The count is set through OpenBLAS's {@code openblas_set_num_threads}, called with the JDK's
 * foreign linker ({@link OpenBlasThreads}): {@code java.lang.foreign} on JDK 22+, the incubator on
 * JDK 17, which needs {@code --add-modules jdk.incubator.foreign}; both want
 * {@code --enable-native-access=ALL-UNNAMED}. The workbench's kernel, CLI, bench and test JVMs pass the
 * flags their JDK takes. On JDK 19-21 (a preview API there), without the flags, or with the plain-Java
 * BLAS, scopes do nothing and {@link #status()} says why.
 */
public final class BlasThreads {
    /** Reads and sets the native thread count. */
    interface Control {
        int get();

        void set(int threads);
    }

    private static final Object LOCK = new Object();
    private static Control control;
    private static String status;
    private static int depth;
    private static int saved;

    private BlasThreads() {
    }

    /** A scope: closing it restores OpenBLAS's thread count once no other scope is open. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Sets OpenBLAS to one thread until the returned scope is closed (scopes nest and may overlap
     * across threads; the count is restored when the last one closes).
     */
    public static Scope serial() {
        synchronized (LOCK) {
            Control c = control();
            if (c != null && depth++ == 0) {
                saved = c.get();
                c.set(1);
            }
        }
        return BlasThreads::release;
    }

    private static void release() {
        synchronized (LOCK) {
            Control c = control();
            if (c != null && --depth == 0) {
                c.set(saved);
            }
        }
    }

    /** OpenBLAS's current thread count, or −1 when it is not controlled. */
    static int threads() {
        synchronized (LOCK) {
            Control c = control();
            return c == null ? -1 : c.get();
        }
    }

    /** Whether scopes take effect, and if not why (for the bench header and the notebooks). */
    public static String status() {
        synchronized (LOCK) {
            control();
            return status;
        }
    }

    private static Control control() {
        if (status == null) {
            control = load();
        }
        return control;
    }

    private static Control load() {
        if (!(Blas.active() instanceof NativeBlas)) {
            status = "plain-Java BLAS: no native threads to control";
            return null;
        }
        try {
            OpenBlasThreads c = OpenBlasThreads.link(Runtime.version().feature());
            status = "OpenBLAS threads: " + c.get() + ", one inside parallel regions (" + c.api() + ")";
            return c;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            status = "OpenBLAS threads not controlled (" + (cause.getMessage() == null ? cause.toString() : cause.getMessage()) + ")";
            return null;
        }
    }

    /** Whether {@link #serial()} scopes take effect on this JVM. */
    public static boolean controlled() {
        synchronized (LOCK) {
            return control() != null;
        }
    }
}

package org.gwbench.linalg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link BlasThreads.Control} over OpenBLAS's {@code openblas_get/set_num_threads}, linked by the JDK's
 * foreign linker: the final API on JDK 22+ ({@link OpenBlasFfm}), the incubator on JDK 17/18
 * ({@link OpenBlasIncubator}); JDK 19-21 have it only as a preview, which a release-17 library cannot
 * use, so there the count is left alone and {@link BlasThreads#status()} says so.
 *
 * <p>The library linked is the one netlib's JNI binding already mapped into this process (found in
 * /proc/self/maps), so the count set here is the one its dgemm reads; loading it again by path returns
 * that same instance.
 */
final class OpenBlasThreads implements BlasThreads.Control {
    static final String GET = "openblas_get_num_threads";
    static final String SET = "openblas_set_num_threads";

    private final MethodHandle get;
    private final MethodHandle set;
    private final String api;

    OpenBlasThreads(MethodHandle get, MethodHandle set, String api) {
        this.get = get;
        this.set = set;
        this.api = api;
    }

    /** Which foreign API the JDK of this feature version offers a release-17 library, or why none. */
    enum Api {
        INCUBATOR, FINAL, NONE;

        static Api forFeature(int feature) {
            if (feature <= 18) {
                return INCUBATOR;
            }
            return feature >= 22 ? FINAL : NONE;
        }
    }

    /** Links the mapped OpenBLAS through the API this JDK has. */
    static OpenBlasThreads link(int feature) throws ReflectiveOperationException {
        String lib = mappedOpenBlas();
        switch (Api.forFeature(feature)) {
            case FINAL:
                return OpenBlasFfm.link(lib);
            case INCUBATOR:
                if (ModuleLayer.boot().findModule("jdk.incubator.foreign").isEmpty()) {
                    throw new IllegalStateException("JVM without --add-modules jdk.incubator.foreign");
                }
                // by name: the incubator types must not be resolved on a JDK without them
                try {
                    return (OpenBlasThreads) Class.forName("org.gwbench.linalg.OpenBlasIncubator")
                            .getDeclaredMethod("link", String.class).invoke(null, lib);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw e;
                }
            default:
                throw new IllegalStateException("JDK " + feature + " has the foreign-function API only as a preview;"
                        + " JDK 17 or 22+ control OpenBLAS's threads");
        }
    }

    /** The path of the libopenblas mapped into this process. */
    static String mappedOpenBlas() {
        List<String> maps;
        try {
            maps = Files.readAllLines(Path.of("/proc/self/maps"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/maps", e);
        }
        return maps.stream()
                .map(l -> l.substring(l.lastIndexOf(' ') + 1))
                .filter(p -> p.startsWith("/") && Path.of(p).getFileName().toString().startsWith("libopenblas"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no libopenblas mapped (the native BLAS is not OpenBLAS)"));
    }

    static IllegalStateException missing(String lib, String symbol) {
        return new IllegalStateException(lib + " has no " + symbol);
    }

    /** The foreign API used: "java.lang.foreign" or "jdk.incubator.foreign". */
    String api() {
        return api;
    }

    @Override
    public int get() {
        try {
            return (int) get.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(GET + " failed", e);
        }
    }

    @Override
    public void set(int threads) {
        try {
            set.invokeExact(threads);
        } catch (Throwable e) {
            throw new IllegalStateException(SET + " failed", e);
        }
    }
}

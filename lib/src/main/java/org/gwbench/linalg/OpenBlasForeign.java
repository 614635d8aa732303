package org.gwbench.linalg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.SymbolLookup;

/**
 * {@link BlasThreads.Control} through the foreign linker (JDK 17 incubator). The OpenBLAS library is
 * the one netlib's JNI binding already mapped into this process (found in /proc/self/maps), so the
 * count set here is the one its dgemm reads; loading it again by path returns that same instance.
 */
final class OpenBlasForeign implements BlasThreads.Control {
    private final MethodHandle get;
    private final MethodHandle set;

    OpenBlasForeign() {
        String lib = mappedOpenBlas();
        System.load(lib);
        SymbolLookup lookup = SymbolLookup.loaderLookup();
        CLinker linker = CLinker.getInstance();
        get = linker.downcallHandle(lookup.lookup("openblas_get_num_threads").orElseThrow(
                () -> new IllegalStateException(lib + " has no openblas_get_num_threads")),
                MethodType.methodType(int.class), FunctionDescriptor.of(CLinker.C_INT));
        set = linker.downcallHandle(lookup.lookup("openblas_set_num_threads").orElseThrow(
                () -> new IllegalStateException(lib + " has no openblas_set_num_threads")),
                MethodType.methodType(void.class, int.class), FunctionDescriptor.ofVoid(CLinker.C_INT));
    }

    private static String mappedOpenBlas() {
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

    @Override
    public int get() {
        try {
            return (int) get.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("openblas_get_num_threads failed", e);
        }
    }

    @Override
    public void set(int threads) {
        try {
            set.invokeExact(threads);
        } catch (Throwable e) {
            throw new IllegalStateException("openblas_set_num_threads failed", e);
        }
    }
}

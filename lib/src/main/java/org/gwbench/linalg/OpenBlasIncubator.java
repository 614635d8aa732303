package org.gwbench.linalg;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.SymbolLookup;

/**
 * OpenBLAS's thread-count functions through the JDK 17 incubator linker ({@code jdk.incubator.foreign},
 * removed in JDK 19; JDK 22+ use {@link OpenBlasFfm}). Loaded by name only on JDK 17/18, so a newer JVM
 * never resolves the incubator types.
 */
final class OpenBlasIncubator {
    private OpenBlasIncubator() {
    }

    /** Links {@code openblas_get_num_threads} and {@code openblas_set_num_threads} of the library at lib. */
    static OpenBlasThreads link(String lib) {
        System.load(lib);
        SymbolLookup lookup = SymbolLookup.loaderLookup();
        CLinker linker = CLinker.getInstance();
        MethodHandle get = linker.downcallHandle(lookup.lookup(OpenBlasThreads.GET).orElseThrow(
                () -> OpenBlasThreads.missing(lib, OpenBlasThreads.GET)),
                MethodType.methodType(int.class), FunctionDescriptor.of(CLinker.C_INT));
        MethodHandle set = linker.downcallHandle(lookup.lookup(OpenBlasThreads.SET).orElseThrow(
                () -> OpenBlasThreads.missing(lib, OpenBlasThreads.SET)),
                MethodType.methodType(void.class, int.class), FunctionDescriptor.ofVoid(CLinker.C_INT));
        return new OpenBlasThreads(get, set, "jdk.incubator.foreign");
    }
}

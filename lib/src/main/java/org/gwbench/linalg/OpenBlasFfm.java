package org.gwbench.linalg;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * OpenBLAS's thread-count functions through the final foreign-function API ({@code java.lang.foreign},
 * JDK 22+). The library is compiled for release 17, where that package does not exist, so the few calls
 * are made by reflection; the downcall handles themselves are plain {@link MethodHandle}s, as fast as
 * the incubator's.
 */
final class OpenBlasFfm {
    private OpenBlasFfm() {
    }

    /** Links {@code openblas_get_num_threads} and {@code openblas_set_num_threads} of the library at lib. */
    static OpenBlasThreads link(String lib) throws ReflectiveOperationException {
        try {
            Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
            Class<?> arenaType = Class.forName("java.lang.foreign.Arena");
            Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");

            Object linker = linkerType.getMethod("nativeLinker").invoke(null);
            Object arena = arenaType.getMethod("global").invoke(null);
            Object lookup = lookupType.getMethod("libraryLookup", Path.class, arenaType).invoke(null, Path.of(lib), arena);
            Object cInt = Class.forName("java.lang.foreign.ValueLayout").getField("JAVA_INT").get(null);
            Object noLayouts = Array.newInstance(layoutType, 0);
            Object oneInt = Array.newInstance(layoutType, 1);
            Array.set(oneInt, 0, cInt);
            Object intOfVoid = descriptorType.getMethod("of", layoutType, noLayouts.getClass()).invoke(null, cInt, noLayouts);
            Object voidOfInt = descriptorType.getMethod("ofVoid", oneInt.getClass()).invoke(null, oneInt);
            var downcall = linkerType.getMethod("downcallHandle", segmentType, descriptorType, Array.newInstance(optionType, 0).getClass());
            var find = lookupType.getMethod("find", String.class);
            Object noOptions = Array.newInstance(optionType, 0);

            Object getAddress = ((Optional<?>) find.invoke(lookup, OpenBlasThreads.GET))
                    .orElseThrow(() -> OpenBlasThreads.missing(lib, OpenBlasThreads.GET));
            Object setAddress = ((Optional<?>) find.invoke(lookup, OpenBlasThreads.SET))
                    .orElseThrow(() -> OpenBlasThreads.missing(lib, OpenBlasThreads.SET));
            MethodHandle get = (MethodHandle) downcall.invoke(linker, getAddress, intOfVoid, noOptions);
            MethodHandle set = (MethodHandle) downcall.invoke(linker, setAddress, voidOfInt, noOptions);
            return new OpenBlasThreads(get, set, "java.lang.foreign");
        } catch (InvocationTargetException e) {
            // the linker's own error (e.g. native access refused) says more than the reflective wrapper
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}

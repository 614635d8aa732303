package org.gwbench.linalg;

/** Chooses the active {@link Blas} once, lazily, and says on stderr when it is not the native one. */
final class BlasHolder {
    static final Blas ACTIVE = choose();

    private BlasHolder() {
    }

    private static Blas choose() {
        String want = System.getenv().getOrDefault("GWBENCH_BLAS", "auto").trim().toLowerCase(java.util.Locale.ROOT);
        switch (want) {
            case "java":
                return JavaBlas.INSTANCE;
            case "native":
                return NativeBlas.load();
            case "auto":
            case "":
                try {
                    return NativeBlas.load();
                } catch (IllegalStateException e) {
                    System.err.println("gwbench: " + e.getMessage()
                            + "; using the plain-Java BLAS (correct but 10-50x slower). Install libopenblas0-pthread"
                            + " (./workbench setup does) or set GWBENCH_BLAS=java to silence this.");
                    return JavaBlas.INSTANCE;
                }
            default:
                throw new IllegalStateException("GWBENCH_BLAS must be auto, native or java, got '" + want + "'");
        }
    }
}

package org.gwbench.linalg;

/**
 * What the numbers of this JVM were computed with: the JDK, the BLAS, whether OpenBLAS's threads are
 * controlled ({@link BlasThreads}) and the exp loops ({@link VecMath}). The notebooks' banner and every
 * CLI JSON object carry it, so a result can be traced to the runtime that made it.
 */
public record Platform(String jdk, int jdkFeature, String blas, boolean blasThreadsControlled, String blasThreads, String simd) {

    /** This JVM's platform. */
    public static Platform current() {
        return new Platform(Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
                Runtime.version().feature(), Blas.active().name(), BlasThreads.controlled(), BlasThreads.status(), VecMath.name());
    }

    /** One line for a notebook's first output. */
    public String banner() {
        return "GW Workbench: Java " + jdk + ", BLAS = " + blas + ", exp = " + simd + ", "
                + Runtime.getRuntime().availableProcessors() + " cores; " + blasThreads;
    }
}

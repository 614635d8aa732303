package org.gwbench.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** OpenBLAS runs on one thread inside serial scopes (nested too) and gets its count back after. */
class BlasThreadsTest {

    @Test
    void theTestJvmControlsOpenBlas() {
        // surefire passes the flags of its JDK (the incubator linker on 17, java.lang.foreign on 22+), as
        // the workbench's JVMs do; with the native BLAS the control must then be in place
        assumeTrue(Blas.active() instanceof NativeBlas, "plain-Java BLAS");
        int feature = Runtime.version().feature();
        if (OpenBlasThreads.Api.forFeature(feature) == OpenBlasThreads.Api.NONE) {
            assertTrue(!BlasThreads.controlled() && BlasThreads.status().contains("preview"), BlasThreads.status());
            return;
        }
        assertTrue(BlasThreads.controlled());
        String api = feature >= 22 ? "java.lang.foreign" : "jdk.incubator.foreign";
        assertTrue(BlasThreads.status().startsWith("OpenBLAS threads: ") && BlasThreads.status().endsWith("(" + api + ")"),
                BlasThreads.status());
    }

    @Test
    void eachJdkGetsTheForeignApiItHas() {
        assertEquals(OpenBlasThreads.Api.INCUBATOR, OpenBlasThreads.Api.forFeature(17));
        assertEquals(OpenBlasThreads.Api.NONE, OpenBlasThreads.Api.forFeature(19));
        assertEquals(OpenBlasThreads.Api.NONE, OpenBlasThreads.Api.forFeature(21));
        assertEquals(OpenBlasThreads.Api.FINAL, OpenBlasThreads.Api.forFeature(22));
        assertEquals(OpenBlasThreads.Api.FINAL, OpenBlasThreads.Api.forFeature(25));
    }

    @Test
    void aJdkWithoutAStableLinkerSaysWhy() {
        assumeTrue(Blas.active() instanceof NativeBlas, "plain-Java BLAS");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> OpenBlasThreads.link(21));
        assertTrue(e.getMessage().contains("JDK 21") && e.getMessage().contains("preview"), e.getMessage());
    }

    @Test
    void scopesSetOneThreadAndRestore() {
        assumeTrue(BlasThreads.threads() > 0, BlasThreads.status());
        int before = BlasThreads.threads();
        try (BlasThreads.Scope outer = BlasThreads.serial()) {
            assertEquals(1, BlasThreads.threads());
            try (BlasThreads.Scope inner = BlasThreads.serial()) {
                assertEquals(1, BlasThreads.threads());
            }
            assertEquals(1, BlasThreads.threads(), "the outer scope is still open");
        }
        assertEquals(before, BlasThreads.threads());
    }

    @Test
    void productsInsideAScopeAreTheSameProducts() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(2);
        Mat A = Mat.zeros(300, 200);
        Mat B = Mat.zeros(200, 250);
        for (int k = 0; k < A.data.length; k++) {
            A.data[k] = rnd.nextDouble() - 0.5;
        }
        for (int k = 0; k < B.data.length; k++) {
            B.data[k] = rnd.nextDouble() - 0.5;
        }
        Mat ref = Blas.reference().multiply(A, B);
        Mat in;
        try (BlasThreads.Scope s = BlasThreads.serial()) {
            in = Blas.active().multiply(A, B);
        }
        for (int k = 0; k < ref.data.length; k++) {
            assertEquals(ref.data[k], in.data[k], 1e-12);
        }
    }
}

package org.gwbench.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** OpenBLAS runs on one thread inside serial scopes (nested too) and gets its count back after. */
class BlasThreadsTest {

    @Test
    void theTestJvmControlsOpenBlas() {
        // surefire passes --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED, as the
        // workbench's JVMs do; with the native BLAS the control must then be in place
        assumeTrue(Blas.active() instanceof NativeBlas, "plain-Java BLAS");
        assertTrue(BlasThreads.status().startsWith("OpenBLAS threads: "), BlasThreads.status());
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

package org.gwbench.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.gwbench.data.PointClouds;
import org.gwbench.gaussian.Gaussians;
import org.gwbench.graph.Graphs;
import org.gwbench.gw.BadmmGw;
import org.gwbench.gw.EntropicGw;
import org.gwbench.gw.EntropicGwOptions;
import org.gwbench.gw.ExactGw;
import org.gwbench.gw.ExactGwOptions;
import org.gwbench.gw.GwProblem;
import org.gwbench.gw.PpaGw;
import org.gwbench.gw.ProximalGwOptions;
import org.gwbench.gwf.Gwf;
import org.gwbench.neural.NeuralGw;
import org.gwbench.neural.Samplers;
import org.gwbench.sinkhorn.Sinkhorn;
import org.gwbench.sinkhorn.SinkhornLog;
import org.gwbench.sinkhorn.SinkhornResult;
import org.junit.jupiter.api.Test;

/**
 * Seeded results are the same bits on every JDK: each computation below is hashed (SHA-256 of the raw
 * bits of its doubles) and compared with {@code fixtures/seeded-bits.txt}, which was written on JDK 17.
 * CI runs this suite on JDK 17 and on JDK 25, so both must reproduce the same file.
 *
 * <p>The bits also depend on the machine: OpenBLAS picks its kernels by CPU, and the Vector API's lane
 * count sets the order of the exp loops' sums. The fixture names the platform it was made on; on
 * another one the comparison is skipped with that reason (regenerate there with
 * {@code mvn test -Dtest=SeededBitsTest -Dgwbench.fixture.write=true} on JDK 17, and commit it).
 */
class SeededBitsTest {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/seeded-bits.txt");

    /** The computations, by name: each returns the doubles it produced. */
    static Map<String, Supplier<double[]>> computations() {
        Map<String, Supplier<double[]>> c = new LinkedHashMap<>();
        c.put("vecmath-exp", () -> {
            double[] x = uniform(1001, -30, 5, 1);
            double[] y = uniform(1001, -2, 2, 2);
            double[] out = new double[x.length];
            VecMath.expAffine(0.7, x, y, 0, x.length, 1.3, out);
            double[] all = java.util.Arrays.copyOf(out, out.length + 1);
            all[out.length] = VecMath.sumExp(x, y, 0, x.length, 0.2, 0.9);
            return all;
        });
        c.put("sinkhorn", () -> sinkhornCase(false));
        c.put("sinkhorn-log", () -> sinkhornCase(true));
        c.put("entropic-gw", () -> {
            GwProblem pb = clouds();
            return new EntropicGw(EntropicGwOptions.defaults(0.05)).solve(pb).plan().data;
        });
        c.put("exact-gw", () -> new ExactGw(ExactGwOptions.defaults()).solve(clouds()).plan().data);
        c.put("ppa-gw", () -> new PpaGw(new ProximalGwOptions(0.05, 30)).solve(graphs()).plan().data);
        c.put("badmm-gw", () -> new BadmmGw(new ProximalGwOptions(1.0, 30)).solve(graphs()).plan().data);
        c.put("gaussian-inner-gw", () -> {
            SplittableRandom r = new SplittableRandom(5);
            Mat s1 = Gaussians.randomCovariance(6, 0.5, 2, r);
            Mat s2 = Gaussians.randomCovariance(4, 0.5, 2, r);
            double[] map = Gaussians.innerGwMap(s1, s2, null).data;
            double[] all = java.util.Arrays.copyOf(map, map.length + 1);
            all[map.length] = Gaussians.innerGw2(s1, s2);
            return all;
        });
        c.put("neural-gw", () -> {
            NeuralGw g = new NeuralGw(
                    Samplers.gaussian(Gaussians.randomCovariance(5, 0.5, 2, new SplittableRandom(1))),
                    Samplers.gaussian(Gaussians.randomCovariance(3, 0.5, 2, new SplittableRandom(2))),
                    NeuralGw.Options.defaults(16, 3).withBatch(32).withSteps(2, 2, 3).withLearningRates(1e-2, 1e-2, 0.3));
            g.train(4, null);
            return g.p().data;
        });
        c.put("wdl", () -> {
            int n = 10;
            Mat M = Mat.zeros(n, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    M.set(i, j, Math.pow((i - j) / (double) n, 2));
                }
            }
            Mat Y = Mat.zeros(n, 4);
            SplittableRandom r = new SplittableRandom(12);
            for (int s = 0; s < 4; s++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    Y.set(i, s, 0.1 + r.nextDouble());
                    sum += Y.get(i, s);
                }
                for (int i = 0; i < n; i++) {
                    Y.set(i, s, Y.get(i, s) / sum);
                }
            }
            org.gwbench.grad.WassersteinDictionary.State st = new org.gwbench.grad.WassersteinDictionary(
                    new org.gwbench.grad.WassersteinDictionary.Options(2, 0.05, 30, 8, 0.2, 3))
                    .fit(Y, M, null, org.gwbench.problem.ProgressListener.NONE);
            return st.losses();
        });
        c.put("gwf", () -> {
            SplittableRandom r = new SplittableRandom(6);
            List<Gwf.Sample> data = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Mat A = Graphs.symmetrised(Graphs.barabasiAlbert(7 + r.nextInt(4), 2, r.nextLong()));
                data.add(Gwf.Sample.uniform(A, null));
            }
            Gwf g = Gwf.init(data, 2, new Gwf.Options(3, 2, 10, Gwf.Module.PPA, 0.1, 0.05, 2, 4, 0, 0, 6));
            g.fit(data, null, null);
            double[] z = g.embeddings().data;
            double[] v = g.atoms().get(0).data;
            double[] all = java.util.Arrays.copyOf(z, z.length + v.length);
            System.arraycopy(v, 0, all, z.length, v.length);
            return all;
        });
        return c;
    }

    private static double[] uniform(int n, double lo, double hi, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * r.nextDouble();
        }
        return x;
    }

    private static double[] sinkhornCase(boolean log) {
        Mat X = PointClouds.spiral2d(60, 0.05, 3);
        Mat Y = PointClouds.helix3d(50, 0.05, 4);
        Mat M = Mat.zeros(60, 50);
        for (int i = 0; i < 60; i++) {
            for (int j = 0; j < 50; j++) {
                double dx = X.get(i, 0) - Y.get(j, 0);
                double dy = X.get(i, 1) - Y.get(j, 1);
                M.set(i, j, dx * dx + dy * dy + Y.get(j, 2) * Y.get(j, 2));
            }
        }
        double[] a = new double[60];
        double[] b = new double[50];
        java.util.Arrays.fill(a, 1.0 / 60);
        java.util.Arrays.fill(b, 1.0 / 50);
        SinkhornResult r = log ? SinkhornLog.defaults().solve(a, b, M, 0.01) : Sinkhorn.defaults().solve(a, b, M, 0.05);
        return r.plan().data;
    }

    private static GwProblem clouds() {
        return GwProblem.of(PointClouds.distances(PointClouds.spiral2d(40, 0.05, 7)),
                PointClouds.distances(PointClouds.helix3d(30, 0.05, 8)));
    }

    private static GwProblem graphs() {
        return GwProblem.of(Graphs.symmetrised(Graphs.barabasiAlbert(30, 2, 9)),
                Graphs.symmetrised(Graphs.barabasiAlbert(25, 2, 10)));
    }

    /** The machine facts the bits depend on (not the JDK: that is what must not matter). */
    static String platform() {
        String cpu = "unknown";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException ignored) {
            // not Linux: the CPU stays unknown
        }
        return System.getProperty("os.arch") + "; " + cpu + "; " + Blas.active().name() + "; exp " + VecMath.name()
                + " x" + VecMath.lanes();
    }

    static String hash(double[] values) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[8];
            for (double v : values) {
                long bits = Double.doubleToRawLongBits(v);
                for (int k = 0; k < 8; k++) {
                    buf[k] = (byte) (bits >>> (56 - 8 * k));
                }
                md.update(buf);
            }
            StringBuilder sb = new StringBuilder();
            for (byte x : md.digest()) {
                sb.append(String.format("%02x", x));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> run() {
        Map<String, String> out = new LinkedHashMap<>();
        computations().forEach((name, f) -> {
            double[] v = f.get();
            for (double x : v) {
                assertTrue(Double.isFinite(x), name + " produced a non-finite value");
            }
            out.put(name, hash(v));
        });
        return out;
    }

    @Test
    void seededResultsHaveTheFixturesBits() throws IOException {
        Map<String, String> now = run();
        if (Boolean.getBoolean("gwbench.fixture.write")) {
            StringBuilder sb = new StringBuilder("# seeded-bits: SHA-256 of the raw bits of each computation in SeededBitsTest\n");
            sb.append("# written on JDK ").append(Runtime.version()).append('\n');
            sb.append("platform: ").append(platform()).append('\n');
            now.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
            Files.writeString(FIXTURE, sb.toString(), StandardCharsets.UTF_8);
        }
        List<String> lines = Files.readAllLines(FIXTURE, StandardCharsets.UTF_8);
        String made = lines.stream().filter(l -> l.startsWith("platform: ")).findFirst()
                .orElseThrow(() -> new AssertionError(FIXTURE + " has no platform line")).substring("platform: ".length());
        assumeTrue(made.equals(platform()), "fixture made on '" + made + "', this machine is '" + platform()
                + "': regenerate it here on JDK 17 (see the class comment)");
        Map<String, String> saved = new LinkedHashMap<>();
        for (String l : lines) {
            if (!l.startsWith("#") && !l.startsWith("platform: ") && !l.isBlank()) {
                String[] kv = l.trim().split(" ");
                saved.put(kv[0], kv[1]);
            }
        }
        assertEquals(saved.keySet(), now.keySet(), "the fixture lists the computations of this test");
        List<String> differ = new ArrayList<>();
        saved.forEach((k, v) -> {
            if (!v.equals(now.get(k))) {
                differ.add(k);
            }
        });
        assertTrue(differ.isEmpty(), "on JDK " + Runtime.version() + " these differ from the fixture's bits: " + differ);
    }

    @Test
    void theSameSeedGivesTheSameBitsTwice() {
        assertEquals(run(), run());
    }

    @Test
    void theHashSeesOneUlp() {
        double[] x = {1.0, 2.0};
        double[] y = {1.0, Math.nextUp(2.0)};
        assertTrue(!hash(x).equals(hash(y)));
    }
}

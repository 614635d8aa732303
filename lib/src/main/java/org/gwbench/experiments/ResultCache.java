package org.gwbench.experiments;

import java.nio.file.Path;

/**
 * The result cache of the graph experiments: one small text file per finished (dataset, method, seed),
 * holding its numbers on one line with 17 significant digits, read back by a later run with the same
 * settings so that an interrupted full run resumes. A file that is absent, short or unreadable means
 * "run it again".
 */
final class ResultCache {
    private ResultCache() {
    }

    /** accuracy and seconds of a cached result; null when absent or unreadable (then the cell runs again). */
    public static double[] readCached(Path file) {
        return readNumbers(file, 2);
    }

    public static void writeCached(Path file, double accuracy, double seconds) {
        writeNumbers(file, accuracy, seconds);
    }

    /** The first n numbers of a cache file; null when it is absent, short or unreadable. */
    public static double[] readNumbers(Path file, int n) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            return null;
        }
        try {
            String[] f = java.nio.file.Files.readString(file).trim().split("\\s+");
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = Double.parseDouble(f[i]);
            }
            return v;
        } catch (java.io.IOException | RuntimeException e) {
            return null; // unreadable: run again
        }
    }

    /** Writes numbers to a cache file on one line, each with 17 significant digits. */
    public static void writeNumbers(Path file, double... values) {
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            StringBuilder b = new StringBuilder();
            for (double v : values) {
                b.append(b.length() == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.17g", v));
            }
            java.nio.file.Files.writeString(file, b.append('\n').toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the cached result " + file, e);
        }
    }
}

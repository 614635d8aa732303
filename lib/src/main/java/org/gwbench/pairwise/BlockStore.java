package org.gwbench.pairwise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.gwbench.data.Csv;
import org.gwbench.linalg.Mat;

/**
 * The one block format of pairwise results, shared by the local engine, Spark and notebook 04's FGWK cache: a
 * folder holding {@code rows-B0-B1-of-N.csv} (rows B0..B1−1 of the N×N distance matrix, entries right of the
 * diagonal, 0 elsewhere; shortest round-trip decimals, so a block reads back bit for bit), for a pruned run
 * {@code knnK-rows-B0-B1-of-N.csv} (per row: K neighbour indices, their K distances, the exact solves spent), and
 * {@code spec.txt}, the settings that produced them. Each block is written to a {@code .part} file and renamed,
 * so a block on disk is always whole; a rerun reads the blocks present and computes the others. A folder whose
 * spec.txt names other settings is refused rather than mixed.
 */
public final class BlockStore {
    private final Path dir;

    private BlockStore(Path dir) {
        this.dir = dir;
    }

    /**
     * The store in dir for a computation described by spec (one line); creates dir and spec.txt, or checks that an
     * existing spec.txt says the same (a folder of blocks without one, as notebook 04's older cache, is adopted).
     */
    public static BlockStore open(Path dir, String spec) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("spec.txt");
            if (Files.isRegularFile(file)) {
                String had = Files.readString(file).trim();
                if (!had.equals(spec.trim())) {
                    throw new IllegalArgumentException("out " + dir + " holds blocks of other settings (spec.txt: " + had
                            + "; this run: " + spec.trim() + "): choose another out folder or delete that one");
                }
            } else {
                atomically(file, spec.trim() + "\n");
            }
            return new BlockStore(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + dir + " for blocks: " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The file of rows [from, to) of N, under prefix "" (distances) or "knnK-". */
    public Path file(String prefix, int from, int to, int n) {
        return dir.resolve(prefix + "rows-" + from + "-" + to + "-of-" + n + ".csv");
    }

    /** The block's values (rows × cols), or null when absent or not of that shape (then it is computed again). */
    public double[] read(String prefix, int from, int to, int n, int cols) {
        Path f = file(prefix, from, to, n);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            Mat R = Csv.readMatrix("block " + f.getFileName(), f);
            return R.rows == to - from && R.cols == cols ? R.data : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Writes a block whole or not at all. */
    public void write(String prefix, int from, int to, int n, int cols, double[] values) {
        Csv.writeWhole(file(prefix, from, to, n), new Mat(to - from, cols, values));
    }

    /** Writes a whole file through a .part sibling and a rename. */
    static void atomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

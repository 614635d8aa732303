package org.gwbench.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the datasets are: the folder named by the environment variable {@code GWBENCH_DATA}, else
 * {@code data/} in the working directory. The project does not ship the data; {@code ./workbench
 * fetch-data} downloads it into {@code data/} for users with internet access.
 */
public final class DataDir {
    public static final String VARIABLE = "GWBENCH_DATA";

    private DataDir() {
    }

    /** The data root: $GWBENCH_DATA, else data/. */
    public static Path root() {
        String env = System.getenv(VARIABLE);
        return env == null || env.isBlank() ? Path.of("data") : Path.of(env);
    }

    /** root/sub, which must be an existing folder; otherwise one message naming it and the fetch command. */
    public static Path require(Path root, String sub, String what) {
        Path dir = root.resolve(sub);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(what + " not found: looked in " + dir.toAbsolutePath().normalize()
                    + " (set " + VARIABLE + " to the folder that holds tu/ and embeddings/, or run ./workbench fetch-data)");
        }
        return dir;
    }

    /** A file that must exist, with the same message style. */
    public static Path requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " not found: looked for " + file.toAbsolutePath().normalize()
                    + " (set " + VARIABLE + " to the folder that holds tu/ and embeddings/, or run ./workbench fetch-data)");
        }
        return file;
    }
}

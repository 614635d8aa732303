package org.gwbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** "--name value" options of one subcommand; unknown, repeated or value-less flags are errors. */
final class Args {
    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();

    Args(String command, String[] argv, int from, Set<String> allowed) {
        this.command = command;
        for (int i = from; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--help") || a.equals("-h")) {
                throw new HelpRequest("usage: " + command + " [--FLAG VALUE ...]\n  flags: --" + String.join(", --", new TreeSet<>(allowed))
                        + "\n  (README.md describes each; ./workbench help lists the commands)");
            }
            if (!a.startsWith("--")) {
                throw new UsageException(command + ": unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!allowed.contains(name)) {
                throw new UsageException(command + ": unknown flag --" + name + " (known: --" + String.join(", --", new TreeSet<>(allowed)) + ")");
            }
            if (value == null) {
                if (i + 1 >= argv.length || argv[i + 1].startsWith("--")) {
                    throw new UsageException(command + ": flag --" + name + " needs a value");
                }
                value = argv[++i];
            }
            if (values.put(name, value) != null) {
                throw new UsageException(command + ": flag --" + name + " given twice");
            }
        }
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException(command + ": missing required flag --" + name);
        }
        return v;
    }

    String optional(String name) {
        return values.get(name);
    }

    Path path(String name) {
        return Path.of(required(name));
    }

    /**
     * An output file flag, or null when absent. Checked before any work is done: its folder must exist
     * and be writable, so a long solve never ends in a failed write.
     */
    Path output(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        Path p = Path.of(v).toAbsolutePath();
        Path dir = p.getParent();
        if (dir == null || !java.nio.file.Files.isDirectory(dir)) {
            throw new UsageException("--" + name + ": cannot write " + v + ": folder " + dir + " does not exist");
        }
        if (!java.nio.file.Files.isWritable(dir) || java.nio.file.Files.isDirectory(p)) {
            throw new UsageException("--" + name + ": cannot write " + v);
        }
        probeWritable(name, v, p);
        return p;
    }

    /** The reason of an I/O failure without the path the message already names. */
    private static String why(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "it cannot be created there";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A folder to write into (created when missing), checked before any work; null when the flag is absent. */
    Path outputDir(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        Path d = Path.of(v).toAbsolutePath();
        if (java.nio.file.Files.exists(d) && !java.nio.file.Files.isDirectory(d)) {
            throw new UsageException("--" + name + ": " + v + " is a file, not a folder");
        }
        try {
            java.nio.file.Files.createDirectories(d);
        } catch (java.io.IOException | SecurityException e) {
            throw new UsageException("--" + name + ": cannot create the folder " + v + " (" + why(e) + ")");
        }
        probeWritable(name, v, d.resolve(".gwbench-write-probe"));
        return d;
    }

    /**
     * Opens the file for appending (creating it) and closes it again, so that a place the process may not
     * write (/proc, a read-only mount, a file without write permission) stops the command before any work
     * rather than after it. A file the probe created is removed again; an existing one is left as it was.
     */
    private static void probeWritable(String name, String given, Path p) {
        boolean existed = java.nio.file.Files.exists(p);
        try (java.io.OutputStream o = java.nio.file.Files.newOutputStream(p, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND)) {
            o.flush();
        } catch (java.io.IOException | SecurityException e) {
            throw new UsageException("--" + name + ": cannot write " + given + " (" + why(e) + ")");
        }
        if (!existed) {
            try {
                java.nio.file.Files.deleteIfExists(p);
            } catch (java.io.IOException e) {
                throw new UsageException("--" + name + ": cannot write " + given + " (" + why(e) + ")");
            }
        }
    }

    double number(String name, double dflt) {
        String v = values.get(name);
        if (v == null) {
            if (Double.isNaN(dflt)) {
                throw new UsageException(command + ": missing required flag --" + name);
            }
            return dflt;
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be a finite number, got '" + v + "'");
        }
    }

    int integer(String name, int dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be an integer, got '" + v + "'");
        }
    }
}

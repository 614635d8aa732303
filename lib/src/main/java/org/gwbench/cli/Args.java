package org.gwbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** "--name value" options of one subcommand; unknown, repeated or value-less flags are errors. */
final class Args {
    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();

    Args(String command, String[] argv, int from, Set<String> allowed) {
        this.command = command;
        for (int i = from; i < argv.length; i++) {
            String a = argv[i];
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
                throw new UsageException(command + ": unknown flag --" + name + " (known: --" + String.join(", --", allowed) + ")");
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
        return p;
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

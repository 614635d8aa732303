package org.gwbench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gwbench.linalg.Mat;

/**
 * Plain numeric CSV without header: one row per line, values separated by commas (spaces around them
 * are ignored; blank lines are skipped). Every problem is an {@link IllegalArgumentException} naming
 * the parameter the file was given for, the file, and the line.
 */
public final class Csv {
    private Csv() {
    }

    public static Mat readMatrix(String name, Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(name + ": file not found: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot read " + file + ": " + e.getMessage());
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1)); // a byte-order mark (Excel's "CSV UTF-8") is not data
        }
        List<double[]> rows = new ArrayList<>();
        int width = -1;
        int firstLine = 0;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            double[] row = new double[cells.length];
            for (int c = 0; c < cells.length; c++) {
                String cell = cells[c].strip();
                try {
                    row[c] = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + ": " + file + " line " + (ln + 1) + ", column " + (c + 1)
                            + ": '" + cell + "' is not a number");
                }
                if (!Double.isFinite(row[c])) {
                    throw new IllegalArgumentException(name + ": " + file + " line " + (ln + 1) + ", column " + (c + 1)
                            + ": non-finite value '" + cell + "'");
                }
            }
            if (width < 0) {
                width = row.length;
                firstLine = ln + 1;
            } else if (row.length != width) {
                throw new IllegalArgumentException(name + ": " + file + " is ragged: line " + (ln + 1) + " has "
                        + row.length + " values, line " + firstLine + " has " + width);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(name + ": " + file + " is empty");
        }
        return Mat.of(rows.toArray(new double[0][]));
    }

    /** A vector given as one column or one row. */
    public static double[] readVector(String name, Path file) {
        Mat m = readMatrix(name, file);
        if (m.cols == 1 || m.rows == 1) {
            return m.data.clone();
        }
        throw new IllegalArgumentException(name + ": " + file + " holds a " + m.rows + "x" + m.cols
                + " matrix, expected a vector (one column or one row)");
    }

    /**
     * As {@link #write}, whole or not at all: written to {@code file.part} and renamed over file, so a reader (or a
     * rerun after a kill) never sees half a matrix.
     */
    public static void writeWhole(Path file, Mat m) {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        write(tmp, m);
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes with shortest round-trip precision (Double.toString), so the file reads back exactly. */
    public static void write(Path file, Mat m) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < m.rows; i++) {
                sb.setLength(0);
                for (int j = 0; j < m.cols; j++) {
                    if (j > 0) {
                        sb.append(',');
                    }
                    sb.append(m.data[i * m.cols + j]);
                }
                sb.append('\n');
                w.write(sb.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static void writeVector(Path file, double[] v) {
        write(file, new Mat(v.length, 1, v.clone()));
    }
}

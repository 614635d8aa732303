package org.gwbench.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.gwbench.linalg.Mat;

/**
 * Word embeddings: a vocabulary and one vector per word (the rows of a matrix). Reads the GloVe text
 * format ({@code word v1 … vd} per line) and word2vec/fastText {@code .vec} files (the same with a
 * first line {@code count dim}), plain or gzip ({@code .gz}), UTF-8, split on any whitespace.
 */
public record Embeddings(List<String> words, Mat vectors) {
    public Embeddings {
        if (words.size() != vectors.rows) {
            throw new IllegalArgumentException("words has " + words.size() + " entries for " + vectors.rows + " vectors");
        }
        words = List.copyOf(words);
    }

    public int dim() {
        return vectors.cols;
    }

    public int size() {
        return words.size();
    }

    /** Reads at most maxWords words (≤ 0: all). A repeated word keeps its first vector. */
    public static Embeddings read(Path file, int maxWords) {
        DataDir.requireFile(file, "embedding file");
        List<String> words = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        int dim = -1;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String[] tok = line.trim().split("\\s+");
                if (tok.length == 0 || tok[0].isEmpty()) {
                    continue;
                }
                if (lineNo == 1 && tok.length == 2 && isInt(tok[0]) && isInt(tok[1])) {
                    continue; // word2vec / fastText header: count dim
                }
                if (dim < 0) {
                    dim = tok.length - 1;
                    if (dim < 1) {
                        throw new IllegalArgumentException(file + " line " + lineNo + ": a word without a vector");
                    }
                }
                if (tok.length - 1 != dim) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": " + (tok.length - 1)
                            + " numbers, the first vector had " + dim);
                }
                if (seen.putIfAbsent(tok[0], Boolean.TRUE) != null) {
                    continue;
                }
                double[] v = new double[dim];
                for (int k = 0; k < dim; k++) {
                    try {
                        v[k] = Double.parseDouble(tok[k + 1]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + " line " + lineNo + ": '" + tok[k + 1] + "' is not a number");
                    }
                    if (!Double.isFinite(v[k])) {
                        throw new IllegalArgumentException(file + " line " + lineNo + ": non-finite value " + tok[k + 1]);
                    }
                }
                words.add(tok[0]);
                rows.add(v);
                if (maxWords > 0 && words.size() >= maxWords) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no word vectors");
        }
        Mat M = Mat.zeros(words.size(), dim);
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, M.data, i * dim, dim);
        }
        return new Embeddings(words, M);
    }

    private static boolean isInt(String s) {
        return s.matches("\\d+");
    }

    /** word → row. */
    public Map<String, Integer> index() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            m.put(words.get(i), i);
        }
        return m;
    }

    /** The rows of the given words, in that order. */
    public Embeddings subset(List<String> keep) {
        Map<String, Integer> idx = index();
        Mat M = Mat.zeros(keep.size(), dim());
        for (int i = 0; i < keep.size(); i++) {
            Integer r = idx.get(keep.get(i));
            if (r == null) {
                throw new IllegalArgumentException("word '" + keep.get(i) + "' is not in the vocabulary");
            }
            System.arraycopy(vectors.data, r * dim(), M.data, i * dim(), dim());
        }
        return new Embeddings(keep, M);
    }

    /** The words both have, in this vocabulary's order. */
    public List<String> sharedWords(Embeddings other) {
        Map<String, Integer> o = other.index();
        List<String> out = new ArrayList<>();
        for (String w : words) {
            if (o.containsKey(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** Each vector divided by its norm (zero vectors are an error: they have no direction). */
    public Embeddings normalised() {
        Mat M = vectors.copy();
        int d = dim();
        for (int i = 0; i < M.rows; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += M.data[i * d + k] * M.data[i * d + k];
            }
            if (s == 0) {
                throw new IllegalArgumentException("word '" + words.get(i) + "' has a zero vector");
            }
            double inv = 1 / Math.sqrt(s);
            for (int k = 0; k < d; k++) {
                M.data[i * d + k] *= inv;
            }
        }
        return new Embeddings(words, M);
    }

    /** The vectors minus their mean. */
    public Embeddings centred() {
        Mat M = vectors.copy();
        int d = dim();
        double[] mu = new double[d];
        for (int i = 0; i < M.rows; i++) {
            for (int k = 0; k < d; k++) {
                mu[k] += M.data[i * d + k] / M.rows;
            }
        }
        for (int i = 0; i < M.rows; i++) {
            for (int k = 0; k < d; k++) {
                M.data[i * d + k] -= mu[k];
            }
        }
        return new Embeddings(words, M);
    }

    /** The usual preprocessing of alignment papers: unit length, centre, unit length again. */
    public Embeddings normaliseCentreNormalise() {
        return normalised().centred().normalised();
    }

    /**
     * A MUSE bilingual dictionary: one {@code source target} pair per line, any whitespace between;
     * a source word may have several targets. Returns source → targets in file order.
     */
    public static Map<String, List<String>> readDictionary(Path file) {
        DataDir.requireFile(file, "dictionary");
        Map<String, List<String>> dict = new LinkedHashMap<>();
        try {
            int lineNo = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNo++;
                String t = line.trim();
                if (t.isEmpty()) {
                    continue;
                }
                String[] tok = t.split("\\s+");
                if (tok.length != 2) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": expected 'source target', got '" + t + "'");
                }
                dict.computeIfAbsent(tok[0], k -> new ArrayList<>()).add(tok[1]);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        return dict;
    }
}

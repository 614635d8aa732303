package org.gwbench.experiments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gwbench.align.WordAlignment;
import org.gwbench.data.DataDir;
import org.gwbench.data.Embeddings;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.linalg.SymmetricEigen;
import org.gwbench.neural.NeuralGw;
import org.gwbench.problem.ProgressListener;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * notebooks/09: Tables 2 and 3 of the NGW paper on the embeddings that exist here
 * ($GWBENCH_DATA/embeddings, see shared/data/SOURCES.md): GloVe Wiki 100d → 50d on their 2446 shared
 * words, GloVe Twitter 100d → 25d on their 1381 shared words, and the cross-corpus Wiki 100d → Twitter
 * 25d on the shared English vocabulary (identity as ground truth) for Table 3's train/OOD pipeline.
 * fastText vectors for MUSE are not available here; when a user puts {@code wiki.xx.vec} files in
 * embeddings/fasttext/, {@link #musePair} runs the paper's setting with the MUSE dictionaries.
 */
public final class NgwWordEmbeddings {
    private NgwWordEmbeddings() {
    }

    /**
     * The files of each embedding: the subset of the shared data first, then the full file that
     * {@code ./workbench fetch-data embeddings} downloads.
     */
    public static final String[] WIKI_100 = {"glove_6B/glove.6B.100d.first2604.txt", "glove_6B/glove.6B.100d.txt"};
    public static final String[] WIKI_50 = {"glove_6B/glove.6B.50d.first2446.txt", "glove_6B/glove.6B.50d.txt"};
    public static final String[] TWITTER_100 = {"glove_twitter_27B/glove.twitter.27B.100d.first2720.txt",
        "glove_twitter_27B/glove.twitter.27B.100d.txt"};
    public static final String[] TWITTER_25 = {"glove_twitter_27B/glove.twitter.27B.25d.norvig12k.txt",
        "glove_twitter_27B/glove.twitter.27B.25d.txt"};

    /** The first of the candidate files that exists under dir (the first one, for the error message, when none does). */
    static Path firstExisting(Path dir, String[] candidates) {
        for (String c : candidates) {
            if (Files.isRegularFile(dir.resolve(c))) {
                return dir.resolve(c);
            }
        }
        return dir.resolve(candidates[0]);
    }

    /** The paper's Table 2: corpus, source dim, target dim, top-1, top-5, top-10. */
    public static final Object[][] TABLE2_PAPER = {
        {"Wiki", 200, 100, 0.98, 0.99, 0.99},
        {"Wiki", 100, 50, 0.95, 0.99, 0.98},
        {"Twitter", 200, 100, 0.86, 0.94, 0.92},
        {"Twitter", 100, 50, 0.71, 0.86, 0.83},
        {"Twitter", 50, 25, 0.37, 0.63, 0.56}};

    /** The paper's Table 3 (NGW on MUSE fastText): source, target, train top-1/5/10, OOD top-1/5/10. */
    public static final Object[][] TABLE3_PAPER = {
        {"DE", "EN", 0.262, 0.497, 0.585, 0.256, 0.498, 0.587}, {"DE", "ES", 0.235, 0.453, 0.540, 0.235, 0.449, 0.537},
        {"DE", "FR", 0.302, 0.514, 0.601, 0.297, 0.509, 0.592}, {"DE", "IT", 0.246, 0.446, 0.533, 0.247, 0.443, 0.530},
        {"DE", "PT", 0.214, 0.399, 0.486, 0.207, 0.392, 0.478}, {"EN", "DE", 0.306, 0.531, 0.617, 0.300, 0.534, 0.616},
        {"EN", "ES", 0.283, 0.508, 0.595, 0.273, 0.504, 0.590}, {"EN", "FR", 0.226, 0.431, 0.517, 0.227, 0.427, 0.512},
        {"EN", "IT", 0.242, 0.453, 0.540, 0.238, 0.443, 0.532}, {"EN", "PT", 0.186, 0.367, 0.449, 0.179, 0.358, 0.440},
        {"ES", "DE", 0.265, 0.474, 0.561, 0.261, 0.468, 0.554}, {"ES", "EN", 0.275, 0.502, 0.587, 0.271, 0.497, 0.579},
        {"ES", "FR", 0.319, 0.530, 0.615, 0.315, 0.523, 0.605}, {"ES", "IT", 0.303, 0.510, 0.593, 0.295, 0.503, 0.586},
        {"ES", "PT", 0.360, 0.564, 0.639, 0.353, 0.558, 0.631}, {"FR", "DE", 0.340, 0.553, 0.634, 0.334, 0.547, 0.631},
        {"FR", "EN", 0.299, 0.529, 0.614, 0.298, 0.527, 0.611}, {"FR", "ES", 0.318, 0.519, 0.602, 0.321, 0.526, 0.609},
        {"FR", "IT", 0.274, 0.476, 0.558, 0.265, 0.473, 0.555}, {"FR", "PT", 0.225, 0.407, 0.485, 0.218, 0.400, 0.479},
        {"IT", "DE", 0.305, 0.511, 0.594, 0.292, 0.503, 0.589}, {"IT", "EN", 0.206, 0.402, 0.487, 0.199, 0.394, 0.478},
        {"IT", "ES", 0.335, 0.546, 0.625, 0.333, 0.541, 0.621}, {"IT", "FR", 0.325, 0.531, 0.615, 0.319, 0.520, 0.604},
        {"IT", "PT", 0.273, 0.465, 0.545, 0.268, 0.459, 0.540}, {"PT", "DE", 0.243, 0.425, 0.506, 0.237, 0.425, 0.506},
        {"PT", "EN", 0.191, 0.383, 0.464, 0.187, 0.378, 0.462}, {"PT", "ES", 0.398, 0.597, 0.670, 0.393, 0.599, 0.670},
        {"PT", "FR", 0.209, 0.391, 0.474, 0.203, 0.382, 0.467}, {"PT", "IT", 0.255, 0.447, 0.529, 0.252, 0.437, 0.518}};

    /** A source/target pair ready for {@link WordAlignment}: preprocessed vectors and gold targets. */
    public record Pair(String name, Embeddings source, Embeddings target, int[][] gold) {
    }

    /**
     * Two embedding files of one language restricted to their shared words (at most maxWords, in the
     * source file's order; ≤ 0 for all), each normalised, centred and normalised again; gold = the same
     * word. At most readLimit lines of each file are read (≤ 0: all; the files are in frequency order).
     */
    public static Pair sharedVocabulary(String name, Path root, String[] sourceFile, String[] targetFile, int maxWords,
                                        int readLimit) {
        Path dir = DataDir.require(root, "embeddings", "the embeddings folder");
        Embeddings s = Embeddings.read(firstExisting(dir, sourceFile), readLimit);
        Embeddings t = Embeddings.read(firstExisting(dir, targetFile), readLimit);
        List<String> shared = s.sharedWords(t);
        if (maxWords > 0 && shared.size() > maxWords) {
            shared = shared.subList(0, maxWords);
        }
        Embeddings src = s.subset(shared).normaliseCentreNormalise();
        Embeddings tgt = t.subset(shared).normaliseCentreNormalise();
        return new Pair(name, src, tgt, WordAlignment.identityGold(src, tgt));
    }

    /**
     * A labelled substitute for a missing dimension: the target is the projection of the source
     * vectors on their top {@code dim} principal directions (then normalised, centred, normalised).
     */
    public static Pair pcaSubstitute(String name, Pair from, int dim) {
        Mat X = from.source().vectors();
        Mat C = Blas.active().multiply(X, true, X, false);
        SymmetricEigen.Result e = SymmetricEigen.of(C);
        int d = X.cols;
        Mat V = Mat.zeros(d, dim);
        // eigenvalues in decreasing order: the top dim are the first columns
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < dim; j++) {
                V.set(i, j, e.vectors().get(i, j));
            }
        }
        Embeddings t = new Embeddings(from.source().words(), Blas.active().multiply(X, V)).normaliseCentreNormalise();
        return new Pair(name, from.source(), t, WordAlignment.identityGold(from.source(), t));
    }

    /**
     * The paper's Table 3 setting for user-provided fastText vectors: embeddings/fasttext/wiki.SRC.vec
     * and wiki.TGT.vec (first maxWords each) with the MUSE dictionary src-tgt.0-5000.txt as gold.
     * Returns null when the vectors are not there (they are not shipped and could not be obtained here).
     */
    public static Pair musePair(Path root, String src, String tgt, int maxWords) {
        Path ft = root.resolve("embeddings/fasttext");
        Path a = ft.resolve("wiki." + src + ".vec");
        Path b = ft.resolve("wiki." + tgt + ".vec");
        if (!Files.isRegularFile(a) || !Files.isRegularFile(b)) {
            return null;
        }
        Embeddings s = Embeddings.read(a, maxWords).normaliseCentreNormalise();
        Embeddings t = Embeddings.read(b, maxWords).normaliseCentreNormalise();
        Map<String, List<String>> dict = Embeddings.readDictionary(
                DataDir.require(root, "embeddings/muse_dictionaries", "the MUSE dictionaries").resolve(src + "-" + tgt + ".0-5000.txt"));
        return new Pair(src.toUpperCase() + " → " + tgt.toUpperCase(), s, t, WordAlignment.gold(s, t, dict));
    }

    /** One pair's lines with the pair's name and sizes in front. */
    public record Result(Pair pair, List<WordAlignment.Line> lines) {
    }

    public static Result run(Pair pair, WordAlignment experiment, ProgressListener listener) {
        return new Result(pair, experiment.run(pair.source(), pair.target(), pair.gold(), listener));
    }

    /** Our lines, one row per pair, method and split. */
    public static Table table(String title, List<Result> results) {
        StringColumn pair = StringColumn.create("pair");
        IntColumn words = IntColumn.create("vocabulary");
        StringColumn method = StringColumn.create("method");
        StringColumn split = StringColumn.create("split");
        IntColumn scored = IntColumn.create("words scored");
        DoubleColumn t1 = DoubleColumn.create("top-1");
        DoubleColumn t5 = DoubleColumn.create("top-5");
        DoubleColumn t10 = DoubleColumn.create("top-10");
        DoubleColumn sec = DoubleColumn.create("fit s");
        for (Result r : results) {
            for (WordAlignment.Line l : r.lines()) {
                pair.append(r.pair().name());
                words.append(r.pair().source().size());
                method.append(l.method());
                split.append(l.split());
                scored.append(l.words());
                t1.append(l.top1());
                t5.append(l.top5());
                t10.append(l.top10());
                sec.append(l.seconds());
            }
        }
        return Table.create(title, pair, words, method, split, scored, t1, t5, t10, sec);
    }

    public static Table paperTable2() {
        StringColumn c = StringColumn.create("corpus");
        IntColumn s = IntColumn.create("src dim");
        IntColumn t = IntColumn.create("tgt dim");
        DoubleColumn a1 = DoubleColumn.create("top-1");
        DoubleColumn a5 = DoubleColumn.create("top-5");
        DoubleColumn a10 = DoubleColumn.create("top-10");
        for (Object[] r : TABLE2_PAPER) {
            c.append((String) r[0]);
            s.append((Integer) r[1]);
            t.append((Integer) r[2]);
            a1.append((Double) r[3]);
            a5.append((Double) r[4]);
            a10.append((Double) r[5]);
        }
        return Table.create("Table 2 of the paper (NGW, full GloVe vocabularies)", c, s, t, a1, a5, a10);
    }

    public static Table paperTable3() {
        StringColumn s = StringColumn.create("src");
        StringColumn t = StringColumn.create("tgt");
        List<DoubleColumn> cols = new ArrayList<>();
        for (String n : new String[] {"train top-1", "train top-5", "train top-10", "OOD top-1", "OOD top-5", "OOD top-10"}) {
            cols.add(DoubleColumn.create(n));
        }
        for (Object[] r : TABLE3_PAPER) {
            s.append((String) r[0]);
            t.append((String) r[1]);
            for (int k = 0; k < 6; k++) {
                cols.get(k).append((Double) r[2 + k]);
            }
        }
        Table tab = Table.create("Table 3 of the paper (NGW on MUSE fastText vectors, not available here)", s, t);
        for (DoubleColumn dc : cols) {
            tab.addColumns(dc);
        }
        return tab;
    }
}

package org.gwbench.pairwise;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.gwbench.gw.GwSolver;
import org.gwbench.linalg.Blas;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Progress;
import org.gwbench.problem.ProgressListener;

/**
 * Pairwise (fused) GW between all graphs of a collection, on any {@link Engine}: the full symmetric matrix
 * ({@link #distances}) or, pruned by {@link LowerBound}, each graph's k nearest ({@link #nearest}). The rows are cut
 * into blocks; each block is one task, written to the {@link BlockStore} as soon as it is back, and a rerun reads
 * the blocks on disk and computes only the others. Pair (i, j) is always solved as (min, max), so both modes and
 * both engines compute every pair the same way, bit for bit.
 */
public final class Pairwise {
    private Pairwise() {
    }

    /** The graphs and their lower-bound summaries: what every task reads (Spark broadcasts it once). */
    public record Collection(List<PairwiseGraph> graphs, List<LowerBound.Summary> summaries) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Collection {
            graphs = List.copyOf(graphs);
            summaries = List.copyOf(summaries);
        }

        public static Collection of(List<PairwiseGraph> graphs) {
            if (graphs.size() < 2) {
                throw new IllegalArgumentException("a pairwise computation needs at least 2 graphs, got " + graphs.size());
            }
            List<LowerBound.Summary> s = new ArrayList<>();
            for (PairwiseGraph g : graphs) {
                s.add(LowerBound.summary(g));
            }
            return new Collection(graphs, s);
        }

        /** The collection of a dataset's samples (structures, node weights, features), in their order. */
        public static Collection ofSamples(List<org.gwbench.gwf.Gwf.Sample> samples) {
            List<PairwiseGraph> g = new ArrayList<>();
            for (org.gwbench.gwf.Gwf.Sample s : samples) {
                g.add(PairwiseGraph.of(s));
            }
            return of(g);
        }

        public int size() {
            return graphs.size();
        }
    }

    /** Rows [from, to). */
    public record Block(int from, int to) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A block's values, the exact solves it ran, and the BLAS and host that computed it. */
    public record Rows(double[] values, long solves, String blas, String host) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * A run's outcome.
     *
     * @param distances the symmetric matrix (null for a pruned run)
     * @param neighbours each graph's k nearest (by distance, then index), or null when no k was asked for
     * @param neighbourDistances their distances
     * @param pairs the pairs i &lt; j of the collection
     * @param solves exact solves run by this run (cached blocks cost none)
     * @param solvesInBlocks exact solves the blocks record, cached ones included (a pruned run: its cost)
     * @param blocks blocks in all
     * @param blocksCached blocks read from disk
     * @param seconds wall time
     * @param engine the engine's name
     * @param notes what the run should say beside its numbers (hosts on the plain-Java BLAS)
     */
    public record Result(Mat distances, int[][] neighbours, double[][] neighbourDistances, long pairs, long solves, long solvesInBlocks,
                         int blocks, int blocksCached, double seconds, String engine, List<String> notes) {
        /**
         * The solves a search without the bound would run: every pair once for a full matrix; for a pruned run each
         * row's n − 1 candidates, n(n − 1) in all (a row solves its own candidates: rows are separate tasks).
         */
        public long candidates() {
            return distances != null ? pairs : 2 * pairs;
        }

        /** Candidates whose exact solve the bound proved useless (0 for a full matrix). */
        public long skipped() {
            return candidates() - solvesInBlocks;
        }
    }

    /** The line a {@link BlockStore}'s spec.txt holds: what the data is (may be null), its size, and the spec. */
    public static String describe(String data, int graphs, PairwiseSpec spec) {
        return (data == null || data.isBlank() ? "" : data.trim() + " ") + "graphs=" + graphs + " " + spec.describe();
    }

    /** Blocks of size rows covering 0..n−1. */
    public static List<Block> blocks(int n, int size) {
        List<Block> out = new ArrayList<>();
        for (int b = 0; b < n; b += size) {
            out.add(new Block(b, Math.min(n, b + size)));
        }
        return out;
    }

    /** The full matrix; store may be null (nothing kept on disk). */
    public static Result distances(Collection c, PairwiseSpec spec, BlockStore store, Engine engine, ProgressListener progress) {
        int n = c.size();
        Mat D = Mat.zeros(n, n);
        Run run = new Run(c, spec, store, engine, progress, "", n);
        run.execute((col, s) -> distanceRows(col, spec, s), (b, values) -> System.arraycopy(values, 0, D.data, b.from() * n, values.length));
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                D.set(j, i, D.get(i, j));
            }
        }
        return run.result(D, null, null);
    }

    /**
     * Each graph's k nearest (distance, then index), exact, with the exact solves that {@link LowerBound} proves
     * useless skipped: for row i the candidates are taken by increasing bound and solved until the next bound
     * exceeds the k-th best distance found. The neighbours equal those of the full matrix.
     */
    public static Result nearest(Collection c, PairwiseSpec spec, int k, BlockStore store, Engine engine, ProgressListener progress) {
        int n = c.size();
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("knn must be in [1, " + (n - 1) + "] for " + n + " graphs, got " + k);
        }
        int[][] idx = new int[n][];
        double[][] dist = new double[n][];
        Run run = new Run(c, spec, store, engine, progress, "knn" + k + "-", 2 * k + 1);
        run.execute((col, b) -> nearestRows(col, spec, k, b), (b, values) -> {
            for (int i = b.from(); i < b.to(); i++) {
                int at = (i - b.from()) * (2 * k + 1);
                idx[i] = new int[k];
                dist[i] = new double[k];
                for (int t = 0; t < k; t++) {
                    idx[i][t] = (int) values[at + t];
                    dist[i][t] = values[at + k + t];
                }
            }
        });
        return run.result(null, idx, dist);
    }

    /** Each row's k nearest of a full matrix, by distance then index. */
    public static int[][] nearestOf(Mat D, int k) {
        int n = D.rows;
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            final int row = i;
            out[i] = java.util.stream.IntStream.range(0, n).filter(j -> j != row).boxed()
                    .sorted((a, b) -> D.get(row, a) != D.get(row, b) ? Double.compare(D.get(row, a), D.get(row, b)) : Integer.compare(a, b))
                    .limit(k).mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** The task of a full run: rows [from, to), entries right of the diagonal. */
    static Rows distanceRows(Collection c, PairwiseSpec spec, Block b) {
        int n = c.size();
        double[] out = new double[(b.to() - b.from()) * n];
        GwSolver solver = spec.solver();
        long solves = 0;
        for (int i = b.from(); i < b.to(); i++) {
            for (int j = i + 1; j < n; j++) {
                out[(i - b.from()) * n + j] = spec.distance(c.graphs().get(i), c.graphs().get(j), solver, i, j);
                solves++;
            }
        }
        return new Rows(out, solves, Blas.active().name(), Host.NAME);
    }

    /** The task of a pruned run: per row, k indices, k distances and the solves it took. */
    static Rows nearestRows(Collection c, PairwiseSpec spec, int k, Block b) {
        int n = c.size();
        double[] out = new double[(b.to() - b.from()) * (2 * k + 1)];
        GwSolver solver = spec.solver();
        long total = 0;
        for (int i = b.from(); i < b.to(); i++) {
            double[] bound = new double[n];
            Integer[] order = new Integer[n - 1];
            for (int j = 0, t = 0; j < n; j++) {
                if (j != i) {
                    bound[j] = LowerBound.of(c.summaries().get(i), c.summaries().get(j), spec.alpha());
                    order[t++] = j;
                }
            }
            Arrays.sort(order, (x, y) -> bound[x] != bound[y] ? Double.compare(bound[x], bound[y]) : Integer.compare(x, y));
            List<double[]> best = new ArrayList<>(); // {distance, index}, sorted
            long solves = 0;
            for (int j : order) {
                if (best.size() == k && bound[j] > best.get(k - 1)[0]) {
                    break; // every candidate left has a bound, hence a distance, above the k-th best
                }
                int lo = Math.min(i, j);
                int hi = Math.max(i, j);
                double d = spec.distance(c.graphs().get(lo), c.graphs().get(hi), solver, lo, hi);
                solves++;
                insert(best, new double[] {d, j}, k);
            }
            int at = (i - b.from()) * (2 * k + 1);
            for (int t = 0; t < k; t++) {
                out[at + t] = best.get(t)[1];
                out[at + k + t] = best.get(t)[0];
            }
            out[at + 2 * k] = solves;
            total += solves;
        }
        return new Rows(out, total, Blas.active().name(), Host.NAME);
    }

    /** Inserts e into the sorted list (distance, then index) and keeps its k smallest. */
    private static void insert(List<double[]> best, double[] e, int k) {
        int pos = 0;
        while (pos < best.size() && (best.get(pos)[0] < e[0] || best.get(pos)[0] == e[0] && best.get(pos)[1] < e[1])) {
            pos++;
        }
        if (pos < k) {
            best.add(pos, e);
            if (best.size() > k) {
                best.remove(k);
            }
        }
    }

    /** This machine's name, for the notes of a distributed run. */
    private static final class Host {
        static final String NAME = name();

        private static String name() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException | SecurityException e) {
                return "unknown host";
            }
        }
    }

    /** The driver's side of a run: cached blocks read, the others computed and written as they come back, progress. */
    private static final class Run {
        private final Collection c;
        private final BlockStore store;
        private final Engine engine;
        private final ProgressListener progress;
        private final String prefix;
        private final int cols;
        private final int blockRows;
        private final long start = System.nanoTime();
        private final Set<String> javaBlasHosts = new LinkedHashSet<>();
        private int blocks;
        private int cached;
        private long solves;
        private long solvesInBlocks;

        Run(Collection c, PairwiseSpec spec, BlockStore store, Engine engine, ProgressListener progress, String prefix, int cols) {
            this.c = c;
            this.store = store;
            this.engine = engine;
            this.progress = ProgressListener.orNone(progress);
            this.prefix = prefix;
            this.cols = cols;
            this.blockRows = spec.block();
        }

        interface Compute extends Engine.Task<Collection, Block, Rows> {
        }

        interface Use {
            void accept(Block b, double[] values);
        }

        void execute(Compute task, Use use) {
            int n = c.size();
            List<Block> all = blocks(n, blockRows);
            blocks = all.size();
            List<Block> todo = new ArrayList<>();
            long pairsTodo = 0;
            for (Block b : all) {
                double[] v = store == null ? null : store.read(prefix, b.from(), b.to(), n, cols);
                if (v == null) {
                    todo.add(b);
                    pairsTodo += pairsIn(b, n);
                } else {
                    use.accept(b, v);
                    cached++;
                    solvesInBlocks += solvesOf(b, v, n);
                }
            }
            long pairsAll = pairsTodo;
            long[] pairsDone = {0};
            int[] done = {0};
            engine.run(c, todo, task, (b, rows) -> {
                if (store != null) {
                    store.write(prefix, b.from(), b.to(), n, cols, rows.values());
                }
                use.accept(b, rows.values());
                solves += rows.solves();
                solvesInBlocks += rows.solves();
                if ("plain Java".equals(rows.blas())) {
                    javaBlasHosts.add(rows.host());
                }
                pairsDone[0] += pairsIn(b, n);
                done[0]++;
                double secs = (System.nanoTime() - start) / 1e9;
                double eta = pairsDone[0] == 0 ? Double.NaN : secs / pairsDone[0] * (pairsAll - pairsDone[0]);
                progress.onProgress(new Progress("block", cached + done[0], blocks, secs, eta,
                        List.of(new Progress.Value("pairs/s", pairsDone[0] / Math.max(secs, 1e-9)))));
            });
        }

        private long solvesOf(Block b, double[] v, int n) {
            if (prefix.isEmpty()) {
                return pairsIn(b, n);
            }
            long s = 0;
            int k = (cols - 1) / 2;
            for (int i = b.from(); i < b.to(); i++) {
                s += (long) v[(i - b.from()) * cols + 2 * k];
            }
            return s;
        }

        Result result(Mat D, int[][] idx, double[][] dist) {
            int n = c.size();
            List<String> notes = new ArrayList<>();
            for (String h : javaBlasHosts) {
                notes.add("blocks computed on " + h + " used the plain-Java BLAS (no OpenBLAS there): correct, slower");
            }
            return new Result(D, idx, dist, (long) n * (n - 1) / 2, solves, solvesInBlocks, blocks, cached,
                    (System.nanoTime() - start) / 1e9, engine.name(), notes);
        }
    }

    /** Pairs (i, j), i &lt; j, with i in the block. */
    static long pairsIn(Block b, int n) {
        long p = 0;
        for (int i = b.from(); i < b.to(); i++) {
            p += n - 1 - i;
        }
        return p;
    }
}

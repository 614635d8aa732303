package org.gwbench.gwf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gwbench.gw.ExactGw;
import org.gwbench.gw.ExactGwOptions;
import org.gwbench.gw.GwBarycenter;
import org.gwbench.gw.GwLoss;
import org.gwbench.linalg.BlasThreads;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;

/**
 * GWB-KM, the GWF paper's k-means of graphs: assignment by exact (fused) GW, centres updated as GW
 * barycenters (Peyré's update) of their clusters.
 *
 * @param alpha the fused trade-off (POT's: 1 = structure only); graphs without attributes use GW
 * @param iterations the most assignments a run makes
 */
public record GwbKMeans(double alpha, int iterations) {
    public GwbKMeans {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        Check.positive("iterations", iterations);
    }

    /** k distinct observed graphs of the dataset, drawn with the seed: GWB-KM's starting centres. */
    public static List<Gwf.Sample> randomCentres(GraphSet data, long seed) {
        List<Gwf.Sample> s = data.samples();
        int[] pick = new SplittableRandom(seed).ints(0, s.size()).distinct().limit(data.classes()).toArray();
        List<Gwf.Sample> centres = new ArrayList<>();
        for (int c : pick) {
            centres.add(s.get(c));
        }
        return centres;
    }

    /**
     * GWB-KM's result: the cluster of each graph, the k-means objective (the sum over graphs of the
     * (fused) GW distance to the centre of their cluster, at the last assignment) and the assignments
     * made (at most {@link #iterations}; fewer when one repeats the previous), with the centres
     * of that last assignment.
     */
    public record Result(int[] labels, double objective, int assignments, List<Gwf.Sample> centres) {
    }

    /**
     * GWB-KM from the given centres: assign every graph to its nearest centre by exact (fused, α = {@link #alpha})
     * GW, replace each centre by the GW barycenter of its cluster (Peyré's update, five iterations,
     * started from and keeping the size and weights of the previous centre), repeat until the assignment
     * repeats or {@link #iterations} assignments are made. A cluster that empties keeps its
     * centre. An interrupt stops it after the current assignment (the result is then not a finished run).
     */
    public Result run(GraphSet data, List<Gwf.Sample> initialCentres) {
        return run(data, initialCentres, null);
    }

    /** As above; with a label, prints a progress line (objective, graphs moved, elapsed) after each assignment. */
    public Result run(GraphSet data, List<Gwf.Sample> initialCentres, String label) {
        long t0 = System.nanoTime();
        List<Gwf.Sample> s = data.samples();
        int N = s.size();
        int k = initialCentres.size();
        if (k < 1) {
            throw new IllegalArgumentException("initialCentres must hold at least one centre");
        }
        List<Gwf.Sample> centres = initialCentres;
        ExactGw solver = new ExactGw(ExactGwOptions.defaults());
        int[] lab = new int[N];
        double objective = Double.NaN;
        int made = 0;
        List<Gwf.Sample> used = centres;
        for (int it = 0; it < iterations && !Thread.currentThread().isInterrupted(); it++) {
            List<Gwf.Sample> cs = centres;
            int[] next = new int[N];
            double[] dist = new double[N];
            try (BlasThreads.Scope serial = BlasThreads.serial()) {
                IntStream.range(0, N).parallel().forEach(i -> {
                    double best = Double.POSITIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        double d = Fgwk.fgw(s.get(i), cs.get(c), solver, alpha);
                        if (d < best) {
                            best = d;
                            next[i] = c;
                        }
                    }
                    dist[i] = best;
                });
            }
            made++;
            used = cs;
            int moved = 0;
            for (int i = 0; i < N; i++) {
                moved += next[i] != lab[i] ? 1 : 0;
            }
            boolean same = moved == 0 && it > 0;
            lab = next;
            objective = Arrays.stream(dist).sum();
            if (label != null) {
                System.out.print(String.format(java.util.Locale.ROOT, "%s: assignment %d/%d, objective %.6g, %s, %.0f s%n", label, made,
                        iterations, objective, it == 0 ? "first" : moved + (moved == 1 ? " graph moved" : " graphs moved"), (System.nanoTime() - t0) / 1e9));
            }
            if (same) {
                break;
            }
            centres = barycentres(data, lab, centres, solver, alpha);
        }
        return new Result(lab, objective, made, used);
    }

    /**
     * Each cluster's GW barycenter (Peyré's update, five iterations, started from and keeping the size
     * and weights of the cluster's previous centre); a cluster without graphs keeps its centre.
     */
    private static List<Gwf.Sample> barycentres(GraphSet data, int[] lab, List<Gwf.Sample> centres, ExactGw solver, double alpha) {
        List<Gwf.Sample> s = data.samples();
        int N = s.size();
        List<Gwf.Sample> updated = new ArrayList<>();
        for (int c = 0; c < centres.size(); c++) {
            List<Mat> Cs = new ArrayList<>();
            List<Mat> Fs = new ArrayList<>();
            List<double[]> ps = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                if (lab[i] == c) {
                    Cs.add(s.get(i).C());
                    Fs.add(s.get(i).F());
                    ps.add(s.get(i).mu());
                }
            }
            if (Cs.isEmpty()) {
                updated.add(centres.get(c));
                continue;
            }
            double[] w = new double[Cs.size()];
            Arrays.fill(w, 1.0 / Cs.size());
            Gwf.Sample old = centres.get(c);
            GwBarycenter bary = new GwBarycenter(new GwBarycenter.Options(5, 1e-6), solver,
                    org.gwbench.problem.ProgressListener.NONE);
            GwBarycenter.Result res = data.hasFeatures() && alpha < 1
                    ? bary.solveFused(Cs, Fs, ps, w, old.mu(), old.C(), old.F(), alpha, GwLoss.SQUARE)
                    : bary.solve(Cs, ps, w, old.mu(), old.C(), GwLoss.SQUARE);
            updated.add(new Gwf.Sample(res.structure(), old.mu(), res.features()));
        }
        return updated;
    }

    /**
     * GWB-KM's diagnosis: GWB-KM started from the barycentres of the true classes (each started from an
     * observed graph of its class, drawn with the seed) rather than from random graphs. When it keeps the
     * classes and ends at a lower objective than {@link #run} from random graphs, the random start's
     * lower accuracy is a local minimum of k-means, not a property of the objective.
     */
    public Result fromClasses(GraphSet data, long seed) {
        return run(data, classBarycentres(data, seed));
    }

    /** The (fused) GW barycentre of each true class, started from an observed graph of the class drawn with the seed. */
    public List<Gwf.Sample> classBarycentres(GraphSet data, long seed) {
        int k = data.classes();
        int[] truth = data.truth();
        SplittableRandom r = new SplittableRandom(seed);
        List<Gwf.Sample> start = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int cc = c;
            int[] members = IntStream.range(0, truth.length).filter(i -> truth[i] == cc).toArray();
            if (members.length == 0) {
                throw new IllegalArgumentException("data has no graph of class " + c);
            }
            start.add(data.samples().get(members[r.nextInt(members.length)]));
        }
        return barycentres(data, truth, start, new ExactGw(ExactGwOptions.defaults()), alpha);
    }
}

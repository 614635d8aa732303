package org.gwbench.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gwbench.gw.BapgGw;
import org.gwbench.gw.BapgGwOptions;
import org.gwbench.gw.EntropicGw;
import org.gwbench.gw.EntropicGwOptions;
import org.gwbench.gw.EntropicSemiRelaxedGw;
import org.gwbench.gw.ExactGw;
import org.gwbench.gw.ExactGwOptions;
import org.gwbench.gw.GwProblem;
import org.gwbench.gw.GwResult;
import org.gwbench.gw.GwSolver;
import org.gwbench.gw.PartialGw;
import org.gwbench.gw.PartialGwOptions;
import org.gwbench.gw.SampledGw;
import org.gwbench.gw.SampledGwOptions;
import org.gwbench.gw.SemiRelaxedGw;
import org.gwbench.gw.SemiRelaxedGwOptions;
import org.gwbench.gw.UnbalancedGw;
import org.gwbench.gw.UnbalancedGwOptions;
import org.gwbench.linalg.Mat;
import org.gwbench.gw.PpaGw;
import org.gwbench.gw.ProximalGwOptions;
import org.gwbench.gwf.Fgwk;
import org.gwbench.gwf.GraphSet;
import org.gwbench.gwf.Gwf;
import org.gwbench.linalg.Distances;
import org.gwbench.problem.Check;
import org.gwbench.report.Charts;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * notebooks/10: the GW toolbox beyond the four papers, on two attributed graphs of a TU dataset (shortest-path
 * structures, standardised node attributes, M = squared attribute distances, each matrix divided by its
 * largest entry): fused GW by every solver family
 * side by side, and BAPG against its ε.
 *
 * @param smoke run the quick profile ({@link #effective()}: fewer ε of the sweep, fewer iterations)
 * @param dataset a TU dataset with node attributes
 * @param first index of the first graph in the dataset's file order
 * @param second index of the second graph
 * @param alpha the fused trade-off (POT's α)
 * @param epsilon entropic fused GW's ε (POT's convention)
 * @param bapgEpsilon BAPG's ε in the comparison
 * @param bapgSweep the ε of the BAPG sweep, comma-separated
 * @param maxIter iterations at most of the iterative solvers (BAPG's budget too)
 * @param partialMasses the masses m of the partial FGW section, comma-separated, each in (0, 1]
 * @param parts the number of parts of the srGW partitioning of the first graph
 * @param rhoSweep the marginal penalties ρ of the unbalanced FGW section, comma-separated
 * @param sampledSeeds how many seeds sampled GW runs with (seeds 0, 1, …)
 * @param lowRankPoints points per cloud of the low-rank GW section (a 2-D spiral against a 3-D helix)
 * @param ranks the ranks of the low-rank GW section, comma-separated
 */
public record GwToolbox(boolean smoke, String dataset, int first, int second, double alpha, double epsilon, double bapgEpsilon,
                        String bapgSweep, int maxIter, String partialMasses, int parts, String rhoSweep, int sampledSeeds,
                        int lowRankPoints, String ranks) {
    public GwToolbox {
        if (first < 0 || second < 0) {
            throw new IllegalArgumentException("first and second must be graph indices >= 0, got " + first + " and " + second);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        Check.positive("epsilon", epsilon);
        Check.positive("bapgEpsilon", bapgEpsilon);
        Table1Config.doubles("bapgSweep", bapgSweep);
        Check.positive("maxIter", maxIter);
        Table1Config.list("dataset", dataset);
        Check.positive("parts", parts);
        Check.positive("sampledSeeds", sampledSeeds);
        Check.positive("lowRankPoints", lowRankPoints);
        for (double r : Table1Config.doubles("ranks", ranks)) {
            if (!(r >= 1) || r != Math.rint(r) || r > lowRankPoints) {
                throw new IllegalArgumentException("ranks must be whole numbers from 1 to lowRankPoints, got " + r);
            }
        }
        for (double r : Table1Config.doubles("rhoSweep", rhoSweep)) {
            Check.positive("rhoSweep", r);
        }
        for (double m : Table1Config.doubles("partialMasses", partialMasses)) {
            if (!(m > 0 && m <= 1)) {
                throw new IllegalArgumentException("partialMasses must lie in (0, 1], got " + m);
            }
        }
    }

    /** The gallery's settings (the notebook's defaults). */
    public static GwToolbox defaults() {
        return new GwToolbox(false, "AIDS", 0, 1, 0.5, 0.01, 1.0, "0.01,0.03,0.1,0.3,1,3,10", 20000, "1,0.9,0.8,0.7,0.6,0.5,0.4,0.3", 3, "0.03,0.1,0.3,1,3,10,30,100", 10, 20000,
                "5,10,20,40");
    }

    /**
     * The settings a run uses: these, or with smoke the same on three ε of the sweep, 2000 iterations, three sampled-GW
     * seeds and 1000-point clouds for low-rank GW.
     */
    public GwToolbox effective() {
        if (!smoke) {
            return this;
        }
        double[] sweep = Table1Config.doubles("bapgSweep", bapgSweep);
        String few = sweep.length <= 3 ? bapgSweep
                : sweep[0] + "," + sweep[sweep.length / 2] + "," + sweep[sweep.length - 1];
        return new GwToolbox(false, dataset, first, second, alpha, epsilon, bapgEpsilon, few, Math.min(maxIter, 2000), partialMasses, parts, rhoSweep,
                Math.min(sampledSeeds, 3), Math.min(lowRankPoints, 1000), ranks);
    }

    /** The two graphs as a fused problem. */
    public GwProblem problem(Path root) {
        GraphSet data = GraphSet.load(root, dataset, 0, 0);
        int n = data.samples().size();
        if (first >= n || second >= n) {
            throw new IllegalArgumentException("first and second must be below " + n + " (" + dataset + " has " + n + " graphs)");
        }
        if (!data.hasFeatures()) {
            throw new IllegalArgumentException("dataset " + dataset + " has no node attributes; fused GW needs them (AIDS, PROTEINS_full have)");
        }
        List<Gwf.Sample> s = Fgwk.structures(List.of(data.samples().get(first), data.samples().get(second)), Fgwk.Structure.SHORTEST_PATH);
        Gwf.Sample a = s.get(0);
        Gwf.Sample b = s.get(1);
        // every matrix divided by its largest entry, as POT's examples do: ε and γ then mean the same on every pair
        return new GwProblem(Distances.byMax(a.C()), Distances.byMax(b.C()), a.mu(), b.mu(), org.gwbench.gw.GwLoss.SQUARE)
                .withFused(Distances.byMax(Distances.squared(a.F(), b.F())), alpha);
    }

    /** What the gallery shows. */
    public record Output(Table solvers, HeatMapChart entropicPlan, HeatMapChart bapgPlan, Table sweep, XYChart sweepChart,
                         Table semiRelaxed, Table partial, XYChart partialChart, HeatMapChart partialPlan, Table partition,
                         HeatMapChart partitionChart, Table unbalanced, XYChart unbalancedChart, Table sampled, XYChart sampledChart,
                         Table lowRank, XYChart lowRankChart) {
    }

    public Output run(Path root) {
        GwToolbox t = effective();
        GwProblem pb = t.problem(root);
        List<String> names = List.of("exact FGW (conditional gradient)", "entropic FGW, ε = " + t.epsilon, "BAPG, ε = " + t.bapgEpsilon,
                "PPA (GWF paper), γ = " + t.epsilon / 2);
        List<GwSolver> solvers = List.of(new ExactGw(ExactGwOptions.defaults()),
                new EntropicGw(EntropicGwOptions.defaults(t.epsilon).withMaxIter(t.maxIter)
                        .withInner(new org.gwbench.sinkhorn.SinkhornLog(org.gwbench.sinkhorn.SinkhornOptions.defaults()))),
                new BapgGw(BapgGwOptions.defaults(t.bapgEpsilon).withMaxIter(t.maxIter).withTol(1e-10)),
                new PpaGw(new ProximalGwOptions(t.epsilon / 2, Math.min(t.maxIter, 5000), false, 1e-9)));
        List<GwResult> results = new ArrayList<>();
        for (GwSolver s : solvers) {
            results.add(s.solve(pb));
        }
        Table table = resultTable("Fused GW between graphs " + first + " and " + second + " of " + dataset + " (α = " + alpha + ")",
                names, results);
        Table sweep = t.sweep(pb);
        XYChart chart = Charts.logLogLines("BAPG: how far its limit is from a coupling", "ε", "marginal error (L1)", List.of("BAPG"),
                List.of(sweep.doubleColumn("ε").asDoubleArray()), List.of(sweep.doubleColumn("marginal error (L1)").asDoubleArray()));
        Partial partial = t.partial(pb);
        Partition partition = t.partition(root);
        Table unbalanced = t.unbalanced(pb);
        Sampled sampled = t.sampled(pb);
        Table lowRank = t.lowRank();
        XYChart lrChart = Charts.lines("Low-rank GW between " + t.lowRankPoints + "-point clouds: value against rank", "rank", "GW value",
                List.of("low-rank GW"), List.of(lowRank.intColumn("rank").asDoubleArray()), List.of(lowRank.doubleColumn("value").asDoubleArray()));
        XYChart uChart = Charts.logLogLines("Unbalanced FGW: the plan's distance from the marginals against ρ", "ρ",
                "marginal deviation (L1)", List.of("unbalanced FGW, ε = " + t.epsilon), List.of(unbalanced.doubleColumn("ρ").asDoubleArray()),
                List.of(unbalanced.doubleColumn("marginal deviation (L1)").asDoubleArray()));
        return new Output(table, Charts.plan("Entropic FGW plan (ε = " + t.epsilon + ")", results.get(1).plan()),
                Charts.plan("BAPG plan (ε = " + t.bapgEpsilon + ")", results.get(2).plan()), sweep, chart, t.semiRelaxed(pb, results.get(1)),
                partial.table(), partial.chart(), partial.plan(), partition.table(), partition.chart(),
                unbalanced, uChart, sampled.table(), sampled.chart(), lowRank, lrChart);
    }

    /**
     * Semi-relaxed FGW of the first graph onto the second, by conditional gradient and entropic at the same ε:
     * the weights each learns on the second graph's nodes (entropic FGW keeps them uniform), and their values
     * beside entropic FGW's.
     */
    Table semiRelaxed(GwProblem pb, GwResult entropic) {
        GwResult sr = new EntropicSemiRelaxedGw(epsilon, maxIter, 1e-9, null).solve(pb);
        GwResult cg = new SemiRelaxedGw(SemiRelaxedGwOptions.defaults().withMaxIter(maxIter)).solve(pb);
        double[] w = EntropicSemiRelaxedGw.targetWeights(sr);
        double[] wcg = EntropicSemiRelaxedGw.targetWeights(cg);
        double[] imposed = entropic.plan().colSums();
        IntColumn node = IntColumn.create("node of graph " + second);
        DoubleColumn weight = DoubleColumn.create("srFGW weight (entropic)");
        DoubleColumn weightCg = DoubleColumn.create("srFGW weight (CG)");
        DoubleColumn uniform = DoubleColumn.create("FGW weight (imposed)");
        for (int j = 0; j < w.length; j++) {
            node.append(j);
            weight.append(w[j]);
            weightCg.append(wcg[j]);
            uniform.append(imposed[j]);
        }
        return Table.create(String.format(java.util.Locale.ROOT,
                "Semi-relaxed FGW: entropic %.4g (%s), conditional gradient %.4g (%s); entropic FGW %.4g",
                sr.value(), sr.status().name().toLowerCase(java.util.Locale.ROOT), cg.value(), cg.status().name().toLowerCase(java.util.Locale.ROOT),
                entropic.value()), node, weight, weightCg, uniform);
    }

    private record Partition(Table table, HeatMapChart chart) {
    }

    /**
     * srGW partitioning (the srGW paper's): the first graph's adjacency onto the parts×parts identity; per part
     * its nodes and the edges inside it, and the adjacency with the nodes ordered by part (blocks on the diagonal).
     */
    Partition partition(Path root) {
        GraphSet data = GraphSet.load(root, dataset, 0, 0);
        Mat A = data.samples().get(first).C();
        if (parts > A.rows) {
            throw new IllegalArgumentException("parts must be at most the " + A.rows + " nodes of graph " + first + ", got " + parts);
        }
        SemiRelaxedGw.Partition p = new SemiRelaxedGw(SemiRelaxedGwOptions.defaults().withMaxIter(maxIter))
                .partition(A, Check.uniform(A.rows), parts, 0);
        int[] label = p.parts();
        IntColumn part = IntColumn.create("part");
        IntColumn nodes = IntColumn.create("nodes");
        IntColumn inside = IntColumn.create("edges inside");
        IntColumn across = IntColumn.create("edges to other parts");
        for (int k = 0; k < parts; k++) {
            int count = 0;
            int in = 0;
            int out = 0;
            for (int i = 0; i < A.rows; i++) {
                if (label[i] != k) {
                    continue;
                }
                count++;
                for (int j = 0; j < A.rows; j++) {
                    if (A.get(i, j) != 0) {
                        if (label[j] == k) {
                            in += j > i ? 1 : 0;
                        } else {
                            out++;
                        }
                    }
                }
            }
            part.append(k);
            nodes.append(count);
            inside.append(in);
            across.append(out);
        }
        Integer[] order = new Integer[A.rows];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> label[i]));
        Mat R = Mat.zeros(A.rows, A.rows);
        for (int i = 0; i < A.rows; i++) {
            for (int j = 0; j < A.rows; j++) {
                R.set(i, j, A.get(order[i], order[j]));
            }
        }
        String title = String.format(java.util.Locale.ROOT, "srGW partition of graph %d of %s into %d parts (value %.4g, %s)", first, dataset,
                parts, p.result().value(), p.result().status().name().toLowerCase(java.util.Locale.ROOT));
        return new Partition(Table.create(title, part, nodes, inside, across), Charts.plan("Adjacency, nodes ordered by srGW part", R));
    }

    private record Partial(Table table, XYChart chart, HeatMapChart plan) {
    }

    /**
     * Partial FGW at each mass: its value (which falls as less mass must be matched), how many nodes of each
     * graph send or receive less than a tenth of their weight, and the plan at the smallest mass.
     */
    Partial partial(GwProblem pb) {
        double[] masses = Table1Config.doubles("partialMasses", partialMasses);
        DoubleColumn mass = DoubleColumn.create("mass m");
        DoubleColumn value = DoubleColumn.create("partial FGW value");
        IntColumn leftRows = IntColumn.create("nodes of graph " + first + " left out");
        IntColumn leftCols = IntColumn.create("nodes of graph " + second + " left out");
        StringColumn status = StringColumn.create("status");
        DoubleColumn violation = DoubleColumn.create("constraint violation");
        GwResult last = null;
        for (double m : masses) {
            GwResult r = new PartialGw(PartialGwOptions.defaults(m).withMaxIter(maxIter)).solve(pb);
            mass.append(m);
            value.append(r.value());
            leftRows.append(leftOut(r.plan().rowSums(), pb.p()));
            leftCols.append(leftOut(r.plan().colSums(), pb.q()));
            status.append(r.status().name().toLowerCase(java.util.Locale.ROOT));
            violation.append(r.marginalError());
            last = r;
        }
        Table t = Table.create("Partial FGW (α = " + alpha + ") against the mass transported", mass, value, leftRows, leftCols, status, violation);
        XYChart chart = Charts.lines("Partial FGW: the value against the mass m", "mass m", "value", List.of("partial FGW"),
                List.of(mass.asDoubleArray()), List.of(value.asDoubleArray()));
        return new Partial(t, chart, Charts.plan("Partial FGW plan, m = " + masses[masses.length - 1], last.plan()));
    }

    private static int leftOut(double[] sent, double[] weight) {
        int k = 0;
        for (int i = 0; i < sent.length; i++) {
            k += sent[i] < 0.1 * weight[i] ? 1 : 0;
        }
        return k;
    }

    /**
     * Unbalanced FGW (KL penalties ρ on both marginals, the joint entropic term at the gallery's ε) at each ρ of
     * the sweep: the mass its plan carries and how far its marginals are from the node weights.
     */
    Table unbalanced(GwProblem pb) {
        DoubleColumn rho = DoubleColumn.create("ρ");
        DoubleColumn value = DoubleColumn.create("value");
        DoubleColumn mass = DoubleColumn.create("mass");
        DoubleColumn deviation = DoubleColumn.create("marginal deviation (L1)");
        StringColumn status = StringColumn.create("status");
        IntColumn iterations = IntColumn.create("iterations");
        for (double r : Table1Config.doubles("rhoSweep", rhoSweep)) {
            GwResult u = new UnbalancedGw(UnbalancedGwOptions.defaults(r, epsilon).withMaxIter(Math.min(maxIter, 1000))).solve(pb);
            rho.append(r);
            value.append(u.value());
            mass.append(java.util.Arrays.stream(u.plan().rowSums()).sum());
            deviation.append(u.marginalError());
            status.append(u.status().name().toLowerCase(java.util.Locale.ROOT));
            iterations.append(u.iterations());
        }
        return Table.create("Unbalanced FGW (ε = " + epsilon + ") against the marginal penalty ρ", rho, value, mass, deviation, status, iterations);
    }

    /**
     * Low-rank GW between a noisy 2-D spiral and a noisy 3-D helix of lowRankPoints points each (seeded), at each
     * rank: the plan and the structures stay factored, so the memory is of order N·rank.
     */
    Table lowRank() {
        org.gwbench.linalg.Mat X = org.gwbench.data.PointClouds.spiral2d(lowRankPoints, 0.05, 1);
        org.gwbench.linalg.Mat Y = org.gwbench.data.PointClouds.helix3d(lowRankPoints, 0.05, 2);
        IntColumn rank = IntColumn.create("rank");
        DoubleColumn value = DoubleColumn.create("value");
        StringColumn status = StringColumn.create("status");
        IntColumn iterations = IntColumn.create("iterations");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        for (double r : Table1Config.doubles("ranks", ranks)) {
            // POT's stopThr 1e-4 stops two steps from the random start on these clouds: 1e-7, at most 300 steps
            org.gwbench.gw.LowRankGw.Result res = new org.gwbench.gw.LowRankGw(org.gwbench.gw.LowRankGwOptions.defaults((int) r)
                    .withStopThr(1e-7).withMaxIter(Math.min(maxIter, 300))).solve(X, Y, Check.uniform(lowRankPoints),
                    Check.uniform(lowRankPoints));
            rank.append((int) r);
            value.append(res.value());
            status.append(res.status().name().toLowerCase(java.util.Locale.ROOT));
            iterations.append(res.iterations());
            seconds.append(res.seconds());
        }
        return Table.create("Low-rank GW, " + lowRankPoints + " points per cloud (spiral in 2-D, helix in 3-D)", rank, value, status,
                iterations, seconds);
    }

    private record Sampled(Table table, XYChart chart) {
    }

    /**
     * Sampled GW on the two structures alone (it takes no feature term), one run per seed: the exact GW value
     * of each final plan beside the conditional gradient's GW value (the structure part of the exact FGW run's
     * problem, solved again without features).
     */
    Sampled sampled(GwProblem fused) {
        GwProblem pb = new GwProblem(fused.C1(), fused.C2(), fused.p(), fused.q(), org.gwbench.gw.GwLoss.SQUARE);
        double cg = new ExactGw(ExactGwOptions.defaults()).solve(pb).value();
        IntColumn seed = IntColumn.create("seed");
        DoubleColumn value = DoubleColumn.create("sampled GW value");
        StringColumn status = StringColumn.create("status");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        double[] xs = new double[sampledSeeds];
        double[] ys = new double[sampledSeeds];
        double[] flat = new double[sampledSeeds];
        for (int s = 0; s < sampledSeeds; s++) {
            GwResult r = new SampledGw(SampledGwOptions.defaults(s).withMaxIter(Math.min(maxIter, 500))).solve(pb);
            seed.append(s);
            value.append(r.value());
            status.append(r.status().name().toLowerCase(java.util.Locale.ROOT));
            seconds.append(r.seconds());
            xs[s] = s;
            ys[s] = r.value();
            flat[s] = cg;
        }
        Table t = Table.create(String.format(java.util.Locale.ROOT, "Sampled GW over seeds (conditional gradient: %.4g)", cg), seed, value,
                status, seconds);
        XYChart chart = Charts.lines("Sampled GW: the value of each seed's plan", "seed", "GW value", List.of("sampled GW", "conditional gradient"),
                List.of(xs, xs), List.of(ys, flat));
        return new Sampled(t, chart);
    }

    /** BAPG at each ε of the sweep: where its limit is a coupling. */
    Table sweep(GwProblem pb) {
        double[] eps = Table1Config.doubles("bapgSweep", bapgSweep);
        List<String> names = new ArrayList<>();
        List<GwResult> results = new ArrayList<>();
        for (double e : eps) {
            names.add("BAPG, ε = " + e);
            results.add(new BapgGw(BapgGwOptions.defaults(e).withMaxIter(maxIter).withTol(1e-10)).solve(pb));
        }
        Table t = resultTable("BAPG against ε: its limit is a coupling only for ε large enough", names, results);
        t.addColumns(DoubleColumn.create("ε", eps));
        return t;
    }

    static Table resultTable(String title, List<String> names, List<GwResult> results) {
        StringColumn solver = StringColumn.create("solver", names);
        DoubleColumn value = DoubleColumn.create("value");
        DoubleColumn marginal = DoubleColumn.create("marginal error (L1)");
        StringColumn status = StringColumn.create("status");
        IntColumn iterations = IntColumn.create("iterations");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        for (GwResult r : results) {
            value.append(r.value());
            marginal.append(r.marginalError());
            status.append(r.status().name().toLowerCase(java.util.Locale.ROOT));
            iterations.append(r.iterations());
            seconds.append(r.seconds());
        }
        return Table.create(title, solver, value, marginal, status, iterations, seconds);
    }
}

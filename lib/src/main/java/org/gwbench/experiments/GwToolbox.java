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
import org.gwbench.gw.PpaGw;
import org.gwbench.gw.ProximalGwOptions;
import org.gwbench.gw.SemiRelaxedGw;
import org.gwbench.gw.SemiRelaxedGwOptions;
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
 * @param gdlGraphs graphs of the dataset the GDL section learns its dictionary on (drawn with seed 0; 0: all)
 * @param gdlEpochs GDL's epochs
 */
public record GwToolbox(boolean smoke, String dataset, int first, int second, double alpha, double epsilon, double bapgEpsilon,
                        String bapgSweep, int maxIter, String partialMasses, int parts, String rhoSweep, int sampledSeeds,
                        int lowRankPoints, String ranks, int gdlGraphs, int gdlEpochs) {
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
        Check.positive("gdlEpochs", gdlEpochs);
        if (gdlGraphs < 0) {
            throw new IllegalArgumentException("gdlGraphs must be >= 0 (0: all), got " + gdlGraphs);
        }
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
                "5,10,20,40", 300, 10);
    }

    /**
     * The settings a run uses: these, or with smoke the same on three ε of the sweep, 2000 iterations, three sampled-GW
     * seeds, 1000-point clouds for low-rank GW and GDL on 60 graphs for 3 epochs.
     */
    public GwToolbox effective() {
        if (!smoke) {
            return this;
        }
        double[] sweep = Table1Config.doubles("bapgSweep", bapgSweep);
        String few = sweep.length <= 3 ? bapgSweep
                : sweep[0] + "," + sweep[sweep.length / 2] + "," + sweep[sweep.length - 1];
        return new GwToolbox(false, dataset, first, second, alpha, epsilon, bapgEpsilon, few, Math.min(maxIter, 2000), partialMasses, parts, rhoSweep,
                Math.min(sampledSeeds, 3), Math.min(lowRankPoints, 1000), ranks,
                gdlGraphs == 0 ? 60 : Math.min(gdlGraphs, 60), Math.min(gdlEpochs, 3));
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
                         Table lowRank, XYChart lowRankChart, XYChart gdlChart, Table gdl, Table scaling, XYChart scalingChart) {
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
        GwToolboxSections.Partial partial = GwToolboxSections.partial(t, pb);
        GwToolboxSections.Partition partition = GwToolboxSections.partition(t, root);
        Table unbalanced = GwToolboxSections.unbalanced(t, pb);
        GwToolboxSections.Sampled sampled = GwToolboxSections.sampled(t, pb);
        Table lowRank = GwToolboxSections.lowRank(t);
        GwToolboxSections.Gdl gdl = GwToolboxSections.gdl(t, root);
        GwToolboxSections.Scaling scaling = GwToolboxSections.scaling(t, pb);
        XYChart lrChart = Charts.lines("Low-rank GW between " + t.lowRankPoints + "-point clouds: value against rank", "rank", "GW value",
                List.of("low-rank GW"), List.of(lowRank.intColumn("rank").asDoubleArray()), List.of(lowRank.doubleColumn("value").asDoubleArray()));
        XYChart uChart = Charts.logLogLines("Unbalanced FGW: the plan's distance from the marginals against ρ", "ρ",
                "marginal deviation (L1)", List.of("unbalanced FGW, ε = " + t.epsilon), List.of(unbalanced.doubleColumn("ρ").asDoubleArray()),
                List.of(unbalanced.doubleColumn("marginal deviation (L1)").asDoubleArray()));
        return new Output(table, Charts.plan("Entropic FGW plan (ε = " + t.epsilon + ")", results.get(1).plan()),
                Charts.plan("BAPG plan (ε = " + t.bapgEpsilon + ")", results.get(2).plan()), sweep, chart, t.semiRelaxed(pb, results.get(1)),
                partial.table(), partial.chart(), partial.plan(), partition.table(), partition.chart(),
                unbalanced, uChart, sampled.table(), sampled.chart(), lowRank, lrChart, gdl.chart(), gdl.table(),
                scaling.table(), scaling.chart());
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

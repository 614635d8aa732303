package org.gwbench.experiments;

import java.nio.file.Path;
import java.util.List;
import org.gwbench.gw.ExactGw;
import org.gwbench.gw.ExactGwOptions;
import org.gwbench.gw.GwProblem;
import org.gwbench.gw.GwResult;
import org.gwbench.gw.PartialGw;
import org.gwbench.gw.PartialGwOptions;
import org.gwbench.gw.SampledGw;
import org.gwbench.gw.SampledGwOptions;
import org.gwbench.gw.SemiRelaxedGw;
import org.gwbench.gw.SemiRelaxedGwOptions;
import org.gwbench.gw.UnbalancedGw;
import org.gwbench.gw.UnbalancedGwOptions;
import org.gwbench.gwf.GraphSet;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.report.Charts;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The gallery's sections on the relaxed and large-N solvers (partial, semi-relaxed partitioning, unbalanced, sampled, low-rank GW), for {@link GwToolbox}. */
final class GwToolboxSections {
    private GwToolboxSections() {
    }

    record Partial(Table table, XYChart chart, HeatMapChart plan) {
    }

    /**
     * Partial FGW at each mass: its value (which falls as less mass must be matched), how many nodes of each
     * graph send or receive less than a tenth of their weight, and the plan at the smallest mass.
     */
    static Partial partial(GwToolbox t, GwProblem pb) {
        double[] masses = Table1Config.doubles("partialMasses", t.partialMasses());
        DoubleColumn mass = DoubleColumn.create("mass m");
        DoubleColumn value = DoubleColumn.create("partial FGW value");
        IntColumn leftRows = IntColumn.create("nodes of graph " + t.first() + " left out");
        IntColumn leftCols = IntColumn.create("nodes of graph " + t.second() + " left out");
        StringColumn status = StringColumn.create("status");
        DoubleColumn violation = DoubleColumn.create("constraint violation");
        GwResult last = null;
        for (double m : masses) {
            GwResult r = new PartialGw(PartialGwOptions.defaults(m).withMaxIter(t.maxIter())).solve(pb);
            mass.append(m);
            value.append(r.value());
            leftRows.append(leftOut(r.plan().rowSums(), pb.p()));
            leftCols.append(leftOut(r.plan().colSums(), pb.q()));
            status.append(r.status().name().toLowerCase(java.util.Locale.ROOT));
            violation.append(r.marginalError());
            last = r;
        }
        Table table = Table.create("Partial FGW (α = " + t.alpha() + ") against the mass transported", mass, value, leftRows, leftCols, status,
                violation);
        XYChart chart = Charts.lines("Partial FGW: the value against the mass m", "mass m", "value", List.of("partial FGW"),
                List.of(mass.asDoubleArray()), List.of(value.asDoubleArray()));
        return new Partial(table, chart, Charts.plan("Partial FGW plan, m = " + masses[masses.length - 1], last.plan()));
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
    static Table unbalanced(GwToolbox t, GwProblem pb) {
        DoubleColumn rho = DoubleColumn.create("ρ");
        DoubleColumn value = DoubleColumn.create("value");
        DoubleColumn mass = DoubleColumn.create("mass");
        DoubleColumn deviation = DoubleColumn.create("marginal deviation (L1)");
        StringColumn status = StringColumn.create("status");
        IntColumn iterations = IntColumn.create("iterations");
        for (double r : Table1Config.doubles("rhoSweep", t.rhoSweep())) {
            GwResult u = new UnbalancedGw(UnbalancedGwOptions.defaults(r, t.epsilon()).withMaxIter(Math.min(t.maxIter(), 1000))).solve(pb);
            rho.append(r);
            value.append(u.value());
            mass.append(java.util.Arrays.stream(u.plan().rowSums()).sum());
            deviation.append(u.marginalError());
            status.append(u.status().name().toLowerCase(java.util.Locale.ROOT));
            iterations.append(u.iterations());
        }
        return Table.create("Unbalanced FGW (ε = " + t.epsilon() + ") against the marginal penalty ρ", rho, value, mass, deviation, status, iterations);
    }

    /**
     * Low-rank GW between a noisy 2-D spiral and a noisy 3-D helix of t.lowRankPoints() points each (seeded), at each
     * rank: the plan and the structures stay factored, so the memory is of order N·rank.
     */
    static Table lowRank(GwToolbox t) {
        org.gwbench.linalg.Mat X = org.gwbench.data.PointClouds.spiral2d(t.lowRankPoints(), 0.05, 1);
        org.gwbench.linalg.Mat Y = org.gwbench.data.PointClouds.helix3d(t.lowRankPoints(), 0.05, 2);
        IntColumn rank = IntColumn.create("rank");
        DoubleColumn value = DoubleColumn.create("value");
        StringColumn status = StringColumn.create("status");
        IntColumn iterations = IntColumn.create("iterations");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        for (double r : Table1Config.doubles("ranks", t.ranks())) {
            // POT's stopThr 1e-4 stops two steps from the random start on these clouds: 1e-7, at most 300 steps
            org.gwbench.gw.LowRankGw.Result res = new org.gwbench.gw.LowRankGw(org.gwbench.gw.LowRankGwOptions.defaults((int) r)
                    .withStopThr(1e-7).withMaxIter(Math.min(t.maxIter(), 300))).solve(X, Y, Check.uniform(t.lowRankPoints()),
                    Check.uniform(t.lowRankPoints()));
            rank.append((int) r);
            value.append(res.value());
            status.append(res.status().name().toLowerCase(java.util.Locale.ROOT));
            iterations.append(res.iterations());
            seconds.append(res.seconds());
        }
        return Table.create("Low-rank GW, " + t.lowRankPoints() + " points per cloud (spiral in 2-D, helix in 3-D)", rank, value, status,
                iterations, seconds);
    }

    record Sampled(Table table, XYChart chart) {
    }

    /**
     * Sampled GW on the two structures alone (it takes no feature term), one run per seed: the exact GW value
     * of each final plan beside the conditional gradient's GW value (the structure part of the exact FGW run's
     * problem, solved again without features).
     */
    static Sampled sampled(GwToolbox t, GwProblem fused) {
        GwProblem pb = new GwProblem(fused.C1(), fused.C2(), fused.p(), fused.q(), org.gwbench.gw.GwLoss.SQUARE);
        double cg = new ExactGw(ExactGwOptions.defaults()).solve(pb).value();
        IntColumn seed = IntColumn.create("seed");
        DoubleColumn value = DoubleColumn.create("sampled GW value");
        StringColumn status = StringColumn.create("status");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        double[] xs = new double[t.sampledSeeds()];
        double[] ys = new double[t.sampledSeeds()];
        double[] flat = new double[t.sampledSeeds()];
        for (int s = 0; s < t.sampledSeeds(); s++) {
            GwResult r = new SampledGw(SampledGwOptions.defaults(s).withMaxIter(Math.min(t.maxIter(), 500))).solve(pb);
            seed.append(s);
            value.append(r.value());
            status.append(r.status().name().toLowerCase(java.util.Locale.ROOT));
            seconds.append(r.seconds());
            xs[s] = s;
            ys[s] = r.value();
            flat[s] = cg;
        }
        Table table = Table.create(String.format(java.util.Locale.ROOT, "Sampled GW over seeds (conditional gradient: %.4g)", cg), seed,
                value, status, seconds);
        XYChart chart = Charts.lines("Sampled GW: the value of each seed's plan", "seed", "GW value", List.of("sampled GW", "conditional gradient"),
                List.of(xs, xs), List.of(ys, flat));
        return new Sampled(table, chart);
    }


    record Partition(Table table, HeatMapChart chart) {
    }

    /**
     * srGW partitioning (the srGW paper's): the t.first() graph's adjacency onto the t.parts()×t.parts() identity; per part
     * its nodes and the edges inside it, and the adjacency with the nodes ordered by part (blocks on the diagonal).
     */
    static Partition partition(GwToolbox t, Path root) {
        GraphSet data = GraphSet.load(root, t.dataset(), 0, 0);
        Mat A = data.samples().get(t.first()).C();
        if (t.parts() > A.rows) {
            throw new IllegalArgumentException("parts must be at most the " + A.rows + " nodes of graph " + t.first() + ", got " + t.parts());
        }
        SemiRelaxedGw.Partition p = new SemiRelaxedGw(SemiRelaxedGwOptions.defaults().withMaxIter(t.maxIter()))
                .partition(A, Check.uniform(A.rows), t.parts(), 0);
        int[] label = p.parts();
        IntColumn part = IntColumn.create("part");
        IntColumn nodes = IntColumn.create("nodes");
        IntColumn inside = IntColumn.create("edges inside");
        IntColumn across = IntColumn.create("edges to other parts");
        for (int k = 0; k < t.parts(); k++) {
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
        String title = String.format(java.util.Locale.ROOT, "srGW partition of graph %d of %s into %d parts (value %.4g, %s)", t.first(), t.dataset(),
                t.parts(), p.result().value(), p.result().status().name().toLowerCase(java.util.Locale.ROOT));
        return new Partition(Table.create(title, part, nodes, inside, across), Charts.plan("Adjacency, nodes ordered by srGW part", R));
    }

    record Gdl(Table table, XYChart chart) {
    }

    /**
     * GDL (3 atoms of the graphs' mean size) learnt on gdlGraphs graphs of the dataset, their adjacency matrices and
     * uniform node weights: each graph's unmixing weights (on the simplex: two of them place it) by class, and the
     * loss per epoch.
     */
    static Gdl gdl(GwToolbox t, Path root) {
        GraphSet data = GraphSet.load(root, t.dataset(), t.gdlGraphs(), 0);
        List<Mat> Cs = new java.util.ArrayList<>();
        List<double[]> ps = new java.util.ArrayList<>();
        double nodes = 0;
        for (org.gwbench.gwf.Gwf.Sample g : data.samples()) {
            Cs.add(g.C());
            ps.add(g.mu());
            nodes += g.C().rows;
        }
        int nt = Math.max(2, (int) Math.round(nodes / Cs.size()));
        org.gwbench.gw.GwDictionary gdl = new org.gwbench.gw.GwDictionary(org.gwbench.gw.GwDictionaryOptions.defaults(3, nt)
                .withTraining(t.gdlEpochs(), 16, 0.1));
        org.gwbench.gw.GwDictionary.Dictionary dict = gdl.learn(Cs, ps, null);
        Mat W = Mat.zeros(Cs.size(), 2);
        for (int i = 0; i < Cs.size(); i++) {
            double[] w = gdl.unmix(Cs.get(i), ps.get(i), dict.atoms(), dict.q()).w();
            W.set(i, 0, w[0]);
            W.set(i, 1, w[1]);
        }
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn loss = DoubleColumn.create("summed loss");
        for (int e = 0; e < dict.epochLosses().length; e++) {
            epoch.append(e + 1);
            loss.append(dict.epochLosses()[e]);
        }
        XYChart chart = Charts.scatterByLabel("GDL embeddings of " + Cs.size() + " " + t.dataset() + " graphs (w1, w2; w3 = 1 − w1 − w2)", W,
                data.truth(), data.classes(), "class");
        return new Gdl(Table.create("GDL on " + Cs.size() + " graphs: 3 atoms of " + nt + " nodes", epoch, loss), chart);
    }

    record Scaling(Table table, XYChart chart) {
    }

    /**
     * The Sinkhorn family's additions on the two graphs' feature cost M (the fused problem's): ε-scaling against a
     * cold log-domain start at decreasing reg (the iterations each needs to 1e-9), and the unbalanced Sinkhorn's
     * transported mass against its marginal penalty (reg 0.05).
     */
    static Scaling scaling(GwToolbox t, GwProblem pb) {
        Mat M = pb.M();
        double[] a = pb.p();
        double[] b = pb.q();
        org.gwbench.sinkhorn.SinkhornOptions tight = new org.gwbench.sinkhorn.SinkhornOptions(200000, 1e-9);
        DoubleColumn reg = DoubleColumn.create("reg");
        IntColumn cold = IntColumn.create("cold start: iterations");
        IntColumn scaled = IntColumn.create("ε-scaling: iterations");
        DoubleColumn apart = DoubleColumn.create("plans apart (max)");
        double[] regs = {0.1, 0.03, 0.01, 0.003, 0.001};
        double[] ci = new double[regs.length];
        double[] si = new double[regs.length];
        for (int k = 0; k < regs.length; k++) {
            org.gwbench.sinkhorn.SinkhornResult c = new org.gwbench.sinkhorn.SinkhornLog(tight).solve(a, b, M, regs[k]);
            org.gwbench.sinkhorn.SinkhornResult e = new org.gwbench.sinkhorn.EpsilonScaling(tight, Double.NaN, 0.5, 1e-4).solve(a, b, M, regs[k]);
            double d = 0;
            for (int i = 0; i < M.data.length; i++) {
                d = Math.max(d, Math.abs(c.plan().data[i] - e.plan().data[i]));
            }
            reg.append(regs[k]);
            cold.append(c.iterations());
            scaled.append(e.iterations());
            apart.append(d);
            ci[k] = c.iterations();
            si[k] = e.iterations();
        }
        DoubleColumn rho = DoubleColumn.create("unbalanced: reg_m");
        DoubleColumn mass = DoubleColumn.create("unbalanced: mass moved");
        for (int k = 0; k < regs.length; k++) {
            double rm = new double[] {0.01, 0.1, 1, 10, 100}[k];
            rho.append(rm);
            mass.append(org.gwbench.sinkhorn.UnbalancedSinkhorn.defaults().solve(a, b, M, 0.05, rm).mass());
        }
        XYChart chart = Charts.logLogLines("Sinkhorn iterations to 1e-9 against reg", "reg", "iterations", List.of("cold start (log domain)",
                "ε-scaling"), List.of(regs, regs), List.of(ci, si));
        return new Scaling(Table.create("ε-scaling and the unbalanced Sinkhorn on the feature cost M of graphs " + t.first() + " and "
                + t.second(), reg, cold, scaled, apart, rho, mass), chart);
    }
}

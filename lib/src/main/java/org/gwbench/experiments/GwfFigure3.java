package org.gwbench.experiments;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.graph.Graphs;
import org.gwbench.gw.BadmmGw;
import org.gwbench.gw.GwProblem;
import org.gwbench.gw.GwResult;
import org.gwbench.gw.PpaGw;
import org.gwbench.gw.ProximalGwOptions;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.problem.Progress;
import org.gwbench.problem.ProgressListener;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * notebooks/03: Figure 3 of Xu et al., "Gromov-Wasserstein factorization models for graph clustering"
 * (AAAI 2020): the PPA and BADMM GW discrepancy modules on pairs of Barabási-Albert graphs, directed
 * and undirected (A + Aᵀ), discrepancy mean ± std over the pairs against the step. Structures are the
 * adjacency matrices, node distributions uniform (the paper does not say; both are our choices, as is
 * the number of edges per new node).
 *
 * @param pairs graph pairs per graph type (the paper: 100)
 * @param nodes nodes per graph (the paper: 100)
 * @param edgesPerNode edges each new node sends in the BA model
 * @param layers steps of each module
 * @param gammaPpa γ of PPA (the paper: 0.01)
 * @param gammaBadmm γ of BADMM (the paper: 1)
 * @param seed seed of the graphs
 */
public record GwfFigure3(int pairs, int nodes, int edgesPerNode, int layers, double gammaPpa, double gammaBadmm, long seed) {
    public GwfFigure3 {
        Check.positive("pairs", pairs);
        Check.positive("nodes", nodes);
        Check.positive("edgesPerNode", edgesPerNode);
        Check.positive("layers", layers);
        Check.positive("gammaPpa", gammaPpa);
        Check.positive("gammaBadmm", gammaBadmm);
    }

    public static GwfFigure3 paper() {
        return new GwfFigure3(100, 100, 3, 200, 0.01, 1.0, 2020);
    }

    /** Curves (mean, std per step), the summary table, the paper's reading checked, and the two charts. */
    public record Output(Table summary, Table reading, XYChart directed, XYChart undirected) {
    }

    private record Curves(double[][] ppa, double[][] badmm, double[] ppaMarg, double[] badmmMarg, double[] ppaSec,
                          double[] badmmSec) {
    }

    public Output run(ProgressListener progress) {
        Curves dir = curves(true, progress);
        Curves und = curves(false, progress);
        Table summary = Table.create("GW discrepancy after " + layers + " steps (mean ± std over " + pairs + " pairs)",
                StringColumn.create("graphs"), StringColumn.create("module"), DoubleColumn.create("gamma"),
                DoubleColumn.create("discrepancy mean"), DoubleColumn.create("discrepancy std"),
                IntColumn.create("steps to 1% of final"), DoubleColumn.create("column marginal error"),
                DoubleColumn.create("seconds per pair"));
        Table reading = Table.create("The paper's reading, checked on our runs", StringColumn.create("statement"),
                StringColumn.create("measured"), BooleanColumn.create("holds here"));
        int[] steps = new int[4];
        double[] finals = new double[4];
        int k = 0;
        for (Object[] row : new Object[][] {{"directed", dir}, {"undirected", und}}) {
            Curves c = (Curves) row[1];
            for (boolean ppa : new boolean[] {true, false}) {
                double[][] v = ppa ? c.ppa() : c.badmm();
                double[] mean = mean(v);
                double fin = mean[layers - 1];
                int s = stepsToWithin(mean, 0.01);
                summary.stringColumn("graphs").append((String) row[0]);
                summary.stringColumn("module").append(ppa ? "PPA" : "BADMM");
                summary.doubleColumn("gamma").append(ppa ? gammaPpa : gammaBadmm);
                summary.doubleColumn("discrepancy mean").append(fin);
                summary.doubleColumn("discrepancy std").append(std(v)[layers - 1]);
                summary.intColumn("steps to 1% of final").append(s);
                summary.doubleColumn("column marginal error").append(avg(ppa ? c.ppaMarg() : c.badmmMarg()));
                summary.doubleColumn("seconds per pair").append(avg(ppa ? c.ppaSec() : c.badmmSec()));
                steps[k] = s;
                finals[k] = fin;
                k++;
            }
        }
        reading.stringColumn("statement").append("PPA needs fewer steps than BADMM (directed)");
        reading.stringColumn("measured").append(steps[0] + " vs " + steps[1] + " steps");
        reading.booleanColumn("holds here").append(steps[0] < steps[1]);
        reading.stringColumn("statement").append("PPA needs fewer steps than BADMM (undirected)");
        reading.stringColumn("measured").append(steps[2] + " vs " + steps[3] + " steps");
        reading.booleanColumn("holds here").append(steps[2] < steps[3]);
        reading.stringColumn("statement").append("BADMM reaches a lower discrepancy on directed graphs");
        reading.stringColumn("measured").append(String.format(java.util.Locale.ROOT, "%.5f (BADMM) vs %.5f (PPA)", finals[1], finals[0]));
        reading.booleanColumn("holds here").append(finals[1] < finals[0]);
        return new Output(summary, reading, chart("Directed BA graphs", dir), chart("Undirected BA graphs (A + Aᵀ)", und));
    }

    private Curves curves(boolean directed, ProgressListener progress) {
        double[][] ppa = new double[pairs][];
        double[][] badmm = new double[pairs][];
        double[] pm = new double[pairs];
        double[] bm = new double[pairs];
        double[] ps = new double[pairs];
        double[] bs = new double[pairs];
        long t0 = System.nanoTime();
        for (int k = 0; k < pairs; k++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted after " + k + " pairs");
            }
            Mat A = Graphs.barabasiAlbert(nodes, edgesPerNode, seed + 2L * k);
            Mat B = Graphs.barabasiAlbert(nodes, edgesPerNode, seed + 2L * k + 1);
            GwProblem pb = directed ? GwProblem.of(A, B) : GwProblem.of(Graphs.symmetrised(A), Graphs.symmetrised(B));
            GwResult p = new PpaGw(new ProximalGwOptions(gammaPpa, layers)).solve(pb);
            GwResult b = new BadmmGw(new ProximalGwOptions(gammaBadmm, layers)).solve(pb);
            ppa[k] = p.log().stream().mapToDouble(it -> it.value()).toArray();
            badmm[k] = b.log().stream().mapToDouble(it -> it.value()).toArray();
            pm[k] = p.marginalError();
            bm[k] = b.marginalError();
            ps[k] = p.seconds();
            bs[k] = b.seconds();
            progress.onProgress(Progress.of("pair", k + 1, pairs, t0, "PPA value", ppa[k][layers - 1]));
        }
        return new Curves(ppa, badmm, pm, bm, ps, bs);
    }

    private XYChart chart(String title, Curves c) {
        XYChart ch = new XYChartBuilder().width(640).height(440).title(title).xAxisTitle("step")
                .yAxisTitle("GW discrepancy (mean ± std)").build();
        double[] x = new double[layers];
        for (int i = 0; i < layers; i++) {
            x[i] = i + 1;
        }
        for (boolean ppa : new boolean[] {true, false}) {
            double[][] v = ppa ? c.ppa() : c.badmm();
            XYSeries s = ch.addSeries(ppa ? "PPA (γ = " + gammaPpa + ")" : "BADMM (γ = " + gammaBadmm + ")", x, mean(v), std(v));
            s.setMarker(SeriesMarkers.NONE);
        }
        ch.getStyler().setErrorBarsColorSeriesColor(true);
        return ch;
    }

    private double[] mean(double[][] v) {
        double[] m = new double[layers];
        for (double[] row : v) {
            for (int i = 0; i < layers; i++) {
                m[i] += row[i] / v.length;
            }
        }
        return m;
    }

    private double[] std(double[][] v) {
        double[] m = mean(v);
        double[] s = new double[layers];
        for (double[] row : v) {
            for (int i = 0; i < layers; i++) {
                s[i] += (row[i] - m[i]) * (row[i] - m[i]) / Math.max(1, v.length - 1);
            }
        }
        for (int i = 0; i < layers; i++) {
            s[i] = Math.sqrt(s[i]);
        }
        return s;
    }

    /** The first step from which the mean stays within rel of its final value. */
    static int stepsToWithin(double[] mean, double rel) {
        double fin = mean[mean.length - 1];
        int s = mean.length;
        for (int i = mean.length - 1; i >= 0; i--) {
            if (Math.abs(mean[i] - fin) > rel * Math.abs(fin)) {
                break;
            }
            s = i + 1;
        }
        return s;
    }

    private static double avg(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v / x.length;
        }
        return s;
    }
}

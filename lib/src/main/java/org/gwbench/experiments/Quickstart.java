package org.gwbench.experiments;

import java.util.ArrayList;
import java.util.List;
import org.gwbench.data.PointClouds;
import org.gwbench.gw.EntropicGw;
import org.gwbench.gw.EntropicGwOptions;
import org.gwbench.gw.GwIteration;
import org.gwbench.gw.GwLoss;
import org.gwbench.gw.GwProblem;
import org.gwbench.gw.GwResult;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.gwbench.report.Charts;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * notebooks/00-quickstart: entropic GW between a noisy planar spiral (ℝ²) and a helix over the same
 * curve parameter (ℝ³), for several ε and both losses. Structures are Euclidean distance matrices
 * scaled to max 1; weights uniform. A good plan follows the curve, so it concentrates near the
 * diagonal (both clouds are sorted by the curve parameter).
 *
 * @param n points in the spiral
 * @param m points in the helix
 * @param epsilons entropic regularisations (POT's convention)
 * @param noise standard deviation of the Gaussian noise on each coordinate
 * @param seed seed of the point clouds
 */
public record Quickstart(int n, int m, double[] epsilons, double noise, long seed) {
    public Quickstart {
        Check.positive("n", n);
        Check.positive("m", m);
        if (epsilons == null || epsilons.length == 0) {
            throw new IllegalArgumentException("epsilons must hold at least one value");
        }
        for (double e : epsilons) {
            Check.positive("epsilons", e);
        }
        if (!(noise >= 0)) {
            throw new IllegalArgumentException("noise must be >= 0, got " + noise);
        }
        epsilons = epsilons.clone();
    }

    public static Quickstart defaults() {
        return new Quickstart(120, 100, new double[] {5e-2, 1e-2, 5e-3}, 0.03, 2026);
    }

    /** Everything the notebook shows. */
    public record Output(Mat source, Mat target, List<GwResult> runs, Table values, XYChart clouds,
                         XYChart convergence, HeatMapChart plan) {
    }

    public Output run() {
        Mat X = PointClouds.spiral2d(n, noise, seed);
        Mat Y = PointClouds.helix3d(m, noise, seed + 1);
        GwProblem square = GwProblem.of(PointClouds.distances(X), PointClouds.distances(Y));
        Table values = Table.create("Entropic GW between the spiral and the helix",
                StringColumn.create("loss"), DoubleColumn.create("epsilon"), DoubleColumn.create("GW value"),
                IntColumn.create("iterations"), DoubleColumn.create("marginal error"),
                DoubleColumn.create("diagonal mass"), BooleanColumn.create("converged"), DoubleColumn.create("seconds"));
        List<GwResult> runs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (GwLoss loss : GwLoss.values()) {
            for (double eps : epsilons) {
                GwResult r = new EntropicGw(EntropicGwOptions.defaults(eps)).solve(square.withLoss(loss));
                runs.add(r);
                values.stringColumn("loss").append(loss.name().toLowerCase(java.util.Locale.ROOT));
                values.doubleColumn("epsilon").append(eps);
                values.doubleColumn("GW value").append(r.value());
                values.intColumn("iterations").append(r.iterations());
                values.doubleColumn("marginal error").append(r.marginalError());
                values.doubleColumn("diagonal mass").append(bandMass(r.plan(), 0.1));
                values.booleanColumn("converged").append(r.converged());
                values.doubleColumn("seconds").append(r.seconds());
                if (loss == GwLoss.SQUARE) {
                    names.add("ε = " + eps);
                    xs.add(r.log().stream().mapToDouble(GwIteration::iteration).toArray());
                    ys.add(r.log().stream().mapToDouble(GwIteration::planChange).toArray());
                }
            }
        }
        XYChart clouds = Charts.scatter("The two clouds (helix: first two coordinates)", List.of("spiral in ℝ²", "helix in ℝ³"), List.of(X, Y));
        XYChart convergence = Charts.logLines("Convergence of entropic GW (square loss)", "outer iteration",
                "‖T_new − T‖_F", names, xs, ys);
        GwResult smallest = runs.get(epsilons.length - 1);
        HeatMapChart plan = Charts.plan("Plan T at ε = " + epsilons[epsilons.length - 1] + " (square loss)", smallest.plan());
        return new Output(X, Y, runs, values, clouds, convergence, plan);
    }

    /**
     * Mass of T within a band |i/n − j/m| ≤ width around the diagonal: near 1 when the plan follows the
     * curve. The reflection along the curve cannot happen here because the spiral's radius grows.
     */
    public static double bandMass(Mat T, double width) {
        double s = 0;
        for (int i = 0; i < T.rows; i++) {
            for (int j = 0; j < T.cols; j++) {
                if (Math.abs((i + 0.5) / T.rows - (j + 0.5) / T.cols) <= width) {
                    s += T.get(i, j);
                }
            }
        }
        return s;
    }
}

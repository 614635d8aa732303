package org.gwbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gwbench.linalg.Mat;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** XChart figures used by the notebooks, and their PNG encoding. */
public final class Charts {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 440;

    private Charts() {
    }

    /** A heat map of a coupling: rows of T on the y axis, columns on the x axis. */
    public static HeatMapChart plan(String title, Mat T) {
        HeatMapChart c = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("target point j").yAxisTitle("source point i").build();
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int j = 0; j < T.cols; j++) {
            xs.add(j);
        }
        for (int i = 0; i < T.rows; i++) {
            ys.add(i);
        }
        List<Number[]> cells = new ArrayList<>(T.rows * T.cols);
        for (int i = 0; i < T.rows; i++) {
            for (int j = 0; j < T.cols; j++) {
                cells.add(new Number[] {j, i, T.get(i, j)});
            }
        }
        c.addSeries("T", xs, ys, cells);
        double max = 0;
        for (double v : T.data) {
            max = Math.max(max, v);
        }
        // the colour bar runs from 0 (a plan has no negative mass) to the largest entry rounded up to four
        // significant digits: XChart labels the bar with the bounds as they are (it printed 2.2485804880308835E-28)
        org.knowm.xchart.style.HeatMapStyler st = c.getStyler();
        st.setShowValue(false);
        st.setLegendVisible(true);
        st.setMin(0);
        st.setMax(max > 0 ? new java.math.BigDecimal(max).round(new java.math.MathContext(4, java.math.RoundingMode.CEILING)).doubleValue() : 1);
        int step = Math.max(1, (int) Math.ceil(Math.max(T.rows, T.cols) / 10.0));
        st.setxAxisTickLabelsFormattingFunction(v -> Math.round(v) % step == 0 ? Long.toString(Math.round(v)) : "");
        st.setyAxisTickLabelsFormattingFunction(v -> Math.round(v) % step == 0 ? Long.toString(Math.round(v)) : "");
        return c;
    }

    /** Lines y(x) on linear axes, one series per name. */
    public static XYChart lines(String title, String xTitle, String yTitle, List<String> names,
                                List<double[]> xs, List<double[]> ys) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setLegendVisible(names.size() > 1);
        c.getStyler().setXAxisDecimalPattern("0.##");
        for (int s = 0; s < names.size(); s++) {
            c.addSeries(names.get(s), xs.get(s), ys.get(s)).setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    /**
     * Lines y(x) on a logarithmic y axis, one series per name (e.g. a convergence curve per ε).
     *
     * <p>XChart's own log axis mixes {@code 0.001} with {@code 1E-4} and labels nothing when the data span
     * less than a decade, and it takes no tick formatter. So the series are drawn as log₁₀ y on a linear axis
     * whose labels are the powers of ten ({@code 10⁻⁴}), or, for data within two decades, the values
     * themselves to three significant digits.
     */
    public static XYChart logLines(String title, String xTitle, String yTitle, List<String> names,
                                   List<double[]> xs, List<double[]> ys) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setLegendVisible(names.size() > 1);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < names.size(); s++) {
            double[] logY = positive(ys.get(s));
            for (int i = 0; i < logY.length; i++) {
                logY[i] = Math.log10(logY[i]);
                lo = Math.min(lo, logY[i]);
                hi = Math.max(hi, logY[i]);
            }
            c.addSeries(names.get(s), xs.get(s), logY).setMarker(SeriesMarkers.NONE);
        }
        boolean narrow = hi - lo < 2;
        if (!narrow) {
            // whole decades at both ends, so XChart's evenly spaced ticks fall on powers of ten
            c.getStyler().setYAxisMin(Math.floor(lo)).setYAxisMax(Math.ceil(hi));
        }
        c.getStyler().setyAxisTickLabelsFormattingFunction(v -> logTick(v, narrow));
        integerTicks(c, xs);
        return c;
    }

    /** Lines y(x) with both axes logarithmic (e.g. an error against ε), drawn and labelled as {@link #logLines}. */
    public static XYChart logLogLines(String title, String xTitle, String yTitle, List<String> names,
                                      List<double[]> xs, List<double[]> ys) {
        List<double[]> logXs = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] x : xs) {
            double[] l = positive(x);
            for (int i = 0; i < l.length; i++) {
                l[i] = Math.log10(l[i]);
                lo = Math.min(lo, l[i]);
                hi = Math.max(hi, l[i]);
            }
            logXs.add(l);
        }
        XYChart c = logLines(title, xTitle, yTitle, names, logXs, ys);
        boolean narrow = hi - lo < 2;
        if (!narrow) {
            c.getStyler().setXAxisMin(Math.floor(lo)).setXAxisMax(Math.ceil(hi));
        }
        c.getStyler().setxAxisTickLabelsFormattingFunction(v -> logTick(v, narrow));
        return c;
    }

    /**
     * A tick label on a log₁₀ axis: on a narrow axis (under two decades) every tick gives its value to three
     * significant digits (0.0398, 0.0631, 0.1); on a wide one the whole decades read 10ᵏ and the ticks
     * between them stay blank.
     */
    static String logTick(double log10, boolean narrow) {
        if (narrow) {
            double v = Math.pow(10, log10);
            java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros();
            return v >= 1e-3 && v < 1e6 ? d.toPlainString() : d.toString().replace('E', 'e').replace("e+", "e");
        }
        long k = Math.round(log10);
        return Math.abs(log10 - k) < 1e-9 ? Numbers.logTick(Math.pow(10, k)) : "";
    }

    /**
     * An x axis of whole numbers (iterations, steps) starts at a multiple of a round step and labels only the
     * multiples of it, at most about ten: XChart put its ticks at 1, 11, 21, … and ran 101121131 together.
     */
    private static void integerTicks(XYChart c, List<double[]> xs) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] x : xs) {
            for (double v : x) {
                if (v != Math.rint(v)) {
                    return;
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(hi > lo)) {
            return;
        }
        long step = roundStep((hi - lo) / 8);
        c.getStyler().setXAxisMin((double) (Math.floorDiv((long) lo, step) * step));
        c.getStyler().setxAxisTickLabelsFormattingFunction(v -> Math.abs(v - Math.rint(v)) < 1e-9 && Math.round(v) % step == 0
                ? Long.toString(Math.round(v)) : "");
    }

    /** The smallest of 1, 2, 5, 10, 20, 50, … at least {@code raw}. */
    static long roundStep(double raw) {
        long step = 1;
        while (true) {
            for (long f : new long[] {1, 2, 5}) {
                if (f * step >= raw) {
                    return f * step;
                }
            }
            step *= 10;
        }
    }

    /** Scatter plot of the first two coordinates of point sets. */
    public static XYChart scatter(String title, List<String> names, List<Mat> points) {
        return scatter(title, "x₁", "x₂", names, points);
    }

    /** Scatter plot of the first two columns of point sets, with axis titles. */
    public static XYChart scatter(String title, String xTitle, String yTitle, List<String> names, List<Mat> points) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerSize(5);
        for (int s = 0; s < names.size(); s++) {
            Mat P = points.get(s);
            double[] x = new double[P.rows];
            double[] y = new double[P.rows];
            for (int i = 0; i < P.rows; i++) {
                x[i] = P.get(i, 0);
                y[i] = P.cols > 1 ? P.get(i, 1) : 0;
            }
            c.addSeries(names.get(s), x, y);
        }
        return c;
    }

    /**
     * A scatter plot of the first two columns of points, one colour per label (labels 0 … count−1, hues
     * evenly spread), so a reader sees which group goes where.
     */
    public static XYChart scatterByLabel(String title, Mat points, int[] labels, int count, String legend) {
        if (labels.length != points.rows) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries for " + points.rows + " points");
        }
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("x₁").yAxisTitle("x₂").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerSize(4);
        for (int k = 0; k < count; k++) {
            int size = 0;
            for (int l : labels) {
                if (l == k) {
                    size++;
                }
            }
            if (size == 0) {
                continue;
            }
            double[] x = new double[size];
            double[] y = new double[size];
            int t = 0;
            for (int i = 0; i < points.rows; i++) {
                if (labels[i] == k) {
                    x[t] = points.get(i, 0);
                    y[t] = points.cols > 1 ? points.get(i, 1) : 0;
                    t++;
                }
            }
            XYSeries s = c.addSeries(legend + " " + (k + 1), x, y);
            s.setMarkerColor(java.awt.Color.getHSBColor((float) k / count, 0.85f, 0.85f));
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return c;
    }

    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart as PNG", e);
        }
    }

    public static void savePng(Chart<?, ?> chart, Path file) {
        try {
            Files.write(file, png(chart));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Zeros cannot be drawn on a log axis: they are replaced by the smallest positive value. */
    private static double[] positive(double[] y) {
        double min = Double.MAX_VALUE;
        for (double v : y) {
            if (v > 0 && v < min) {
                min = v;
            }
        }
        double[] out = y.clone();
        for (int i = 0; i < out.length; i++) {
            if (!(out[i] > 0)) {
                out[i] = min == Double.MAX_VALUE ? 1 : min;
            }
        }
        return out;
    }
}

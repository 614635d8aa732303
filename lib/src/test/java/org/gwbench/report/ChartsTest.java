package org.gwbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class ChartsTest {
    @Test
    void logAxisLabelsPowersOfTenAndNothingBetweenOnAWideAxis() {
        XYChart c = Charts.logLines("t", "iteration", "residual", List.of("a"),
                List.of(new double[] {1, 2, 3}), List.of(new double[] {1, 1e-3, 1e-6}));
        var label = c.getStyler().getyAxisTickLabelsFormattingFunction();
        assertEquals("10⁻⁴", label.apply(-4.0));
        assertEquals("10⁰", label.apply(0.0));
        assertEquals("", label.apply(-4.5));
        // whole decades at both ends, so the evenly spaced ticks land on powers of ten
        assertEquals(-6, c.getStyler().getYAxisMin(), 0);
        assertEquals(0, c.getStyler().getYAxisMax(), 0);
        // the series is drawn as log10 y
        assertEquals(-6, c.getSeriesMap().get("a").getYData()[2], 1e-12);
    }

    @Test
    void narrowLogAxisLabelsTheValuesThemselves() {
        XYChart c = Charts.logLines("t", "step", "loss", List.of("loss"),
                List.of(new double[] {0, 1}), List.of(new double[] {0.6, 0.5}));
        var label = c.getStyler().getyAxisTickLabelsFormattingFunction();
        assertEquals("0.5", label.apply(Math.log10(0.5)));
        assertEquals("0.0398", label.apply(-1.4));
        assertEquals("0.1", label.apply(-1.0));
        assertEquals("1.58e-7", label.apply(-6.8));
        assertEquals("100", label.apply(2.0));
    }

    @Test
    void wholeNumberXAxisLabelsOnlyRoundSteps() {
        double[] x = new double[160];
        double[] y = new double[160];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = Math.exp(-i);
        }
        XYChart c = Charts.logLines("t", "iteration", "r", List.of("a"), List.of(x), List.of(y));
        var label = c.getStyler().getxAxisTickLabelsFormattingFunction();
        assertEquals("20", label.apply(20.0));
        assertEquals("", label.apply(11.0));
        assertEquals(0.0, c.getStyler().getXAxisMin(), 0);
    }

    @Test
    void roundSteps() {
        assertEquals(1, Charts.roundStep(0.3));
        assertEquals(2, Charts.roundStep(1.5));
        assertEquals(20, Charts.roundStep(19.875));
        assertEquals(50, Charts.roundStep(21));
        assertEquals(100, Charts.roundStep(100));
    }
}

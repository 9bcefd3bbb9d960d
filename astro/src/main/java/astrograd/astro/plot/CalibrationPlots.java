package astrograd.astro.plot;

import astrograd.layers.io.AtomicFile;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG figures of predictive calibration (XChart, headless): reliability diagrams (observed against nominal interval
 * coverage, one curve per method, with the diagonal of perfect calibration), PIT histograms, scatter plots (e.g.
 * predicted against analytic uncertainty) and line plots (e.g. epistemic uncertainty against an input). Files are
 * written atomically.
 */
public final class CalibrationPlots {
    private static final int SIZE = 700;
    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private CalibrationPlots() {
    }

    /**
     * Reliability diagram: for each method its observed coverage at each nominal level (both in [0, 1]).
     *
     * @param observed method name → observed coverage per level (same length as {@code levels})
     */
    public static void reliability(Path png, String title, double[] levels, Map<String, double[]> observed)
            throws IOException {
        XYChart chart = chart(title, "nominal coverage", "observed coverage");
        XYSeries diagonal = chart.addSeries("perfect", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY)
                .setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        int k = 0;
        for (Map.Entry<String, double[]> e : observed.entrySet()) {
            if (e.getValue().length != levels.length) {
                throw new IllegalArgumentException("reliability plot: " + e.getKey() + " has " + e.getValue().length
                        + " values for " + levels.length + " levels");
            }
            XYSeries s = chart.addSeries(e.getKey(), levels, e.getValue());
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(COLORS[k % COLORS.length]);
            s.setLineColor(COLORS[k++ % COLORS.length]);
        }
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        write(png, chart);
    }

    /** PIT histograms as step lines of density (1 for a calibrated predictive), one per method. */
    public static void pitHistograms(Path png, String title, Map<String, int[]> counts) throws IOException {
        XYChart chart = chart(title, "PIT value", "density");
        int k = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            int total = java.util.Arrays.stream(c).sum();
            double[] x = new double[2 * c.length];
            double[] y = new double[2 * c.length];
            for (int b = 0; b < c.length; b++) {
                x[2 * b] = (double) b / c.length;
                x[2 * b + 1] = (double) (b + 1) / c.length;
                y[2 * b] = y[2 * b + 1] = total == 0 ? 0 : c[b] * (double) c.length / total;
            }
            chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.NONE).setLineColor(COLORS[k++ % COLORS.length]);
        }
        write(png, chart);
    }

    /**
     * Points {@code (x, y)} per series, optionally with the line y = x.
     *
     * @param series name → {x values, y values}
     */
    public static void scatter(Path png, String title, String xTitle, String yTitle, Map<String, double[][]> series,
                               boolean identity) throws IOException {
        XYChart chart = chart(title, xTitle, yTitle);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int k = 0;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            XYSeries s = chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            Color c = COLORS[k++ % COLORS.length];
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 90));
            for (double v : e.getValue()[0]) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        chart.getStyler().setMarkerSize(3);
        if (identity && hi > lo) {
            chart.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi}).setMarker(SeriesMarkers.NONE)
                    .setLineColor(Color.BLACK);
        }
        write(png, chart);
    }

    /** Lines {@code (x, y)} per series with markers. */
    public static void lines(Path png, String title, String xTitle, String yTitle, Map<String, double[][]> series)
            throws IOException {
        XYChart chart = chart(title, xTitle, yTitle);
        int k = 0;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            Color c = COLORS[k++ % COLORS.length];
            XYSeries s = chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(c);
            s.setLineColor(c);
        }
        write(png, chart);
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(SIZE).height(SIZE).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNW).setChartBackgroundColor(Color.WHITE)
                .setPlotBackgroundColor(Color.WHITE).setPlotBorderVisible(true).setAntiAlias(true);
        return chart;
    }

    private static void write(Path png, XYChart chart) throws IOException {
        if (png.getParent() != null) {
            java.nio.file.Files.createDirectories(png.getParent());
        }
        AtomicFile.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}

package astrograd.astro.plot;

import astrograd.astro.xray.AveragedPeriodogram;
import astrograd.astro.xray.XrayLightCurve;
import astrograd.layers.io.AtomicFile;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG figures of X-ray timing products ({@link Plots#WIDTH} × {@link Plots#HEIGHT}/2 pixels, headless, written
 * atomically): a binned light curve and an averaged periodogram.
 */
public final class XrayPlots {
    private static final Color DATA = new Color(40, 60, 110);
    private static final Color MODEL = new Color(215, 30, 30);
    private static final Color REBINNED = new Color(20, 120, 60);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private XrayPlots() {
    }

    /**
     * Count rate against time since the first bin; the line breaks where consecutive bins are not adjacent (between
     * good time intervals).
     */
    public static void lightCurve(Path png, XrayLightCurve lc, String title) throws IOException {
        if (lc.size() == 0) {
            throw new IllegalArgumentException("XrayPlots.lightCurve: the light curve has no bins");
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        double t0 = lc.time()[0];
        double[] rate = lc.rate();
        for (int i = 0; i < lc.size(); i++) {
            if (i > 0 && lc.time()[i] - lc.time()[i - 1] > 1.5 * lc.dt()) {
                x.add(0.5 * (lc.time()[i] + lc.time()[i - 1]) - t0);
                y.add(Double.NaN);
            }
            x.add(lc.time()[i] + lc.dt() / 2 - t0);
            y.add(rate[i]);
        }
        XYChart chart = chart(title, "time since " + String.format(java.util.Locale.ROOT, "%.3f", t0) + " s [s]",
                "rate [counts/s]");
        XYSeries s = chart.addSeries("rate", x, y);
        s.setMarker(SeriesMarkers.NONE).setLineColor(DATA).setLineWidth(1f);
        write(png, chart);
    }

    /**
     * Averaged power against frequency on log-log axes, with the Poisson level as a dashed line and, when given, a
     * log-rebinned spectrum and a model on top.
     *
     * @param rebinned {@code {freq, power}} of a log-rebinned spectrum, or null
     * @param model a model power at each of {@code p.freq()} (e.g. Zhang's dead-time periodogram), or null
     */
    public static void periodogram(Path png, AveragedPeriodogram p, double[][] rebinned, double[] model, String title)
            throws IOException {
        double[][] positive = positive(p.freq(), p.power());
        if (positive[0].length == 0) {
            throw new IllegalArgumentException("XrayPlots.periodogram: no positive power to draw on log axes");
        }
        XYChart chart = chart(title, "frequency [Hz]", "power (" + p.norm().name().toLowerCase(java.util.Locale.ROOT)
                + ")");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setLegendVisible(true);
        double smallest = java.util.Arrays.stream(positive[1]).min().orElse(1);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(false).setYAxisDecimalPattern(smallest >= 0.01 ? "0.##"
                : "0.#E0");
        XYSeries s = chart.addSeries(p.segments() + " segments averaged", positive[0], positive[1]);
        s.setMarker(SeriesMarkers.NONE).setLineColor(DATA).setLineWidth(0.8f);
        if (rebinned != null) {
            double[][] rb = positive(rebinned[0], rebinned[1]);
            if (rb[0].length > 0) {
                XYSeries r = chart.addSeries("log-rebinned", rb[0], rb[1]);
                r.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(REBINNED).setLineColor(REBINNED).setLineWidth(1.5f);
            }
        }
        if (model != null) {
            double[][] m = positive(p.freq(), model);
            if (m[0].length > 0) {
                XYSeries z = chart.addSeries("dead-time model", m[0], m[1]);
                z.setMarker(SeriesMarkers.NONE).setLineColor(MODEL).setLineWidth(2f);
            }
        }
        double level = p.poissonLevel();
        if (Double.isFinite(level) && level > 0) {
            double[] ends = {positive[0][0], positive[0][positive[0].length - 1]};
            XYSeries l = chart.addSeries("Poisson level", ends, new double[] {level, level});
            l.setMarker(SeriesMarkers.NONE).setLineColor(MODEL).setLineStyle(new java.awt.BasicStroke(1.5f,
                    java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
        }
        write(png, chart);
    }

    private static double[][] positive(double[] x, double[] y) {
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            n += x[i] > 0 && y[i] > 0 ? 1 : 0;
        }
        double[][] out = new double[2][n];
        for (int i = 0, j = 0; i < x.length; i++) {
            if (x[i] > 0 && y[i] > 0) {
                out[0][j] = x[i];
                out[1][j++] = y[i];
            }
        }
        return out;
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT / 2).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(false).setChartBackgroundColor(Color.WHITE)
                .setPlotBackgroundColor(Color.WHITE).setPlotBorderVisible(true).setAntiAlias(true);
        return chart;
    }

    private static void write(Path png, XYChart chart) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
        AtomicFile.write(png, out.toByteArray());
    }
}

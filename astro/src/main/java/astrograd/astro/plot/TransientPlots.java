package astrograd.astro.plot;

import astrograd.astro.transients.LightCurveGp;
import astrograd.astro.transients.TransientLightCurve;
import astrograd.layers.io.AtomicFile;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * PNG figures of the transient pipeline, written atomically: a GP-interpolated light curve (observations with error
 * bars, non-detections as triangles at the limit, the GP mean and its ±1σ band per passband; drawn as −magnitude so
 * that brighter is up, XChart having no inverted axis) and a self-organizing map's U-matrix as a grey-scale grid with hit counts.
 */
public final class TransientPlots {
    private static final Color[] BAND_COLORS = {new Color(31, 119, 180), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(255, 127, 14), new Color(140, 86, 75)};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private TransientPlots() {
    }

    /** The dense GP light curve of {@code d} with the observations behind it. */
    public static void gpFit(Path png, LightCurveGp.Dense d, String title) throws IOException {
        TransientLightCurve lc = d.source();
        XYChart chart = new XYChartBuilder().width(1000).height(600).title(title).xAxisTitle("MJD")
                .yAxisTitle("−magnitude (brighter up)").build();
        chart.getStyler().setLegendVisible(true).setMarkerSize(5);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < lc.bands().size(); b++) {
            Color color = BAND_COLORS[b % BAND_COLORS.length];
            String name = lc.bands().get(b).name();
            if (d.mag()[b] != null) {
                double[] upper = new double[d.time().length];
                double[] lower = new double[d.time().length];
                for (int k = 0; k < upper.length; k++) {
                    upper[k] = -d.mag()[b][k] + d.magSd()[b][k];
                    lower[k] = -d.mag()[b][k] - d.magSd()[b][k];
                }
                line(chart, name + " GP", d.time(), negate(d.mag()[b]), color, 2f);
                line(chart, name + " +1σ", d.time(), upper, color, 0.6f);
                line(chart, name + " −1σ", d.time(), lower, color, 0.6f);
            }
            int[] idx = lc.indicesOfBand(b);
            double[] t = Arrays.stream(idx).filter(i -> lc.detected()[i]).mapToDouble(i -> lc.time()[i]).toArray();
            double[] m = Arrays.stream(idx).filter(i -> lc.detected()[i]).mapToDouble(i -> -lc.mag()[i]).toArray();
            double[] e = Arrays.stream(idx).filter(i -> lc.detected()[i]).mapToDouble(i -> lc.magErr()[i]).toArray();
            if (t.length > 0) {
                XYSeries s = chart.addSeries(name, t, m, e);
                s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.CIRCLE)
                        .setMarkerColor(color);
                for (int k = 0; k < m.length; k++) {
                    lo = Math.min(lo, m[k] - e[k]);
                    hi = Math.max(hi, m[k] + e[k]);
                }
            }
            double[] tl = Arrays.stream(idx).filter(i -> !lc.detected()[i]).mapToDouble(i -> lc.time()[i]).toArray();
            double[] ml = Arrays.stream(idx).filter(i -> !lc.detected()[i]).mapToDouble(i -> -lc.mag()[i]).toArray();
            if (tl.length > 0) {
                XYSeries s = chart.addSeries(name + " limits", tl, ml);
                s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.TRIANGLE_DOWN)
                        .setMarkerColor(color.brighter());
            }
        }
        if (Double.isFinite(lo)) {
            chart.getStyler().setYAxisMin(lo - 0.5).setYAxisMax(hi + 0.5);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
        AtomicFile.write(png, out.toByteArray());
    }

    private static double[] negate(double[] v) {
        return Arrays.stream(v).map(x -> -x).toArray();
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color color, float width) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE).setLineColor(color).setLineWidth(width);
        s.setShowInLegend(width > 1);
    }

    /** The U-matrix {@code [rows][cols]} as grey cells (white: far from neighbours) with the hit count per unit. */
    public static void uMatrix(Path png, double[][] u, int[][] hits, String title) throws IOException {
        int rows = u.length;
        int cols = u[0].length;
        int cell = Math.max(20, Math.min(60, 800 / Math.max(rows, cols)));
        int top = 30;
        BufferedImage image = new BufferedImage(cols * cell + 20, rows * cell + top + 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        double max = Arrays.stream(u).flatMapToDouble(Arrays::stream).max().orElse(1);
        double min = Arrays.stream(u).flatMapToDouble(Arrays::stream).min().orElse(0);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, cell / 3)));
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = (float) (max > min ? (u[r][c] - min) / (max - min) : 0);
                g.setColor(new Color(v, v, v));
                g.fillRect(10 + c * cell, top + r * cell, cell, cell);
                if (hits != null && hits[r][c] > 0) {
                    g.setColor(v > 0.5 ? Color.BLACK : Color.ORANGE);
                    g.drawString(Integer.toString(hits[r][c]), 12 + c * cell, top + r * cell + cell / 2 + 4);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString((title == null ? "" : title) + String.format(Locale.ROOT, "  (U-matrix %.3g to %.3g)", min, max),
                10, 20);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        AtomicFile.write(png, out.toByteArray());
    }
}

package astrograd.astro.plot;

import astrograd.astro.flares.Flare;
import astrograd.layers.io.AtomicFile;
import astrograd.astro.lightcurve.LightCurve;
import astrograd.astro.lightcurve.Normalization;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG figures of the flare finder, drawn with XChart without a display ({@code java.awt.headless} is set to
 * true unless already set). Every figure is two panels stacked in one image of {@link #WIDTH}×{@link #HEIGHT}
 * pixels. Files are written atomically (temporary file in the same folder, then a rename); parent folders are
 * created.
 */
public final class Plots {
    /** Image width in pixels. */
    public static final int WIDTH = 1400;
    /** Image height in pixels (two panels of half this height). */
    public static final int HEIGHT = 800;

    private static final Color FLUX = new Color(40, 60, 110);
    private static final Color FLARE = new Color(215, 30, 30);
    private static final Color PROBABILITY = new Color(20, 120, 60);
    /** One color per ensemble member (Tableau 10). */
    private static final Color[] MEMBER_COLORS = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
        new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};
    /** Dash patterns told apart in the legend: solid, dashed, dotted, dash-dot. */
    private static final float[][] DASHES = {null, {8f, 5f}, {2f, 4f}, {8f, 4f, 2f, 4f}};
    /** A probability line breaks where consecutive cadences are this many median cadences apart. */
    private static final double GAP_FACTOR = 5;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {
    }

    /**
     * A light curve with its flare probabilities: top, flux against time (small dots; the cadences from each
     * flare's {@code tstart} to {@code tstop} in red, its {@code tpeak} marked by a red vertical line); bottom, the
     * probability against time on 0..1, with NaN entries (masked cadences) and holes in the time axis longer than
     * five cadences left as gaps.
     *
     * @param png the output file
     * @param lc the light curve (at least one cadence)
     * @param probability one value per cadence of {@code lc}, in [0, 1] or NaN; null for no bottom curve
     * @param flares flares to mark (may be empty)
     * @param title the figure's title
     */
    public static void lightCurve(Path png, LightCurve lc, double[] probability, List<Flare> flares, String title)
            throws IOException {
        if (lc.size() == 0) {
            throw new IllegalArgumentException("Plots.lightCurve: " + lc.name() + " has no cadences");
        }
        if (probability != null && probability.length != lc.size()) {
            throw new IllegalArgumentException("Plots.lightCurve: " + lc.name() + " has " + lc.size()
                    + " cadences but " + probability.length + " probabilities");
        }
        XYChart top = panel(title, "flux");
        XYSeries flux = top.addSeries("flux", lc.time(), lc.flux());
        flux.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(FLUX);
        flux.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        double[][] inFlares = flareCadences(lc, flares);
        if (inFlares[0].length > 0) {
            XYSeries red = top.addSeries("flare cadences", inFlares[0], inFlares[1]);
            red.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(FLARE);
            red.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        }
        top.getStyler().setMarkerSize(3);
        XYChart bottom = panel(null, "flare probability");
        bottom.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        double[] p = probability != null ? probability : nans(lc.size());
        if (Arrays.stream(p).anyMatch(Double::isFinite)) {
            double[][] xy = breakAtGaps(lc.time(), p);
            XYSeries s = bottom.addSeries("probability", xy[0], xy[1]);
            s.setMarker(SeriesMarkers.NONE).setLineColor(PROBABILITY).setLineWidth(1f);
        } else {
            hiddenPlaceholder(bottom, lc.time()[0], lc.time()[lc.size() - 1]);
        }
        bottom.setXAxisTitle("time [d]");
        for (Flare f : flares) {
            markPeak(top, f.tpeak());
            markPeak(bottom, f.tpeak());
        }
        write(png, top, bottom);
    }

    /**
     * Training curves of an ensemble: for every member, every per-epoch series against the epoch (1, 2, …).
     * Series whose name contains "loss" (e.g. "loss", "val_loss") go to the top panel, the others (e.g. "val_ap")
     * to the bottom one; NaN values are gaps, series without a finite value are left out. Each member has one
     * color, each series name one dash pattern; the legend names member and series ("member 2: val_loss").
     *
     * @param png the output file
     * @param members one map per ensemble member from series name to per-epoch values (iteration order kept)
     * @param title the figure's title
     */
    public static void trainingCurves(Path png, List<Map<String, double[]>> members, String title)
            throws IOException {
        XYChart losses = panel(title, "loss");
        XYChart metrics = panel(null, "metric");
        losses.getStyler().setLegendVisible(true);
        metrics.getStyler().setLegendVisible(true);
        List<String> names = new ArrayList<>();
        members.forEach(m -> m.keySet().stream().filter(k -> !names.contains(k)).forEach(names::add));
        int added = 0;
        for (int m = 0; m < members.size(); m++) {
            for (Map.Entry<String, double[]> e : members.get(m).entrySet()) {
                double[] y = e.getValue();
                if (Arrays.stream(y).noneMatch(Double::isFinite)) {
                    continue;
                }
                boolean isLoss = e.getKey().toLowerCase(Locale.ROOT).contains("loss");
                XYSeries s = (isLoss ? losses : metrics).addSeries("member " + (m + 1) + ": " + e.getKey(),
                        epochs(y.length), y);
                s.setMarker(SeriesMarkers.NONE).setLineColor(MEMBER_COLORS[m % MEMBER_COLORS.length]);
                s.setLineStyle(stroke(names.indexOf(e.getKey())));
                added++;
            }
        }
        if (added == 0) {
            throw new IllegalArgumentException("Plots.trainingCurves: no series with a finite value in "
                    + members.size() + " members");
        }
        for (XYChart c : List.of(losses, metrics)) {
            if (c.getSeriesMap().isEmpty()) {
                hiddenPlaceholder(c, 1, 2);
                c.getStyler().setLegendVisible(false);
            }
        }
        metrics.setXAxisTitle("epoch");
        write(png, losses, metrics);
    }

    private static XYChart panel(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT / 2).title(title == null ? "" : title)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setChartTitleVisible(title != null).setLegendVisible(false)
                .setLegendPosition(LegendPosition.OutsideE).setChartBackgroundColor(Color.WHITE)
                .setPlotBackgroundColor(Color.WHITE).setPlotBorderVisible(true).setAntiAlias(true);
        chart.getStyler().setAnnotationLineColor(FLARE).setAnnotationLineStroke(new BasicStroke(0.8f));
        return chart;
    }

    /** An invisible series so that an empty panel still has axes (XChart needs one series). */
    private static void hiddenPlaceholder(XYChart chart, double x0, double x1) {
        XYSeries s = chart.addSeries(" ", new double[] {x0, x1 > x0 ? x1 : x0 + 1}, new double[] {0, 0});
        s.setMarker(SeriesMarkers.NONE).setLineColor(new Color(0, 0, 0, 0)).setShowInLegend(false);
    }

    private static void markPeak(XYChart chart, double tpeak) {
        if (Double.isFinite(tpeak)) {
            chart.addAnnotation(new AnnotationLine(tpeak, true, false));
        }
    }

    /** Times and fluxes of the cadences inside any flare's [tstart, tstop]. */
    private static double[][] flareCadences(LightCurve lc, List<Flare> flares) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < lc.size(); i++) {
            double t = lc.time()[i];
            for (Flare f : flares) {
                if (t >= f.tstart() && t <= f.tstop()) {
                    idx.add(i);
                    break;
                }
            }
        }
        double[][] out = new double[2][idx.size()];
        for (int k = 0; k < idx.size(); k++) {
            out[0][k] = lc.time()[idx.get(k)];
            out[1][k] = lc.flux()[idx.get(k)];
        }
        return out;
    }

    private static BasicStroke stroke(int seriesIndex) {
        float[] dash = DASHES[seriesIndex % DASHES.length];
        return dash == null ? new BasicStroke(1.6f)
                : new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f);
    }

    /** {@code (x, y)} with a NaN point inserted inside every gap of {@code x}, so that lines do not bridge it. */
    private static double[][] breakAtGaps(double[] x, double[] y) {
        int[] breaks = Normalization.gapBreaks(x, GAP_FACTOR);
        double[][] out = new double[2][x.length + breaks.length];
        int k = 0;
        int b = 0;
        for (int i = 0; i < x.length; i++) {
            if (b < breaks.length && breaks[b] == i) {
                out[0][k] = 0.5 * (x[i - 1] + x[i]);
                out[1][k++] = Double.NaN;
                b++;
            }
            out[0][k] = x[i];
            out[1][k++] = y[i];
        }
        return out;
    }

    private static double[] epochs(int n) {
        double[] x = new double[n];
        Arrays.setAll(x, i -> i + 1);
        return x;
    }

    private static double[] nans(int n) {
        double[] x = new double[n];
        Arrays.fill(x, Double.NaN);
        return x;
    }

    private static void write(Path png, XYChart top, XYChart bottom) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(List.of(top, bottom), 2, 1, out, BitmapFormat.PNG);
        AtomicFile.write(png, out.toByteArray());
    }
}

package astrograd.astro.plot;

import astrograd.astro.flares.DavenportFlare;
import astrograd.astro.flares.Flare;
import astrograd.astro.lightcurve.LightCurve;
import astrograd.layers.io.AtomicFile;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Flare figures people look at: a gallery of cut-outs of each flare with its fitted Davenport template, and an
 * overview of a light curve with catalogued and new flares marked differently on a flux scale that shows small
 * flares.
 */
public final class FlarePlots {
    private static final Color FLUX = new Color(40, 60, 110);
    private static final Color MODEL = new Color(215, 30, 30);
    private static final Color KNOWN = new Color(20, 140, 60);
    private static final Color NEW = new Color(215, 30, 30);
    private static final Color MISSED = new Color(150, 150, 150);
    private static final int TILE_W = 420;
    private static final int TILE_H = 300;
    private static final int COLUMNS = 4;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private FlarePlots() {
    }

    /** A Davenport template fitted to one flare: {@code flux ≈ baseline + amplitude · shape((t − tpeak)/fwhm)}. */
    public record TemplateFit(double tpeak, double fwhmDays, double amplitude, double baseline, double rms) {
    }

    /**
     * Least squares over the cut-out {@code [tpeak − 3 FWHM − 5 cadences, tpeak + 10 FWHM + 10 cadences]}: the
     * baseline is the median of the cut-out outside the flare's extent; for each (tpeak, FWHM) on a grid around the
     * finder's values (±1 cadence in 9 steps, FWHM ×0.4…2.5 in 21 log steps) the amplitude is the linear
     * least-squares one; the pair with the least squared residual wins.
     */
    public static TemplateFit fit(LightCurve lc, Flare f) {
        double cadence = lc.cadence();
        double fwhm0 = Math.max(f.fwhmDays(), cadence);
        int[] r = range(lc.time(), f.tpeak() - 3 * fwhm0 - 5 * cadence, f.tpeak() + 10 * fwhm0 + 10 * cadence);
        double[] t = Arrays.copyOfRange(lc.time(), r[0], r[1]);
        double[] y = Arrays.copyOfRange(lc.flux(), r[0], r[1]);
        double baseline = outsideMedian(t, y, f);
        TemplateFit best = null;
        for (int a = -4; a <= 4; a++) {
            double tp = f.tpeak() + a * cadence / 4;
            for (int b = 0; b <= 20; b++) {
                double w = fwhm0 * 0.4 * Math.pow(2.5 / 0.4, b / 20.0);
                double[] s = DavenportFlare.binned(t, tp, w, 1.0, cadence);
                double sy = 0;
                double ss = 0;
                for (int i = 0; i < t.length; i++) {
                    sy += s[i] * (y[i] - baseline);
                    ss += s[i] * s[i];
                }
                double amp = ss > 0 ? Math.max(0, sy / ss) : 0;
                double sse = 0;
                for (int i = 0; i < t.length; i++) {
                    double d = y[i] - baseline - amp * s[i];
                    sse += d * d;
                }
                double rms = Math.sqrt(sse / Math.max(1, t.length));
                if (best == null || rms < best.rms()) {
                    best = new TemplateFit(tp, w, amp, baseline, rms);
                }
            }
        }
        return best;
    }

    /**
     * Cut-outs of up to {@code max} flares (the most significant first, then in time order) in a grid of four
     * columns, each with its data and fitted template.
     */
    public static void gallery(Path png, LightCurve lc, List<Flare> flares, int max) throws IOException {
        if (flares.isEmpty()) {
            throw new IllegalArgumentException("FlarePlots.gallery: " + lc.name() + " has no flares to show");
        }
        List<Flare> shown = new ArrayList<>(flares);
        shown.sort(Comparator.comparingDouble(Flare::significance).reversed());
        shown = new ArrayList<>(shown.subList(0, Math.min(max, shown.size())));
        shown.sort(Comparator.comparingDouble(Flare::tpeak));
        int rows = (shown.size() + COLUMNS - 1) / COLUMNS;
        int cols = Math.min(COLUMNS, shown.size());
        BufferedImage image = new BufferedImage(cols * TILE_W, rows * TILE_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int k = 0; k < shown.size(); k++) {
            XYChart chart = tile(lc, shown.get(k));
            g.drawImage(BitmapEncoder.getBufferedImage(chart), (k % COLUMNS) * TILE_W, (k / COLUMNS) * TILE_H, null);
        }
        g.dispose();
        writeImage(png, image);
    }

    private static XYChart tile(LightCurve lc, Flare f) {
        TemplateFit fit = fit(lc, f);
        double cadence = lc.cadence();
        int[] r = range(lc.time(), f.tpeak() - 3 * fit.fwhmDays() - 8 * cadence, f.tpeak() + 10 * fit.fwhmDays() + 15 * cadence);
        double[] t = Arrays.copyOfRange(lc.time(), r[0], r[1]);
        double[] hours = Arrays.stream(t).map(v -> (v - f.tpeak()) * 24).toArray();
        XYChart c = new XYChartBuilder().width(TILE_W).height(TILE_H)
                .title(String.format(Locale.ROOT, "t = %.4f d, %.0fσ, ED %.1f s", f.tpeak(), f.significance(),
                        f.equivalentDurationS())).xAxisTitle("hours from peak").build();
        c.getStyler().setLegendVisible(false).setMarkerSize(4).setChartTitleFont(new java.awt.Font("SansSerif",
                java.awt.Font.PLAIN, 11));
        XYSeries data = c.addSeries("flux", hours, Arrays.copyOfRange(lc.flux(), r[0], r[1]));
        data.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.CIRCLE)
                .setMarkerColor(FLUX);
        int fine = 300;
        double[] mt = new double[fine];
        for (int i = 0; i < fine; i++) {
            mt[i] = t[0] + (t[t.length - 1] - t[0]) * i / (fine - 1.0);
        }
        double[] model = DavenportFlare.binned(mt, fit.tpeak(), fit.fwhmDays(), fit.amplitude(), cadence);
        double[] my = Arrays.stream(model).map(v -> v + fit.baseline()).toArray();
        XYSeries m = c.addSeries("Davenport fit", Arrays.stream(mt).map(v -> (v - f.tpeak()) * 24).toArray(), my);
        m.setMarker(SeriesMarkers.NONE).setLineColor(MODEL).setLineWidth(1.5f);
        return c;
    }

    /**
     * The light curve with its detections: flux on a scale clipped at {@code 1 + max(20σ, 2 × the median detected
     * amplitude)} (so that a giant flare does not flatten the rest; clipped points sit on the top edge), detections
     * in a catalogue marked green, new detections red, and catalogued flares the finder missed as grey lines.
     *
     * @param catalogued peak times of catalogued flares (may be empty)
     * @param tolerance days within which a detection matches a catalogued peak
     */
    public static void overview(Path png, LightCurve lc, List<Flare> flares, double[] catalogued, double tolerance,
                                double sigma, String title) throws IOException {
        double[] amps = flares.stream().mapToDouble(Flare::amplitude).sorted().toArray();
        double medAmp = amps.length == 0 ? 0 : amps[amps.length / 2];
        double top = 1 + Math.max(20 * sigma, 2 * medAmp);
        double bottom = 1 - 8 * sigma;
        double[] clipped = Arrays.stream(lc.flux()).map(v -> Math.min(top, Math.max(bottom, v))).toArray();
        XYChart c = new XYChartBuilder().width(1600).height(600).title(title).xAxisTitle("time [d]")
                .yAxisTitle(String.format(Locale.ROOT, "flux (clipped at %.4f)", top)).build();
        c.getStyler().setMarkerSize(2);
        c.getStyler().setYAxisMin(bottom).setYAxisMax(top);
        XYSeries s = c.addSeries("flux", lc.time(), clipped);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(FLUX);
        List<double[]> known = new ArrayList<>();
        List<double[]> fresh = new ArrayList<>();
        for (Flare f : flares) {
            boolean inCatalogue = Arrays.stream(catalogued).anyMatch(t -> Math.abs(t - f.tpeak()) <= tolerance);
            (inCatalogue ? known : fresh).add(new double[] {f.tpeak(), Math.min(top, 1 + f.amplitude())});
        }
        marks(c, "detected, catalogued (" + known.size() + ")", known, KNOWN, SeriesMarkers.DIAMOND);
        marks(c, "detected, new (" + fresh.size() + ")", fresh, NEW, SeriesMarkers.TRIANGLE_UP);
        List<double[]> missed = new ArrayList<>();
        for (double t : catalogued) {
            if (flares.stream().noneMatch(f -> Math.abs(t - f.tpeak()) <= tolerance)) {
                missed.add(new double[] {t, bottom + 2 * sigma});
            }
        }
        marks(c, "catalogued, missed (" + missed.size() + ")", missed, MISSED, SeriesMarkers.TRIANGLE_DOWN);
        c.getStyler().setMarkerSize(5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(c, bytes, BitmapEncoder.BitmapFormat.PNG);
        AtomicFile.write(png, bytes.toByteArray());
    }

    private static void marks(XYChart c, String name, List<double[]> points, Color color,
                              org.knowm.xchart.style.markers.Marker marker) {
        if (points.isEmpty()) {
            return;
        }
        XYSeries s = c.addSeries(name, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarker(marker).setMarkerColor(color);
    }

    private static double outsideMedian(double[] t, double[] y, Flare f) {
        double[] v = new double[t.length];
        int k = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] < f.tstart() || t[i] > f.tstop()) {
                v[k++] = y[i];
            }
        }
        if (k == 0) {
            return 1.0;
        }
        double[] s = Arrays.copyOf(v, k);
        Arrays.sort(s);
        return k % 2 == 1 ? s[k / 2] : 0.5 * (s[k / 2 - 1] + s[k / 2]);
    }

    private static int[] range(double[] time, double from, double to) {
        int a = Arrays.binarySearch(time, from);
        a = a >= 0 ? a : -a - 1;
        int b = Arrays.binarySearch(time, to);
        b = b >= 0 ? b + 1 : -b - 1;
        return new int[] {a, Math.max(a + 1, Math.min(time.length, b))};
    }

    private static void writeImage(Path png, BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        AtomicFile.write(png, bytes.toByteArray());
    }
}

package astrograd.astro.plot;

import astrograd.inference.Draws;
import astrograd.inference.stats.Ranks;
import astrograd.layers.io.AtomicFile;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG figures of posterior draws, drawn with XChart without a display: the corner plot, trace plots and rank plots
 * (Vehtari et al. 2021). At most {@link #MAX_PARAMETERS} parameters (the first ones) and {@link #MAX_CHAINS}
 * chains are drawn. Files are written atomically; parent folders are created.
 */
public final class PosteriorPlots {
    /** Parameters drawn at most (the first ones). */
    public static final int MAX_PARAMETERS = 10;
    /** Chains drawn at most in trace and rank plots (the first ones). */
    public static final int MAX_CHAINS = 8;
    /** Corner-plot panel size in pixels for three or more parameters (larger for one or two). */
    static final int PANEL = 240;
    /** Contour mass fractions: 68 % and 95 %. */
    static final double[] MASSES = {0.68, 0.95};

    private static final Color INK = new Color(30, 50, 100);
    private static final Color POINTS = new Color(150, 160, 180);
    private static final Color TRUTH = new Color(215, 30, 30);
    /** Chain colours (Tableau 10). */
    private static final Color[] CHAIN_COLORS = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
        new Color(227, 119, 194), new Color(127, 127, 127)};
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private PosteriorPlots() {
    }

    /**
     * The corner plot: on the diagonal the 1-D histogram of each parameter (40 bins), below it the draws of each
     * pair as light points with the 68 % and 95 % highest-density contours of a smoothed 2-D histogram; truth
     * values, when given, as red lines. Axes span the 0.5–99.5 % quantiles, padded by 5 %.
     *
     * @param truth one value per parameter of {@code draws} (NaN for none), or null
     */
    public static void corner(Path png, Draws draws, double[] truth, String title) throws IOException {
        corner(png, draws, truth, null, title);
    }

    /**
     * The corner plot of draws whose parameters have supports {@code bounds[i] = {lower, upper}} (infinite for none;
     * null: all unbounded): axes, histograms and contours stop at a bound, and the contours' smoothing reflects there
     * instead of spreading mass past it.
     */
    public static void corner(Path png, Draws draws, double[] truth, double[][] bounds, String title)
            throws IOException {
        if (truth != null && truth.length != draws.dim()) {
            throw new IllegalArgumentException("corner plot: " + truth.length + " truth values for " + draws.dim()
                    + " parameters");
        }
        if (bounds != null && bounds.length != draws.dim()) {
            throw new IllegalArgumentException("corner plot: " + bounds.length + " bounds for " + draws.dim()
                    + " parameters");
        }
        int d = Math.min(draws.dim(), MAX_PARAMETERS);
        double[][] values = new double[d][];
        double[][] ranges = new double[d][];
        for (int i = 0; i < d; i++) {
            values[i] = draws.flat(i);
            ranges[i] = bounds == null ? range(values[i]) : range(values[i], bounds[i][0], bounds[i][1]);
        }
        int size = panelSize(d);
        BufferedImage image = canvas(d * size, d * size + 30, title);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double tx = truth == null ? Double.NaN : truth[j];
                double ty = truth == null ? Double.NaN : truth[i];
                XYChart chart = i == j ? histogramPanel(size, values[i], ranges[i], draws.names().get(i), tx)
                        : pairPanel(size, values[j], values[i], ranges[j], ranges[i], draws.names().get(j),
                                draws.names().get(i), tx, ty);
                g.drawImage(BitmapEncoder.getBufferedImage(chart), j * size, 30 + i * size, null);
            }
        }
        g.dispose();
        write(png, image);
    }

    /** Trace plots: one panel per parameter, each chain a line over its draws (at most 2000 points per chain). */
    public static void trace(Path png, Draws draws, String title) throws IOException {
        int d = Math.min(draws.dim(), MAX_PARAMETERS);
        int chains = Math.min(draws.chains(), MAX_CHAINS);
        int step = Math.max(1, draws.draws() / 2000);
        List<XYChart> panels = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            XYChart c = panel(1200, 170, null, i == d - 1 ? "draw" : null, draws.names().get(i));
            double[][] series = draws.parameter(i);
            roundTicks(c, draws.draws(), series[0][0]);
            for (int k = 0; k < chains; k++) {
                double[][] xy = downsample(series[k], step);
                XYSeries s = c.addSeries("chain " + k, xy[0], xy[1]);
                s.setMarker(SeriesMarkers.NONE).setLineColor(CHAIN_COLORS[k]).setLineWidth(0.8f);
            }
            panels.add(c);
        }
        stack(png, panels, 1200, 170, title);
    }

    /**
     * Rank plots: all draws of a parameter ranked together, then each chain's histogram of its ranks (20 bins) as a
     * line; chains that sample the same distribution give flat lines near the dashed expectation
     * {@code draws per chain / 20}.
     */
    public static void rank(Path png, Draws draws, String title) throws IOException {
        int d = Math.min(draws.dim(), MAX_PARAMETERS);
        int chains = Math.min(draws.chains(), MAX_CHAINS);
        int bins = 20;
        int n = draws.draws();
        List<XYChart> panels = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            double[] ranks = Ranks.averageRanks(draws.flat(i));
            XYChart c = panel(1200, 170, null, i == d - 1 ? "rank bin" : null, draws.names().get(i));
            for (int k = 0; k < chains; k++) {
                double[] counts = new double[bins];
                for (int t = 0; t < n; t++) {
                    int b = (int) Math.min(bins - 1, (ranks[k * n + t] - 1) * bins / ranks.length);
                    counts[b]++;
                }
                double[][] xy = steps(counts, 0, bins);
                XYSeries s = c.addSeries("chain " + k, xy[0], xy[1]);
                s.setMarker(SeriesMarkers.NONE).setLineColor(CHAIN_COLORS[k]).setLineWidth(1.2f);
            }
            XYSeries expected = c.addSeries("uniform", new double[] {0, bins}, new double[] {n / (double) bins,
                n / (double) bins});
            expected.setMarker(SeriesMarkers.NONE).setLineColor(Color.BLACK).setLineStyle(new BasicStroke(1f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            c.getStyler().setYAxisMin(0.0);
            panels.add(c);
        }
        stack(png, panels, 1200, 170, title);
    }

    // ---------------------------------------------------------------- panels

    /** Panel size: {@link #PANEL}, or larger so that a corner plot of one or two parameters is 640 pixels wide. */
    static int panelSize(int parameters) {
        return Math.max(PANEL, 640 / parameters);
    }

    private static XYChart histogramPanel(int size, double[] v, double[] range, String name, double truth) {
        int bins = 40;
        double[] counts = new double[bins];
        double w = (range[3] - range[2]) / bins;
        for (double x : v) {
            int b = (int) Math.floor((x - range[2]) / w);
            if (b >= 0 && b < bins) {
                counts[b]++;
            }
        }
        XYChart c = panel(size, size, name, null, null);
        double[][] xy = steps(counts, range[2], range[3]);
        XYSeries s = c.addSeries("hist", xy[0], xy[1]);
        s.setMarker(SeriesMarkers.NONE).setLineColor(INK).setLineWidth(1.4f);
        c.getStyler().setXAxisMin(range[0]).setXAxisMax(range[1]).setYAxisMin(0.0);
        c.getStyler().setYAxisTicksVisible(false);
        mark(c, truth, true);
        return c;
    }

    private static XYChart pairPanel(int size, double[] x, double[] y, double[] rx, double[] ry, String nx, String ny,
            double tx, double ty) {
        XYChart c = panel(size, size, null, nx, ny);
        int step = Math.max(1, x.length / 3000);
        double[][] px = downsample(x, step);
        double[][] py = downsample(y, step);
        XYSeries pts = c.addSeries("draws", px[1], py[1]);
        pts.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.CIRCLE)
                .setMarkerColor(POINTS);
        double[] box = {rx[0], rx[1], ry[0], ry[1]};
        boolean[] walls = {rx.length > 4 && rx[4] != 0, rx.length > 4 && rx[5] != 0, ry.length > 4 && ry[4] != 0,
            ry.length > 4 && ry[5] != 0};
        double[][][] lines = Contours.lines(x, y, box, walls, 30, MASSES);
        float[] widths = {1.8f, 1.2f};
        for (int l = 0; l < lines.length; l++) {
            if (lines[l][0].length > 0) {
                XYSeries s = c.addSeries((int) Math.round(100 * MASSES[l]) + " %", lines[l][0], lines[l][1]);
                s.setMarker(SeriesMarkers.NONE).setLineColor(INK).setLineWidth(widths[l]);
            }
        }
        c.getStyler().setMarkerSize(2);
        c.getStyler().setXAxisMin(rx[0]).setXAxisMax(rx[1]).setYAxisMin(ry[0]).setYAxisMax(ry[1]);
        mark(c, tx, true);
        mark(c, ty, false);
        if (Double.isFinite(tx) && Double.isFinite(ty)) {
            XYSeries t = c.addSeries("truth", new double[] {tx}, new double[] {ty});
            t.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.SQUARE)
                    .setMarkerColor(TRUTH);
        }
        return c;
    }

    private static XYChart panel(int width, int height, String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title == null ? "" : title)
                .xAxisTitle(xTitle == null ? "" : xTitle).yAxisTitle(yTitle == null ? "" : yTitle).build();
        XYStyler st = c.getStyler();
        st.setXAxisTitleVisible(xTitle != null);
        st.setYAxisTitleVisible(yTitle != null);
        st.setAxisTickLabelsFont(SMALL);
        st.setAxisTitleFont(SMALL.deriveFont(Font.BOLD, 11f));
        st.setPlotGridLinesVisible(false);
        st.setChartTitleVisible(title != null);
        st.setLegendVisible(false);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(true);
        st.setAntiAlias(true);
        st.setChartTitleFont(SMALL.deriveFont(Font.BOLD, 12f));
        st.setAnnotationLineColor(TRUTH);
        st.setAnnotationLineStroke(new BasicStroke(1.2f));
        return c;
    }

    /**
     * XChart puts the ticks of evenly spaced x data on data points (0, 84, 168, …); an invisible, unevenly spaced
     * series over [0, n] makes it choose round ticks instead.
     */
    private static void roundTicks(XYChart c, int n, double y) {
        XYSeries s = c.addSeries(" ", new double[] {0, 0.5, n}, new double[] {y, y, y});
        s.setMarker(SeriesMarkers.NONE).setLineColor(new Color(0, 0, 0, 0)).setShowInLegend(false);
    }

    private static void mark(XYChart c, double v, boolean vertical) {
        if (Double.isFinite(v)) {
            c.addAnnotation(new AnnotationLine(v, vertical, false));
        }
    }

    // ---------------------------------------------------------------- numbers

    /**
     * {@code {axis lo, axis hi, lo, hi}}: the 0.5–99.5 % quantile range padded by 5 % each side (a unit interval
     * around a constant) as {@code lo, hi}, and for the axes that range widened to multiples of a round tick step
     * (1, 2 or 5 times a power of ten, about a quarter of the range), which keeps XChart's tick labels regular.
     */
    /**
     * {@link #range(double[])} cut at the support {@code [lower, upper]}, with two more entries: 1 where the axis
     * starts (ends) at a bound, else 0.
     */
    static double[] range(double[] v, double lower, double upper) {
        double[] r = range(v);
        boolean low = r[2] < lower;
        boolean high = r[3] > upper;
        return new double[] {Math.max(r[0], lower), Math.min(r[1], upper), Math.max(r[2], lower),
            Math.min(r[3], upper), low ? 1 : 0, high ? 1 : 0};
    }

    static double[] range(double[] v) {
        double lo = Ranks.quantile(v, 0.005);
        double hi = Ranks.quantile(v, 0.995);
        double pad = hi > lo ? 0.05 * (hi - lo) : Math.max(0.5, Math.abs(lo) * 0.1);
        lo -= pad;
        hi += pad;
        double raw = (hi - lo) / 4;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : raw / power < 7.5 ? 5 * power
                : 10 * power;
        return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step, lo, hi};
    }

    /** A step outline of a histogram with equal bins over [lo, hi]. */
    private static double[][] steps(double[] counts, double lo, double hi) {
        int bins = counts.length;
        double w = (hi - lo) / bins;
        double[][] xy = new double[2][2 * bins + 2];
        xy[0][0] = lo;
        for (int b = 0; b < bins; b++) {
            xy[0][2 * b + 1] = lo + b * w;
            xy[1][2 * b + 1] = counts[b];
            xy[0][2 * b + 2] = lo + (b + 1) * w;
            xy[1][2 * b + 2] = counts[b];
        }
        xy[0][2 * bins + 1] = hi;
        return xy;
    }

    /** {@code {index, value}} of every {@code step}-th element. */
    private static double[][] downsample(double[] v, int step) {
        int n = (v.length + step - 1) / step;
        double[][] xy = new double[2][n];
        for (int k = 0; k < n; k++) {
            xy[0][k] = (double) k * step;
            xy[1][k] = v[k * step];
        }
        return xy;
    }

    // ---------------------------------------------------------------- images

    private static BufferedImage canvas(int width, int height, String title) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(SMALL.deriveFont(Font.BOLD, 14f));
        g.drawString(title == null ? "" : title, 10, 20);
        g.dispose();
        return image;
    }

    private static void stack(Path png, List<XYChart> panels, int width, int height, String title) throws IOException {
        BufferedImage image = canvas(width, 30 + panels.size() * height, title);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), 0, 30 + i * height, null);
        }
        g.dispose();
        write(png, image);
    }

    private static void write(Path png, BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available for " + png);
        }
        AtomicFile.write(png, out.toByteArray());
    }
}

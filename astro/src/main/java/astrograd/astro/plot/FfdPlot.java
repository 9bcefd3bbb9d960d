package astrograd.astro.plot;

import astrograd.astro.flares.FlareFrequency;
import astrograd.astro.flares.StarFfd;
import astrograd.layers.io.AtomicFile;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The cumulative flare frequency distribution of one star, log–log: observed rate (dots), the rate corrected by
 * injection–recovery (squares), and the fitted power law {@code ν(≥x) = ν(≥x_min) (x/x_min)^{1−α}} above x_min.
 */
public final class FfdPlot {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private FfdPlot() {
    }

    public static void write(Path png, StarFfd ffd) throws IOException {
        List<FlareFrequency.Point> pts = ffd.points().stream().filter(p -> p.size() > 0).toList();
        if (pts.isEmpty()) {
            throw new IllegalArgumentException("FfdPlot: " + ffd.name() + " has no flares to plot");
        }
        String unit = Double.isNaN(ffd.luminosity()) ? "equivalent duration [s]" : "energy [erg]";
        XYChart c = new XYChartBuilder().width(900).height(650).title(title(ffd)).xAxisTitle(unit)
                .yAxisTitle("cumulative rate [flares per day]").build();
        c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setMarkerSize(7);
        double[] x = pts.stream().mapToDouble(FlareFrequency.Point::size).toArray();
        XYSeries obs = c.addSeries("observed", x, pts.stream().mapToDouble(FlareFrequency.Point::rate).toArray());
        obs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.CIRCLE)
                .setMarkerColor(new Color(40, 60, 110));
        double[] corrected = pts.stream().mapToDouble(FlareFrequency.Point::correctedRate).toArray();
        if (java.util.Arrays.stream(corrected).allMatch(v -> v > 0)) {
            XYSeries cor = c.addSeries("corrected by injection–recovery", x, corrected);
            cor.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.SQUARE)
                    .setMarkerColor(new Color(215, 30, 30));
        }
        FlareFrequency.PowerLaw fit = ffd.fit();
        if (fit != null) {
            double top = pts.stream().mapToDouble(FlareFrequency.Point::size).max().orElse(fit.xmin());
            double rateAtMin = pts.stream().filter(p -> p.size() >= fit.xmin())
                    .mapToDouble(FlareFrequency.Point::correctedRate).max().orElse(Double.NaN);
            double[] lx = {fit.xmin(), top};
            double[] ly = {rateAtMin, rateAtMin * Math.pow(top / fit.xmin(), 1 - fit.alpha())};
            XYSeries line = c.addSeries(String.format(Locale.ROOT, "power law α = %.2f", fit.alpha()), lx, ly);
            line.setMarker(SeriesMarkers.NONE).setLineColor(new Color(20, 120, 60));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(c, bytes, BitmapFormat.PNG);
        AtomicFile.write(png, bytes.toByteArray());
    }

    private static String title(StarFfd ffd) {
        FlareFrequency.PowerLaw fit = ffd.fit();
        return fit == null ? ffd.name() + ": " + ffd.sizes().length + " flares"
                : String.format(Locale.ROOT, "%s: %d flares, α = %.2f ± %.2f", ffd.name(), ffd.sizes().length,
                        fit.alpha(), fit.sigma());
    }
}

package astrograd.astro.images;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A three-panel PNG: reference, science (asinh stretch between the median and the 99.8th percentile) and the
 * difference (linear, ±8 robust σ), with detections circled in red and, when known, injected transients marked by
 * green squares.
 */
public final class Triptych {
    private static final int PANEL = 400;
    private static final int TITLE = 24;

    private Triptych() {
    }

    /** Writes the triptych; {@code truth} may be null. */
    public static void write(Path png, Image reference, Image science, Image difference, List<Detection> found,
            List<SurveyPair.Transient> truth, String title) throws IOException {
        double scale = PANEL / (double) Math.max(science.width(), science.height());
        int w = (int) Math.round(science.width() * scale);
        int h = (int) Math.round(science.height() * scale);
        BufferedImage out = new BufferedImage(3 * w + 20, h + TITLE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        Image[] panels = {reference, science, difference};
        String[] names = {"reference", "science", title};
        for (int i = 0; i < 3; i++) {
            BufferedImage grey = i < 2 ? stretched(panels[i]) : symmetric(panels[i]);
            int x0 = i * (w + 10);
            g.drawImage(grey, x0, TITLE, w, h, null);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            g.drawString(names[i], x0 + 4, 17);
        }
        int x0 = 2 * (w + 10);
        g.setStroke(new BasicStroke(1.5f));
        if (truth != null) {
            g.setColor(new Color(0, 200, 0));
            for (SurveyPair.Transient t : truth) {
                int s = (int) Math.round(7 * scale);
                g.drawRect(x0 + (int) Math.round((t.x() + 0.5) * scale) - s, TITLE + (int) Math.round((t.y() + 0.5) * scale) - s,
                        2 * s, 2 * s);
            }
        }
        g.setColor(Color.RED);
        for (Detection d : found) {
            int r = (int) Math.round(5 * scale);
            g.drawOval(x0 + (int) Math.round((d.x() + 0.5) * scale) - r, TITLE + (int) Math.round((d.y() + 0.5) * scale) - r,
                    2 * r, 2 * r);
        }
        g.dispose();
        RasterImages.write(png, out);
    }

    private static BufferedImage stretched(Image im) {
        double lo = Robust.median(im.pixels());
        double hi = RasterImages.percentileRange(im, 0.5, 0.998)[1];
        return RasterImages.toGrey(im, lo, hi, RasterImages.Stretch.ASINH);
    }

    private static BufferedImage symmetric(Image im) {
        double s = Math.max(Robust.sigma(im.pixels()), 1e-12);
        return RasterImages.toGrey(im, -8 * s, 8 * s, RasterImages.Stretch.LINEAR);
    }
}

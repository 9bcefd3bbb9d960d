package astrograd.astro.images;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A detected source: peak pixel, significance and measured flux, and the peak finder and aperture photometry that
 * produce it.
 *
 * @param x peak column
 * @param y peak row
 * @param significance the detection statistic at the peak (σ units)
 * @param flux the measured flux (aperture sum, or the point-source flux at the peak for ZOGY)
 */
public record Detection(int x, int y, double significance, double flux) {

    /**
     * Local maxima of {@code result.significance()} above {@code threshold} that are the largest value within
     * {@code radius} pixels (a square window), strongest first; flux from {@code result.flux()} by an aperture of
     * radius {@code aperture} or at the peak.
     */
    public static List<Detection> find(DifferenceResult result, double threshold, int radius, double aperture) {
        Image s = result.significance();
        List<Detection> found = new ArrayList<>();
        for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x < s.width(); x++) {
                double v = s.get(x, y);
                if (v > threshold && isPeak(s, x, y, radius)) {
                    double f = result.pointFlux() ? result.flux().get(x, y) : apertureSum(result.flux(), x, y, aperture);
                    found.add(new Detection(x, y, v, f));
                }
            }
        }
        found.sort(Comparator.comparingDouble(Detection::significance).reversed());
        return found;
    }

    private static boolean isPeak(Image s, int x, int y, int radius) {
        double v = s.get(x, y);
        for (int dy = -radius; dy <= radius; dy++) {
            for (int dx = -radius; dx <= radius; dx++) {
                int px = x + dx;
                int py = y + dy;
                if ((dx != 0 || dy != 0) && px >= 0 && py >= 0 && px < s.width() && py < s.height()) {
                    double o = s.get(px, py);
                    if (o > v || (o == v && (dy < 0 || (dy == 0 && dx < 0)))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** {@code Σ image(x', y')} over pixels with {@code (x' − x)² + (y' − y)² ≤ r²} inside the image. */
    public static double apertureSum(Image image, double x, double y, double r) {
        double sum = 0;
        int x0 = (int) Math.floor(x - r);
        int y0 = (int) Math.floor(y - r);
        for (int py = Math.max(0, y0); py <= Math.min(image.height() - 1, (int) Math.ceil(y + r)); py++) {
            for (int px = Math.max(0, x0); px <= Math.min(image.width() - 1, (int) Math.ceil(x + r)); px++) {
                double dx = px - x;
                double dy = py - y;
                if (dx * dx + dy * dy <= r * r) {
                    sum += image.get(px, py);
                }
            }
        }
        return sum;
    }
}

package astrograd.astro.images;

import java.util.Arrays;

/** Robust image statistics over the finite pixels. */
public final class Robust {
    /** {@code 1/Φ⁻¹(3/4)}: MAD × this is σ for Gaussian noise. */
    public static final double MAD_TO_SIGMA = 1.482602218505602;

    private Robust() {
    }

    /** The median of the finite values. */
    public static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (v.length == 0) {
            throw new IllegalArgumentException("median: no finite values");
        }
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
    }

    /** {@code 1.4826 · median |v − median(v)|}: the Gaussian σ from the median absolute deviation. */
    public static double sigma(double[] values) {
        double med = median(values);
        double[] dev = Arrays.stream(values).filter(Double::isFinite).map(v -> Math.abs(v - med)).toArray();
        return MAD_TO_SIGMA * median(dev);
    }

    /** {@code image − median(image)}, blanks replaced by 0 (the background). */
    public static Image backgroundSubtracted(Image image) {
        double med = median(image.pixels());
        double[] p = image.pixels().clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = Double.isFinite(p[i]) ? p[i] - med : 0;
        }
        return new Image(image.width(), image.height(), p);
    }
}

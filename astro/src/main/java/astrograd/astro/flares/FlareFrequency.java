package astrograd.astro.flares;

import astrograd.inference.stats.NormalDistribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Flare frequency distributions (FFDs): the cumulative rate of flares at least as large as a given equivalent
 * duration (or energy), and the power law {@code dN/dx ∝ x^−α} fitted to its tail.
 *
 * <p>Power-law index by maximum likelihood (Clauset, Shalizi &amp; Newman 2009, eq. 3.1). Above a lower limit
 * {@code x_min}, the logs {@code ln(x/x_min)} of power-law data are exponential with rate {@code α − 1}, so
 * {@code S = Σ ln(xᵢ/x_min)} is Gamma(n, α − 1) and
 * <pre>
 *   α̂ = 1 + (n − 1)/S            (unbiased: E[(n − 1)/S] = α − 1; Clauset's n/S is biased by n/(n − 1))
 *   σ(α̂) = (α̂ − 1)/√(n − 2)
 *   (α − 1) ∈ [χ²_{2n}(q/2), χ²_{2n}(1 − q/2)] / (2S)     exact interval of confidence 1 − q
 * </pre>
 * When {@code x_min} is taken as the smallest value (the default), the other {@code n − 1} log-excesses over it
 * are again independent exponentials (memorylessness), so the same formulas hold with {@code n − 1} points —
 * the modified MLE that AltaiPony uses for the same reason. χ² quantiles by Wilson–Hilferty (relative error 0.8 %
 * in the lower tail at 10 degrees of freedom, the fewest a fit allows, below 0.1 % from 40).
 */
public final class FlareFrequency {
    /** The confidence of the reported interval on α. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /**
     * A power-law fit.
     *
     * @param alpha the index α̂ of {@code dN/dx ∝ x^−α}
     * @param sigma its standard error
     * @param lower the lower end of the interval
     * @param upper the upper end of the interval
     * @param confidence the interval's confidence
     * @param xmin the lower limit of the fitted values
     * @param n how many values entered the likelihood
     */
    public record PowerLaw(double alpha, double sigma, double lower, double upper, double confidence, double xmin,
            int n) {
        /** Whether {@code a} lies inside the interval. */
        public boolean covers(double a) {
            return a >= lower && a <= upper;
        }
    }

    /**
     * One point of a cumulative FFD.
     *
     * @param size the equivalent duration (s) or energy (erg)
     * @param rate flares per day at least this large, as observed
     * @param correctedRate the same corrected for incompleteness (each flare counted 1/recovery-probability times)
     */
    public record Point(double size, double rate, double correctedRate) {
    }

    private FlareFrequency() {
    }

    /**
     * The cumulative FFD of flares of the given sizes observed over {@code days}: sorted from the largest, point i
     * has {@code rate = (i + 1)/days} and {@code correctedRate = Σ_{j ≤ i} wⱼ / days}.
     *
     * @param weights per flare (1/recovery probability), or null for all 1
     */
    public static List<Point> cumulative(double[] sizes, double[] weights, double days) {
        if (!(days > 0)) {
            throw new IllegalArgumentException("FlareFrequency: the observing time must be > 0 days, got " + days);
        }
        if (weights != null && weights.length != sizes.length) {
            throw new IllegalArgumentException("FlareFrequency: " + sizes.length + " sizes but " + weights.length
                    + " weights");
        }
        Integer[] order = new Integer[sizes.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(sizes[b], sizes[a]));
        List<Point> out = new ArrayList<>();
        double corrected = 0;
        for (int k = 0; k < order.length; k++) {
            corrected += weights == null ? 1 : weights[order[k]];
            out.add(new Point(sizes[order[k]], (k + 1) / days, corrected / days));
        }
        return out;
    }

    /** The fit above the smallest value ({@link #fitPowerLaw(double[], double, double)} with x_min NaN). */
    public static PowerLaw fitPowerLaw(double[] sizes) {
        return fitPowerLaw(sizes, Double.NaN, DEFAULT_CONFIDENCE);
    }

    /**
     * The maximum-likelihood power law of the values ≥ {@code xmin}; with {@code xmin} NaN, above the smallest value
     * (which then does not enter the likelihood).
     *
     * @throws IllegalArgumentException with fewer than 3 values in the likelihood, or non-positive values
     */
    public static PowerLaw fitPowerLaw(double[] sizes, double xmin, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("FlareFrequency: confidence must be in (0, 1), got " + confidence);
        }
        boolean estimated = Double.isNaN(xmin);
        double lo = estimated ? Arrays.stream(sizes).min().orElse(Double.NaN) : xmin;
        if (!(lo > 0)) {
            throw new IllegalArgumentException("FlareFrequency: power-law sizes must be positive, x_min = " + lo);
        }
        double s = 0;
        int n = 0;
        boolean skippedMin = false;
        for (double x : sizes) {
            if (x < lo) {
                continue;
            }
            if (estimated && !skippedMin && x == lo) {
                skippedMin = true;
                continue;
            }
            s += Math.log(x / lo);
            n++;
        }
        if (n < 3 || !(s > 0)) {
            throw new IllegalArgumentException("FlareFrequency: a power-law fit needs at least 3 distinct flares above"
                    + " x_min = " + lo + ", got " + n);
        }
        double alpha = 1 + (n - 1) / s;
        double q = 1 - confidence;
        return new PowerLaw(alpha, (alpha - 1) / Math.sqrt(Math.max(1, n - 2)),
                1 + chiSquareQuantile(q / 2, 2 * n) / (2 * s), 1 + chiSquareQuantile(1 - q / 2, 2 * n) / (2 * s),
                confidence, lo, n);
    }

    /** Wilson–Hilferty: {@code χ²_k(p) ≈ k (1 − 2/(9k) + z_p √(2/(9k)))³}. */
    static double chiSquareQuantile(double p, int k) {
        double c = 2.0 / (9.0 * k);
        double t = 1 - c + NormalDistribution.quantile(p) * Math.sqrt(c);
        return k * t * t * t;
    }
}

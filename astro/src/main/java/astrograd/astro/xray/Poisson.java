package astrograd.astro.xray;

import astrograd.tensor.Rng;
import astrograd.tensor.cpu.SpecialFunctions;

/**
 * Poisson variates from an {@link Rng}: inversion by sequential search for means below 10, and Hörmann's transformed
 * rejection with squeeze (PTRS, Insurance: Mathematics and Economics 12, 39, 1993; NumPy's method) above.
 */
public final class Poisson {
    private static final double INVERSION_LIMIT = 10;

    private Poisson() {
    }

    /**
     * One draw of {@code K ~ Poisson(mean)}.
     *
     * @param mean the mean, finite and ≥ 0
     */
    public static long sample(double mean, Rng rng) {
        if (!(mean >= 0) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("Poisson.sample: mean must be finite and >= 0, got " + mean);
        }
        if (mean == 0) {
            return 0;
        }
        return mean < INVERSION_LIMIT ? inversion(mean, rng.nextDouble()) : ptrs(mean, rng);
    }

    /**
     * The Poisson quantile of a uniform {@code u}: the smallest k with {@code F(k) > u} (sequential search; for
     * means below 10, where it takes about {@code mean + 1} steps).
     */
    static long inversion(double mean, double u) {
        double p = Math.exp(-mean);
        double cdf = p;
        long k = 0;
        while (u >= cdf && p > 0) {
            k++;
            p *= mean / k;
            cdf += p;
        }
        return k;
    }

    private static long ptrs(double mean, Rng rng) {
        double slam = Math.sqrt(mean);
        double logLam = Math.log(mean);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = rng.nextDouble() - 0.5;
            double v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b)
                    <= -mean + k * logLam - SpecialFunctions.lgamma(k + 1.0)) {
                return k;
            }
        }
    }
}

package astrograd.astro.transients;

import java.util.List;

/**
 * Hand-made light-curve features from a dense GP light curve, in the spirit of SuperRAENN's
 * {@code feature_extraction.py}: in the bluest band, the peak absolute magnitude (distance modulus of a flat ΛCDM
 * cosmology, H₀ = 70, Ω_m = 0.3; no K-correction), the rise time from 1 mag below peak to peak and the decline time
 * from peak to 1 mag and 2 mag below it (days; the grid's end when never reached), the colour at peak between the
 * bluest and reddest bands, and the fitted GP time scale {@code ln ℓ_t}. Times are rest-frame ({@code /(1+z)}) when
 * the redshift is known.
 */
public final class TransientFeatures {
    /** Names of the features, in order. */
    public static final List<String> NAMES = List.of("peak_abs_mag", "rise_1mag", "decline_1mag", "decline_2mag",
            "colour_at_peak", "ln_time_scale");

    private TransientFeatures() {
    }

    /** The features of one dense light curve (its fit must have succeeded). */
    public static double[] of(LightCurveGp.Dense d) {
        if (d.fit().gp() == null) {
            throw new IllegalArgumentException("TransientFeatures: the GP fit of " + d.source().id() + " failed");
        }
        double z = d.source().redshift();
        double stretch = Double.isFinite(z) && z > 0 ? 1 + z : 1;
        double[] m = d.mag()[0];
        double[] t = d.time();
        int peak = 0;
        for (int k = 1; k < m.length; k++) {
            if (m[k] < m[peak]) {
                peak = k;
            }
        }
        double mu = Double.isFinite(z) && z > 0 ? distanceModulus(z) : 0;
        double rise = (t[peak] - t[firstBefore(m, peak, m[peak] + 1)]) / stretch;
        double decline1 = (t[firstAfter(m, peak, m[peak] + 1)] - t[peak]) / stretch;
        double decline2 = (t[firstAfter(m, peak, m[peak] + 2)] - t[peak]) / stretch;
        int last = d.mag().length - 1;
        double colour = last > 0 ? m[peak] - d.mag()[last][peak] : 0;
        return new double[] {m[peak] - mu, rise, decline1, decline2, colour, d.fit().theta()[1]};
    }

    private static int firstBefore(double[] m, int peak, double level) {
        int k = peak;
        while (k > 0 && m[k] < level) {
            k--;
        }
        return k;
    }

    private static int firstAfter(double[] m, int peak, double level) {
        int k = peak;
        while (k < m.length - 1 && m[k] < level) {
            k++;
        }
        return k;
    }

    /**
     * {@code 5 log₁₀(d_L / 10 pc)} for a flat ΛCDM universe with H₀ = 70 km/s/Mpc and Ω_m = 0.3:
     * {@code d_L = (1+z) (c/H₀) ∫₀ᶻ dz'/√(Ω_m(1+z')³ + 1 − Ω_m)} (Simpson's rule, 200 intervals).
     */
    public static double distanceModulus(double z) {
        double om = 0.3;
        int n = 200;
        double h = z / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double zi = i * h;
            double f = 1 / Math.sqrt(om * Math.pow(1 + zi, 3) + 1 - om);
            sum += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
        }
        double dcMpc = 299792.458 / 70 * sum * h / 3;
        double dlPc = (1 + z) * dcMpc * 1e6;
        return 5 * Math.log10(dlPc / 10);
    }
}

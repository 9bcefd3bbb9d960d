package astrograd.astro.flares;

/**
 * The empirical white-light flare template of Davenport et al. (2014, ApJ 797, 122), in units of the peak
 * amplitude. The paper writes it on a time axis in units of t½, {@code x = (t − tpeak) / t½}:
 * <pre>
 *   rise  (−1 ≤ x ≤ 0):  1 + 1.941 x − 0.175 x² − 2.246 x³ − 1.125 x⁴
 *   decay (x &gt; 0):      0.6890 e^(−1.600 x) + 0.3030 e^(−0.2783 x)
 *   zero before x = −1
 * </pre>
 * ({@link #template}). Its fitted polynomial and exponentials cross half the peak at x ≈ −0.271 and x ≈ 0.642, so
 * its full width at half maximum is {@link #TEMPLATE_FWHM} ≈ 0.913 t½, not 1. Flares here are parametrized by
 * their true FWHM: {@link #shape} is the template on the axis {@code u = (t − tpeak) / FWHM}, i.e.
 * {@code template(u · TEMPLATE_FWHM)}, so that a flare injected with a FWHM of 10 minutes is 10 minutes wide at
 * half its peak. {@link #binned} integrates it over each exposure (a 2-minute cadence smooths a short flare and
 * lowers its sampled peak), which is how a flare of a given shape appears in a light curve.
 */
public final class DavenportFlare {
    private static final double[] RISE = {1.0, 1.941, -0.175, -2.246, -1.125};
    private static final int SUBSAMPLES = 15;
    /** The full width at half maximum of {@link #template}, in units of t½ (computed from the formula). */
    public static final double TEMPLATE_FWHM = halfMaximumCrossing(0, 10) - halfMaximumCrossing(-1, 0);

    private DavenportFlare() {
    }

    /** Davenport's template at {@code x = (t − tpeak) / t½} for unit amplitude, as published. */
    public static double template(double x) {
        if (x < -1) {
            return 0;
        }
        if (x <= 0) {
            double p = RISE[4];
            for (int i = 3; i >= 0; i--) {
                p = p * x + RISE[i];
            }
            return Math.max(p, 0);
        }
        return 0.6890 * Math.exp(-1.600 * x) + 0.3030 * Math.exp(-0.2783 * x);
    }

    /**
     * The flare at {@code u = (t − tpeak) / FWHM} for unit amplitude: {@code template(u · TEMPLATE_FWHM)}, which
     * is 1 at u = 0, ½ at the two ends of an interval of length 1 around it, and 0 before u = −1/TEMPLATE_FWHM.
     */
    public static double shape(double u) {
        return template(u * TEMPLATE_FWHM);
    }

    /** Where the template crosses ½ inside [a, b], over which it is monotone (bisection to the last bit). */
    private static double halfMaximumCrossing(double a, double b) {
        boolean rising = template(a) < template(b);
        for (int i = 0; i < 200 && a < b; i++) {
            double m = 0.5 * (a + b);
            if (m == a || m == b) {
                break;
            }
            if ((template(m) < 0.5) == rising) {
                a = m;
            } else {
                b = m;
            }
        }
        return 0.5 * (a + b);
    }

    /**
     * The flare averaged over each exposure: {@code out[i] = amplitude · mean over [time[i] − exposure/2,
     * time[i] + exposure/2] of shape((t − tpeak)/fwhm)}, by the midpoint rule with 15 sub-samples; {@code fwhm} is
     * the flare's true full width at half maximum (before the exposure smooths it).
     */
    public static double[] binned(double[] time, double tpeak, double fwhm, double amplitude, double exposure) {
        if (!(fwhm > 0) || !(exposure >= 0)) {
            throw new IllegalArgumentException("DavenportFlare: fwhm must be > 0 and exposure ≥ 0, got " + fwhm + ", "
                    + exposure);
        }
        double[] out = new double[time.length];
        for (int i = 0; i < time.length; i++) {
            double sum = 0;
            for (int s = 0; s < SUBSAMPLES; s++) {
                double t = time[i] + exposure * ((s + 0.5) / SUBSAMPLES - 0.5);
                sum += shape((t - tpeak) / fwhm);
            }
            out[i] = amplitude * sum / SUBSAMPLES;
        }
        return out;
    }
}

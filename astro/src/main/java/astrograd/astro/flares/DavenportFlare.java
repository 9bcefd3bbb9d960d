package astrograd.astro.flares;

/**
 * The empirical white-light flare template of Davenport et al. (2014, ApJ 797, 122), in units of the peak
 * amplitude, as a function of {@code x = (t − tpeak) / FWHM}:
 * <pre>
 *   rise  (−1 ≤ x ≤ 0):  1 + 1.941 x − 0.175 x² − 2.246 x³ − 1.125 x⁴
 *   decay (x &gt; 0):      0.6890 e^(−1.600 x) + 0.3030 e^(−0.2783 x)
 *   zero before x = −1.
 * </pre>
 * {@link #binned} integrates the template over each exposure (a 2-minute cadence smooths a short flare and
 * lowers its sampled peak), which is how a flare of a given shape appears in a light curve.
 */
public final class DavenportFlare {
    private static final double[] RISE = {1.0, 1.941, -0.175, -2.246, -1.125};
    private static final int SUBSAMPLES = 15;

    private DavenportFlare() {
    }

    /** The template at {@code x = (t − tpeak)/FWHM} for unit amplitude. */
    public static double shape(double x) {
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
     * The flare averaged over each exposure: {@code out[i] = amplitude · mean over [time[i] − exposure/2,
     * time[i] + exposure/2] of shape((t − tpeak)/fwhm)}, by the midpoint rule with 15 sub-samples.
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

package astrograd.astro.variables;

import java.util.Arrays;

/**
 * One star's light curve: observations {@code (time, mag, err, band)} in any order, the number of bands, and
 * the period (days) to fold it with. Bands are indices {@code 0 .. bands−1} (EROS-1: 0 = blue, 1 = red).
 * Construction checks the arrays and the period and throws {@link BadStarException} (naming the star) for
 * anything that cannot be folded: unequal lengths, non-finite values, a period that is not a positive finite
 * number, a band out of range.
 */
public final class LightCurve {
    private final String id;
    private final double[] time;
    private final double[] mag;
    private final double[] err;
    private final int[] band;
    private final int bands;
    private final double period;

    /**
     * @param err per-point errors, or null when there are none (all NaN then)
     * @param band per-point band indices, or null for one band
     */
    public LightCurve(String id, double[] time, double[] mag, double[] err, int[] band, int bands, double period) {
        this.id = id;
        int n = time.length;
        if (mag.length != n || (err != null && err.length != n) || (band != null && band.length != n)) {
            throw new BadStarException(id, "time, mag, err and band arrays differ in length (" + n + ", " + mag.length
                    + ", " + (err == null ? "-" : err.length) + ", " + (band == null ? "-" : band.length) + ")");
        }
        if (bands < 1) {
            throw new BadStarException(id, "needs at least one band, got " + bands);
        }
        if (!(period > 0) || Double.isInfinite(period)) {
            throw new BadStarException(id, "bad period " + period + " (must be a positive finite number of days)");
        }
        this.time = time.clone();
        this.mag = mag.clone();
        this.err = err == null ? nanArray(n) : err.clone();
        this.band = band == null ? new int[n] : band.clone();
        this.bands = bands;
        this.period = period;
        check();
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private void check() {
        for (int i = 0; i < time.length; i++) {
            if (!Double.isFinite(time[i]) || !Double.isFinite(mag[i])) {
                throw new BadStarException(id, "observation " + i + " has a non-finite time or magnitude ("
                        + time[i] + ", " + mag[i] + ")");
            }
            if (band[i] < 0 || band[i] >= bands) {
                throw new BadStarException(id, "observation " + i + " has band " + band[i] + " outside [0, " + bands + ")");
            }
        }
    }

    /** This light curve with every time moved by {@code dt} days (a new phase origin when folded). */
    public LightCurve shiftTime(double dt) {
        double[] t = time.clone();
        for (int i = 0; i < t.length; i++) {
            t[i] += dt;
        }
        return new LightCurve(id, t, mag, err, band, bands, period);
    }

    public String id() {
        return id;
    }

    public int size() {
        return time.length;
    }

    public int bands() {
        return bands;
    }

    public double period() {
        return period;
    }

    public double time(int i) {
        return time[i];
    }

    public double mag(int i) {
        return mag[i];
    }

    /** The error of observation i (NaN when the data have none). */
    public double err(int i) {
        return err[i];
    }

    public int band(int i) {
        return band[i];
    }
}

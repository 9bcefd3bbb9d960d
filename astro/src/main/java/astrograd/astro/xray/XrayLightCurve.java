package astrograd.astro.xray;

/**
 * A binned X-ray light curve: photon counts in bins of {@code dt} seconds starting at {@code time[i]} (mission
 * seconds). Bins of different good time intervals follow each other, so {@code time} may jump.
 *
 * @param time bin starts
 * @param counts counts per bin
 * @param dt bin width in seconds
 */
public record XrayLightCurve(double[] time, double[] counts, double dt) {
    public XrayLightCurve {
        if (time.length != counts.length) {
            throw new IllegalArgumentException("XrayLightCurve: " + time.length + " times but " + counts.length
                    + " counts");
        }
        if (!(dt > 0)) {
            throw new IllegalArgumentException("XrayLightCurve: bin time must be > 0, got " + dt);
        }
    }

    public int size() {
        return time.length;
    }

    /** Count rate per bin, {@code counts / dt} (counts/s). */
    public double[] rate() {
        double[] r = new double[counts.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = counts[i] / dt;
        }
        return r;
    }

    /** Total counts. */
    public double totalCounts() {
        double s = 0;
        for (double c : counts) {
            s += c;
        }
        return s;
    }

    /** Mean rate over the binned time, {@code Σ counts / (n dt)}. */
    public double meanRate() {
        return totalCounts() / (size() * dt);
    }
}

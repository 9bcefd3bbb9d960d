package astrograd.astro.lightcurve;

import java.util.Arrays;

/**
 * A light curve: strictly increasing finite times (days; BTJD for TESS, BKJD for Kepler) with finite fluxes
 * and flux errors. Bad cadences (quality flags, NaN) are dropped by the readers, so missing cadences show up
 * as gaps in {@code time}. The arrays are not copied; treat them as read-only.
 *
 * @param name a label (the file name or the target id)
 * @param time days, strictly increasing
 * @param flux flux (normalized or in e⁻/s)
 * @param fluxErr 1σ flux errors, same units as {@code flux}
 */
public record LightCurve(String name, double[] time, double[] flux, double[] fluxErr) {
    public LightCurve {
        if (time.length != flux.length || time.length != fluxErr.length) {
            throw new IllegalArgumentException(name + ": time, flux and error lengths differ (" + time.length + ", "
                    + flux.length + ", " + fluxErr.length + ")");
        }
        for (int i = 0; i < time.length; i++) {
            if (!Double.isFinite(time[i]) || !Double.isFinite(flux[i]) || !Double.isFinite(fluxErr[i])) {
                throw new IllegalArgumentException(name + ": cadence " + i + " is not finite (time " + time[i]
                        + ", flux " + flux[i] + ", error " + fluxErr[i] + ")");
            }
            if (i > 0 && !(time[i] > time[i - 1])) {
                throw new IllegalArgumentException(name + ": times must increase strictly, but cadence " + i + " has "
                        + time[i] + " after " + time[i - 1]);
            }
        }
    }

    /** The number of cadences. */
    public int size() {
        return time.length;
    }

    /** The median spacing of consecutive times (the cadence), in days. */
    public double cadence() {
        if (time.length < 2) {
            throw new IllegalStateException(name + ": a cadence needs at least two points");
        }
        return Normalization.medianStep(time);
    }

    /** Cadences {@code from} (inclusive) to {@code to} (exclusive), sharing nothing with this light curve. */
    public LightCurve range(int from, int to) {
        return new LightCurve(name, Arrays.copyOfRange(time, from, to), Arrays.copyOfRange(flux, from, to),
                Arrays.copyOfRange(fluxErr, from, to));
    }

    /** The same times and errors with other fluxes. */
    public LightCurve withFlux(double[] newFlux, double[] newErr) {
        return new LightCurve(name, time, newFlux, newErr);
    }
}

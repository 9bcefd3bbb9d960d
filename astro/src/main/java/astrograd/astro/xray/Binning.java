package astrograd.astro.xray;

import java.util.Arrays;

/** Histograms of sorted photon arrival times, and light curves binned inside good time intervals. */
public final class Binning {
    private Binning() {
    }

    /**
     * Counts in the n bins {@code [t0 + k dt, t0 + (k+1) dt)}, the edges computed as written (so an event at
     * {@code t0 + k dt} falls in bin k); events outside {@code [t0, t0 + n dt)} are ignored.
     *
     * @param sortedTimes non-decreasing arrival times (not modified)
     */
    public static double[] histogram(double[] sortedTimes, double t0, double dt, int n) {
        if (!(dt > 0) || !Double.isFinite(dt) || n < 0) {
            throw new IllegalArgumentException("Binning.histogram: need dt > 0 and n >= 0, got dt " + dt + ", n " + n);
        }
        double[] counts = new double[n];
        int i = firstAtOrAfter(sortedTimes, t0);
        double end = t0 + n * dt;
        for (; i < sortedTimes.length && sortedTimes[i] < end; i++) {
            double t = sortedTimes[i];
            int k = (int) ((t - t0) / dt);
            // the division can round across an edge: settle against the edges t0 + k dt themselves, so that an event
            // computed as t0 + k dt (a simulated event at a bin start) lands in bin k
            if (k > 0 && t < t0 + k * dt) {
                k--;
            } else if (k < n - 1 && t >= t0 + (k + 1) * dt) {
                k++;
            }
            counts[Math.min(k, n - 1)]++;
        }
        return counts;
    }

    /** Throws when {@code times} is not non-decreasing or holds NaN. */
    static void requireSorted(String op, double[] times) {
        for (int i = 1; i < times.length; i++) {
            if (!(times[i] >= times[i - 1])) {
                throw new IllegalArgumentException(op + ": event times must be sorted and not NaN (event " + i + " at "
                        + times[i] + " follows " + times[i - 1] + ")");
            }
        }
    }

    /** The index of the first element ≥ t (the length when there is none). */
    public static int firstAtOrAfter(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The light curve of {@code events} in bins of {@code dt} seconds: in every good time interval, the whole bins
     * from its start ({@code ⌊(stop − start)/dt⌋} of them; a partial bin at the end is dropped), concatenated.
     *
     * @throws IllegalArgumentException when no interval holds a whole bin
     */
    public static XrayLightCurve lightCurve(EventList events, double dt) {
        return lightCurve(events.times(), events.gti(), dt);
    }

    /** As {@link #lightCurve(EventList, double)} for sorted times and a GTI list. */
    public static XrayLightCurve lightCurve(double[] sortedTimes, Gti gti, double dt) {
        requireSorted("Binning.lightCurve", sortedTimes);
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("Binning.lightCurve: bin time must be > 0, got " + dt);
        }
        long total = 0;
        int[] bins = new int[gti.size()];
        for (int g = 0; g < gti.size(); g++) {
            long b = (long) Math.floor((gti.stop(g) - gti.start(g)) / dt + 1e-9);
            if (b > Integer.MAX_VALUE - 8 || total + b > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("Binning.lightCurve: " + (total + b) + " bins of " + dt
                        + " s are too many for one array; use a larger bin time");
            }
            bins[g] = (int) b;
            total += b;
        }
        if (total == 0) {
            throw new IllegalArgumentException("Binning.lightCurve: no good time interval holds a whole bin of " + dt
                    + " s (" + gti + ")");
        }
        double[] time = new double[(int) total];
        double[] counts = new double[(int) total];
        int at = 0;
        for (int g = 0; g < gti.size(); g++) {
            double[] c = histogram(sortedTimes, gti.start(g), dt, bins[g]);
            System.arraycopy(c, 0, counts, at, c.length);
            for (int k = 0; k < c.length; k++) {
                time[at + k] = gti.start(g) + k * dt;
            }
            at += c.length;
        }
        return new XrayLightCurve(time, counts, dt);
    }

    /** Bins of a light curve as {@code (time, counts)} summed {@code factor} at a time (a partial group dropped). */
    public static XrayLightCurve rebin(XrayLightCurve lc, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("Binning.rebin: factor must be >= 1, got " + factor);
        }
        int n = lc.size() / factor;
        double[] t = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = lc.time()[i * factor];
            c[i] = Arrays.stream(lc.counts(), i * factor, (i + 1) * factor).sum();
        }
        return new XrayLightCurve(t, c, lc.dt() * factor);
    }
}

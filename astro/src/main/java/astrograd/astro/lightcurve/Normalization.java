package astrograd.astro.lightcurve;

import java.util.Arrays;

/**
 * Normalization of light curves and the gap structure of their time axes.
 *
 * <p>TESS observes a sector in two spacecraft orbits of about 13.7 d, separated by a data-downlink gap of about
 * 1 d; the flux level often jumps across it. {@link #perOrbit} therefore normalizes each part between long gaps
 * on its own.
 */
public final class Normalization {
    /** The default gap that separates orbits (days): shorter than TESS's ~1 d downlink gap. */
    public static final double DEFAULT_GAP_DAYS = 0.5;

    private Normalization() {
    }

    /** {@link #perOrbit(LightCurve, double)} with gaps longer than {@link #DEFAULT_GAP_DAYS}. */
    public static LightCurve perOrbit(LightCurve lc) {
        return perOrbit(lc, DEFAULT_GAP_DAYS);
    }

    /**
     * Splits {@code lc} at gaps longer than {@code gapDays} ({@link #segmentStarts}) and divides the flux and the
     * error of every part by that part's median flux: for cadence {@code i} in part {@code s},
     * {@code flux'ᵢ = fluxᵢ / mₛ} and {@code errᵢ' = errᵢ / mₛ}, with {@code mₛ = median(flux over s)} (the mean of
     * the two middle values for an even count). {@code lc} is not modified.
     *
     * @throws IllegalArgumentException when a part's median flux is not positive (the flux is not a count rate;
     *     subtract nothing before normalizing)
     */
    public static LightCurve perOrbit(LightCurve lc, double gapDays) {
        double[] time = lc.time();
        double[] flux = new double[lc.size()];
        double[] err = new double[lc.size()];
        int[] starts = segmentStarts(time, gapDays);
        for (int s = 0; s < starts.length; s++) {
            int from = starts[s];
            int to = s + 1 < starts.length ? starts[s + 1] : time.length;
            double m = median(lc.flux(), from, to);
            if (!(m > 0)) {
                throw new IllegalArgumentException(lc.name() + ": cannot normalize the part " + time[from] + "–"
                        + time[to - 1] + " d (" + (to - from) + " cadences): its median flux is " + m
                        + ", not positive");
            }
            for (int i = from; i < to; i++) {
                flux[i] = lc.flux()[i] / m;
                err[i] = lc.fluxErr()[i] / m;
            }
        }
        return lc.withFlux(flux, err);
    }

    /**
     * The first cadence of every part of {@code time} between gaps longer than {@code gapDays}: {@code 0}, then
     * every {@code i} with {@code time[i] − time[i−1] > gapDays}, increasing. Part {@code k} is
     * {@code [starts[k], starts[k+1])}, the last one ending at {@code time.length}. Empty for an empty array.
     *
     * @param time increasing times (not modified)
     * @param gapDays the longest step that does not split, in days (&gt; 0)
     */
    public static int[] segmentStarts(double[] time, double gapDays) {
        if (!(gapDays > 0)) {
            throw new IllegalArgumentException("segmentStarts: gapDays must be positive, got " + gapDays);
        }
        if (time.length == 0) {
            return new int[0];
        }
        int[] starts = new int[time.length];
        int n = 0;
        starts[n++] = 0;
        for (int i = 1; i < time.length; i++) {
            if (time[i] - time[i - 1] > gapDays) {
                starts[n++] = i;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    /**
     * The cadences that follow a gap: every {@code i ≥ 1} with {@code time[i] − time[i−1] > maxStepFactor × c}, where
     * {@code c} is the median of the steps {@code time[j] − time[j−1]} (the cadence), increasing. A prediction
     * window {@code [a, b)} crosses a gap when it contains such an {@code i} with {@code a < i < b}. Empty for fewer
     * than two times.
     *
     * @param time increasing times (not modified)
     * @param maxStepFactor how many cadences a step may span before it counts as a gap (&gt; 0; e.g. 1.5 flags
     *     a single missing cadence, 5 flags only longer holes)
     */
    public static int[] gapBreaks(double[] time, double maxStepFactor) {
        if (!(maxStepFactor > 0)) {
            throw new IllegalArgumentException("gapBreaks: maxStepFactor must be positive, got " + maxStepFactor);
        }
        if (time.length < 2) {
            return new int[0];
        }
        double limit = maxStepFactor * medianStep(time);
        int[] breaks = new int[time.length - 1];
        int n = 0;
        for (int i = 1; i < time.length; i++) {
            if (time[i] - time[i - 1] > limit) {
                breaks[n++] = i;
            }
        }
        return Arrays.copyOf(breaks, n);
    }

    /** The median of the steps {@code time[i] − time[i−1]}: the cadence (at least two times). */
    public static double medianStep(double[] time) {
        if (time.length < 2) {
            throw new IllegalArgumentException("medianStep: a cadence needs at least two times, got " + time.length);
        }
        double[] steps = new double[time.length - 1];
        for (int i = 1; i < time.length; i++) {
            steps[i - 1] = time[i] - time[i - 1];
        }
        return median(steps, 0, steps.length);
    }

    /**
     * The median of {@code x[from..to)}: the middle value, or the mean of the two middle values for an even count.
     * {@code x} is not modified.
     */
    public static double median(double[] x, int from, int to) {
        if (to <= from) {
            throw new IllegalArgumentException("median: empty range [" + from + ", " + to + ")");
        }
        double[] v = Arrays.copyOfRange(x, from, to);
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}

package astrograd.astro.xray;

import astrograd.astro.signal.Fft;
import java.util.ArrayList;
import java.util.List;

/**
 * Averaged periodograms (Bartlett's method) of photon counts: the raw powers {@code |X_k|²} of equal segments
 * wholly inside the good time intervals are averaged, then normalised with the mean photons per segment
 * ({@link PowerNorm}), as stingray's {@code AveragedPowerspectrum} does. Segments without a photon are skipped.
 */
public final class Periodograms {
    private Periodograms() {
    }

    /** Accumulates raw powers of count segments of one length. Not thread-safe. */
    public static final class Accumulator {
        private final int bins;
        private final double dt;
        private final double[] sum;
        private int segments;
        private int skipped;
        private double photons;

        /**
         * @param bins bins per segment, ≥ 4
         * @param dt bin time in seconds
         */
        public Accumulator(int bins, double dt) {
            if (bins < 4 || !(dt > 0)) {
                throw new IllegalArgumentException("Periodograms: need at least 4 bins per segment and dt > 0, got "
                        + bins + " bins of " + dt + " s");
            }
            this.bins = bins;
            this.dt = dt;
            this.sum = new double[(bins + 1) / 2 - 1];
        }

        /** Adds one segment of counts (length {@code bins}); a segment without counts is skipped. */
        public void add(double[] counts) {
            if (counts.length != bins) {
                throw new IllegalArgumentException("Periodograms: segment of " + counts.length + " bins, expected "
                        + bins);
            }
            double n = 0;
            for (double c : counts) {
                n += c;
            }
            if (n <= 0) {
                skipped++;
                return;
            }
            double[] p = Fft.power(counts);
            for (int k = 0; k < sum.length; k++) {
                sum[k] += p[k + 1];
            }
            photons += n;
            segments++;
        }

        public int segments() {
            return segments;
        }

        /** Segments left out because they held no photon. */
        public int skipped() {
            return skipped;
        }

        /** The normalised average of the segments added so far. */
        public AveragedPeriodogram result(PowerNorm norm) {
            if (segments == 0) {
                throw new IllegalStateException("Periodograms: no segment with photons to average (" + skipped
                        + " empty segments)");
            }
            double meanPhotons = photons / segments;
            double factor = norm.factor(meanPhotons, bins * dt);
            double[] freq = new double[sum.length];
            double[] power = new double[sum.length];
            for (int k = 0; k < sum.length; k++) {
                freq[k] = (k + 1) / (bins * dt);
                power[k] = sum[k] / segments * factor;
            }
            return new AveragedPeriodogram(freq, power, segments, bins, dt, meanPhotons, norm, skipped);
        }
    }

    /**
     * The averaged periodogram of sorted arrival times: segments of {@code round(segmentSeconds/dt)} bins from the
     * start of every good time interval that holds them wholly.
     *
     * @throws IllegalArgumentException when no interval holds one segment
     */
    public static AveragedPeriodogram averaged(double[] sortedTimes, Gti gti, double dt, double segmentSeconds,
            PowerNorm norm) {
        Binning.requireSorted("Periodograms.averaged", sortedTimes);
        int bins = binsPerSegment(dt, segmentSeconds);
        double[] starts = gti.segmentStarts(bins * dt);
        if (starts.length == 0) {
            throw new IllegalArgumentException("Periodograms: no good time interval holds a whole segment of "
                    + segmentSeconds + " s (" + gti + ", exposure " + gti.exposure() + " s)");
        }
        Accumulator acc = new Accumulator(bins, dt);
        for (double s : starts) {
            acc.add(Binning.histogram(sortedTimes, s, dt, bins));
        }
        return acc.result(norm);
    }

    /** As {@link #averaged(double[], Gti, double, double, PowerNorm)} for an event list. */
    public static AveragedPeriodogram averaged(EventList events, double dt, double segmentSeconds, PowerNorm norm) {
        return averaged(events.times(), events.gti(), dt, segmentSeconds, norm);
    }

    /** The number of bins of {@code dt} in a segment, which must be close to a whole number (within 10⁻⁶). */
    static int binsPerSegment(double dt, double segmentSeconds) {
        if (!(dt > 0) || !(segmentSeconds > 0) || !Double.isFinite(segmentSeconds)) {
            throw new IllegalArgumentException("Periodograms: need dt > 0 and a segment > 0, got dt " + dt
                    + ", segment " + segmentSeconds);
        }
        double ratio = segmentSeconds / dt;
        long bins = Math.round(ratio);
        if (Math.abs(ratio - bins) > 1e-6 * ratio || bins < 4 || bins > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Periodograms: a segment of " + segmentSeconds + " s must hold a "
                    + "whole number (>= 4) of bins of " + dt + " s (it holds " + ratio + ")");
        }
        return (int) bins;
    }

    /** A log-rebinned spectrum: mean frequency and mean power per bin, and the powers averaged in each. */
    public record LogBinned(double[] freq, double[] power, int[] count) {
    }

    /**
     * Logarithmic rebinning (stingray {@code rebin_data_log}): edges {@code e_0 = f_1/2}, {@code e_1 = e_0 + df},
     * {@code e_{i+1} = e_i + (e_i − e_{i−1})(1 + factor)} until past the last frequency; each new bin holds the mean
     * frequency and mean power of the points in {@code [e_i, e_{i+1})}. Empty bins are dropped.
     *
     * @param freq increasing, evenly spaced frequencies (spacing df = freq[1] − freq[0])
     * @param power powers at those frequencies
     * @param factor the growth of each bin over the last, &gt; 0 (0.01 in DeadTimeSBI)
     */
    public static LogBinned logRebin(double[] freq, double[] power, double factor) {
        if (freq.length != power.length || freq.length < 2 || !(factor > 0)) {
            throw new IllegalArgumentException("Periodograms.logRebin: need matching arrays of >= 2 points and "
                    + "factor > 0 (got " + freq.length + " frequencies, " + power.length + " powers, factor " + factor
                    + ")");
        }
        List<double[]> bins = new ArrayList<>();
        double lo = freq[0] / 2;
        double width = freq[1] - freq[0];
        int k = 0;
        while (k < freq.length) {
            double hi = lo + width;
            double fs = 0;
            double ps = 0;
            int n = 0;
            for (; k < freq.length && freq[k] < hi; k++) {
                fs += freq[k];
                ps += power[k];
                n++;
            }
            if (n > 0) {
                bins.add(new double[] {fs / n, ps / n, n});
            }
            lo = hi;
            width *= 1 + factor;
        }
        double[] f = new double[bins.size()];
        double[] p = new double[bins.size()];
        int[] c = new int[bins.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = bins.get(i)[0];
            p[i] = bins.get(i)[1];
            c[i] = (int) bins.get(i)[2];
        }
        return new LogBinned(f, p, c);
    }
}

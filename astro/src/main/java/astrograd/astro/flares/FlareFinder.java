package astrograd.astro.flares;

import astrograd.astro.lightcurve.LightCurve;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-cadence probabilities into flares: runs of cadences with probability ≥ the threshold, merged when
 * at most {@code mergeCadences} cadences apart, become one flare each. Per flare, with the baseline
 * {@code b} the median flux of the surrounding 200 cadences outside the flare and {@code r = f/b − 1}
 * (flares whose amplitude is below {@code minSignificance} σ, by default 3σ, are dropped):
 * <ul>
 *   <li>peak: the highest flux in the run (± 2 cadences); {@code amplitude = r(peak)};</li>
 *   <li>extent: from the peak back while r &gt; σ, and forward while r &gt; σ at the next or the one after
 *       (σ the light curve's noise, {@link Windows#noise}), but no further than 8 FWHM after the peak (where
 *       the Davenport template has fallen below 3 % of its peak);</li>
 *   <li>FWHM: the time between the half-amplitude crossings on either side of the peak, linearly
 *       interpolated;</li>
 *   <li>equivalent duration: {@code ∫ r dt} over the extent (trapezoids), in seconds;</li>
 *   <li>probability: the mean probability of the run's cadences at or above the threshold (merged runs leave
 *       the cadences between them out).</li>
 * </ul>
 */
public final class FlareFinder {
    /** Default probability threshold. */
    public static final double DEFAULT_THRESHOLD = 0.5;
    /** Default merge distance in cadences. */
    public static final int DEFAULT_MERGE = 3;
    /**
     * Default least amplitude in units of the noise σ: the 3σ of Günther et al. (2020)'s detection criterion,
     * and the faintest flares in the training mix.
     */
    public static final double DEFAULT_MIN_SIGNIFICANCE = 3.0;
    private static final int MAX_RISE = 30;
    private static final int MAX_DECAY = 300;

    private FlareFinder() {
    }

    /** Flares with the default threshold, merge distance and least significance. */
    public static List<Flare> identify(LightCurve lc, double[] probability) {
        return identify(lc, probability, DEFAULT_THRESHOLD, DEFAULT_MERGE, DEFAULT_MIN_SIGNIFICANCE);
    }

    /**
     * The flares of {@code lc} (flux normalized) given its per-cadence probabilities (NaN = masked): every run
     * whose flare has an amplitude of at least {@code minSignificance} σ.
     */
    public static List<Flare> identify(LightCurve lc, double[] probability, double threshold, int mergeCadences,
                                       double minSignificance) {
        if (probability.length != lc.size()) {
            throw new IllegalArgumentException("FlareFinder: " + probability.length + " probabilities for "
                    + lc.size() + " cadences");
        }
        if (!(threshold > 0 && threshold < 1) || mergeCadences < 0) {
            throw new IllegalArgumentException("FlareFinder: the threshold must be in (0, 1) and the merge distance"
                    + " ≥ 0, got " + threshold + ", " + mergeCadences);
        }
        double sigma = Windows.noise(lc.flux());
        double cadence = lc.cadence();
        List<Flare> out = new ArrayList<>();
        int lastPeak = -1;
        for (int[] run : runs(probability, threshold, mergeCadences)) {
            Flare f = describe(lc, probability, run[0], run[1], sigma, cadence, threshold);
            if (f.peakIndex() != lastPeak && f.significance() >= minSignificance) {
                out.add(f);
                lastPeak = f.peakIndex();
            }
        }
        return out;
    }

    /** Inclusive [start, end] runs of probability ≥ threshold, merged across ≤ merge cadences. */
    static List<int[]> runs(double[] p, double threshold, int merge) {
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < p.length) {
            if (!(p[i] >= threshold)) {
                i++;
                continue;
            }
            int start = i;
            while (i < p.length && p[i] >= threshold) {
                i++;
            }
            int end = i - 1;
            if (!runs.isEmpty() && start - runs.get(runs.size() - 1)[1] - 1 <= merge) {
                runs.get(runs.size() - 1)[1] = end;
            } else {
                runs.add(new int[] {start, end});
            }
        }
        return runs;
    }

    private static Flare describe(LightCurve lc, double[] p, int runStart, int runEnd, double sigma,
                                  double cadence, double threshold) {
        double[] time = lc.time();
        double[] flux = lc.flux();
        int n = flux.length;
        int peak = runStart;
        for (int i = Math.max(0, runStart - 2); i <= Math.min(n - 1, runEnd + 2); i++) {
            if (flux[i] > flux[peak]) {
                peak = i;
            }
        }
        double baseline = baseline(flux, peak, runStart, runEnd);
        double[] r = new double[n];
        int lo = Math.max(0, peak - MAX_RISE - 1);
        int hi = Math.min(n - 1, peak + MAX_DECAY + 2);
        for (int i = lo; i <= hi; i++) {
            r[i] = flux[i] / baseline - 1;
        }
        int start = peak;
        while (start - 1 >= lo && peak - start < MAX_RISE && r[start - 1] > sigma) {
            start--;
        }
        int stop = peak;
        while (stop + 1 <= hi && stop - peak < MAX_DECAY && (r[stop + 1] > sigma || (stop + 2 <= hi && r[stop + 2] > sigma))) {
            stop++;
        }
        double amplitude = r[peak];
        double fwhm = halfCrossing(time, r, peak, +1, stop, amplitude / 2) - halfCrossing(time, r, peak, -1, start,
                amplitude / 2);
        // a drifting baseline can keep r above σ long after the flare: past 8 FWHM the template is below 3 %
        stop = Math.min(stop, peak + 1 + (int) Math.ceil(8 * Math.max(fwhm, cadence) / cadence));
        double ed = 0;
        for (int i = start; i < stop; i++) {
            ed += 0.5 * (r[i] + r[i + 1]) * (time[i + 1] - time[i]);
        }
        double meanP = 0;
        int count = 0;
        for (int i = runStart; i <= runEnd; i++) {
            if (p[i] >= threshold) {
                meanP += p[i];
                count++;
            }
        }
        return new Flare(time[peak], time[start], time[stop], amplitude, fwhm, ed * 86_400.0, meanP / count,
                amplitude / sigma, peak);
    }

    /** The time at which r falls to {@code half} walking from the peak in direction {@code dir} (to {@code limit}). */
    private static double halfCrossing(double[] time, double[] r, int peak, int dir, int limit, double half) {
        int i = peak;
        while (i != limit && r[i + dir] >= half) {
            i += dir;
        }
        if (i == limit) {
            return time[i];
        }
        int j = i + dir;
        double frac = (r[i] - half) / (r[i] - r[j]);
        return time[i] + frac * (time[j] - time[i]);
    }

    /** The median flux of the 200 cadences around the peak, leaving out the run and its decay. */
    private static double baseline(double[] flux, int peak, int runStart, int runEnd) {
        int from = Math.max(0, peak - Windows.BEFORE);
        int to = Math.min(flux.length, peak + Windows.BEFORE);
        int skipFrom = Math.min(runStart, peak) - 5;
        int skipTo = Math.max(runEnd, peak) + 30;
        double[] v = new double[to - from];
        int k = 0;
        for (int i = from; i < to; i++) {
            if (i < skipFrom || i > skipTo) {
                v[k++] = flux[i];
            }
        }
        if (k < 10) {
            return 1.0;
        }
        return Windows.median(java.util.Arrays.copyOf(v, k));
    }
}

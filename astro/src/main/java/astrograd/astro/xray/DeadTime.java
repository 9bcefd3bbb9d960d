package astrograd.astro.xray;

import astrograd.tensor.Rng;
import java.util.Arrays;

/**
 * Detector dead-time filters on photon arrival times, as stingray's {@code get_deadtime_mask}
 * ({@code stingray/filters.py}). Times are scanned in double precision relative to the first event, so that mission
 * times around 10⁸–10⁹ s keep their sub-microsecond digits.
 * <ul>
 *   <li><b>Non-paralyzable</b> (NuSTAR-like): event 0 is recorded and opens a dead interval {@code [t_0, t_0 + τ)};
 *       event i is lost if {@code t_i < t_end}, otherwise recorded with {@code t_end = t_i + τ_i}. Detected rate
 *       {@code r_det = r_in / (1 + r_in τ)}.</li>
 *   <li><b>Paralyzable</b>: event i ≥ 1 is lost if {@code t_i − t_{i−1} < τ}, with {@code t_{i−1}} the previous
 *       <i>incident</i> event, recorded or not. Detected rate {@code r_det = r_in e^{−r_in τ}}.</li>
 * </ul>
 * Background events share the dead time: source and background are merged, filtered together and split again.
 */
public final class DeadTime {
    private DeadTime() {
    }

    /** Recorded source and background events after a dead-time filter. */
    public record Filtered(double[] source, double[] background) {
    }

    /**
     * Which of the sorted events are recorded.
     *
     * @param times arrival times, non-decreasing (not modified)
     * @param tau dead time per event in seconds, ≥ 0 (0 keeps every event)
     * @param paralyzable the paralyzable rule instead of the non-paralyzable one
     * @throws IllegalArgumentException when {@code tau < 0} or not finite, or the times are not sorted
     */
    public static boolean[] mask(double[] times, double tau, boolean paralyzable) {
        checkTau(tau);
        requireSorted(times);
        boolean[] keep = new boolean[times.length];
        Arrays.fill(keep, true);
        if (tau == 0 || times.length == 0) {
            return keep;
        }
        double t0 = times[0];
        if (paralyzable) {
            for (int i = 1; i < times.length; i++) {
                keep[i] = (times[i] - t0) >= (times[i - 1] - t0) + tau;
            }
            return keep;
        }
        double end = tau;
        for (int i = 1; i < times.length; i++) {
            double t = times[i] - t0;
            if (t < end) {
                keep[i] = false;
            } else {
                end = t + tau;
            }
        }
        return keep;
    }

    /**
     * The non-paralyzable filter with a dead time per event ({@code τ_i} starts when event i is recorded).
     *
     * @param times arrival times, non-decreasing
     * @param tau one dead time per event, each ≥ 0
     */
    public static boolean[] mask(double[] times, double[] tau) {
        if (tau.length != times.length) {
            throw new IllegalArgumentException("DeadTime.mask: " + times.length + " events but " + tau.length
                    + " dead times");
        }
        requireSorted(times);
        for (double t : tau) {
            checkTau(t);
        }
        boolean[] keep = new boolean[times.length];
        Arrays.fill(keep, true);
        if (times.length == 0) {
            return keep;
        }
        double t0 = times[0];
        double end = tau[0];
        for (int i = 1; i < times.length; i++) {
            double t = times[i] - t0;
            if (t < end) {
                keep[i] = false;
            } else {
                end = t + tau[i];
            }
        }
        return keep;
    }

    /** The recorded events among {@code times} (sorted first if needed; the input is not modified). */
    public static double[] filter(double[] times, double tau, boolean paralyzable) {
        double[] sorted = sortedCopy(times);
        return select(sorted, mask(sorted, tau, paralyzable), true);
    }

    /**
     * Source and background events filtered together: merged, sorted (a source event before a background event at
     * the same time), filtered, and split by kind.
     */
    public static Filtered filter(double[] source, double[] background, double tau, boolean paralyzable) {
        int n = source.length + background.length;
        double[] all = new double[n];
        boolean[] isSource = new boolean[n];
        double[] s = sortedCopy(source);
        double[] b = sortedCopy(background);
        for (int i = 0, j = 0, k = 0; k < n; k++) {
            if (j >= b.length || (i < s.length && s[i] <= b[j])) {
                all[k] = s[i++];
                isSource[k] = true;
            } else {
                all[k] = b[j++];
            }
        }
        boolean[] keep = mask(all, tau, paralyzable);
        boolean[] keepSource = new boolean[n];
        boolean[] keepBackground = new boolean[n];
        for (int k = 0; k < n; k++) {
            keepSource[k] = keep[k] && isSource[k];
            keepBackground[k] = keep[k] && !isSource[k];
        }
        return new Filtered(select(all, keepSource, true), select(all, keepBackground, true));
    }

    /**
     * Per-event dead times {@code τ_i ~ N(mean, σ)} clipped at 0 (stingray's {@code dt_sigma}).
     */
    public static double[] gaussianDeadTimes(int n, double mean, double sigma, Rng rng) {
        checkTau(mean);
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("DeadTime.gaussianDeadTimes: sigma must be >= 0, got " + sigma);
        }
        double[] tau = new double[n];
        for (int i = 0; i < n; i++) {
            tau[i] = Math.max(0, mean + sigma * rng.nextGaussian());
        }
        return tau;
    }

    /**
     * Per-event dead times drawn with replacement from measured ones (DeadTimeSBI's
     * {@code np.random.choice(deadtime_obs, size=nevents)} for NuSTAR's empirical distribution).
     *
     * @param observed measured dead times, each finite and ≥ 0, at least one
     */
    public static double[] resampledDeadTimes(double[] observed, int n, Rng rng) {
        if (observed.length == 0) {
            throw new IllegalArgumentException("DeadTime.resampledDeadTimes: no observed dead times to draw from");
        }
        for (double t : observed) {
            checkTau(t);
        }
        double[] tau = new double[n];
        for (int i = 0; i < n; i++) {
            tau[i] = observed[rng.nextInt(observed.length)];
        }
        return tau;
    }

    /** Detected rate for incident rate {@code rIn}: {@code r/(1 + rτ)} or, paralyzable, {@code r e^{−rτ}}. */
    public static double detectedRate(double rIn, double tau, boolean paralyzable) {
        checkTau(tau);
        return paralyzable ? rIn * Math.exp(-rIn * tau) : rIn / (1 + rIn * tau);
    }

    /** Incident rate from a non-paralyzable detected rate: {@code r_in = 1/(1/r_det − τ)}; needs {@code r_det τ < 1}. */
    public static double incidentRate(double rDet, double tau) {
        checkTau(tau);
        if (!(rDet >= 0) || rDet * tau >= 1) {
            throw new IllegalArgumentException("DeadTime.incidentRate: detected rate " + rDet
                    + " is impossible with dead time " + tau + " (need 0 <= r_det * tau < 1)");
        }
        return rDet / (1 - rDet * tau);
    }

    private static void checkTau(double tau) {
        if (!(tau >= 0) || !Double.isFinite(tau)) {
            throw new IllegalArgumentException("DeadTime: dead time must be finite and >= 0, got " + tau);
        }
    }

    private static void requireSorted(double[] times) {
        for (int i = 1; i < times.length; i++) {
            if (!(times[i] >= times[i - 1])) {
                throw new IllegalArgumentException("DeadTime: event times must be sorted and not NaN (event " + i
                        + " at " + times[i] + " follows " + times[i - 1] + ")");
            }
        }
    }

    static double[] sortedCopy(double[] times) {
        double[] c = times.clone();
        for (int i = 1; i < c.length; i++) {
            if (!(c[i] >= c[i - 1])) {
                Arrays.sort(c);
                break;
            }
        }
        return c;
    }

    private static double[] select(double[] x, boolean[] keep, boolean value) {
        int n = 0;
        for (boolean k : keep) {
            n += k == value ? 1 : 0;
        }
        double[] out = new double[n];
        for (int i = 0, j = 0; i < x.length; i++) {
            if (keep[i] == value) {
                out[j++] = x[i];
            }
        }
        return out;
    }
}

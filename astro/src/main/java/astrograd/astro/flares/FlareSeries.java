package astrograd.astro.flares;

import astrograd.astro.lightcurve.LightCurve;
import java.util.Arrays;

/**
 * The input of the series flare network ({@link FlareNetwork.Input#SERIES}): a light curve laid on a regular
 * cadence grid and normalized once, cadence by cadence, so that every window is a slice of the same two-channel
 * series and overlapping windows share their convolutions ({@link SeriesScorer}).
 *
 * <p>Grid: observation {@code i} sits at grid index {@code g_i}, with {@code g_0 = 0} and
 * {@code g_{i+1} = g_i + max(1, round((t_{i+1} − t_i)/Δ))}, Δ the median cadence; the grid cadences that no
 * observation fills (quality-flagged cadences, momentum dumps, the orbit gap) are missing. Channel 0 is the
 * normalized flux, channel 1 the validity mask:
 * <pre>
 *   b_k = median{ f_j : g_j ∈ [k − 100, k + 100) }                (the median of cadence k's own 200-window)
 *   x_k = 10 · asinh((f_k / b_k − 1) / (10 σ)),   m_k = 1         (observed)
 *   x_k = 0,                                       m_k = 0         (missing, or outside the light curve)
 * </pre>
 * with σ the light curve's point-to-point noise ({@link Windows#noise}). The window of grid cadence {@code k} is
 * {@code [k − 105, k + 105)}: the 200 cadences of {@link Windows} plus {@link #CONTEXT} on each side, which the
 * network's unpadded convolutions consume, so a window never sees zero padding where there is data. Parts of the
 * light curve separated by more than {@link #SPLIT_CADENCES} grid cadences share no window and are laid on
 * separate grids.
 */
public final class FlareSeries {
    /** Cadences of context beyond the 200-cadence window on each side. */
    public static final int CONTEXT = 5;
    /** Cadences in one network input. */
    public static final int INPUT = Windows.LENGTH + 2 * CONTEXT;
    /** Cadences of the input before the scored cadence. */
    public static final int BEFORE = Windows.BEFORE + CONTEXT;
    /** Input channels: normalized flux and validity mask. */
    public static final int CHANNELS = 2;
    /** Grid cadences before a cadence that its baseline median covers ({@code [k − 100, k + 100)}). */
    public static final int BASELINE_BEFORE = Windows.BEFORE;
    /** A step longer than this many cadences starts a new part: no window or baseline reaches across it. */
    public static final int SPLIT_CADENCES = INPUT + Windows.LENGTH;
    private static final double COMPRESS = 10.0;

    /** One part of a light curve on its grid. */
    public record Part(int firstObservation, int[] grid, float[] value, float[] mask) {
        /** Grid cadences in this part. */
        public int length() {
            return value.length;
        }
    }

    private final Part[] parts;
    private final double sigma;
    private final double cadence;

    private FlareSeries(Part[] parts, double sigma, double cadence) {
        this.parts = parts;
        this.sigma = sigma;
        this.cadence = cadence;
    }

    /** The series of a normalized light curve (median flux about 1). */
    public static FlareSeries of(LightCurve lc) {
        if (lc.size() < 3) {
            throw new IllegalArgumentException(lc.name() + ": a flare series needs at least 3 cadences, got " + lc.size());
        }
        double sigma = Windows.noise(lc.flux());
        double cadence = lc.cadence();
        int[] steps = gridSteps(lc.time(), cadence);
        int[] starts = partStarts(steps);
        Part[] parts = new Part[starts.length];
        for (int p = 0; p < starts.length; p++) {
            int from = starts[p];
            int to = p + 1 < starts.length ? starts[p + 1] : lc.size();
            parts[p] = part(lc.flux(), steps, from, to, sigma);
        }
        return new FlareSeries(parts, sigma, cadence);
    }

    /** Grid steps between consecutive observations ({@code steps[0] = 0}). */
    static int[] gridSteps(double[] time, double cadence) {
        int[] steps = new int[time.length];
        for (int i = 1; i < time.length; i++) {
            steps[i] = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 4, Math.round((time[i] - time[i - 1]) / cadence)));
        }
        return steps;
    }

    private static int[] partStarts(int[] steps) {
        int[] starts = new int[steps.length];
        int n = 0;
        starts[n++] = 0;
        for (int i = 1; i < steps.length; i++) {
            if (steps[i] > SPLIT_CADENCES) {
                starts[n++] = i;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    private static Part part(double[] flux, int[] steps, int from, int to, double sigma) {
        int[] grid = new int[to - from];
        for (int i = from + 1; i < to; i++) {
            grid[i - from] = grid[i - from - 1] + steps[i];
        }
        int length = grid[grid.length - 1] + 1;
        double[] f = new double[length];
        boolean[] valid = new boolean[length];
        for (int i = from; i < to; i++) {
            f[grid[i - from]] = flux[i];
            valid[grid[i - from]] = true;
        }
        float[] x = new float[length];
        float[] m = new float[length];
        normalize(f, valid, sigma, 0, length, x, 0, m, 0);
        return new Part(from, grid, x, m);
    }

    /**
     * Writes the normalized flux and mask of grid cadences {@code [from, to)} of {@code flux} (missing where
     * {@code valid} is false) into {@code x[xOff..]} and {@code m[mOff..]}; the baseline medians use every valid
     * cadence of {@code flux} within reach, so a stretch extended by {@link #BASELINE_BEFORE} cadences on both
     * sides normalizes its middle exactly as the whole light curve does.
     */
    static void normalize(double[] flux, boolean[] valid, double sigma, int from, int to, float[] x, int xOff, float[] m,
                          int mOff) {
        int n = flux.length;
        double[] sorted = new double[Windows.LENGTH];
        int count = 0;
        int lo = Math.max(0, from - BASELINE_BEFORE);
        int hi = Math.min(n, from - BASELINE_BEFORE + Windows.LENGTH);
        for (int j = lo; j < hi; j++) {
            if (valid[j]) {
                count = insert(sorted, count, flux[j]);
            }
        }
        for (int k = from; k < to; k++) {
            if (k > from) {
                int leaving = k - 1 - BASELINE_BEFORE;
                int entering = k - BASELINE_BEFORE + Windows.LENGTH - 1;
                if (leaving >= 0 && valid[leaving]) {
                    count = remove(sorted, count, flux[leaving]);
                }
                if (entering < n && valid[entering]) {
                    count = insert(sorted, count, flux[entering]);
                }
            }
            if (valid[k]) {
                double b = count % 2 == 1 ? sorted[count / 2] : 0.5 * (sorted[count / 2 - 1] + sorted[count / 2]);
                x[xOff + k - from] = (float) compress((flux[k] / b - 1) / sigma);
                m[mOff + k - from] = 1f;
            } else {
                x[xOff + k - from] = 0f;
                m[mOff + k - from] = 0f;
            }
        }
    }

    private static int insert(double[] sorted, int count, double v) {
        int at = Arrays.binarySearch(sorted, 0, count, v);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, count - at);
        sorted[at] = v;
        return count + 1;
    }

    private static int remove(double[] sorted, int count, double v) {
        int at = Arrays.binarySearch(sorted, 0, count, v);
        if (at < 0) {
            throw new IllegalStateException("FlareSeries: running median lost the value " + v);
        }
        System.arraycopy(sorted, at + 1, sorted, at, count - at - 1);
        return count - 1;
    }

    /** {@code 10 · asinh(z / 10)}: linear for |z| ≲ 10, logarithmic for giant flares. */
    static double compress(double z) {
        double a = Math.abs(z / COMPRESS);
        return COMPRESS * Math.copySign(Math.log(a + Math.sqrt(a * a + 1)), z);
    }

    /**
     * Writes the input of grid cadence {@code k} of {@code part} ({@code [k − 105, k + 105)}, zeros outside the
     * part) as {@code [2, 210]}: the flux channel at {@code dst[off..off+210)}, the mask at
     * {@code dst[off+210..off+420)}.
     */
    public static void window(Part part, int k, float[] dst, int off) {
        int first = k - BEFORE;
        for (int j = 0; j < INPUT; j++) {
            int g = first + j;
            boolean inside = g >= 0 && g < part.length();
            dst[off + j] = inside ? part.value()[g] : 0f;
            dst[off + INPUT + j] = inside ? part.mask()[g] : 0f;
        }
    }

    /** The parts of the light curve, each on its own grid. */
    public Part[] parts() {
        return parts.clone();
    }

    /** The light curve's point-to-point noise σ. */
    public double sigma() {
        return sigma;
    }

    /** The grid cadence Δ (days). */
    public double cadence() {
        return cadence;
    }
}

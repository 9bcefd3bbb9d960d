package astrograd.astro.flares;

import astrograd.astro.lightcurve.Normalization;

/**
 * The 200-cadence windows the flare network sees. The window of cadence {@code i} is cadences
 * {@code [i − 100, i + 100)} (100 before, the cadence itself and 99 after), so a flare peaking at cadence i sits
 * at index 100. Each window is normalized on its own:
 * <pre>
 *   z_j = (f_j / median(window) − 1) / σ,     input_j = 10 · asinh(z_j / 10)
 * </pre>
 * where σ is the light curve's robust point-to-point noise ({@link #noise}). Dividing by σ makes a flare's
 * input its significance, the same for quiet and noisy stars; the asinh keeps |z| ≤ 10 linear and compresses
 * giant flares logarithmically. A window is {@linkplain #scorable scorable} only when it lies inside the light
 * curve and crosses no gap, so edges and gaps are masked instead of being scored on made-up values.
 */
public final class Windows {
    /** Cadences per window. */
    public static final int LENGTH = 200;
    /** Cadences before the scored cadence. */
    public static final int BEFORE = 100;
    /**
     * Default gap: consecutive cadences more than this many median cadences apart (40 minutes at TESS's 2-minute
     * cadence). Shorter holes, such as the 16-minute momentum dumps of TESS, leave the window's samples in
     * order and are not masked; they remove at most a tenth of a window.
     */
    public static final double DEFAULT_GAP_FACTOR = 20.0;
    private static final double COMPRESS = 10.0;

    private Windows() {
    }

    /**
     * The robust point-to-point noise of a flux series:
     * {@code σ = 1.4826 · median(|Δf − median(Δf)|) / √2}, with Δf the consecutive differences (white noise of
     * standard deviation σ has differences of standard deviation σ√2; flares and slow trends barely move the
     * median).
     */
    public static double noise(double[] flux) {
        if (flux.length < 3) {
            throw new IllegalArgumentException("Windows.noise: needs at least 3 points, got " + flux.length);
        }
        double[] d = new double[flux.length - 1];
        for (int i = 1; i < flux.length; i++) {
            d[i - 1] = flux[i] - flux[i - 1];
        }
        double med = median(d);
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(d[i] - med);
        }
        double sigma = 1.4826 * median(d) / Math.sqrt(2);
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("Windows.noise: the flux has no point-to-point scatter (σ = " + sigma + ")");
        }
        return sigma;
    }

    /**
     * Which cadences can be scored: those whose whole window lies inside the light curve and contains no gap,
     * a step between consecutive times larger than {@code gapFactor} times the median cadence.
     */
    public static boolean[] scorable(double[] time, double gapFactor) {
        int n = time.length;
        boolean[] ok = new boolean[n];
        // gapsUpTo[k] = number of gaps between cadences 0..k
        int[] gapsUpTo = new int[n];
        for (int b : Normalization.gapBreaks(time, gapFactor)) {
            gapsUpTo[b] = 1;
        }
        for (int k = 1; k < n; k++) {
            gapsUpTo[k] += gapsUpTo[k - 1];
        }
        for (int i = BEFORE; i + LENGTH - BEFORE <= n; i++) {
            ok[i] = gapsUpTo[i - BEFORE + LENGTH - 1] == gapsUpTo[i - BEFORE];
        }
        return ok;
    }

    /** Writes the normalized window of cadence {@code center} into {@code dst[off .. off+200)}. */
    public static void fill(double[] flux, int center, double sigma, float[] dst, int off) {
        int first = center - BEFORE;
        if (first < 0 || first + LENGTH > flux.length) {
            throw new IllegalArgumentException("Windows.fill: the window of cadence " + center + " leaves the light curve"
                    + " of " + flux.length + " cadences");
        }
        double med = Normalization.median(flux, first, first + LENGTH);
        for (int j = 0; j < LENGTH; j++) {
            double z = (flux[first + j] / med - 1) / sigma;
            dst[off + j] = (float) (COMPRESS * asinh(z / COMPRESS));
        }
    }

    /** The median (mean of the middle two for even lengths); {@code a} is not modified. */
    public static double median(double[] a) {
        return Normalization.median(a, 0, a.length);
    }

    private static double asinh(double x) {
        double a = Math.abs(x);
        return Math.copySign(Math.log(a + Math.sqrt(a * a + 1)), x);
    }
}

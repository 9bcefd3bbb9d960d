package astrograd.astro.flares;

import astrograd.astro.lightcurve.LightCurve;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/**
 * Scores every cadence of a light curve: cadence i gets the ensemble's probability for its window
 * {@code [i − 100, i + 100)} ({@link Windows}). Cadences whose window is cut by an edge of the light curve or by
 * a gap get NaN: they are masked, never scored on padding.
 */
public final class FlarePredictor {
    private static final int CHUNK = 8192;

    private FlarePredictor() {
    }

    /** Per-cadence probabilities of {@code lc} (flux normalized to a median of 1), NaN where masked. */
    public static double[] probabilities(LightCurve lc, FlareEnsemble ensemble) {
        return probabilities(lc, ensemble, Windows.DEFAULT_GAP_FACTOR);
    }

    /** As {@link #probabilities(LightCurve, FlareEnsemble)} with another gap threshold (in median cadences). */
    public static double[] probabilities(LightCurve lc, FlareEnsemble ensemble, double gapFactor) {
        double[] prob = new double[lc.size()];
        Arrays.fill(prob, Double.NaN);
        boolean[] scorable = Windows.scorable(lc.time(), gapFactor);
        int[] centres = java.util.stream.IntStream.range(0, lc.size()).filter(i -> scorable[i]).toArray();
        if (centres.length == 0) {
            return prob;
        }
        double sigma = Windows.noise(lc.flux());
        for (int from = 0; from < centres.length; from += CHUNK) {
            int n = Math.min(CHUNK, centres.length - from);
            float[] x = new float[n * Windows.LENGTH];
            for (int j = 0; j < n; j++) {
                Windows.fill(lc.flux(), centres[from + j], sigma, x, j * Windows.LENGTH);
            }
            double[] p = ensemble.predict(Tensor.of(x, n, 1, Windows.LENGTH));
            for (int j = 0; j < n; j++) {
                prob[centres[from + j]] = p[j];
            }
        }
        return prob;
    }
}

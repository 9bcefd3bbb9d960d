package astrograd.astro.flares;

import astrograd.astro.lightcurve.LightCurve;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/**
 * Scores every cadence of a light curve with the ensemble's probability that a flare peaks there.
 * <ul>
 *   <li>{@link FlareNetwork.Input#SERIES} ensembles score every observed cadence, edges and gaps included (the
 *       network sees which inputs are missing through its mask channel), with the convolutions run once over the
 *       whole series ({@link SeriesScorer});</li>
 *   <li>{@link FlareNetwork.Input#WINDOW} ensembles score cadence i on its window {@code [i − 100, i + 100)}
 *       ({@link Windows}); cadences whose window is cut by an edge of the light curve or by a gap get NaN: they
 *       are masked, never scored on padding.</li>
 * </ul>
 */
public final class FlarePredictor {
    private static final int CHUNK = 8192;

    private FlarePredictor() {
    }

    /** Per-cadence probabilities of {@code lc} (flux normalized to a median of 1), NaN where masked. */
    public static double[] probabilities(LightCurve lc, FlareEnsemble ensemble) {
        return probabilities(lc, ensemble, Windows.DEFAULT_GAP_FACTOR);
    }

    /**
     * As {@link #probabilities(LightCurve, FlareEnsemble)} with another gap threshold (in median cadences) for
     * window ensembles; series ensembles have no gap threshold (every missing grid cadence is masked).
     */
    public static double[] probabilities(LightCurve lc, FlareEnsemble ensemble, double gapFactor) {
        if (ensemble.input() == FlareNetwork.Input.SERIES) {
            return seriesProbabilities(lc, ensemble);
        }
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

    private static double[] seriesProbabilities(LightCurve lc, FlareEnsemble ensemble) {
        double[] prob = new double[lc.size()];
        for (FlareSeries.Part part : FlareSeries.of(lc).parts()) {
            double[] p = ensemble.predictSeries(part);
            int[] grid = part.grid();
            for (int i = 0; i < grid.length; i++) {
                prob[part.firstObservation() + i] = p[grid[i]];
            }
        }
        return prob;
    }

    /**
     * The probabilities of a series ensemble computed window by window ({@code [n, 2, 210]} batches through the
     * members' forward pass), without sharing anything between windows: the reference the shared path is checked
     * against, and the "before" of its speed-up.
     */
    public static double[] windowByWindow(LightCurve lc, FlareEnsemble ensemble) {
        if (ensemble.input() != FlareNetwork.Input.SERIES) {
            return probabilities(lc, ensemble);
        }
        double[] prob = new double[lc.size()];
        int width = FlareSeries.CHANNELS * FlareSeries.INPUT;
        for (FlareSeries.Part part : FlareSeries.of(lc).parts()) {
            int[] grid = part.grid();
            for (int from = 0; from < grid.length; from += CHUNK) {
                int n = Math.min(CHUNK, grid.length - from);
                float[] x = new float[n * width];
                for (int j = 0; j < n; j++) {
                    FlareSeries.window(part, grid[from + j], x, j * width);
                }
                double[] p = ensemble.predict(Tensor.of(x, n, FlareSeries.CHANNELS, FlareSeries.INPUT));
                for (int j = 0; j < n; j++) {
                    prob[part.firstObservation() + from + j] = p[j];
                }
            }
        }
        return prob;
    }
}

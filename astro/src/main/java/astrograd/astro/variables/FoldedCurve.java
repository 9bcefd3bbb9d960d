package astrograd.astro.variables;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A light curve folded with its period and sorted by phase: {@code φᵢ = frac(tᵢ / P)} in {@code [0, 1)}, ties
 * broken by time. Each point keeps its rank in time order, so that a subset chosen by time rank does not depend
 * on the phase origin: moving every time by δ only rotates the phase order cyclically.
 *
 * <p>Per band b it also holds the star's mean magnitude {@code μ_b} and scatter
 * {@code σ_b = sqrt(Σ (m − μ_b)² / (n_b − 1))}, used to standardize magnitudes ({@code (m − μ_b) / σ_b}) and
 * as auxiliary inputs.
 */
public final class FoldedCurve {
    /** The smallest scatter used for standardizing (mag), so that a flat curve does not divide by zero. */
    public static final double MIN_SCATTER = 1e-3;

    private final LightCurve source;
    private final double[] phase;
    private final double[] mag;
    private final double[] err;
    private final int[] band;
    private final int[] timeRank;
    private final double[] bandMean;
    private final double[] bandScatter;

    private FoldedCurve(LightCurve lc, Integer[] order, int[] rank) {
        this.source = lc;
        int n = lc.size();
        phase = new double[n];
        mag = new double[n];
        err = new double[n];
        band = new int[n];
        timeRank = new int[n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            phase[k] = phaseOf(lc.time(i), lc.period());
            mag[k] = lc.mag(i);
            err[k] = lc.err(i);
            band[k] = lc.band(i);
            timeRank[k] = rank[i];
        }
        bandMean = new double[lc.bands()];
        bandScatter = new double[lc.bands()];
        bandStatistics();
    }

    /**
     * Folds {@code lc} with its period.
     *
     * @param minPoints the fewest observations accepted, and the fewest per band ({@code max(2, minPoints / 4 / bands)})
     * @throws BadStarException when there are too few points in total or in a band
     */
    public static FoldedCurve fold(LightCurve lc, int minPoints) {
        int n = lc.size();
        if (n < minPoints) {
            throw new BadStarException(lc.id(), "too few points: " + n + " < " + minPoints);
        }
        int[] perBand = new int[lc.bands()];
        for (int i = 0; i < n; i++) {
            perBand[lc.band(i)]++;
        }
        int minPerBand = Math.max(2, minPoints / 4 / lc.bands());
        for (int b = 0; b < perBand.length; b++) {
            if (perBand[b] < minPerBand) {
                throw new BadStarException(lc.id(), "too few points in band " + b + ": " + perBand[b] + " < " + minPerBand);
            }
        }
        Integer[] byTime = sortedIndices(n, Comparator.comparingDouble(lc::time));
        int[] rank = new int[n];
        for (int k = 0; k < n; k++) {
            rank[byTime[k]] = k;
        }
        double p = lc.period();
        Comparator<Integer> byPhase = Comparator.comparingDouble(i -> phaseOf(lc.time(i), p));
        Integer[] order = sortedIndices(n, byPhase.thenComparingInt(i -> rank[i]));
        return new FoldedCurve(lc, order, rank);
    }

    private static Integer[] sortedIndices(int n, Comparator<Integer> cmp) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, cmp);
        return idx;
    }

    /** {@code frac(t / P)} in {@code [0, 1)}. */
    static double phaseOf(double t, double period) {
        double c = t / period;
        double f = c - Math.floor(c);
        return f >= 1 ? 0 : f;
    }

    private void bandStatistics() {
        int[] count = new int[bandMean.length];
        for (int k = 0; k < mag.length; k++) {
            bandMean[band[k]] += mag[k];
            count[band[k]]++;
        }
        for (int b = 0; b < bandMean.length; b++) {
            bandMean[b] /= count[b];
        }
        for (int k = 0; k < mag.length; k++) {
            double d = mag[k] - bandMean[band[k]];
            bandScatter[band[k]] += d * d;
        }
        for (int b = 0; b < bandMean.length; b++) {
            bandScatter[b] = Math.sqrt(bandScatter[b] / Math.max(1, count[b] - 1));
        }
    }

    public LightCurve source() {
        return source;
    }

    public String id() {
        return source.id();
    }

    public int size() {
        return phase.length;
    }

    public int bands() {
        return bandMean.length;
    }

    /** Phase of the k-th point in phase order. */
    public double phase(int k) {
        return phase[k];
    }

    /** The magnitude of the k-th point standardized by its band: {@code (m − μ_b) / max(σ_b, MIN_SCATTER)}. */
    public double standardizedMag(int k) {
        return (mag[k] - bandMean[band[k]]) / Math.max(bandScatter[band[k]], MIN_SCATTER);
    }

    /** The magnitude of the k-th point in phase order. */
    public double mag(int k) {
        return mag[k];
    }

    /** The error of the k-th point in units of its band's scatter (NaN without errors). */
    public double standardizedErr(int k) {
        return err[k] / Math.max(bandScatter[band[k]], MIN_SCATTER);
    }

    public int band(int k) {
        return band[k];
    }

    /** The rank in time order of the k-th point in phase order. */
    public int timeRank(int k) {
        return timeRank[k];
    }

    public double bandMean(int b) {
        return bandMean[b];
    }

    public double bandScatter(int b) {
        return bandScatter[b];
    }
}

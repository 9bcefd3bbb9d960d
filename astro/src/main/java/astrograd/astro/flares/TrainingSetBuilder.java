package astrograd.astro.flares;

import astrograd.astro.flares.WindowSet.Kind;
import astrograd.astro.lightcurve.Normalization;
import astrograd.tensor.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds labelled windows from real light curves as stella does, plus injections. Per light curve:
 * <ul>
 *   <li>each catalogued flare gives positives with its peak at the centre, shifted by −1…+2 cadences (the peak is
 *       taken as the highest flux within 3 cadences of the catalogued {@code tpeak});</li>
 *   <li>Davenport flares injected into quiet stretches (no catalogued flare in or near the window), with the
 *       sampled peak log-uniform in [{@code minPeakSigma}, {@code maxPeakSigma}] times the noise σ and the FWHM
 *       log-uniform in [{@code minFwhmDays}, {@code maxFwhmDays}]: positives when the peak is at the centre
 *       (−1…+2 cadences), negatives when it lies well away from it;</li>
 *   <li>negatives: quiet windows (which keep the star's rotational modulation), single-cadence spikes and flux
 *       steps of the same significance range.</li>
 * </ul>
 * Windows are cut for the network's {@link FlareNetwork.Input}. For {@link FlareNetwork.Input#SERIES} each
 * window is drawn from a stretch of ±205 grid cadences of raw flux, changed (injection, modulation, edge) and
 * then normalized as {@link FlareSeries} normalizes a whole light curve, so its 210 inputs are exactly what
 * the network sees at prediction time; a share of them ({@code edgeFraction}) is cut by a simulated light-curve
 * end or data gap 2–105 cadences from the centre, so that cadences near edges and gaps are trained for.
 * Everything is drawn from the given {@link Rng}, so a seed reproduces the set exactly.
 */
public final class TrainingSetBuilder {
    /** Positive centre offsets (centre − peak) in cadences. */
    static final int MIN_OFFSET = -1;
    static final int MAX_OFFSET = 2;
    /** Days kept free around catalogued flares when choosing quiet windows. */
    private static final double FLARE_GUARD_DAYS = 0.05;

    /**
     * How many windows of each kind to draw per light curve, and the ranges of the injected signals.
     *
     * @param catalogPositives use the catalogued flares as positives
     * @param modulatedFraction the fraction of drawn windows (of every kind but the catalogued flares) to which
     *     a sinusoidal rotational modulation is added: amplitude log-uniform in 1–40 σ, period log-uniform in
     *     0.1–5 days, random phase — so that stars rotating faster than those of the training light curves
     *     are not mistaken for flares
     * @param input the network input the windows are cut for
     * @param edgeFraction for series windows, the share cut by a simulated edge or gap (half each)
     */
    public record Config(int syntheticPerCurve, int offCenterPerCurve, int quietPerCurve, int spikesPerCurve,
            int stepsPerCurve, double minPeakSigma, double maxPeakSigma, double minFwhmDays, double maxFwhmDays,
            boolean catalogPositives, double gapFactor, double modulatedFraction, FlareNetwork.Input input,
            double edgeFraction) {
        public Config {
            if (input == null || !(edgeFraction >= 0 && edgeFraction <= 1)) {
                throw new IllegalArgumentException("TrainingSetBuilder.Config: needs an input and an edge fraction in"
                        + " [0, 1], got " + input + ", " + edgeFraction);
            }
            if (!(modulatedFraction >= 0 && modulatedFraction <= 1)) {
                throw new IllegalArgumentException("TrainingSetBuilder.Config: modulated fraction must be in [0, 1], got "
                        + modulatedFraction);
            }
            if (!(minPeakSigma > 0) || !(maxPeakSigma >= minPeakSigma) || !(minFwhmDays > 0)
                    || !(maxFwhmDays >= minFwhmDays)) {
                throw new IllegalArgumentException("TrainingSetBuilder.Config: bad ranges: peak [" + minPeakSigma + ", "
                        + maxPeakSigma + "] σ, FWHM [" + minFwhmDays + ", " + maxFwhmDays + "] d");
            }
        }

        /**
         * The training mix: flares of 3–300 σ and FWHM 1.4–58 minutes, cut for stella's per-window input (for
         * series inputs, {@link #withInput}, a third of the windows is cut by an edge or gap).
         */
        public static Config training() {
            return new Config(700, 300, 700, 250, 120, 3, 300, 0.001, 0.04, true, Windows.DEFAULT_GAP_FACTOR, 0.5,
                    FlareNetwork.Input.WINDOW, 1.0 / 3);
        }

        /** The same mix cut for another input. */
        public Config withInput(FlareNetwork.Input other) {
            return new Config(syntheticPerCurve, offCenterPerCurve, quietPerCurve, spikesPerCurve, stepsPerCurve,
                    minPeakSigma, maxPeakSigma, minFwhmDays, maxFwhmDays, catalogPositives, gapFactor,
                    modulatedFraction, other, edgeFraction);
        }

        /** The same mix with another share of windows cut by an edge or gap. */
        public Config withEdgeFraction(double fraction) {
            return new Config(syntheticPerCurve, offCenterPerCurve, quietPerCurve, spikesPerCurve, stepsPerCurve,
                    minPeakSigma, maxPeakSigma, minFwhmDays, maxFwhmDays, catalogPositives, gapFactor,
                    modulatedFraction, input, fraction);
        }

        /** The same mix with other counts (e.g. small sets for tests). */
        public Config scaled(double factor) {
            return new Config(scale(syntheticPerCurve, factor), scale(offCenterPerCurve, factor),
                    scale(quietPerCurve, factor), scale(spikesPerCurve, factor), scale(stepsPerCurve, factor),
                    minPeakSigma, maxPeakSigma, minFwhmDays, maxFwhmDays, catalogPositives, gapFactor, modulatedFraction, input,
                    edgeFraction);
        }

        /** The same mix with another range of injected significance. */
        public Config withPeakSigma(double min, double max) {
            return new Config(syntheticPerCurve, offCenterPerCurve, quietPerCurve, spikesPerCurve, stepsPerCurve, min,
                    max, minFwhmDays, maxFwhmDays, catalogPositives, gapFactor, modulatedFraction, input, edgeFraction);
        }

        /** The same mix without (or with) the catalogued flares. */
        public Config withCatalogPositives(boolean use) {
            return new Config(syntheticPerCurve, offCenterPerCurve, quietPerCurve, spikesPerCurve, stepsPerCurve,
                    minPeakSigma, maxPeakSigma, minFwhmDays, maxFwhmDays, use, gapFactor, modulatedFraction, input,
                    edgeFraction);
        }

        /** The same mix with another share of modulated windows. */
        public Config withModulatedFraction(double fraction) {
            return new Config(syntheticPerCurve, offCenterPerCurve, quietPerCurve, spikesPerCurve, stepsPerCurve,
                    minPeakSigma, maxPeakSigma, minFwhmDays, maxFwhmDays, catalogPositives, gapFactor, fraction, input,
                    edgeFraction);
        }

        private static int scale(int n, double f) {
            return (int) Math.round(n * f);
        }
    }

    private TrainingSetBuilder() {
    }

    /** The windows of all light curves (each light curve draws from its own split stream). */
    public static WindowSet build(List<LabelledLightCurve> curves, Config config, Rng rng) {
        List<Rng> streams = rng.split(curves.size());
        List<WindowSet> sets = new ArrayList<>();
        for (int i = 0; i < curves.size(); i++) {
            sets.add(build(curves.get(i), config, streams.get(i)));
        }
        return WindowSet.concat(sets);
    }

    /** The windows of one light curve. */
    public static WindowSet build(LabelledLightCurve curve, Config config, Rng rng) {
        WindowInjector injector = new WindowInjector(curve, config, rng);
        WindowSet.Builder out = new WindowSet.Builder(config.input());
        if (config.catalogPositives()) {
            injector.catalogPositives(out);
        }
        for (int i = 0; i < config.syntheticPerCurve(); i++) {
            injector.flare(out, true);
        }
        for (int i = 0; i < config.offCenterPerCurve(); i++) {
            injector.flare(out, false);
        }
        for (int i = 0; i < config.quietPerCurve(); i++) {
            injector.quiet(out);
        }
        for (int i = 0; i < config.spikesPerCurve(); i++) {
            injector.spike(out);
        }
        for (int i = 0; i < config.stepsPerCurve(); i++) {
            injector.step(out);
        }
        return out.build();
    }
}

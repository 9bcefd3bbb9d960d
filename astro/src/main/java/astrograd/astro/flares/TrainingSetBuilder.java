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
     */
    public record Config(int syntheticPerCurve, int offCenterPerCurve, int quietPerCurve, int spikesPerCurve,
            int stepsPerCurve, double minPeakSigma, double maxPeakSigma, double minFwhmDays, double maxFwhmDays,
            boolean catalogPositives, double gapFactor, double modulatedFraction) {
        public Config {
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

        /** The training mix: flares of 3–300 σ and FWHM 1.4–58 minutes. */
        public static Config training() {
            return new Config(700, 300, 700, 250, 120, 3, 300, 0.001, 0.04, true, Windows.DEFAULT_GAP_FACTOR, 0.5);
        }

        /** The same mix with other counts (e.g. small sets for tests). */
        public Config scaled(double factor) {
            return new Config(scale(syntheticPerCurve, factor), scale(offCenterPerCurve, factor),
                    scale(quietPerCurve, factor), scale(spikesPerCurve, factor), scale(stepsPerCurve, factor),
                    minPeakSigma, maxPeakSigma, minFwhmDays, maxFwhmDays, catalogPositives, gapFactor, modulatedFraction);
        }

        /** The same mix with another range of injected significance. */
        public Config withPeakSigma(double min, double max) {
            return new Config(syntheticPerCurve, offCenterPerCurve, quietPerCurve, spikesPerCurve, stepsPerCurve, min,
                    max, minFwhmDays, maxFwhmDays, catalogPositives, gapFactor, modulatedFraction);
        }

        /** The same mix without (or with) the catalogued flares. */
        public Config withCatalogPositives(boolean use) {
            return new Config(syntheticPerCurve, offCenterPerCurve, quietPerCurve, spikesPerCurve, stepsPerCurve,
                    minPeakSigma, maxPeakSigma, minFwhmDays, maxFwhmDays, use, gapFactor, modulatedFraction);
        }

        /** The same mix with another share of modulated windows. */
        public Config withModulatedFraction(double fraction) {
            return new Config(syntheticPerCurve, offCenterPerCurve, quietPerCurve, spikesPerCurve, stepsPerCurve,
                    minPeakSigma, maxPeakSigma, minFwhmDays, maxFwhmDays, catalogPositives, gapFactor, fraction);
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
        Injector injector = new Injector(curve, config, rng);
        WindowSet.Builder out = new WindowSet.Builder();
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

    /** Draws windows from one light curve. */
    private static final class Injector {
        private final LabelledLightCurve curve;
        private final double[] time;
        private final double[] flux;
        private final Config config;
        private final Rng rng;
        private final double sigma;
        private final double cadence;
        private final boolean[] scorable;
        private final int[] quietCentres;

        Injector(LabelledLightCurve curve, Config config, Rng rng) {
            this.curve = curve;
            this.time = curve.lightCurve().time();
            this.flux = curve.lightCurve().flux();
            this.config = config;
            this.rng = rng;
            this.sigma = Windows.noise(flux);
            this.cadence = Normalization.medianStep(time);
            this.scorable = Windows.scorable(time, config.gapFactor());
            this.quietCentres = quietCentres();
            if (quietCentres.length == 0) {
                throw new IllegalArgumentException(curve.lightCurve().name() + ": no quiet 200-cadence stretch to draw"
                        + " windows from");
            }
        }

        /** Centres whose window is scorable and far from every catalogued flare. */
        private int[] quietCentres() {
            boolean[] nearFlare = new boolean[time.length];
            for (FlareCatalog.Entry e : curve.flares()) {
                double fwhm = Double.isFinite(e.fwhmDays()) ? e.fwhmDays() : 0.01;
                double t0 = e.tpeakBtjd() - FLARE_GUARD_DAYS;
                double t1 = e.tpeakBtjd() + FLARE_GUARD_DAYS + 6 * fwhm;
                for (int i = lowerBound(t0); i < time.length && time[i] <= t1; i++) {
                    nearFlare[i] = true;
                }
            }
            int[] nearBefore = new int[time.length + 1];
            for (int i = 0; i < time.length; i++) {
                nearBefore[i + 1] = nearBefore[i] + (nearFlare[i] ? 1 : 0);
            }
            List<Integer> out = new ArrayList<>();
            for (int c = 0; c < time.length; c++) {
                int first = c - Windows.BEFORE;
                if (scorable[c] && nearBefore[first + Windows.LENGTH] == nearBefore[first]) {
                    out.add(c);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        private int lowerBound(double t) {
            int i = Arrays.binarySearch(time, t);
            return i >= 0 ? i : -i - 1;
        }

        void catalogPositives(WindowSet.Builder out) {
            for (FlareCatalog.Entry e : curve.flares()) {
                int peak = localPeak(curve.nearestCadence(e.tpeakBtjd()));
                for (int o = MIN_OFFSET; o <= MAX_OFFSET; o++) {
                    int c = peak + o;
                    if (c >= 0 && c < time.length && scorable[c]) {
                        float[] w = new float[Windows.LENGTH];
                        Windows.fill(flux, c, sigma, w, 0);
                        out.add(w, Kind.CATALOG_FLARE, Double.NaN);
                    }
                }
            }
        }

        private int localPeak(int near) {
            int best = near;
            for (int i = Math.max(0, near - 3); i <= Math.min(time.length - 1, near + 3); i++) {
                if (flux[i] > flux[best]) {
                    best = i;
                }
            }
            return best;
        }

        /** A flare peaking at the centre (positive) or well away from it (negative). */
        void flare(WindowSet.Builder out, boolean centred) {
            int c = randomQuietCentre();
            double fwhm = logUniform(config.minFwhmDays(), config.maxFwhmDays());
            int offset = centred ? uniformInt(MIN_OFFSET, MAX_OFFSET) : offCentreOffset(fwhm);
            int peakIndex = c - offset;
            double tpeak = time[peakIndex] + (rng.nextDouble() - 0.5) * cadence;
            double[] local = window(c);
            double[] shape = DavenportFlare.binned(Arrays.copyOfRange(time, c - Windows.BEFORE,
                    c - Windows.BEFORE + Windows.LENGTH), tpeak, fwhm, 1.0, cadence);
            double max = Arrays.stream(shape).max().orElse(0);
            double peakSigma = logUniform(config.minPeakSigma(), config.maxPeakSigma());
            double base = Windows.median(local);
            for (int j = 0; j < local.length; j++) {
                local[j] += base * peakSigma * sigma * shape[j] / max;
            }
            out.add(normalized(local), centred ? Kind.SYNTHETIC_FLARE : Kind.OFF_CENTER_FLARE, peakSigma);
        }

        /** Centre − peak for a flare that does not cover the centre: before its rise or after its decay. */
        private int offCentreOffset(double fwhm) {
            int afterDecay = MAX_OFFSET + 3 + (int) Math.ceil(4 * fwhm / cadence);
            int lo = -Windows.BEFORE + 5;
            int hi = Windows.LENGTH - Windows.BEFORE - 5;
            if (afterDecay >= hi || rng.nextDouble() < 0.5) {
                return uniformInt(lo, MIN_OFFSET - 5);
            }
            return uniformInt(afterDecay, hi);
        }

        void quiet(WindowSet.Builder out) {
            out.add(normalized(window(randomQuietCentre())), Kind.QUIET, Double.NaN);
        }

        void spike(WindowSet.Builder out) {
            double[] local = window(randomQuietCentre());
            double peakSigma = logUniform(config.minPeakSigma(), config.maxPeakSigma());
            int at = Windows.BEFORE + uniformInt(-1, 1);
            local[at] += Windows.median(local) * peakSigma * sigma;
            out.add(normalized(local), Kind.SPIKE, peakSigma);
        }

        void step(WindowSet.Builder out) {
            double[] local = window(randomQuietCentre());
            double stepSigma = logUniform(config.minPeakSigma(), Math.min(config.maxPeakSigma(), 50));
            double sign = rng.nextDouble() < 0.5 ? -1 : 1;
            double jump = sign * Windows.median(local) * stepSigma * sigma;
            for (int j = Windows.BEFORE + uniformInt(-1, 1); j < local.length; j++) {
                local[j] += jump;
            }
            out.add(normalized(local), Kind.STEP, stepSigma);
        }

        /** The fluxes of the window of {@code centre}, with added rotational modulation for a share of them. */
        private double[] window(int centre) {
            int first = centre - Windows.BEFORE;
            double[] local = Arrays.copyOfRange(flux, first, first + Windows.LENGTH);
            if (rng.nextDouble() < config.modulatedFraction()) {
                double amplitude = logUniform(1, 40) * sigma;
                double period = logUniform(0.1, 5);
                double phase = 2 * Math.PI * rng.nextDouble();
                for (int j = 0; j < local.length; j++) {
                    local[j] *= 1 + amplitude * Math.sin(2 * Math.PI * time[first + j] / period + phase);
                }
            }
            return local;
        }

        private float[] normalized(double[] local) {
            float[] w = new float[Windows.LENGTH];
            Windows.fill(local, Windows.BEFORE, sigma, w, 0);
            return w;
        }

        private int randomQuietCentre() {
            return quietCentres[(int) rng.nextLong(quietCentres.length)];
        }

        private int uniformInt(int lo, int hi) {
            return lo + (int) rng.nextLong(hi - lo + 1);
        }

        private double logUniform(double lo, double hi) {
            return lo * Math.exp(rng.nextDouble() * Math.log(hi / lo));
        }
    }
}

package astrograd.astro.flares;

import astrograd.astro.flares.WindowSet.Kind;
import astrograd.astro.lightcurve.Normalization;
import astrograd.tensor.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Draws the windows of {@link TrainingSetBuilder} from one light curve. Every window starts as a {@link Stretch}
 * of raw flux around its centre — the 200 cadences themselves for {@link FlareNetwork.Input#WINDOW}, ±205 grid
 * cadences for {@link FlareNetwork.Input#SERIES} (the 210 inputs and the ±100 their baselines reach) — is changed
 * (modulation, injection, a simulated edge or gap) and then normalized as the network's input is.
 */
final class WindowInjector {
    /** Days kept free around catalogued flares when choosing quiet windows. */
    private static final double FLARE_GUARD_DAYS = 0.05;
    /** Half the length of a series stretch: the input's 105 cadences and the 100 its baselines reach. */
    private static final int REACH = FlareSeries.BEFORE + FlareSeries.BASELINE_BEFORE;
    /** The longest simulated data gap, in cadences. */
    private static final int MAX_GAP = 300;

    /** Raw fluxes around a centre, which sits at index {@code at}; {@code valid} false where nothing was observed. */
    private record Stretch(double[] flux, boolean[] valid, double[] time, int at) {
        /** The median of the observed fluxes of the 200-cadence window. */
        double windowMedian() {
            double[] v = new double[Windows.LENGTH];
            int k = 0;
            for (int j = at - Windows.BEFORE; j < at - Windows.BEFORE + Windows.LENGTH; j++) {
                if (valid[j]) {
                    v[k++] = flux[j];
                }
            }
            return Normalization.median(v, 0, k);
        }
    }

    private final LabelledLightCurve curve;
    private final double[] time;
    private final double[] flux;
    private final TrainingSetBuilder.Config config;
    private final Rng rng;
    private final double sigma;
    private final double cadence;
    private final long[] grid;
    private final int[] quietCentres;

    WindowInjector(LabelledLightCurve curve, TrainingSetBuilder.Config config, Rng rng) {
        this.curve = curve;
        this.time = curve.lightCurve().time();
        this.flux = curve.lightCurve().flux();
        this.config = config;
        this.rng = rng;
        this.sigma = Windows.noise(flux);
        this.cadence = Normalization.medianStep(time);
        this.grid = gridPositions();
        this.quietCentres = quietCentres();
        if (quietCentres.length == 0) {
            throw new IllegalArgumentException(curve.lightCurve().name() + ": no quiet 200-cadence stretch to draw"
                    + " windows from");
        }
    }

    private long[] gridPositions() {
        int[] steps = FlareSeries.gridSteps(time, cadence);
        long[] g = new long[time.length];
        for (int i = 1; i < g.length; i++) {
            g[i] = g[i - 1] + steps[i];
        }
        return g;
    }

    private boolean series() {
        return config.input() == FlareNetwork.Input.SERIES;
    }

    /**
     * Centres far from every catalogued flare: for window inputs, scorable ones ({@link Windows#scorable}); for
     * series inputs, every observed cadence (windows may run into an edge or a gap).
     */
    private int[] quietCentres() {
        int[] nearBefore = nearFlareCounts();
        boolean[] scorable = series() ? null : Windows.scorable(time, config.gapFactor());
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < time.length; c++) {
            int first;
            int end;
            if (series()) {
                first = lowerBoundGrid(grid[c] - FlareSeries.BEFORE);
                end = lowerBoundGrid(grid[c] + FlareSeries.INPUT - FlareSeries.BEFORE);
            } else {
                if (!scorable[c]) {
                    continue;
                }
                first = c - Windows.BEFORE;
                end = first + Windows.LENGTH;
            }
            if (nearBefore[end] == nearBefore[first]) {
                out.add(c);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code counts[i]} = how many of cadences {@code 0..i−1} lie near a catalogued flare. */
    private int[] nearFlareCounts() {
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
        return nearBefore;
    }

    private int lowerBound(double t) {
        int i = Arrays.binarySearch(time, t);
        return i >= 0 ? i : -i - 1;
    }

    private int lowerBoundGrid(long g) {
        int i = Arrays.binarySearch(grid, g);
        return i >= 0 ? i : -i - 1;
    }

    void catalogPositives(WindowSet.Builder out) {
        boolean[] scorable = series() ? null : Windows.scorable(time, config.gapFactor());
        for (FlareCatalog.Entry e : curve.flares()) {
            int peak = localPeak(curve.nearestCadence(e.tpeakBtjd()));
            for (int o = TrainingSetBuilder.MIN_OFFSET; o <= TrainingSetBuilder.MAX_OFFSET; o++) {
                int c = peak + o;
                if (c >= 0 && c < time.length && (series() || scorable[c])) {
                    out.add(normalized(cut(stretch(c, false))), Kind.CATALOG_FLARE, Double.NaN);
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
        Stretch s = stretch(randomQuietCentre(), true);
        double fwhm = logUniform(config.minFwhmDays(), config.maxFwhmDays());
        int offset = centred ? uniformInt(TrainingSetBuilder.MIN_OFFSET, TrainingSetBuilder.MAX_OFFSET)
                : offCentreOffset(fwhm);
        double tpeak = s.time()[s.at() - offset] + (rng.nextDouble() - 0.5) * cadence;
        double[] shape = DavenportFlare.binned(s.time(), tpeak, fwhm, 1.0, cadence);
        double max = Arrays.stream(shape).max().orElse(0);
        double peakSigma = logUniform(config.minPeakSigma(), config.maxPeakSigma());
        double base = s.windowMedian();
        for (int j = 0; j < shape.length; j++) {
            s.flux()[j] += base * peakSigma * sigma * shape[j] / max;
        }
        out.add(normalized(cut(s)), centred ? Kind.SYNTHETIC_FLARE : Kind.OFF_CENTER_FLARE, peakSigma);
    }

    /** Centre − peak for a flare that does not cover the centre: before its rise or after its decay. */
    private int offCentreOffset(double fwhm) {
        int afterDecay = TrainingSetBuilder.MAX_OFFSET + 3 + (int) Math.ceil(4 * fwhm / cadence);
        int lo = -Windows.BEFORE + 5;
        int hi = Windows.LENGTH - Windows.BEFORE - 5;
        if (afterDecay >= hi || rng.nextDouble() < 0.5) {
            return uniformInt(lo, TrainingSetBuilder.MIN_OFFSET - 5);
        }
        return uniformInt(afterDecay, hi);
    }

    void quiet(WindowSet.Builder out) {
        out.add(normalized(cut(stretch(randomQuietCentre(), true))), Kind.QUIET, Double.NaN);
    }

    void spike(WindowSet.Builder out) {
        Stretch s = stretch(randomQuietCentre(), true);
        double peakSigma = logUniform(config.minPeakSigma(), config.maxPeakSigma());
        int at = s.at() + uniformInt(-1, 1);
        s.flux()[at] += s.windowMedian() * peakSigma * sigma;
        out.add(normalized(cut(s)), Kind.SPIKE, peakSigma);
    }

    void step(WindowSet.Builder out) {
        Stretch s = stretch(randomQuietCentre(), true);
        double stepSigma = logUniform(config.minPeakSigma(), Math.min(config.maxPeakSigma(), 50));
        double sign = rng.nextDouble() < 0.5 ? -1 : 1;
        double jump = sign * s.windowMedian() * stepSigma * sigma;
        for (int j = s.at() + uniformInt(-1, 1); j < s.flux().length; j++) {
            s.flux()[j] += jump;
        }
        out.add(normalized(cut(s)), Kind.STEP, stepSigma);
    }

    /** The raw stretch of {@code centre}, with added rotational modulation for a share of them when {@code vary}. */
    private Stretch stretch(int centre, boolean vary) {
        Stretch s = series() ? seriesStretch(centre) : windowStretch(centre);
        if (vary && rng.nextDouble() < config.modulatedFraction()) {
            double amplitude = logUniform(1, 40) * sigma;
            double period = logUniform(0.1, 5);
            double phase = 2 * Math.PI * rng.nextDouble();
            for (int j = 0; j < s.flux().length; j++) {
                s.flux()[j] *= 1 + amplitude * Math.sin(2 * Math.PI * s.time()[j] / period + phase);
            }
        }
        return s;
    }

    private Stretch windowStretch(int centre) {
        int first = centre - Windows.BEFORE;
        boolean[] valid = new boolean[Windows.LENGTH];
        Arrays.fill(valid, true);
        return new Stretch(Arrays.copyOfRange(flux, first, first + Windows.LENGTH), valid,
                Arrays.copyOfRange(time, first, first + Windows.LENGTH), Windows.BEFORE);
    }

    /** Grid cadences {@code [g − 205, g + 205)} around observation {@code centre} at grid position g. */
    private Stretch seriesStretch(int centre) {
        int n = 2 * REACH;
        double[] f = new double[n];
        boolean[] valid = new boolean[n];
        double[] t = new double[n];
        long origin = grid[centre] - REACH;
        for (int j = 0; j < n; j++) {
            t[j] = time[centre] + (j - REACH) * cadence;
        }
        for (int i = lowerBoundGrid(origin); i < time.length && grid[i] < origin + n; i++) {
            int j = (int) (grid[i] - origin);
            f[j] = flux[i];
            valid[j] = true;
            t[j] = time[i];
        }
        return new Stretch(f, valid, t, REACH);
    }

    /**
     * For series windows, with probability {@code edgeFraction}: cuts the stretch as a light-curve end (half) or a
     * data gap of 1–300 cadences (half) would, 2–105 cadences before or 2–104 after the centre (inside the input).
     */
    private Stretch cut(Stretch s) {
        if (!series() || !(rng.nextDouble() < config.edgeFraction())) {
            return s;
        }
        boolean after = rng.nextDouble() < 0.5;
        int d = uniformInt(2, after ? FlareSeries.INPUT - FlareSeries.BEFORE - 1 : FlareSeries.BEFORE);
        boolean edge = rng.nextDouble() < 0.5;
        int length = edge ? s.flux().length : uniformInt(1, MAX_GAP);
        int from = after ? s.at() + d : s.at() - d - length + 1;
        for (int j = Math.max(0, from); j < Math.min(s.flux().length, from + length); j++) {
            s.valid()[j] = false;
        }
        return s;
    }

    private float[] normalized(Stretch s) {
        if (!series()) {
            float[] w = new float[Windows.LENGTH];
            Windows.fill(s.flux(), Windows.BEFORE, sigma, w, 0);
            return w;
        }
        float[] w = new float[FlareSeries.CHANNELS * FlareSeries.INPUT];
        int from = s.at() - FlareSeries.BEFORE;
        FlareSeries.normalize(s.flux(), s.valid(), sigma, from, from + FlareSeries.INPUT, w, 0, w, FlareSeries.INPUT);
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

package astrograd.astro.xray;

import astrograd.tensor.Rng;
import java.util.stream.IntStream;

/**
 * The dead-time QPO simulator of Huppenkothen &amp; Bachetti (2022), after DeadTimeSBI's
 * {@code make_hf_qpo_simulations_avg.py}: parameters θ = (source rate r per detector [counts/s], QPO centroid ν₀
 * [Hz], quality factor Q, fractional rms) → a dead-time-distorted averaged periodogram.
 * <ol>
 *   <li>A Timmer–König light curve with a Lorentzian spectrum on {@code N = T_seg/dt_hi} bins, standardised to mean
 *       {@code r dt_hi} and fractional rms, clipped at 0 ({@link TimmerKoenig#qpoExpectedCounts}).</li>
 *   <li>Per detector, independent Poisson counts per bin, each count an event at its bin start; a non-paralyzable
 *       dead time {@code τ_d} ({@link DeadTime}).</li>
 *   <li>The detectors' events binned at {@code dt} and summed; the frac-rms periodogram averaged over segments of
 *       {@code T_avg}; log-rebinned with factor f (skipped for f = 0). The summary is the rebinned power.</li>
 * </ol>
 * Each simulation draws from the {@link Rng} it is given; {@link #simulateSummaries} gives simulation i the stream
 * {@code new Rng(seed).fold(i)}, so results do not depend on threads or batch order.
 */
public final class DeadTimeQpoSimulator {
    /**
     * @param detectors detectors sharing the source light curve (1, or 2 for NuSTAR's FPMA/B)
     * @param segmentSeconds {@code T_seg}, the simulated duration
     * @param dtHi the high-resolution grid of the events
     * @param binTime {@code dt}, the light-curve bin of the periodogram
     * @param averageSeconds {@code T_avg}, the segment length averaged over
     * @param deadTime {@code τ_d} in seconds (0: no dead time)
     * @param logRebin log-rebinning factor f (0: none)
     */
    public record Config(int detectors, double segmentSeconds, double dtHi, double binTime, double averageSeconds,
            double deadTime, double logRebin) {
        public Config {
            if (detectors < 1 || !(dtHi > 0) || !(binTime >= dtHi) || !(averageSeconds >= 4 * binTime)
                    || !(segmentSeconds >= averageSeconds) || !(deadTime >= 0) || !(logRebin >= 0)) {
                throw new IllegalArgumentException("DeadTimeQpoSimulator.Config: need detectors >= 1, dt_hi > 0, "
                        + "bin >= dt_hi, T_avg >= 4 bins, T_seg >= T_avg, dead time >= 0, f >= 0; got " + detectors
                        + ", " + dtHi + ", " + binTime + ", " + averageSeconds + ", " + segmentSeconds + ", "
                        + deadTime + ", " + logRebin);
            }
            long hi = Math.round(segmentSeconds / dtHi);
            if (Math.abs(hi * dtHi - segmentSeconds) > 1e-9 * segmentSeconds || hi > 50_000_000) {
                throw new IllegalArgumentException("DeadTimeQpoSimulator.Config: T_seg " + segmentSeconds
                        + " s must be a whole number (<= 5e7) of dt_hi " + dtHi + " s");
            }
        }

        /** The reduced set-up (spec §4(d)7): one detector, 10 s at 0.1 ms, 0.5 ms bins, 1-s averages. */
        public static Config reduced() {
            return new Config(1, 10, 1e-4, 5e-4, 1, 2.5e-3, 0.01);
        }

        /** The paper's high-frequency run: two detectors, 10 s at 10 µs, 0.5 ms bins, 1-s averages, f = 0.01. */
        public static Config paper() {
            return new Config(2, 10, 1e-5, 5e-4, 1, 2.5e-3, 0.01);
        }

        /** The same set-up with another dead time (0 turns it off). */
        public Config withDeadTime(double tau) {
            return new Config(detectors, segmentSeconds, dtHi, binTime, averageSeconds, tau, logRebin);
        }
    }

    /** θ: rate per detector [counts/s], QPO centroid ν₀ [Hz], quality factor Q, fractional rms. */
    public record Parameters(double rate, double nu0, double q, double rms) {
        public static final String[] NAMES = {"rate", "nu0", "q", "rms"};

        public double[] toArray() {
            return new double[] {rate, nu0, q, rms};
        }

        public static Parameters of(double[] theta) {
            if (theta.length != 4) {
                throw new IllegalArgumentException("DeadTimeQpoSimulator: θ has 4 entries (rate, nu0, q, rms), got "
                        + theta.length);
            }
            return new Parameters(theta[0], theta[1], theta[2], theta[3]);
        }
    }

    /** A box-uniform prior over θ. */
    public record Prior(double[] low, double[] high) {
        public Prior {
            if (low.length != 4 || high.length != 4) {
                throw new IllegalArgumentException("DeadTimeQpoSimulator.Prior: 4 bounds each");
            }
            for (int i = 0; i < 4; i++) {
                if (!(low[i] < high[i])) {
                    throw new IllegalArgumentException("DeadTimeQpoSimulator.Prior: " + Parameters.NAMES[i]
                            + " needs low < high, got [" + low[i] + ", " + high[i] + "]");
                }
            }
        }

        /** Spec §4(d)7: r ∈ [500, 1500], ν₀ ∈ [100, 400] Hz, Q ∈ [3, 30], rms ∈ [0.1, 0.5]. */
        public static Prior reduced() {
            return new Prior(new double[] {500, 100, 3, 0.1}, new double[] {1500, 400, 30, 0.5});
        }

        /** One draw. */
        public double[] sample(Rng rng) {
            double[] t = new double[4];
            for (int i = 0; i < 4; i++) {
                t[i] = low[i] + (high[i] - low[i]) * rng.nextDouble();
            }
            return t;
        }

        public boolean contains(double[] theta) {
            for (int i = 0; i < 4; i++) {
                if (!(theta[i] >= low[i] && theta[i] <= high[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * One simulation.
     *
     * @param periodogram the averaged frac-rms periodogram of the detected events
     * @param summary the log-rebinned powers (the periodogram's powers when f = 0)
     * @param incident events before dead time, all detectors
     * @param detected events after dead time, all detectors
     */
    public record Simulation(AveragedPeriodogram periodogram, double[] summary, long incident, long detected) {
    }

    private final Config config;
    private final int hiBins;
    private final double[] summaryFreq;

    public DeadTimeQpoSimulator(Config config) {
        this.config = config;
        this.hiBins = (int) Math.round(config.segmentSeconds() / config.dtHi());
        int bins = Periodograms.binsPerSegment(config.binTime(), config.averageSeconds());
        double[] f = new double[(bins + 1) / 2 - 1];
        for (int k = 0; k < f.length; k++) {
            f[k] = (k + 1) / config.averageSeconds();
        }
        this.summaryFreq = config.logRebin() > 0 ? Periodograms.logRebin(f, new double[f.length], config.logRebin())
                .freq() : f;
    }

    public Config config() {
        return config;
    }

    /** The frequencies of the summary entries (Hz). */
    public double[] summaryFrequencies() {
        return summaryFreq.clone();
    }

    /** Runs one simulation at θ with the draws of {@code rng}. */
    public Simulation simulate(Parameters theta, Rng rng) {
        double[] lambda = TimmerKoenig.qpoExpectedCounts(hiBins, config.dtHi(), theta.rate(), theta.rms(),
                theta.nu0(), theta.q(), rng);
        int bins = (int) Math.round(config.segmentSeconds() / config.binTime());
        double[] counts = new double[bins];
        long incident = 0;
        long detected = 0;
        for (int d = 0; d < config.detectors(); d++) {
            double[] events = EventSimulator.fromBinnedRate(lambda, 0, config.dtHi(), false, rng);
            double[] kept = config.deadTime() > 0 ? DeadTime.filter(events, config.deadTime(), false) : events;
            incident += events.length;
            detected += kept.length;
            double[] c = Binning.histogram(kept, 0, config.binTime(), bins);
            for (int k = 0; k < bins; k++) {
                counts[k] += c[k];
            }
        }
        int perSegment = Periodograms.binsPerSegment(config.binTime(), config.averageSeconds());
        Periodograms.Accumulator acc = new Periodograms.Accumulator(perSegment, config.binTime());
        for (int s = 0; s + perSegment <= bins; s += perSegment) {
            acc.add(java.util.Arrays.copyOfRange(counts, s, s + perSegment));
        }
        AveragedPeriodogram p = acc.result(PowerNorm.FRAC_RMS);
        double[] summary = config.logRebin() > 0 ? Periodograms.logRebin(p.freq(), p.power(), config.logRebin())
                .power() : p.power();
        if (summary.length != summaryFreq.length) {
            throw new IllegalStateException("DeadTimeQpoSimulator: summary of " + summary.length + " entries, expected "
                    + summaryFreq.length);
        }
        return new Simulation(p, summary, incident, detected);
    }

    /**
     * Summaries for many θ (rows), simulation i with {@code new Rng(seed).fold(i)}; in parallel on the common
     * fork-join pool when {@code parallel}.
     *
     * @return one summary per row of {@code thetas}
     */
    public double[][] simulateSummaries(double[][] thetas, long seed, boolean parallel) {
        return simulateSummaries(thetas, seed, 0, parallel);
    }

    /**
     * As {@link #simulateSummaries(double[][], long, boolean)} for rows {@code firstIndex, firstIndex + 1, …} of a
     * larger batch: row j uses {@code new Rng(seed).fold(firstIndex + j)}, so a batch run in chunks gives the same
     * summaries as in one call.
     */
    public double[][] simulateSummaries(double[][] thetas, long seed, long firstIndex, boolean parallel) {
        Rng root = new Rng(seed);
        double[][] out = new double[thetas.length][];
        IntStream rows = IntStream.range(0, thetas.length);
        (parallel ? rows.parallel() : rows).forEach(i -> out[i] = simulate(Parameters.of(thetas[i]),
                root.fold(firstIndex + i)).summary());
        return out;
    }
}

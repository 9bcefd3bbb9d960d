package astrograd.inference.hmc;

import astrograd.inference.Draws;
import java.util.List;

/**
 * One chain of a Hamiltonian sampler: its post-warm-up draws (constrained space, one chain of {@link Draws}), the
 * warm-up draws, per-iteration statistics of both phases, the divergences with their locations, the adapted step
 * size and metric, and the number of gradient evaluations (warm-up and step-size searches included).
 */
public final class HmcChain {
    private final int index;
    private final Draws draws;
    private final Draws warmupDraws;
    private final SamplerStats stats;
    private final SamplerStats warmupStats;
    private final List<Divergence> divergences;
    private final double stepSize;
    private final Metric metric;
    private final long gradientEvaluations;
    private final long nonFinite;

    HmcChain(int index, Draws draws, Draws warmupDraws, SamplerStats stats, SamplerStats warmupStats,
            List<Divergence> divergences, double stepSize, Metric metric, long gradientEvaluations, long nonFinite) {
        this.index = index;
        this.draws = draws;
        this.warmupDraws = warmupDraws;
        this.stats = stats;
        this.warmupStats = warmupStats;
        this.divergences = List.copyOf(divergences);
        this.stepSize = stepSize;
        this.metric = metric;
        this.gradientEvaluations = gradientEvaluations;
        this.nonFinite = nonFinite;
    }

    /** The chain's index (its random stream is stream {@code index} of the run's seed). */
    public int index() {
        return index;
    }

    /** Post-warm-up draws {@code [1, draws, D]} in constrained space. */
    public Draws draws() {
        return draws;
    }

    /** Warm-up draws {@code [1, warmup, D]}, or null without warm-up. */
    public Draws warmupDraws() {
        return warmupDraws;
    }

    /** Statistics of the post-warm-up iterations. */
    public SamplerStats stats() {
        return stats;
    }

    /** Statistics of the warm-up iterations (size 0 without warm-up). */
    public SamplerStats warmupStats() {
        return warmupStats;
    }

    /** Post-warm-up divergent transitions. */
    public int divergences() {
        return stats.divergences();
    }

    /** Every divergent transition, warm-up ones first, with where it happened. */
    public List<Divergence> divergenceList() {
        return divergences;
    }

    /** Post-warm-up transitions that hit the maximum tree depth. */
    public int treeDepthSaturations() {
        return stats.saturations();
    }

    /** E-BFMI of the post-warm-up energies (see {@link SamplerStats#ebfmi()}). */
    public double ebfmi() {
        return stats.ebfmi();
    }

    /** The step size after adaptation (used for every post-warm-up transition, before jitter). */
    public double stepSize() {
        return stepSize;
    }

    /** The metric after adaptation. */
    public Metric metric() {
        return metric;
    }

    /** Gradient evaluations of the whole run (warm-up, step-size searches and initialization included). */
    public long gradientEvaluations() {
        return gradientEvaluations;
    }

    /** Points where the log-density or its gradient was NaN or infinite (read as −∞, so rejected). */
    public long nonFinite() {
        return nonFinite;
    }
}

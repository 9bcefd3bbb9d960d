package astrograd.inference.demc;

import astrograd.inference.Draws;
import astrograd.inference.StoredStates;
import astrograd.inference.diagnostics.Convergence;
import astrograd.inference.diagnostics.Summary;
import astrograd.tensor.Tensor;
import java.util.List;

/**
 * A DEMC run: stored states {@code [N, C, D]} in constrained space (every {@code thin}-th generation) and their
 * log-densities {@code [N, C]} in the sampling space (see {@link StoredStates}), per-chain acceptance (overall and
 * of snooker moves), the archive's size and counters. Immutable.
 */
public final class DemcResult extends StoredStates {
    private final long[] accepted;
    private final long[] snookerProposed;
    private final long[] snookerAccepted;
    private final long generations;
    private final long nonFinite;
    private final long evaluations;
    private final int archiveSize;
    private final Tensor last;

    DemcResult(double[] positions, double[] logDensity, int stored, int chains, List<String> names, long[] accepted,
            long[] snookerProposed, long[] snookerAccepted, long generations, long nonFinite, long evaluations,
            int archiveSize, Tensor last) {
        super("demc", positions, logDensity, stored, chains, names);
        this.accepted = accepted;
        this.snookerProposed = snookerProposed;
        this.snookerAccepted = snookerAccepted;
        this.generations = generations;
        this.nonFinite = nonFinite;
        this.evaluations = evaluations;
        this.archiveSize = archiveSize;
        this.last = last;
    }

    /** Generations taken. */
    public long generations() {
        return generations;
    }

    /** Accepted proposals over generations, per chain. */
    public double[] acceptanceFraction() {
        int chains = chains();
        double[] f = new double[chains];
        for (int c = 0; c < chains; c++) {
            f[c] = generations == 0 ? 0 : accepted[c] / (double) generations;
        }
        return f;
    }

    /** The mean acceptance fraction over chains. */
    public double meanAcceptance() {
        long a = 0;
        for (long v : accepted) {
            a += v;
        }
        return generations == 0 ? 0 : a / ((double) generations * chains());
    }

    /** Snooker moves proposed and accepted, summed over chains: {@code {proposed, accepted}}. */
    public long[] snookerCounts() {
        long p = 0;
        long a = 0;
        for (int c = 0; c < chains(); c++) {
            p += snookerProposed[c];
            a += snookerAccepted[c];
        }
        return new long[] {p, a};
    }

    /** Rows of the archive Z at the end (0 without one). */
    public int archiveSize() {
        return archiveSize;
    }

    /** Proposals whose log-density was NaN or +∞ (treated as −∞, so rejected). */
    public long nonFinite() {
        return nonFinite;
    }

    /** Batched log-density calls. */
    public long evaluations() {
        return evaluations;
    }

    /** The chains' final states {@code [C, D]} in constrained space. */
    public Tensor lastPositions() {
        return last;
    }

    /** The summary table of the draws after {@code burnIn}, R̂ across the chains. */
    public Summary summary(int burnIn) {
        return Summary.of(draws(burnIn));
    }

    /** MC3's Gelman–Rubin R̂ per parameter after {@code burnIn} (needs ≥ 2 chains). */
    public double[] gelmanRubin(int burnIn) {
        Draws d = draws(burnIn);
        double[] out = new double[d.dim()];
        for (int j = 0; j < out.length; j++) {
            out[j] = Convergence.gelmanRubin(d.parameter(j));
        }
        return out;
    }
}

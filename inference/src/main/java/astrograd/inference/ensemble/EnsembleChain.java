package astrograd.inference.ensemble;

import astrograd.inference.StoredStates;
import astrograd.tensor.Tensor;
import java.util.List;

/**
 * The run of one ensemble: stored positions {@code [N, W, D]} in constrained space (every {@code thin}-th step) and
 * their log-densities {@code [N, W]} in the sampling space, one chain of {@link StoredStates} per walker; each
 * walker's acceptance, and counters.
 */
public final class EnsembleChain extends StoredStates {
    private final long[] accepted;
    private final int steps;
    private final long nonFinite;
    private final long evaluations;
    private final Tensor last;

    EnsembleChain(double[] positions, double[] logDensity, int stored, int walkers, List<String> names,
            long[] accepted, int steps, long nonFinite, long evaluations, Tensor last) {
        super("ensemble", positions, logDensity, stored, walkers, names);
        this.accepted = accepted;
        this.steps = steps;
        this.nonFinite = nonFinite;
        this.evaluations = evaluations;
        this.last = last;
    }

    /** Steps taken (stored ones times the thinning). */
    public int steps() {
        return steps;
    }

    /** Walkers W (the chains of {@link StoredStates}). */
    public int walkers() {
        return chains();
    }

    /** Parameter {@code d} as one series per walker, {@code [W][N]} (the input of the autocorrelation time). */
    public double[][] walkerSeries(int d) {
        double[][] out = new double[walkers()][stored()];
        for (int n = 0; n < stored(); n++) {
            for (int k = 0; k < walkers(); k++) {
                out[k][n] = position(n, k, d);
            }
        }
        return out;
    }

    /** Accepted proposals over steps, per walker. */
    public double[] acceptanceFraction() {
        double[] f = new double[walkers()];
        for (int k = 0; k < f.length; k++) {
            f[k] = steps == 0 ? 0 : accepted[k] / (double) steps;
        }
        return f;
    }

    /** Proposals whose log-density was NaN or +∞ (treated as −∞, so rejected). */
    public long nonFinite() {
        return nonFinite;
    }

    /** Batched log-density calls (two per step, one per half-ensemble, plus one at the start). */
    public long evaluations() {
        return evaluations;
    }

    /** The final positions {@code [W, D]} in constrained space: the start of a continuation. */
    public Tensor lastPositions() {
        return last;
    }
}

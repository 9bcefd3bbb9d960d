package astrograd.inference.ensemble;

import astrograd.inference.Draws;
import astrograd.inference.StoredStates;
import astrograd.tensor.Tensor;
import java.util.List;

/**
 * The run of one ensemble: stored positions {@code [N, W, D]} in constrained space (every {@code thin}-th step),
 * their log-densities {@code [N, W]} in the sampling space, each walker's acceptance, and counters.
 */
public final class EnsembleChain {
    private final StoredStates states;
    private final long[] accepted;
    private final int steps;
    private final long nonFinite;
    private final long evaluations;
    private final Tensor last;

    EnsembleChain(double[] positions, double[] logDensity, int stored, int walkers, List<String> names,
            long[] accepted, int steps, long nonFinite, long evaluations, Tensor last) {
        this.states = new StoredStates("ensemble", positions, logDensity, stored, walkers, names);
        this.accepted = accepted;
        this.steps = steps;
        this.nonFinite = nonFinite;
        this.evaluations = evaluations;
        this.last = last;
    }

    /** Stored steps N. */
    public int stored() {
        return states.stored();
    }

    /** Steps taken (stored ones times the thinning). */
    public int steps() {
        return steps;
    }

    public int walkers() {
        return states.chains();
    }

    public int dim() {
        return states.dim();
    }

    public List<String> names() {
        return states.names();
    }

    /** Position of walker {@code k} at stored step {@code n}, parameter {@code d}. */
    public double position(int n, int k, int d) {
        return states.position(n, k, d);
    }

    /** Log-density (sampling space) of walker {@code k} at stored step {@code n}. */
    public double logDensity(int n, int k) {
        return states.logDensity(n, k);
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

    /** The stored steps after {@code burnIn} as draws with one chain per walker: {@code [W, N − burnIn, D]}. */
    public Draws draws(int burnIn) {
        return states.draws(burnIn);
    }
}

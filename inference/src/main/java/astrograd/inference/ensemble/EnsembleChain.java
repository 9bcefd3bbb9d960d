package astrograd.inference.ensemble;

import astrograd.inference.Draws;
import astrograd.tensor.Tensor;
import java.util.List;

/**
 * The run of one ensemble: stored positions {@code [N, W, D]} in constrained space (every {@code thin}-th step),
 * their log-densities {@code [N, W]} in the sampling space, each walker's acceptance, and counters.
 */
public final class EnsembleChain {
    private final double[] positions;
    private final double[] logDensity;
    private final int stored;
    private final int walkers;
    private final List<String> names;
    private final long[] accepted;
    private final int steps;
    private final long nonFinite;
    private final long evaluations;
    private final Tensor last;

    EnsembleChain(double[] positions, double[] logDensity, int stored, int walkers, List<String> names,
            long[] accepted, int steps, long nonFinite, long evaluations, Tensor last) {
        this.positions = positions;
        this.logDensity = logDensity;
        this.stored = stored;
        this.walkers = walkers;
        this.names = names;
        this.accepted = accepted;
        this.steps = steps;
        this.nonFinite = nonFinite;
        this.evaluations = evaluations;
        this.last = last;
    }

    /** Stored steps N. */
    public int stored() {
        return stored;
    }

    /** Steps taken (stored ones times the thinning). */
    public int steps() {
        return steps;
    }

    public int walkers() {
        return walkers;
    }

    public int dim() {
        return names.size();
    }

    public List<String> names() {
        return names;
    }

    /** Position of walker {@code k} at stored step {@code n}, parameter {@code d}. */
    public double position(int n, int k, int d) {
        return positions[(n * walkers + k) * dim() + d];
    }

    /** Log-density (sampling space) of walker {@code k} at stored step {@code n}. */
    public double logDensity(int n, int k) {
        return logDensity[n * walkers + k];
    }

    /** Parameter {@code d} as one series per walker, {@code [W][N]} (the input of the autocorrelation time). */
    public double[][] walkerSeries(int d) {
        double[][] out = new double[walkers][stored];
        for (int n = 0; n < stored; n++) {
            for (int k = 0; k < walkers; k++) {
                out[k][n] = position(n, k, d);
            }
        }
        return out;
    }

    /** Accepted proposals over steps, per walker. */
    public double[] acceptanceFraction() {
        double[] f = new double[walkers];
        for (int k = 0; k < walkers; k++) {
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
        if (burnIn < 0 || burnIn >= stored) {
            throw new IllegalArgumentException("ensemble: burn-in " + burnIn + " leaves no draw of " + stored);
        }
        int kept = stored - burnIn;
        int d = dim();
        double[] out = new double[walkers * kept * d];
        for (int k = 0; k < walkers; k++) {
            for (int n = 0; n < kept; n++) {
                System.arraycopy(positions, ((n + burnIn) * walkers + k) * d, out, (k * kept + n) * d, d);
            }
        }
        return new Draws(out, walkers, kept, names);
    }
}

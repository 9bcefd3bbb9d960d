package astrograd.inference;

import java.util.List;

/**
 * The states a population sampler stored (every {@code thin}-th step): positions {@code [N, C, D]} in constrained
 * space and their log-densities {@code [N, C]} in the sampling space, for {@code C} chains (or walkers). The base of
 * a DEMC result and of an ensemble's chain. Immutable.
 */
public abstract class StoredStates {
    private final String sampler;
    private final double[] positions;
    private final double[] logDensity;
    private final int stored;
    private final int chains;
    private final List<String> names;

    /**
     * @param sampler    the name that starts error messages (e.g. {@code demc})
     * @param positions  {@code stored · chains · D} numbers, {@code positions[(n·chains + c)·D + d]} (not copied)
     * @param logDensity {@code stored · chains} numbers, {@code logDensity[n·chains + c]} (not copied)
     */
    protected StoredStates(String sampler, double[] positions, double[] logDensity, int stored, int chains,
            List<String> names) {
        this.sampler = sampler;
        this.positions = positions;
        this.logDensity = logDensity;
        this.stored = stored;
        this.chains = chains;
        this.names = List.copyOf(names);
    }

    /** Stored steps (generations) N. */
    public final int stored() {
        return stored;
    }

    /** Chains (walkers) C. */
    public final int chains() {
        return chains;
    }

    public final int dim() {
        return names.size();
    }

    public final List<String> names() {
        return names;
    }

    /** State of chain {@code c} at stored step {@code n}, parameter {@code d} (constrained space). */
    public final double position(int n, int c, int d) {
        return positions[(n * chains + c) * dim() + d];
    }

    /** Log-density (sampling space) of chain {@code c} at stored step {@code n}. */
    public final double logDensity(int n, int c) {
        return logDensity[n * chains + c];
    }

    /** The stored steps after {@code burnIn} as draws {@code [C, N − burnIn, D]}, one chain of draws per chain. */
    public final Draws draws(int burnIn) {
        if (burnIn < 0 || burnIn >= stored) {
            throw new IllegalArgumentException(sampler + ": burn-in " + burnIn + " leaves no draw of " + stored);
        }
        int kept = stored - burnIn;
        int d = dim();
        double[] out = new double[chains * kept * d];
        for (int c = 0; c < chains; c++) {
            for (int n = 0; n < kept; n++) {
                System.arraycopy(positions, ((n + burnIn) * chains + c) * d, out, (c * kept + n) * d, d);
            }
        }
        return new Draws(out, chains, kept, names);
    }
}

package astrograd.inference.ensemble;

import astrograd.tensor.Rng;

/**
 * A proposal for the active half of an ensemble, made against the other (complementary) half, which stays frozen
 * during the half-step. The sampler accepts walker k's proposal {@code yₖ} with probability
 * {@code min(1, exp(logFactor[k] + log p(yₖ) − log p(xₖ)))}.
 */
public interface Move {

    /**
     * Proposals for every active walker.
     *
     * @param active     positions of the walkers to move, {@code [n][D]} (not modified)
     * @param complement positions of the other half, {@code [m][D]} (not modified)
     * @param rng        the ensemble's stream
     */
    Proposal propose(double[][] active, double[][] complement, Rng rng);

    /** The smallest complement this move can work against. */
    default int minComplement() {
        return 1;
    }

    /**
     * Proposed points and the log of each proposal's asymmetry factor.
     *
     * @param points    {@code [n][D]}
     * @param logFactor {@code [n]}: {@code (D − 1) log z} for the stretch move, 0 for symmetric moves
     */
    record Proposal(double[][] points, double[] logFactor) {
    }

    /** The stretch move with Goodman and Weare's {@code a = 2}. */
    static Move stretch() {
        return new StretchMove(2.0);
    }

    /** The stretch move with scale {@code a > 1}. */
    static Move stretch(double a) {
        return new StretchMove(a);
    }

    /** The differential-evolution move with {@code γ₀ = 2.38/√(2D)} and jitter {@code σ = 10⁻⁵}. */
    static Move differentialEvolution() {
        return new DifferentialEvolutionMove(Double.NaN, 1e-5);
    }

    /** A mixture: each half-step uses move i with probability {@code weights[i] / Σ weights}. */
    static Move mixture(double[] weights, Move... moves) {
        return new MoveMixture(weights, moves);
    }

    /** The walk move against the whole complement. */
    static Move walk() {
        return new WalkMove(0);
    }

    /** The walk move against {@code s >= 2} walkers of the complement drawn afresh for each walker. */
    static Move walk(int s) {
        return new WalkMove(s);
    }
}

package astrograd.inference.ensemble;

import astrograd.tensor.Rng;
import java.util.Arrays;
import java.util.List;

/**
 * A mixture of moves: each half-step uses move {@code i} with probability {@code wᵢ / Σ w} (a mixture of
 * kernels that each leave the target invariant leaves it invariant).
 */
public final class MoveMixture implements Move {
    private final List<Move> moves;
    private final double[] cumulative;

    /**
     * @param weights non-negative, finite, not all zero, one per move
     * @param moves   the moves
     */
    public MoveMixture(double[] weights, Move... moves) {
        if (moves.length == 0 || weights.length != moves.length) {
            throw new IllegalArgumentException("move mixture: need one weight per move, got " + weights.length
                    + " weights for " + moves.length + " moves");
        }
        double total = 0;
        cumulative = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0 && Double.isFinite(weights[i]))) {
                throw new IllegalArgumentException("move mixture: weights must be finite and >= 0, got "
                        + Arrays.toString(weights));
            }
            total += weights[i];
            cumulative[i] = total;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("move mixture: the weights sum to 0");
        }
        for (int i = 0; i < weights.length; i++) {
            cumulative[i] /= total;
        }
        this.moves = List.of(moves);
    }

    @Override
    public Proposal propose(double[][] active, double[][] complement, Rng rng) {
        double u = rng.nextDouble();
        int i = 0;
        while (i < cumulative.length - 1 && u >= cumulative[i]) {
            i++;
        }
        return moves.get(i).propose(active, complement, rng);
    }

    @Override
    public int minComplement() {
        int m = 1;
        for (int i = 0; i < moves.size(); i++) {
            double w = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
            m = w > 0 ? Math.max(m, moves.get(i).minComplement()) : m;
        }
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("mixture(");
        for (int i = 0; i < moves.size(); i++) {
            double w = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
            sb.append(i == 0 ? "" : ", ").append(String.format("%.3g", w)).append(" ").append(moves.get(i));
        }
        return sb.append(")").toString();
    }
}

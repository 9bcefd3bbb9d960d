package astrograd.inference.ensemble;

import astrograd.tensor.Rng;

/**
 * The differential-evolution move (ter Braak 2006, as emcee's {@code DEMove}): for active walker {@code x} pick two
 * distinct walkers {@code c₁ ≠ c₂} of the complement and propose {@code y = x + γ (c₁ − c₂)} with
 * {@code γ = γ₀ (1 + σ ε)}, {@code ε ~ N(0, 1)}; symmetric, so the log factor is 0. By default
 * {@code γ₀ = 2.38/√(2D)}.
 */
final class DifferentialEvolutionMove implements Move {
    private final double gamma0;
    private final double sigma;

    /** @param gamma0 the scale, or NaN for 2.38/√(2D) */
    DifferentialEvolutionMove(double gamma0, double sigma) {
        if (!(Double.isNaN(gamma0) || gamma0 > 0 && Double.isFinite(gamma0))) {
            throw new IllegalArgumentException("differential-evolution move: gamma0 must be > 0, got " + gamma0);
        }
        if (!(sigma >= 0 && Double.isFinite(sigma))) {
            throw new IllegalArgumentException("differential-evolution move: sigma must be >= 0, got " + sigma);
        }
        this.gamma0 = gamma0;
        this.sigma = sigma;
    }

    @Override
    public Proposal propose(double[][] active, double[][] complement, Rng rng) {
        int n = active.length;
        int d = active[0].length;
        int m = complement.length;
        double g0 = Double.isNaN(gamma0) ? 2.38 / Math.sqrt(2.0 * d) : gamma0;
        double[][] y = new double[n][d];
        for (int k = 0; k < n; k++) {
            int j1 = rng.nextInt(m);
            int j2 = rng.nextInt(m - 1);
            j2 = j2 >= j1 ? j2 + 1 : j2;
            double gamma = g0 * (1 + sigma * rng.nextGaussian());
            for (int i = 0; i < d; i++) {
                y[k][i] = active[k][i] + gamma * (complement[j1][i] - complement[j2][i]);
            }
        }
        return new Proposal(y, new double[n]);
    }

    @Override
    public int minComplement() {
        return 2;
    }

    @Override
    public String toString() {
        return "differentialEvolution(gamma0=" + (Double.isNaN(gamma0) ? "2.38/sqrt(2D)" : gamma0) + ", sigma="
                + sigma + ")";
    }
}

package astrograd.inference.ensemble;

import astrograd.tensor.Rng;

/**
 * Goodman and Weare's walk move: for active walker {@code x} take {@code s} distinct walkers {@code S} of the
 * complement (all of it when {@code s = 0}), their mean {@code x̄_S}, and propose
 * {@code y = x + Σ_{j∈S} εⱼ (xⱼ − x̄_S)/√(s − 1)}, {@code εⱼ ~ N(0, 1)}: a normal step whose covariance is the
 * sample covariance of {@code S} (as emcee's {@code WalkMove}); symmetric, so the log factor is 0.
 */
final class WalkMove implements Move {
    private final int s;

    WalkMove(int s) {
        if (s != 0 && s < 2) {
            throw new IllegalArgumentException("walk move: subset size must be >= 2 (or 0 for the whole complement), got "
                    + s);
        }
        this.s = s;
    }

    @Override
    public Proposal propose(double[][] active, double[][] complement, Rng rng) {
        int n = active.length;
        int d = active[0].length;
        int m = complement.length;
        int size = s == 0 ? m : s;
        if (size > m) {
            throw new IllegalArgumentException("walk move: subset of " + size + " walkers but the complement has " + m);
        }
        int[] order = new int[m];
        double[] mean = new double[d];
        double[][] y = new double[n][d];
        double norm = 1 / Math.sqrt(size - 1.0);
        boolean whole = size == m; // the same subset, in the same order, for every walker: one mean
        if (whole) {
            subsetMean(complement, order, size, rng, mean);
        }
        for (int k = 0; k < n; k++) {
            if (!whole) {
                subsetMean(complement, order, size, rng, mean);
            }
            System.arraycopy(active[k], 0, y[k], 0, d);
            for (int t = 0; t < size; t++) {
                double e = rng.nextGaussian() * norm;
                for (int i = 0; i < d; i++) {
                    y[k][i] += e * (complement[order[t]][i] - mean[i]);
                }
            }
        }
        return new Proposal(y, new double[n]);
    }

    /** Chooses the subset into {@code order} and writes the mean of its walkers into {@code mean}. */
    private static void subsetMean(double[][] complement, int[] order, int size, Rng rng, double[] mean) {
        chooseSubset(order, size, rng);
        java.util.Arrays.fill(mean, 0);
        for (int t = 0; t < size; t++) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += complement[order[t]][i] / size;
            }
        }
    }

    /** The first {@code size} entries of {@code order} become a uniform random subset of [0, m) (partial Fisher–Yates). */
    private static void chooseSubset(int[] order, int size, Rng rng) {
        int m = order.length;
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        if (size == m) {
            return;
        }
        for (int t = 0; t < size; t++) {
            int j = t + rng.nextInt(m - t);
            int tmp = order[t];
            order[t] = order[j];
            order[j] = tmp;
        }
    }

    @Override
    public int minComplement() {
        return Math.max(2, s);
    }

    @Override
    public String toString() {
        return "walk(s=" + (s == 0 ? "all" : s) + ")";
    }
}

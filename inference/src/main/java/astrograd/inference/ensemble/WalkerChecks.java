package astrograd.inference.ensemble;

import astrograd.inference.stats.SymmetricEigen;

/** Checks on an ensemble's starting positions. */
final class WalkerChecks {
    /** Above this condition number of the centred, column-scaled positions the walkers are taken as degenerate. */
    static final double MAX_CONDITION = 1e8;

    private WalkerChecks() {
    }

    /**
     * Refuses walkers that do not span all D directions: an affine-invariant move never leaves the affine hull of
     * its walkers. With {@code X} the positions centred on their mean and each column scaled by its largest
     * magnitude, the walkers are degenerate when a column is constant or {@code cond(X) = √(λmax/λmin)} of
     * {@code XᵀX} exceeds 10⁸.
     */
    static void checkSpan(double[][] x) {
        int w = x.length;
        int d = x[0].length;
        double[][] c = new double[w][d];
        for (int i = 0; i < d; i++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[i] / w;
            }
            double max = 0;
            for (int k = 0; k < w; k++) {
                c[k][i] = x[k][i] - mean;
                max = Math.max(max, Math.abs(c[k][i]));
            }
            if (max == 0) {
                throw new IllegalArgumentException("ensemble: all walkers start with the same value of parameter " + i
                        + ": spread them (an ensemble cannot leave the subspace its walkers span)");
            }
            for (int k = 0; k < w; k++) {
                c[k][i] /= max;
            }
        }
        double[][] gram = new double[d][d];
        for (double[] row : c) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    gram[i][j] += row[i] * row[j];
                }
            }
        }
        double[] ev = SymmetricEigen.eigenvalues(gram);
        double cond = ev[0] <= 0 ? Double.POSITIVE_INFINITY : Math.sqrt(ev[d - 1] / ev[0]);
        if (!(cond <= MAX_CONDITION)) {
            throw new IllegalArgumentException(String.format("ensemble: the %d walkers lie in a degenerate subspace "
                    + "(condition number %.3g > %.0e): spread them in all %d dimensions", w, cond, MAX_CONDITION, d));
        }
    }
}

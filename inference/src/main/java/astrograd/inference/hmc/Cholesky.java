package astrograd.inference.hmc;

/** The Cholesky factor of a small symmetric positive definite matrix, and the triangular solve the metric needs. */
final class Cholesky {
    private Cholesky() {
    }

    /**
     * The lower-triangular {@code L} with {@code A = L Lᵀ} (Cholesky–Banachiewicz, row by row; only the lower
     * triangle of {@code a} is read). {@code a} is not modified.
     *
     * @throws IllegalArgumentException when {@code a} is not (numerically) positive definite or holds a non-finite
     */
    static double[][] lower(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        throw new IllegalArgumentException("cholesky: matrix is not positive definite (pivot " + i
                                + " is " + s + ")");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** Solves {@code Lᵀ x = b} in place ({@code b} becomes x) by back substitution; {@code l} is not modified. */
    static void solveUpper(double[][] l, double[] b) {
        int n = b.length;
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * b[k];
            }
            b[i] = s / l[i][i];
        }
    }
}

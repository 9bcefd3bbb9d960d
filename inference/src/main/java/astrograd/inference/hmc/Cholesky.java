package astrograd.inference.hmc;

import astrograd.tensor.Linalg;
import astrograd.tensor.NotPositiveDefiniteException;
import astrograd.tensor.Tensor;

/** The Cholesky factor of a small symmetric positive definite matrix, and the triangular solve the metric needs. */
final class Cholesky {
    private Cholesky() {
    }

    /**
     * The lower-triangular {@code L} with {@code A = L Lᵀ}, by the engine's {@link Linalg#cholesky} in float64 (only
     * the lower triangle of {@code a} is read). {@code a} is not modified.
     *
     * @throws IllegalArgumentException when {@code a} is not (numerically) positive definite or holds a non-finite
     */
    static double[][] lower(double[][] a) {
        int n = a.length;
        double[] flat = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException("cholesky: matrix is not positive definite (entry [" + i + ", "
                            + j + "] is " + a[i][j] + ")");
                }
                flat[i * n + j] = a[i][j];
                flat[j * n + i] = a[i][j];
            }
        }
        double[] l;
        try {
            l = Linalg.cholesky(Tensor.of(flat, n, n)).toDoubleArray();
        } catch (NotPositiveDefiniteException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(l, i * n, i * n + n);
        }
        return rows;
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

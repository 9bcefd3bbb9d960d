package astrograd.inference.flows;

/** Small dense symmetric-matrix routines in float64 (D ≤ ~20) for the analytic Gaussian-mixture algebra. */
final class Dense {
    private Dense() {
    }

    /**
     * Lower Cholesky factor of a symmetric positive-definite matrix.
     *
     * @throws IllegalArgumentException naming {@code what} and the pivot when it is not positive definite
     */
    static double[][] cholesky(double[][] a, String what) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException(what + ": matrix is not positive definite (pivot " + i
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

    /** {@code log|A| = 2 Σ log L_ii}. */
    static double logDetFromCholesky(double[][] l) {
        double s = 0;
        for (int i = 0; i < l.length; i++) {
            s += 2 * Math.log(l[i][i]);
        }
        return s;
    }

    /** {@code A⁻¹ b} for {@code A = L Lᵀ}. */
    static double[] choleskySolve(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** {@code (L Lᵀ)⁻¹}. */
    static double[][] inverseFromCholesky(double[][] l) {
        int n = l.length;
        double[][] inv = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            double[] col = choleskySolve(l, e);
            for (int i = 0; i < n; i++) {
                inv[i][j] = col[i];
            }
        }
        return inv;
    }

    /** The lower Cholesky factor of {@code Σ = P⁻¹} given the lower Cholesky factor of P. */
    static double[][] covarianceCholeskyFromPrecisionCholesky(double[][] precisionCholesky) {
        return cholesky(inverseFromCholesky(precisionCholesky), "covariance");
    }

    /** {@code rᵀ A r}. */
    static double quadratic(double[][] a, double[] r) {
        double s = 0;
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < r.length; j++) {
                s += r[i] * a[i][j] * r[j];
            }
        }
        return s;
    }
}

package astrograd.inference.hmc;

/**
 * Running mean and (co)variance by Welford's update: with {@code δ = x − m_{n−1}}, {@code m_n = m_{n−1} + δ/n} and
 * {@code S_n = S_{n−1} + (x − m_n) δᵀ}; the sample (co)variance is {@code S_n/(n − 1)}. Keeps only the diagonal
 * of S unless {@code dense}.
 */
final class WelfordEstimator {
    private final boolean dense;
    private final double[] mean;
    private final double[] diag;
    private final double[][] full;
    private final double[] delta;
    private int n;

    WelfordEstimator(int dim, boolean dense) {
        this.dense = dense;
        this.mean = new double[dim];
        this.diag = new double[dim];
        this.full = dense ? new double[dim][dim] : null;
        this.delta = new double[dim];
    }

    int count() {
        return n;
    }

    /** {@code n}, the mean and S (its diagonal, or all of it row by row when dense), for a checkpoint. */
    double[] state() {
        int d = mean.length;
        double[] s = new double[1 + d + (dense ? d * d : d)];
        s[0] = n;
        System.arraycopy(mean, 0, s, 1, d);
        for (int i = 0; i < d; i++) {
            if (dense) {
                System.arraycopy(full[i], 0, s, 1 + d + i * d, d);
            } else {
                s[1 + d + i] = diag[i];
            }
        }
        return s;
    }

    /** Restores {@link #state()}. */
    void restore(double[] s) {
        int d = mean.length;
        n = (int) s[0];
        System.arraycopy(s, 1, mean, 0, d);
        for (int i = 0; i < d; i++) {
            if (dense) {
                System.arraycopy(s, 1 + d + i * d, full[i], 0, d);
            } else {
                diag[i] = s[1 + d + i];
            }
        }
    }

    /** The length of {@link #state()} for dimension {@code d}. */
    static int stateLength(int d, boolean dense) {
        return 1 + d + (dense ? d * d : d);
    }

    void restart() {
        n = 0;
        java.util.Arrays.fill(mean, 0);
        java.util.Arrays.fill(diag, 0);
        if (dense) {
            for (double[] row : full) {
                java.util.Arrays.fill(row, 0);
            }
        }
    }

    void add(double[] x) {
        n++;
        int d = x.length;
        for (int i = 0; i < d; i++) {
            delta[i] = x[i] - mean[i];
            mean[i] += delta[i] / n;
        }
        for (int i = 0; i < d; i++) {
            double after = x[i] - mean[i];
            if (dense) {
                for (int j = 0; j < d; j++) {
                    full[i][j] += after * delta[j];
                }
            } else {
                diag[i] += after * delta[i];
            }
        }
    }

    /** The sample variances {@code S_ii/(n − 1)} (n >= 2). */
    double[] variance() {
        double[] v = new double[diag.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (dense ? full[i][i] : diag[i]) / (n - 1);
        }
        return v;
    }

    /** The sample covariance {@code S/(n − 1)}, symmetrized (dense only, n >= 2). */
    double[][] covariance() {
        int d = mean.length;
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                c[i][j] = 0.5 * (full[i][j] + full[j][i]) / (n - 1);
            }
        }
        return c;
    }
}

package astrograd.inference.stats;

/** Eigenvalues of small symmetric matrices by cyclic Jacobi rotations. */
public final class SymmetricEigen {
    private SymmetricEigen() {
    }

    /**
     * The eigenvalues (ascending) of the symmetric matrix {@code a} (not modified): Jacobi sweeps zero each
     * off-diagonal {@code a_pq} by a rotation with {@code tan 2φ = 2a_pq/(a_qq − a_pp)} until the off-diagonal
     * sum of squares is below {@code 10⁻³⁰} of the total.
     */
    public static double[] eigenvalues(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("eigenvalues: matrix is not square");
            }
            m[i] = a[i].clone();
        }
        for (int sweep = 0; sweep < 100 && offDiagonal(m) > 1e-30 * frobenius(m); sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(m, p, q);
                }
            }
        }
        double[] ev = new double[n];
        for (int i = 0; i < n; i++) {
            ev[i] = m[i][i];
        }
        java.util.Arrays.sort(ev);
        return ev;
    }

    private static void rotate(double[][] m, int p, int q) {
        if (m[p][q] == 0) {
            return;
        }
        double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        t = theta == 0 ? 1 : t;
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = m.length;
        for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
    }

    private static double offDiagonal(double[][] m) {
        double s = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                s += i == j ? 0 : m[i][j] * m[i][j];
            }
        }
        return s;
    }

    private static double frobenius(double[][] m) {
        double s = 0;
        for (double[] row : m) {
            for (double v : row) {
                s += v * v;
            }
        }
        return s;
    }
}

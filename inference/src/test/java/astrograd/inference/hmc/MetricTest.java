package astrograd.inference.hmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

/** Metrics, their Cholesky factor, Welford estimates, and the regularized adaptation. */
class MetricTest {
    private static final double[][] SIGMA = {{4.0, 1.2, -0.5}, {1.2, 1.0, 0.1}, {-0.5, 0.1, 0.5}};

    @Test
    void choleskyReconstructsAndRejectsIndefinite() {
        double[][] l = Cholesky.lower(SIGMA);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += l[i][k] * l[j][k];
                }
                assertEquals(SIGMA[i][j], s, 1e-14);
                if (j > i) {
                    assertEquals(0, l[i][j]);
                }
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metric.dense(new double[][] {{1, 2}, {2, 1}}));
        assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metric.diagonal(new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> Metric.dense(new double[][] {{1, 0}}));
    }

    @Test
    void denseMomentaHaveCovarianceTheInverseOfSigma() {
        Metric m = Metric.dense(SIGMA);
        double[][] precision = inverse3(SIGMA);
        Rng rng = new Rng(3);
        int n = 40000;
        double[][] s = new double[3][3];
        double[] p = new double[3];
        double kinetic = 0;
        for (int k = 0; k < n; k++) {
            m.sampleMomentum(rng, p);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    s[i][j] += p[i] * p[j] / n;
                }
            }
            kinetic += m.kineticEnergy(p) / n;
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double tol = 0.03 * Math.sqrt(precision[i][i] * precision[j][j]);
                assertEquals(precision[i][j], s[i][j], tol, "Cov(p)[" + i + "][" + j + "]");
            }
        }
        assertEquals(1.5, kinetic, 0.03, "E K(p) = D/2");
    }

    @Test
    void kineticEnergyAndVelocityAgree() {
        Metric m = Metric.dense(SIGMA);
        double[] p = {0.3, -1.2, 2.0};
        double[] v = new double[3];
        m.velocity(p, v);
        double pv = 0;
        for (int i = 0; i < 3; i++) {
            pv += p[i] * v[i];
        }
        assertEquals(0.5 * pv, m.kineticEnergy(p), 1e-14);
        Metric d = Metric.diagonal(new double[] {2, 3, 4});
        d.velocity(p, v);
        assertEquals(0.6, v[0], 1e-15);
        assertEquals(0.5 * (2 * 0.09 + 3 * 1.44 + 4 * 4), d.kineticEnergy(p), 1e-14);
        assertEquals(4, d.inverseMetric()[2][2]);
    }

    @Test
    void welfordMatchesTwoPass() {
        Rng rng = new Rng(5);
        int n = 57;
        double[][] x = new double[n][3];
        WelfordEstimator diag = new WelfordEstimator(3, false);
        WelfordEstimator dense = new WelfordEstimator(3, true);
        for (double[] row : x) {
            for (int i = 0; i < 3; i++) {
                row[i] = 100 + (i + 1) * rng.nextGaussian() + (i == 2 ? row[0] : 0);
            }
            diag.add(row);
            dense.add(row);
        }
        double[] mean = new double[3];
        for (double[] row : x) {
            for (int i = 0; i < 3; i++) {
                mean[i] += row[i] / n;
            }
        }
        double[][] cov = dense.covariance();
        double[] var = diag.variance();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double c = 0;
                for (double[] row : x) {
                    c += (row[i] - mean[i]) * (row[j] - mean[j]) / (n - 1);
                }
                assertEquals(c, cov[i][j], 1e-10);
                if (i == j) {
                    assertEquals(c, var[i], 1e-10);
                }
            }
        }
        diag.restart();
        assertEquals(0, diag.count());
    }

    @Test
    void adaptationRegularizesAsStan() {
        // 25 draws in the first slow window of a 1000-iteration warm-up (iterations 75..99)
        MetricAdaptation a = new MetricAdaptation(MetricKind.DIAGONAL, 2,
                new AdaptationWindows(1000, 75, 50, 25));
        WelfordEstimator check = new WelfordEstimator(2, false);
        Rng rng = new Rng(9);
        Metric updated = null;
        for (int it = 0; it < 100; it++) {
            double[] q = {3 * rng.nextGaussian(), 0.01 * rng.nextGaussian()};
            if (it >= 75) {
                check.add(q);
            }
            Metric m = a.learn(q);
            if (it < 99) {
                assertEquals(null, m, "no update before the window ends, iteration " + it);
            } else {
                updated = m;
            }
        }
        double[] v = check.variance();
        double[][] inv = updated.inverseMetric();
        for (int i = 0; i < 2; i++) {
            assertEquals(25.0 / 30 * v[i] + 1e-3 * 5.0 / 30, inv[i][i], 1e-15);
        }
    }

    private static double[][] inverse3(double[][] a) {
        double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
                - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
        double[][] inv = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int r0 = (j + 1) % 3;
                int r1 = (j + 2) % 3;
                int c0 = (i + 1) % 3;
                int c1 = (i + 2) % 3;
                inv[i][j] = (a[r0][c0] * a[r1][c1] - a[r0][c1] * a[r1][c0]) / det;
            }
        }
        return inv;
    }
}

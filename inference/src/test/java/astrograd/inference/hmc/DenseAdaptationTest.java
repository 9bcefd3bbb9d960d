package astrograd.inference.hmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.Draws;
import astrograd.inference.diagnostics.Convergence;
import astrograd.tensor.Rng;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Dense metric adaptation on the spec's correlated 5-D Gaussian {@code Σ = R diag(1, 2, 5, 10, 100) Rᵀ} (R a
 * fixed random rotation): the draws recover Σ within {@code 0.1 √(Σᵢᵢ Σⱼⱼ)} and the adapted metric is close to Σ.
 */
class DenseAdaptationTest {
    private static final double[] EIGENVALUES = {1, 2, 5, 10, 100};

    @Test
    void staticHmcRecoversTheCovariance() {
        double[][] sigma = covariance();
        HmcResult r = HmcSampler.staticHmc(Targets.gaussianWithPrecision(inverse(sigma)), 1.5)
                .metric(MetricKind.DENSE).stepSizeJitter(0.1).warmup(1000).draws(1000).build().run(4, new Rng(55));
        check("static HMC", r, sigma);
    }

    @Test
    void nutsRecoversTheCovariance() {
        double[][] sigma = covariance();
        HmcResult r = HmcSampler.nuts(Targets.gaussianWithPrecision(inverse(sigma))).metric(MetricKind.DENSE)
                .warmup(1000).draws(1000).build().run(4, new Rng(56));
        check("NUTS", r, sigma);
    }

    private static void check(String name, HmcResult r, double[][] sigma) {
        Draws d = r.draws();
        double[] mean = new double[5];
        for (int i = 0; i < 5; i++) {
            mean[i] = NutsBehaviourTest.mean(d.flat(i));
            double mcse = Convergence.mcseMean(d.parameter(i));
            assertEquals(0, mean[i], 4 * mcse, name + ": mean " + i);
            assertTrue(Convergence.rhat(d.parameter(i)) < 1.01, name + ": R-hat " + i);
        }
        double worst = 0;
        double worstMetric = 0;
        double[][] metric = r.chain(0).metric().inverseMetric();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                double[] xi = d.flat(i);
                double[] xj = d.flat(j);
                double c = 0;
                for (int k = 0; k < xi.length; k++) {
                    c += (xi[k] - mean[i]) * (xj[k] - mean[j]) / (xi.length - 1);
                }
                double scale = Math.sqrt(sigma[i][i] * sigma[j][j]);
                worst = Math.max(worst, Math.abs(c - sigma[i][j]) / scale);
                worstMetric = Math.max(worstMetric, Math.abs(metric[i][j] - sigma[i][j]) / scale);
            }
        }
        assertTrue(worst < 0.1, name + ": covariance off by " + worst + " √(Σii Σjj)");
        assertTrue(worstMetric < 0.25, name + ": adapted metric off by " + worstMetric + " √(Σii Σjj)");
        assertEquals(0, r.divergences());
        System.out.printf(Locale.ROOT, "%s, dense metric, correlated 5-D: covariance within %.3f √(Σii Σjj), metric"
                + " within %.3f, accept %.3f, step size %.3f, %d gradients%n", name, worst, worstMetric,
                r.meanAcceptStat(), r.chain(0).stepSize(), r.gradientEvaluations());
    }

    /** {@code R diag(λ) Rᵀ} with R from Gram–Schmidt on a fixed Gaussian matrix. */
    static double[][] covariance() {
        Rng rng = new Rng(1234);
        double[][] q = new double[5][5];
        for (int c = 0; c < 5; c++) {
            for (int i = 0; i < 5; i++) {
                q[c][i] = rng.nextGaussian();
            }
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int i = 0; i < 5; i++) {
                    dot += q[c][i] * q[p][i];
                }
                for (int i = 0; i < 5; i++) {
                    q[c][i] -= dot * q[p][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < 5; i++) {
                norm += q[c][i] * q[c][i];
            }
            for (int i = 0; i < 5; i++) {
                q[c][i] /= Math.sqrt(norm);
            }
        }
        double[][] s = new double[5][5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                for (int k = 0; k < 5; k++) {
                    s[i][j] += q[k][i] * EIGENVALUES[k] * q[k][j];
                }
            }
        }
        return s;
    }

    /** The inverse of a symmetric positive definite matrix through its Cholesky factor. */
    static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] l = Cholesky.lower(a);
        double[][] inv = new double[n][n];
        for (int c = 0; c < n; c++) {
            double[] e = new double[n];
            e[c] = 1;
            for (int i = 0; i < n; i++) {
                double s = e[i];
                for (int k = 0; k < i; k++) {
                    s -= l[i][k] * e[k];
                }
                e[i] = s / l[i][i];
            }
            Cholesky.solveUpper(l, e);
            for (int i = 0; i < n; i++) {
                inv[i][c] = e[i];
            }
        }
        return inv;
    }
}

package astrograd.astro.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.inference.model.Space;
import org.junit.jupiter.api.Test;

/** Each built-in log-density against its formula written out by hand (up to the same constant). */
class BuiltinModelsTest {
    private static double lp(BuiltinModel m, double... point) {
        return m.model().evaluate(new double[][] {point}, Space.CONSTRAINED).logDensity()[0];
    }

    @Test
    void gaussianPrecisionInvertsTheCovariance() {
        int d = 4;
        double rho = 0.7;
        BuiltinModel m = BuiltinModels.gaussian(d, rho);
        double[] s = BuiltinModels.gaussianScales(d);
        // log p(e_i + e_j) - log p(e_i) - log p(e_j) = -P_ij, and -2 log p(e_i) = P_ii
        double[][] p = new double[d][d];
        for (int i = 0; i < d; i++) {
            double[] ei = new double[d];
            ei[i] = 1;
            p[i][i] = -2 * lp(m, ei);
            for (int j = 0; j < i; j++) {
                double[] eij = new double[d];
                eij[i] = 1;
                eij[j] = 1;
                double[] ej = new double[d];
                ej[j] = 1;
                p[i][j] = -(lp(m, eij) - lp(m, ei) - lp(m, ej));
                p[j][i] = p[i][j];
            }
        }
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    sum += p[i][j] * s[j] * s[k] * Math.pow(rho, Math.abs(j - k));
                }
                assertEquals(i == k ? 1 : 0, sum, 1e-9, "(P Sigma)_" + i + k);
            }
        }
    }

    @Test
    void rosenbrockFunnelAndSchools() {
        assertEquals(-(100 * Math.pow(0.5 - 0.09, 2) + 0.49) / 20, lp(BuiltinModels.rosenbrock(2), 0.3, 0.5), 1e-12);
        double v = 0.8;
        double expected = -v * v / 18 - (0.25 + 1.0) * Math.exp(-v) / 2 - v;
        assertEquals(expected, lp(BuiltinModels.funnel(3), v, 0.5, -1.0), 1e-12);
        double[] point = {2, 3, 1, -1, 0.5, 0, 2, -2, 1, 0.3};
        double mu = 2;
        double tau = 3;
        double prior = -0.5 * mu * mu / 25 - Math.log(5) - 0.5 * Math.log(2 * Math.PI) + Math.log(2 / (Math.PI * 5))
                - Math.log(1 + tau * tau / 25);
        double nonCentered = prior;
        double centered = prior;
        for (int j = 0; j < 8; j++) {
            double eta = point[2 + j];
            double theta = mu + tau * eta;
            double y = BuiltinModels.SCHOOL_Y[j];
            double sd = BuiltinModels.SCHOOL_SIGMA[j];
            nonCentered += -0.5 * eta * eta - 0.5 * Math.log(2 * Math.PI) - 0.5 * Math.pow((y - theta) / sd, 2);
            double thetaC = point[2 + j];
            centered += -0.5 * Math.pow((thetaC - mu) / tau, 2) - Math.log(tau) - 0.5 * Math.pow((y - thetaC) / sd, 2);
        }
        assertEquals(nonCentered, lp(BuiltinModels.eightSchools(10, false), point), 1e-9);
        assertEquals(centered, lp(BuiltinModels.eightSchools(10, true), point), 1e-9);
    }

    @Test
    void unknownNamesAndImpossibleDimensionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BuiltinModels.of("galaxy", 0, 0.9, false));
        assertThrows(IllegalArgumentException.class, () -> BuiltinModels.of("rosenbrock", 3, 0.9, false));
        assertThrows(IllegalArgumentException.class, () -> BuiltinModels.of("funnel", 1, 0.9, false));
        assertThrows(IllegalArgumentException.class, () -> BuiltinModels.of("gaussian", 3, 1.0, false));
        assertEquals(10, BuiltinModels.of("funnel", 0, 0.9, false).dim());
    }
}

package astrograd.inference.hmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

/** The integrator: reversibility, second-order energy error, and gradients through the model. */
class LeapfrogTest {
    /** Precision of a 3-D Gaussian with correlations and scales 0.5 to 3. */
    private static final double[][] PRECISION = {{4.0, 1.0, 0.2}, {1.0, 1.5, 0.3}, {0.2, 0.3, 0.12}};
    private static final double[][] INVERSE_METRIC = {{0.4, -0.1, 0.0}, {-0.1, 1.0, 0.2}, {0.0, 0.2, 5.0}};

    private static Hamiltonian hamiltonian(Metric metric) {
        return new Hamiltonian(new ModelTarget(Targets.gaussianWithPrecision(PRECISION)), metric);
    }

    private static PhasePoint start(Hamiltonian h, Rng rng) {
        PhasePoint z = new PhasePoint(3);
        for (int i = 0; i < 3; i++) {
            z.q[i] = rng.nextGaussian();
        }
        h.evaluate(z);
        h.sampleMomentum(z, rng);
        return z;
    }

    @Test
    void gradientComesFromTheModel() {
        Hamiltonian h = hamiltonian(Metric.unit(3));
        PhasePoint z = new PhasePoint(3);
        z.q[0] = 0.5;
        z.q[1] = -1;
        z.q[2] = 2;
        h.evaluate(z);
        for (int i = 0; i < 3; i++) {
            double expected = 0;
            for (int j = 0; j < 3; j++) {
                expected -= PRECISION[i][j] * z.q[j];
            }
            assertEquals(expected, z.grad[i], 1e-12);
        }
    }

    @Test
    void reversibleUpToRoundingForBothMetrics() {
        for (Metric metric : new Metric[] {Metric.diagonal(new double[] {0.3, 1, 4}), Metric.dense(INVERSE_METRIC)}) {
            Hamiltonian h = hamiltonian(metric);
            PhasePoint z = start(h, new Rng(7));
            PhasePoint z0 = new PhasePoint(3);
            z0.set(z);
            for (int k = 0; k < 40; k++) {
                h.leapfrog(z, 0.1);
            }
            for (int k = 0; k < 40; k++) {
                h.leapfrog(z, -0.1);
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(z0.q[i], z.q[i], 1e-11, metric + " q" + i);
                assertEquals(z0.p[i], z.p[i], 1e-11, metric + " p" + i);
            }
            // and the classic form: negate the momentum, integrate forwards, negate again
            for (int k = 0; k < 40; k++) {
                h.leapfrog(z, 0.1);
            }
            for (int i = 0; i < 3; i++) {
                z.p[i] = -z.p[i];
            }
            for (int k = 0; k < 40; k++) {
                h.leapfrog(z, 0.1);
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(z0.q[i], z.q[i], 1e-11, metric + " q" + i);
                assertEquals(z0.p[i], -z.p[i], 1e-11, metric + " p" + i);
            }
        }
    }

    @Test
    void energyErrorIsSecondOrderAndBounded() {
        for (Metric metric : new Metric[] {Metric.unit(3), Metric.dense(INVERSE_METRIC)}) {
            double coarse = maxEnergyError(metric, 0.04, 100);
            double fine = maxEnergyError(metric, 0.02, 200);
            double ratio = coarse / fine;
            assertTrue(ratio > 3.5 && ratio < 4.5, metric + ": halving the step should quarter the energy error, ratio "
                    + ratio);
            assertTrue(coarse < 0.05, metric + ": energy error over the trajectory " + coarse);
        }
    }

    /** The largest |H − H₀| along {@code n} steps of {@code eps} (same total time for both step sizes). */
    private static double maxEnergyError(Metric metric, double eps, int n) {
        Hamiltonian h = hamiltonian(metric);
        PhasePoint z = start(h, new Rng(11));
        double h0 = h.energy(z);
        double worst = 0;
        for (int k = 0; k < n; k++) {
            h.leapfrog(z, eps);
            worst = Math.max(worst, Math.abs(h.energy(z) - h0));
        }
        return worst;
    }

    @Test
    void energyIsInfiniteOutsideTheSupport() {
        Hamiltonian h = new Hamiltonian(new ModelTarget(Targets.funnel(2)), Metric.unit(3));
        PhasePoint z = new PhasePoint(3);
        z.q[0] = -800; // e^{-v} overflows: the log-density is not finite
        h.evaluate(z);
        assertEquals(Double.NEGATIVE_INFINITY, z.logDensity);
        assertEquals(Double.POSITIVE_INFINITY, h.energy(z));
    }
}

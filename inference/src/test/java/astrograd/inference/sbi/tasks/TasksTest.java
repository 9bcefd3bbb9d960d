package astrograd.inference.sbi.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The benchmark tasks: the two-moons inversion sampler against its likelihood on a grid, SLCP's simulator against
 * its likelihood, gaussian_linear's analytic posterior against a conjugate update of simulated data.
 */
class TasksTest {
    @Test
    void twoMoonsReferenceMatchesTheGridPosterior() {
        TwoMoons task = new TwoMoons();
        Tensor xo = task.observation(1).x();
        double[] x = xo.toDoubleArray();
        Tensor draws = task.referencePosterior(xo, 40_000, new Rng(1));
        // grid posterior: p(x | θ) = N(ρ; 0.1, 0.01²) / (π ρ) at u = x + (|z0|, −z1) − (0.25, 0), u0 > 0
        int g = 801;
        double h = 2.0 / (g - 1);
        double mass = 0;
        double m0 = 0;
        double m1 = 0;
        double m01 = 0;
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                double t0 = -1 + i * h;
                double t1 = -1 + j * h;
                double z0 = (t0 + t1) / Math.sqrt(2);
                double z1 = (-t0 + t1) / Math.sqrt(2);
                double u0 = x[0] + Math.abs(z0) - 0.25;
                double u1 = x[1] - z1;
                double rho = Math.hypot(u0, u1);
                double p = u0 <= 0 ? 0 : Math.exp(-0.5 * Math.pow((rho - 0.1) / 0.01, 2)) / rho;
                mass += p;
                m0 += p * t0;
                m1 += p * t1;
                m01 += p * t0 * t1;
            }
        }
        double[] d = draws.toDoubleArray();
        double s0 = 0;
        double s1 = 0;
        double s01 = 0;
        int n = d.length / 2;
        for (int i = 0; i < n; i++) {
            s0 += d[2 * i];
            s1 += d[2 * i + 1];
            s01 += d[2 * i] * d[2 * i + 1];
        }
        assertEquals(m0 / mass, s0 / n, 0.01, "E[θ0]");
        assertEquals(m1 / mass, s1 / n, 0.01, "E[θ1]");
        assertEquals(m01 / mass, s01 / n, 0.01, "E[θ0 θ1]");
    }

    @Test
    void slcpSimulatorFollowsItsLikelihood() {
        Slcp task = new Slcp();
        Tensor theta = Tensor.of(new double[] {0.5, -1.0, 1.2, -0.8, 0.7}, 1, 5);
        int n = 20_000;
        Tensor x = task.simulator().simulate(theta.expand(n, 5).contiguous(), new Rng(2));
        double[] v = x.toDoubleArray();
        double s1 = 1.2 * 1.2;
        double s2 = 0.8 * 0.8;
        double rho = Math.tanh(0.7);
        double c00 = 0;
        double c01 = 0;
        double c11 = 0;
        for (int i = 0; i < n; i++) {
            double a = v[i * 8] - 0.5;
            double b = v[i * 8 + 1] + 1.0;
            c00 += a * a / n;
            c01 += a * b / n;
            c11 += b * b / n;
        }
        assertEquals(s1 * s1, c00, 0.05 * s1 * s1);
        assertEquals(s2 * s2, c11, 0.05 * s2 * s2);
        assertEquals(rho * s1 * s2, c01, 0.05 * s1 * s2);
        double[] xo = {0.3, -0.2, 1.1, 0.4, -0.6, 0.9, 0.2, 0.0};
        double direct = 0;
        double a = s1 * s1 + 1e-6;
        double b = rho * s1 * s2;
        double c = s2 * s2 + 1e-6;
        double det = a * c - b * b;
        for (int j = 0; j < 4; j++) {
            double r0 = xo[2 * j] - 0.5;
            double r1 = xo[2 * j + 1] + 1.0;
            direct += -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * (c * r0 * r0 - 2 * b * r0 * r1 + a * r1 * r1) / det;
        }
        assertEquals(direct, Slcp.logLikelihood(Var.constant(theta), xo).value().item(), 1e-9);
    }

    @Test
    void gaussianLinearPosteriorIsTheConjugateUpdate() {
        GaussianLinear task = new GaussianLinear(10);
        Tensor xo = task.observation(3).x();
        Tensor draws = task.referencePosterior(xo, 50_000, new Rng(3));
        double[] mean = draws.mean(new int[] {0}, false).toDoubleArray();
        double[] var = draws.var(new int[] {0}, true, false).toDoubleArray();
        for (int d = 0; d < 10; d++) {
            assertEquals(xo.getDouble(d) / 2, mean[d], 0.005, "posterior mean " + d);
            assertEquals(0.05, var[d], 0.002, "posterior variance " + d);
        }
    }

    @Test
    void observationsAreReproducibleAndNamesChecked() {
        Task t = Task.byName("two_moons");
        assertEquals(t.observation(2).x().getDouble(0), t.observation(2).x().getDouble(0));
        assertThrows(IllegalArgumentException.class, () -> Task.byName("gaussian_mixture"));
        assertThrows(IllegalArgumentException.class, () -> t.observation(0));
    }
}

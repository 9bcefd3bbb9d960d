package astrograd.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.inference.stats.NormalDistribution;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriorTest {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    @Test
    void logDensitiesMatchTheirFormulas() {
        assertEquals(-Math.log(3), Prior.uniform(2, 5).logDensity(4.2), 1e-14);
        assertEquals(Double.NEGATIVE_INFINITY, Prior.uniform(2, 5).logDensity(5.01));
        assertEquals(-0.5 * 0.36 - Math.log(2) - LOG_SQRT_2PI, Prior.normal(1, 2).logDensity(2.2), 1e-14);
        assertEquals(Math.log(2) - 0.5 * 0.25 - Math.log(2) - LOG_SQRT_2PI, Prior.halfNormal(2).logDensity(1), 1e-14);
        assertEquals(Double.NEGATIVE_INFINITY, Prior.halfNormal(2).logDensity(-0.1));
        assertEquals(-Math.log(7.0) - Math.log(Math.log(1000)), Prior.logUniform(0.1, 100).logDensity(7), 1e-14);
        assertEquals(Double.NEGATIVE_INFINITY, Prior.logUniform(0.1, 100).logDensity(0.05));
        double mass = NormalDistribution.cdf(2) - NormalDistribution.cdf(-0.5);
        assertEquals(-0.5 * 0.09 - LOG_SQRT_2PI - Math.log(mass), Prior.truncatedNormal(1, 1, 0.5, 3).logDensity(1.3),
                1e-13);
        assertEquals(Double.NEGATIVE_INFINITY, Prior.truncatedNormal(1, 1, 0.5, 3).logDensity(0.4));
        assertEquals(Double.NEGATIVE_INFINITY, Prior.uniform(0, 1).logDensity(Double.NaN), "NaN is outside");
    }

    @Test
    void everyPriorIntegratesToOne() {
        List<Prior> priors = List.of(Prior.uniform(-1, 2), Prior.normal(0.5, 0.7), Prior.halfNormal(1.5),
                Prior.logUniform(0.01, 10), Prior.truncatedNormal(0, 1, 3, Double.POSITIVE_INFINITY),
                Prior.truncatedNormal(2, 0.5, Double.NEGATIVE_INFINITY, 1.5));
        for (Prior p : priors) {
            // integrate in unconstrained space: ∫ p(f(u)) |f'(u)| du over a wide grid (trapezoid)
            Bijection f = p.bijection();
            double lo = -40;
            double hi = 40;
            int n = 400_001;
            Tensor u = Tensor.linspace(lo, hi, n, astrograd.tensor.DType.F64);
            Var uv = Var.constant(u);
            double[] dens = p.logDensity(f.forward(uv)).add(f.logAbsJacobian(uv)).exp().value().toDoubleArray();
            double h = (hi - lo) / (n - 1);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += (i == 0 || i == n - 1 ? 0.5 : 1) * (Double.isNaN(dens[i]) ? 0 : dens[i]) * h;
            }
            assertEquals(1.0, sum, 1e-6, p + " integrates to " + sum);
        }
    }

    @Test
    void samplesFollowThePrior() {
        Rng rng = new Rng(7);
        // mean and variance of each prior's draws against closed forms
        check(Prior.uniform(2, 5).sample(rng, 200_000).toDoubleArray(), 3.5, 0.75);
        check(Prior.halfNormal(2).sample(rng, 200_000).toDoubleArray(), 2 * Math.sqrt(2 / Math.PI), 4 * (1 - 2 / Math.PI));
        double a = 0.1;
        double b = 100;
        double l = Math.log(b / a);
        check(Prior.logUniform(a, b).sample(rng, 200_000).toDoubleArray(), (b - a) / l,
                (b * b - a * a) / (2 * l) - Math.pow((b - a) / l, 2));
        // standard normal truncated to [1, inf): mean φ(1)/Q(1), variance 1 + φ(1)/Q(1) − mean²
        double q = NormalDistribution.cdf(-1);
        double m = NormalDistribution.pdf(1) / q;
        check(Prior.truncatedNormal(0, 1, 1, Double.POSITIVE_INFINITY).sample(rng, 200_000).toDoubleArray(), m,
                1 + m - m * m);
        // far upper tail: all draws inside, mean close to the bound
        double[] far = Prior.truncatedNormal(0, 1, 8, 9).sample(rng, 1000).toDoubleArray();
        for (double x : far) {
            assertTrue(x >= 8 && x <= 9, "draw " + x + " outside [8, 9]");
        }
    }

    private static void check(double[] x, double mean, double var) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        double mu = s / x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mu) * (v - mu);
        }
        double sd = Math.sqrt(var);
        assertEquals(mean, mu, 5 * sd / Math.sqrt(x.length), "mean");
        assertEquals(var, ss / (x.length - 1), 0.02 * var, "variance");
    }

    @Test
    void badParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Prior.uniform(3, 3));
        assertThrows(IllegalArgumentException.class, () -> Prior.uniform(0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Prior.normal(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Prior.normal(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> Prior.halfNormal(-1));
        assertThrows(IllegalArgumentException.class, () -> Prior.logUniform(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Prior.truncatedNormal(0, 1, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> Prior.truncatedNormal(0, 1, 50, 60));
        assertThrows(UnsupportedOperationException.class, () -> Prior.flat().sample(new Rng(1), 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Prior.uniform(2, 1));
        assertTrue(e.getMessage().startsWith("uniform:"), e.getMessage());
    }

    @Test
    void customPriorIsRestrictedToItsSupport() {
        // exponential(2): log 2 − 2x on [0, ∞)
        Prior p = Prior.custom("exponential(2)", x -> x.mul(-2.0).add(Math.log(2)), 0, Double.POSITIVE_INFINITY);
        assertEquals(Math.log(2) - 3, p.logDensity(1.5), 1e-14);
        assertEquals(Double.NEGATIVE_INFINITY, p.logDensity(-1));
        assertEquals(Bijection.positive().toString(), p.bijection().toString());
        Prior wrongShape = Prior.custom("sum", x -> x.sum(), 0, 1);
        assertThrows(IllegalArgumentException.class,
                () -> wrongShape.logDensity(Var.constant(Tensor.of(0.1, 0.2))));
    }
}

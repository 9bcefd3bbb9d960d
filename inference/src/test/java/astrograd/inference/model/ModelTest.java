package astrograd.inference.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ModelTest {
    /** y ~ N(mu, sigma) for a few data points, mu ~ N(0, 5), sigma ~ HalfNormal(2), w ~ U(0, 1) unused. */
    private static Model gaussianModel() {
        double[] y = {0.3, -1.2, 2.2, 0.9};
        return Model.builder()
                .parameter("mu", Prior.normal(0, 5))
                .parameter("sigma", Prior.halfNormal(2))
                .parameter("w", Prior.uniform(0, 1))
                .likelihood(theta -> {
                    Var mu = theta.select(1, 0).unsqueeze(1);
                    Var sigma = theta.select(1, 1).unsqueeze(1);
                    Var z = Var.constant(Tensor.of(y).reshape(1, y.length)).sub(mu).div(sigma);
                    return z.square().mul(-0.5).sub(sigma.log()).sum(new int[] {1}, false);
                })
                .build();
    }

    private static double reference(double mu, double sigma, double w) {
        double[] y = {0.3, -1.2, 2.2, 0.9};
        double lp = Prior.normal(0, 5).logDensity(mu) + Prior.halfNormal(2).logDensity(sigma)
                + Prior.uniform(0, 1).logDensity(w);
        for (double v : y) {
            lp += -0.5 * Math.pow((v - mu) / sigma, 2) - Math.log(sigma);
        }
        return lp;
    }

    @Test
    void constrainedAndUnconstrainedDensitiesAgree() {
        Model m = gaussianModel();
        Tensor theta = Tensor.of(new double[] {0.5, 1.3, 0.2, -1, 0.4, 0.9}, 2, 3);
        double[] lp = m.evaluate(theta, Space.CONSTRAINED).logDensity();
        assertEquals(reference(0.5, 1.3, 0.2), lp[0], 1e-12);
        assertEquals(reference(-1, 0.4, 0.9), lp[1], 1e-12);
        Tensor u = m.toUnconstrained(theta);
        assertArrayEquals(theta.toDoubleArray(), m.toConstrained(u).toDoubleArray(), 1e-12);
        double[] lu = m.evaluate(u, Space.UNCONSTRAINED).logDensity();
        double[] uu = u.toDoubleArray();
        // log|dθ/du|: sigma = e^u → u; w = σ(u) → log w(1 − w)
        assertEquals(lp[0] + uu[1] + Math.log(0.2 * 0.8), lu[0], 1e-12);
        assertEquals(lp[1] + uu[4] + Math.log(0.9 * 0.1), lu[1], 1e-12);
    }

    @Test
    void gradientMatchesFiniteDifferencesInBothSpaces() {
        Model m = gaussianModel();
        Tensor theta = Tensor.of(new double[] {0.5, 1.3, 0.2, -1, 0.4, 0.9}, 2, 3);
        for (Space space : Space.values()) {
            Tensor x = space == Space.CONSTRAINED ? theta : m.toUnconstrained(theta);
            Evaluation e = m.evaluateWithGradient(x, space);
            double[] flat = x.toDoubleArray();
            for (int i = 0; i < flat.length; i++) {
                double h = 1e-6;
                double[] plus = flat.clone();
                double[] minus = flat.clone();
                plus[i] += h;
                minus[i] -= h;
                double fd = (m.evaluate(Tensor.of(plus, 2, 3), space).logDensity()[i / 3]
                        - m.evaluate(Tensor.of(minus, 2, 3), space).logDensity()[i / 3]) / (2 * h);
                assertEquals(fd, e.gradient()[i / 3][i % 3], 1e-6 * (1 + Math.abs(fd)), space + " component " + i);
            }
            assertEquals(0, e.nonFinite());
        }
    }

    /**
     * Consecutive parameters with equal priors and bijections are evaluated as one block: the densities, gradients and
     * the maps between spaces equal the parameter-by-parameter sums, also where equal priors are not neighbours.
     */
    @Test
    void blocksOfEqualPriorsGiveTheParameterByParameterDensity() {
        Prior[] priors = {Prior.normal(0, 1), Prior.normal(0, 1), Prior.normal(0, 1), Prior.halfNormal(2),
            Prior.halfNormal(2), Prior.normal(0, 1), Prior.uniform(-1, 3), Prior.uniform(-1, 3), Prior.normal(0, 2)};
        Model.Builder b = Model.builder();
        for (int j = 0; j < priors.length; j++) {
            b.parameter("p" + j, priors[j]);
        }
        Model m = b.build();
        Tensor theta = Tensor.of(new double[] {0.1, -0.7, 1.9, 0.5, 2.5, -0.3, 0.2, 2.9, 1.1,
            -1.4, 0.0, 0.8, 3.1, 0.05, 0.6, -0.9, 1.7, -2.2}, 2, 9);
        double[] lp = m.evaluate(theta, Space.CONSTRAINED).logDensity();
        double[] u = m.toUnconstrained(theta).toDoubleArray();
        double[] lu = m.evaluate(m.toUnconstrained(theta), Space.UNCONSTRAINED).logDensity();
        Evaluation g = m.evaluateWithGradient(m.toUnconstrained(theta), Space.UNCONSTRAINED);
        for (int w = 0; w < 2; w++) {
            double expected = 0;
            double jacobian = 0;
            for (int j = 0; j < 9; j++) {
                double x = theta.toDoubleArray()[w * 9 + j];
                expected += priors[j].logDensity(x);
                Bijection f = priors[j].bijection();
                double uj = f.inverse(Tensor.scalar(x, DType.F64)).item();
                assertEquals(uj, u[w * 9 + j], 1e-12, "u of parameter " + j);
                jacobian += f.logAbsJacobian(Var.constant(Tensor.scalar(uj, DType.F64))).value().item();
                // d/du [log p(f(u)) + log|f'(u)|], by central differences on this parameter alone
                double h = 1e-6;
                double fd = (one(priors[j], uj + h) - one(priors[j], uj - h)) / (2 * h);
                assertEquals(fd, g.gradient()[w][j], 1e-6 * (1 + Math.abs(fd)), "gradient of parameter " + j);
            }
            assertEquals(expected, lp[w], 1e-12);
            assertEquals(expected + jacobian, lu[w], 1e-12);
            assertEquals(lu[w], g.logDensity()[w], 1e-12);
        }
        assertArrayEquals(theta.toDoubleArray(), m.toConstrained(m.toUnconstrained(theta)).toDoubleArray(), 1e-12);
    }

    private static double one(Prior prior, double u) {
        Bijection f = prior.bijection();
        Var v = Var.constant(Tensor.scalar(u, DType.F64));
        return prior.logDensity(f.forward(v).value().item()) + f.logAbsJacobian(v).value().item();
    }

    @Test
    void nonFiniteValuesBecomeMinusInfinityAndAreCounted() {
        // log of a negative number is NaN; +inf from 1/0
        Model m = Model.of(theta -> theta.select(1, 0).log().add(Var.constant(Tensor.of(1.0, 1.0, 1.0, 0.0)).pow(-1.0)),
                "x");
        Tensor pts = Tensor.of(new double[] {-1, 2, 0, 3}, 4, 1);
        Evaluation e = m.evaluate(pts, Space.CONSTRAINED);
        assertEquals(Double.NEGATIVE_INFINITY, e.logDensity()[0]);
        assertEquals(Math.log(2) + 1, e.logDensity()[1], 1e-14);
        assertEquals(Double.NEGATIVE_INFINITY, e.logDensity()[2], "log 0 = -inf is a plain zero density");
        assertEquals(Double.NEGATIVE_INFINITY, e.logDensity()[3]);
        assertEquals(2, e.nonFinite(), "NaN and +inf are counted; a plain -inf is not");
        Evaluation g = m.evaluateWithGradient(pts, Space.CONSTRAINED);
        assertEquals(2, g.nonFinite());
        for (double[] row : g.gradient()) {
            for (double v : row) {
                assertTrue(Double.isFinite(v));
            }
        }
        assertEquals(0.5, g.gradient()[1][0], 1e-14);
    }

    @Test
    void gradientsOfRowsAndInsideNoGrad() {
        Model m = gaussianModel();
        double[][] rows = {{0.5, 1.3, 0.2}};
        Evaluation one = m.evaluateWithGradient(rows, Space.UNCONSTRAINED);
        Evaluation batch = m.evaluateWithGradient(Tensor.of(rows[0], 1, 3), Space.UNCONSTRAINED);
        assertArrayEquals(batch.gradient()[0], one.gradient()[0]);
        assertEquals(batch.logDensity()[0], m.evaluate(rows, Space.UNCONSTRAINED).logDensity()[0]);
        try (astrograd.autodiff.GradMode.Scope s = astrograd.autodiff.GradMode.noGrad()) {
            assertThrows(IllegalStateException.class, () -> m.evaluateWithGradient(rows, Space.CONSTRAINED));
        }
        assertThrows(IllegalArgumentException.class, () -> m.evaluate(new double[][] {{1, 2}}, Space.CONSTRAINED));
    }

    @Test
    void priorOnlyModelAndPriorDraws() {
        Model m = Model.builder().parameter("a", Prior.uniform(1, 3)).parameter("b", Prior.logUniform(1, 10)).build();
        Tensor draws = m.samplePrior(new Rng(3), 1000);
        assertArrayEquals(new int[] {1000, 2}, draws.shape());
        double[] lp = m.evaluate(draws, Space.CONSTRAINED).logDensity();
        for (double v : lp) {
            assertTrue(Double.isFinite(v));
        }
        assertEquals("[a, b]", m.names().toString());
    }

    @Test
    void badInputsGiveOneLineErrors() {
        Model m = gaussianModel();
        assertThrows(IllegalArgumentException.class, () -> m.evaluate(Tensor.zeros(DType.F64, 2, 2), Space.CONSTRAINED));
        assertThrows(IllegalArgumentException.class, () -> m.evaluate(Tensor.zeros(DType.F32, 2, 3), Space.CONSTRAINED));
        Model wrong = Model.of(theta -> theta.sum(new int[] {1}, true), 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> wrong.evaluate(Tensor.zeros(DType.F64, 4, 2), Space.CONSTRAINED));
        assertTrue(e.getMessage().contains("[4]") && !e.getMessage().contains("\n"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Model.builder().parameter("a", Prior.flat()).parameter("a", Prior.flat()).build());
        assertThrows(IllegalArgumentException.class, () -> Model.builder().build());
        assertThrows(IllegalArgumentException.class, () -> Model.of(t -> t, 0));
    }
}

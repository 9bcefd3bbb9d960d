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

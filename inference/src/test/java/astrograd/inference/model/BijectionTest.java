package astrograd.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.autodiff.Var;
import astrograd.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class BijectionTest {
    private static final List<Bijection> ALL = List.of(Bijection.identity(), Bijection.positive(),
            Bijection.lowerBounded(-3), Bijection.upperBounded(2), Bijection.interval(-1, 4), Bijection.interval(0, 1e-3));

    @Test
    void logJacobianMatchesCentralDifferences() {
        double[] us = {-6, -2.5, -0.3, 0, 0.7, 3.1, 7};
        for (Bijection f : ALL) {
            double[] lj = f.logAbsJacobian(Var.constant(Tensor.of(us))).value().toDoubleArray();
            for (int i = 0; i < us.length; i++) {
                double h = 1e-5;
                double fd = (f.forward(us[i] + h) - f.forward(us[i] - h)) / (2 * h);
                assertEquals(Math.log(Math.abs(fd)), lj[i], 1e-7, f + " at u = " + us[i]);
            }
        }
    }

    @Test
    void inverseUndoesForward() {
        for (Bijection f : ALL) {
            for (double u : new double[] {-5, -0.5, 0, 1.25, 5}) {
                double x = f.forward(u);
                assertEquals(u, f.inverse(x), 1e-9, f + " at u = " + u);
            }
        }
    }

    @Test
    void forwardStaysInTheSupport() {
        Bijection f = Bijection.interval(2, 3);
        for (double u : new double[] {-800, -40, 0, 40, 800}) {
            double x = f.forward(u);
            assertEquals(true, x >= 2 && x <= 3, "x = " + x);
        }
        assertEquals(true, Bijection.lowerBounded(1).forward(-800) >= 1);
        assertEquals(Bijection.identity().toString(), Bijection.forSupport(Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY).toString());
    }

    @Test
    void badBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Bijection.interval(1, 1));
        assertThrows(IllegalArgumentException.class, () -> Bijection.interval(0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Bijection.lowerBounded(Double.NEGATIVE_INFINITY));
        assertThrows(IllegalArgumentException.class,
                () -> new Parameter("a", Prior.uniform(0, 1), Bijection.positive()));
    }
}

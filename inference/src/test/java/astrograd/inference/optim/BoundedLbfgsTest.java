package astrograd.inference.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BoundedLbfgsTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    /** Rosenbrock f = (1 − x)² + 100 (y − x²)². */
    private static double rosenbrock(double[] p, double[] g) {
        double x = p[0];
        double y = p[1];
        g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
        g[1] = 200 * (y - x * x);
        return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    }

    @Test
    void findsTheRosenbrockMinimumWithoutActiveBounds() {
        BoundedLbfgs.Result r = new BoundedLbfgs().minimize(BoundedLbfgsTest::rosenbrock, new double[] {-1.2, 1},
                new double[] {-INF, -INF}, new double[] {INF, INF});
        assertEquals(BoundedLbfgs.Status.CONVERGED, r.status());
        assertArrayEquals(new double[] {1, 1}, r.x(), 1e-5);
    }

    /** With x ≤ 0.5 the minimum is on the bound: x = 0.5, y = 0.25 (Karush–Kuhn–Tucker: ∂f/∂x &lt; 0 there). */
    @Test
    void stopsOnAnActiveBoundWithTheConstrainedMinimum() {
        double[] lo = {-2, -2};
        double[] hi = {0.5, 2};
        BoundedLbfgs.Result r = new BoundedLbfgs().minimize(BoundedLbfgsTest::rosenbrock, new double[] {-1.2, 1}, lo, hi);
        assertEquals(BoundedLbfgs.Status.CONVERGED, r.status());
        assertArrayEquals(new double[] {0.5, 0.25}, r.x(), 1e-6);
        assertArrayEquals(new int[] {0}, r.atBounds(lo, hi));
        assertEquals(0.25, r.value(), 1e-10);
    }

    @Test
    void aQuadraticInTenDimensionsConvergesQuickly() {
        int n = 10;
        double[] lo = new double[n];
        double[] hi = new double[n];
        java.util.Arrays.fill(lo, -5);
        java.util.Arrays.fill(hi, 5);
        BoundedLbfgs.Result r = new BoundedLbfgs().minimize((x, g) -> {
            double f = 0;
            for (int i = 0; i < n; i++) {
                double c = (i + 1) * (x[i] - 0.1 * i);
                f += 0.5 * c * (x[i] - 0.1 * i);
                g[i] = c;
            }
            return f;
        }, new double[n], lo, hi);
        for (int i = 0; i < n; i++) {
            assertEquals(0.1 * i, r.x()[i], 1e-6);
        }
        assertEquals(BoundedLbfgs.Status.CONVERGED, r.status());
    }

    @Test
    void reportsANonFiniteStartAndRejectsBadBounds() {
        BoundedLbfgs.Result r = new BoundedLbfgs().minimize((x, g) -> Double.NaN, new double[] {0}, new double[] {-1},
                new double[] {1});
        assertEquals(BoundedLbfgs.Status.NOT_FINITE_AT_START, r.status());
        assertThrows(IllegalArgumentException.class, () -> new BoundedLbfgs().minimize(BoundedLbfgsTest::rosenbrock,
                new double[] {0, 0}, new double[] {1, 0}, new double[] {0, 1}));
    }
}

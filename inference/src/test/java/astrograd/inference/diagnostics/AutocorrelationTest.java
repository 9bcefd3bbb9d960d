package astrograd.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

class AutocorrelationTest {
    /** AR(1) {@code x_t = ρ x_{t−1} + √(1 − ρ²) ε_t}, whose integrated time is {@code (1 + ρ)/(1 − ρ)}. */
    static double[] ar1(Rng rng, double rho, int n) {
        double[] e = rng.randn(DType.F64, n).toDoubleArray();
        double[] x = new double[n];
        double s = Math.sqrt(1 - rho * rho);
        x[0] = e[0];
        for (int t = 1; t < n; t++) {
            x[t] = rho * x[t - 1] + s * e[t];
        }
        return x;
    }

    @Test
    void ar1WithRho09HasTau19() {
        AutocorrelationTime t = Autocorrelation.integratedTime(ar1(new Rng(2024), 0.9, 1_000_000));
        assertEquals(19.0, t.tau(), 1.9, "tau of AR(1), rho = 0.9");
        assertTrue(t.reliable());
        assertEquals(1_000_000 / t.tau(), t.effectiveSamples(), 1e-6);
    }

    @Test
    void shortChainWarnsInsteadOfThrowing() {
        AutocorrelationTime t = Autocorrelation.integratedTime(new double[][] {ar1(new Rng(3), 0.99, 400)}, 5, 50, true);
        assertTrue(Double.isFinite(t.tau()) && t.tau() > 8, "tau = " + t.tau());
        assertTrue(!t.reliable() && t.warning().startsWith("the chain is shorter than 50 times"), t.warning());
    }

    @Test
    void constantChainsGiveADefinedResult() {
        double[] stuck = new double[500];
        java.util.Arrays.fill(stuck, 1.5);
        AutocorrelationTime all = Autocorrelation.integratedTime(new double[][] {stuck, stuck}, 5, 50, true);
        assertEquals(Double.POSITIVE_INFINITY, all.tau());
        assertEquals(0.0, all.effectiveSamples());
        assertTrue(all.warning().contains("constant"));
        // one stuck walker among moving ones raises tau instead of producing NaN
        Rng rng = new Rng(9);
        double[][] mixed = {ar1(rng, 0.5, 5000), ar1(rng, 0.5, 5000), ar1(rng, 0.5, 5000), stuck.clone()};
        mixed[3] = java.util.Arrays.copyOf(stuck, 5000);
        java.util.Arrays.fill(mixed[3], 1.5);
        double[][] moving = {mixed[0], mixed[1], mixed[2]};
        AutocorrelationTime withStuck = Autocorrelation.integratedTime(mixed, 5, 50, true);
        AutocorrelationTime without = Autocorrelation.integratedTime(moving, 5, 50, true);
        assertTrue(Double.isFinite(withStuck.tau()) && withStuck.tau() > 2 * without.tau(),
                withStuck.tau() + " vs " + without.tau());
    }

    @Test
    void functionIsOneAtLagZeroAndMatchesDirectSums() {
        double[] x = ar1(new Rng(4), 0.6, 1001);
        double[] rho = Autocorrelation.function(x);
        double mean = java.util.Arrays.stream(x).average().orElseThrow();
        double c0 = 0;
        double c3 = 0;
        for (int i = 0; i < x.length; i++) {
            c0 += (x[i] - mean) * (x[i] - mean);
            c3 += i + 3 < x.length ? (x[i] - mean) * (x[i + 3] - mean) : 0;
        }
        assertEquals(1.0, rho[0], 1e-14);
        assertEquals(c3 / c0, rho[3], 1e-12);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Autocorrelation.integratedTime(new double[0][]));
        assertThrows(IllegalArgumentException.class,
                () -> Autocorrelation.integratedTime(new double[][] {{1, 2}, {1, 2, 3}}));
        assertThrows(IllegalArgumentException.class, () -> Autocorrelation.integratedTime(new double[] {1, Double.NaN}));
    }
}

package astrograd.astro.flares;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlareFrequencyTest {
    /** n equivalent durations from {@code dN/dx ∝ x^−α} above x_min: {@code x = x_min · u^(−1/(α−1))}. */
    private static double[] powerLaw(int n, double alpha, double xmin, Rng rng) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xmin * Math.pow(1 - rng.nextDouble(), -1 / (alpha - 1));
        }
        return x;
    }

    @Test
    void alphaIsRecoveredWithinItsStatedIntervalInAtLeast90Of100Trials() {
        Rng rng = new Rng(2009);
        int coveredEstimated = 0;
        int coveredKnown = 0;
        double bias = 0;
        for (int trial = 0; trial < 100; trial++) {
            double alpha = 1.8 + 0.4 * rng.nextDouble();
            int n = 20 + (int) rng.nextLong(181); // 20–200 flares above the limit, as one star or a few give
            double[] ed = powerLaw(n, alpha, 3.0, rng);
            FlareFrequency.PowerLaw fit = FlareFrequency.fitPowerLaw(ed);
            coveredEstimated += fit.covers(alpha) ? 1 : 0;
            coveredKnown += FlareFrequency.fitPowerLaw(ed, 3.0, 0.95).covers(alpha) ? 1 : 0;
            bias += (fit.alpha() - alpha) / 100;
            assertEquals(n - 1, fit.n(), "the smallest value sets x_min and leaves the likelihood");
            assertTrue(fit.lower() < fit.alpha() && fit.alpha() < fit.upper(), fit.toString());
        }
        assertTrue(coveredEstimated >= 90, "95 % intervals (x_min = smallest) covered α in " + coveredEstimated + " of 100");
        assertTrue(coveredKnown >= 90, "95 % intervals (x_min known) covered α in " + coveredKnown + " of 100");
        assertTrue(Math.abs(bias) < 0.03, "mean error of α̂ " + bias);
    }

    @Test
    void standardErrorShrinksAsOneOverRootN() {
        Rng rng = new Rng(4);
        FlareFrequency.PowerLaw small = FlareFrequency.fitPowerLaw(powerLaw(100, 2.0, 1, rng));
        FlareFrequency.PowerLaw large = FlareFrequency.fitPowerLaw(powerLaw(10_000, 2.0, 1, rng));
        assertEquals(2.0, large.alpha(), 4 * large.sigma());
        assertEquals(10, small.sigma() / large.sigma(), 2.5, small + " vs " + large);
        assertEquals(large.upper() - large.lower(), 2 * 1.96 * large.sigma(), 0.05 * large.sigma(),
                "for many flares the exact interval is the normal one");
    }

    @Test
    void chiSquareQuantilesMatchTables() {
        assertEquals(3.247, FlareFrequency.chiSquareQuantile(0.025, 10), 0.03, "Wilson–Hilferty: 0.8 % low at k = 10");
        assertEquals(20.483, FlareFrequency.chiSquareQuantile(0.975, 10), 0.02);
        assertEquals(24.433, FlareFrequency.chiSquareQuantile(0.025, 40), 0.02);
        assertEquals(74.222, FlareFrequency.chiSquareQuantile(0.025, 100), 0.05);
    }

    @Test
    void cumulativeRatesCountFlaresAtLeastThatLarge() {
        List<FlareFrequency.Point> ffd = FlareFrequency.cumulative(new double[] {5, 50, 20}, new double[] {4, 1, 2}, 10);
        assertEquals(50, ffd.get(0).size());
        assertEquals(0.1, ffd.get(0).rate(), 1e-12);
        assertEquals(0.3, ffd.get(2).rate(), 1e-12);
        assertEquals(0.1, ffd.get(0).correctedRate(), 1e-12);
        assertEquals(0.7, ffd.get(2).correctedRate(), 1e-12, "1 + 2 + 4 flares over 10 days");
    }

    @Test
    void tooFewOrBadValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FlareFrequency.fitPowerLaw(new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> FlareFrequency.fitPowerLaw(new double[] {-1, 2, 3, 4, 5}));
        assertThrows(IllegalArgumentException.class, () -> FlareFrequency.cumulative(new double[] {1}, null, 0));
    }
}

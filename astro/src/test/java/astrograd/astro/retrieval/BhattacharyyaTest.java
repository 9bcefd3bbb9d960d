package astrograd.astro.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

class BhattacharyyaTest {
    private static double[] grid(double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * (i + 0.5) / n;
        }
        return x;
    }

    @Test
    void identicalDisjointAndHalfOverlappingHistograms() {
        double[] a = grid(0, 1, 1000);
        assertEquals(1, Bhattacharyya.coefficient(a, a, 30), 1e-12);
        assertEquals(0, Bhattacharyya.coefficient(grid(0, 1, 100), grid(2, 3, 100), 3), 1e-12);
        // p in [0, 1), q uniform on [0, 2): over 2 common bins p = (1, 0), q = (1/2, 1/2), BC = √(1/2)
        assertEquals(Math.sqrt(0.5), Bhattacharyya.coefficient(grid(0, 1, 100), grid(0, 2, 100), 2), 1e-12);
    }

    @Test
    void twoUnitNormalsOneApartGiveExpMinusOneEighth() {
        Rng rng = new Rng(11);
        int n = 200_000;
        double[] p = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = rng.nextGaussian();
            q[i] = 1 + rng.nextGaussian();
        }
        // BC of N(μ₁, 1) and N(μ₂, 1) is exp(−(μ₁ − μ₂)²/8)
        assertEquals(Math.exp(-1.0 / 8), Bhattacharyya.coefficient(p, q, 60), 0.005);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Bhattacharyya.coefficient(new double[0], new double[1], 5));
        assertThrows(IllegalArgumentException.class,
                () -> Bhattacharyya.coefficient(new double[] {Double.NaN}, new double[1], 5));
    }
}

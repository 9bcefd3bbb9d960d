package astrograd.astro.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.inference.Draws;
import astrograd.tensor.Rng;
import java.util.List;
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
    void splitChainsComparesTheTwoHalvesOfARun() {
        // chains 0, 1 hold the grid on [0, 1), chains 2, 3 the same grid shifted to [1, 2): disjoint halves
        double[] v = new double[4 * 50];
        for (int c = 0; c < 4; c++) {
            for (int n = 0; n < 50; n++) {
                v[c * 50 + n] = (c < 2 ? 0 : 1) + (n + 0.5) / 50;
            }
        }
        Draws apart = new Draws(v, 4, 50, List.of("x"));
        assertEquals(0, Bhattacharyya.splitChains(apart)[0], 1e-12);
        Draws quarters = new Draws(grid(0, 1, 200), 4, 50, List.of("x"));
        // chains hold consecutive quarters: halves [0, 0.5) and [0.5, 1) are disjoint too; interleave instead
        double[] w = new double[200];
        for (int c = 0; c < 4; c++) {
            for (int n = 0; n < 50; n++) {
                w[c * 50 + n] = (n + 0.5) / 50;
            }
        }
        assertEquals(1, Bhattacharyya.splitChains(new Draws(w, 4, 50, List.of("x")))[0], 1e-12);
        assertEquals(0, Bhattacharyya.splitChains(quarters)[0], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Bhattacharyya.splitChains(new Draws(w, 1, 200, List.of("x"))));
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Bhattacharyya.coefficient(new double[0], new double[1], 5));
        assertThrows(IllegalArgumentException.class,
                () -> Bhattacharyya.coefficient(new double[] {Double.NaN}, new double[1], 5));
    }
}

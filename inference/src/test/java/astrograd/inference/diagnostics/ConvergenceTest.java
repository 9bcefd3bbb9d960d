package astrograd.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

class ConvergenceTest {
    private static double[][] normalChains(long seed, int m, int n) {
        Rng rng = new Rng(seed);
        double[][] x = new double[m][];
        for (int c = 0; c < m; c++) {
            x[c] = rng.randn(DType.F64, n).toDoubleArray();
        }
        return x;
    }

    @Test
    void independentChainsConvergeAndAShiftedOneDoesNot() {
        double[][] x = normalChains(11, 4, 1000);
        double rhat = Convergence.rhat(x);
        double gr = Convergence.gelmanRubin(x);
        assertTrue(rhat < 1.01, "i.i.d. rank-normalized split-R̂ = " + rhat);
        assertTrue(gr < 1.01, "i.i.d. Gelman–Rubin = " + gr);
        for (int i = 0; i < x[3].length; i++) {
            x[3][i] += 1;
        }
        double shiftedGr = Convergence.gelmanRubin(x);
        double shiftedRhat = Convergence.rhat(x);
        // mc3's R̂ for one of four chains off by 1σ tends to √(1 + 0.25·5/4) ≈ 1.146; split-R̂ (8 half-chains, the
        // shift in two of them) to √(1 + 3/14) ≈ 1.10 for raw values, a little less after rank normalization
        assertTrue(shiftedGr > 1.1, "shifted Gelman–Rubin = " + shiftedGr);
        assertTrue(shiftedRhat > 1.05, "shifted rank-normalized split-R̂ = " + shiftedRhat);
    }

    @Test
    void essOfIndependentDrawsIsAboutTheirNumber() {
        double[][] x = normalChains(5, 4, 2000);
        double bulk = Convergence.essBulk(x);
        double tail = Convergence.essTail(x);
        assertTrue(bulk > 6500 && bulk < 9500, "bulk ESS " + bulk + " of 8000 independent draws");
        assertTrue(tail > 5500 && tail < 10500, "tail ESS " + tail + " of 8000 independent draws");
        double mcse = Convergence.mcseMean(x);
        assertEquals(1 / Math.sqrt(8000), mcse, 0.15 / Math.sqrt(8000));
    }

    @Test
    void constantDrawsGiveDefinedNumbers() {
        double[][] same = {{2, 2, 2, 2, 2, 2}, {2, 2, 2, 2, 2, 2}};
        assertEquals(1.0, Convergence.rhat(same));
        assertEquals(12.0, Convergence.essBulk(same));
        assertEquals(12.0, Convergence.essTail(same));
        assertEquals(0.0, Convergence.mcseMean(same));
        assertEquals(1.0, Convergence.gelmanRubin(same));
        double[][] stuckApart = {{1, 1, 1, 1, 1, 1}, {3, 3, 3, 3, 3, 3}};
        assertEquals(Double.POSITIVE_INFINITY, Convergence.rhat(stuckApart));
        assertEquals(Double.POSITIVE_INFINITY, Convergence.gelmanRubin(stuckApart));
        assertTrue(Double.isFinite(Convergence.essBulk(stuckApart)));
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Convergence.rhat(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> Convergence.rhat(new double[][] {{1, 2, 3, 4}, {1, 2, 3}}));
        assertThrows(IllegalArgumentException.class,
                () -> Convergence.essBulk(new double[][] {{1, 2, Double.NaN, 4}}));
        assertThrows(IllegalArgumentException.class, () -> Convergence.gelmanRubin(new double[][] {{1, 2, 3}}));
    }
}

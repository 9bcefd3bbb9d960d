package astrograd.inference.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalDistributionTest {
    @Test
    void knownValues() {
        // reference values from scipy.special (erfc) and scipy.stats.norm (cdf, ppf)
        assertEquals(0.15865525393145707, NormalDistribution.cdf(-1), 1e-16);
        assertEquals(0.9750021048517795, NormalDistribution.cdf(1.96), 2.5e-16);
        assertEquals(1.5374597944280349e-12, NormalDistribution.erfc(5), 1e-26);
        assertEquals(2.088487583762545e-45, NormalDistribution.erfc(10), 1e-58);
        assertEquals(0.8427007929497149, NormalDistribution.erf(1), 2.5e-16);
        assertEquals(0.0, NormalDistribution.erfc(Double.POSITIVE_INFINITY));
        assertEquals(2.0, NormalDistribution.erfc(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, NormalDistribution.cdf(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, NormalDistribution.cdf(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(NormalDistribution.erfc(Double.NaN)));
        assertEquals(1.959963984540054, NormalDistribution.quantile(0.975), 1e-14);
        assertEquals(-3.090232306167813, NormalDistribution.quantile(0.001), 1e-13);
        assertEquals(-8.209536151601387, NormalDistribution.quantile(1.1102230246251565e-16), 1e-12);
        assertEquals(0.0, NormalDistribution.quantile(0.5), 1e-16);
        assertEquals(Double.NEGATIVE_INFINITY, NormalDistribution.quantile(0));
        assertEquals(Double.POSITIVE_INFINITY, NormalDistribution.quantile(1));
    }

    @Test
    void quantileInvertsTheCdfAcrossBothTails() {
        for (double x = -37; x <= 8; x += 0.37) {
            double p = NormalDistribution.cdf(x);
            // near p = 1 the rounding of p itself (an ulp) moves x by ulp(p)/φ(x)
            double tol = Math.max(1e-12 * Math.max(1, Math.abs(x)), 4 * Math.ulp(p) / NormalDistribution.pdf(x));
            assertEquals(x, NormalDistribution.quantile(p), tol, "x = " + x);
        }
    }

    @Test
    void erfcIsSmoothAcrossItsSeriesAndFractionBranches() {
        double h = 1e-9;
        double left = NormalDistribution.erfc(2 - h);
        double right = NormalDistribution.erfc(2 + h);
        double slope = -2 / Math.sqrt(Math.PI) * Math.exp(-4);
        assertEquals(slope, (right - left) / (2 * h), 1e-5 * Math.abs(slope));
        assertEquals(2.0, NormalDistribution.erfc(-30));
    }

    @Test
    void badProbabilitiesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NormalDistribution.quantile(1.5));
        assertThrows(IllegalArgumentException.class, () -> NormalDistribution.quantile(Double.NaN));
    }
}

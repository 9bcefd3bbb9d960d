package astrograd.astro.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransmissionModelTest {
    /** 13 equal bins over the WFC3 range of the README (0.838–1.666 µm). */
    static final WavelengthBins BINS = WavelengthBins.uniform(0.838, 1.666, 13);
    static final TransmissionModel MODEL = TransmissionModel.standard(BINS);

    @Test
    void gridIsFineAndLinesAreMany() {
        assertTrue(MODEL.gridPoints() >= 100_000);
        assertTrue(MODEL.lineCount() >= 4000);
    }

    @Test
    void binsFromCentresSplitHalfway() {
        WavelengthBins b = WavelengthBins.fromCentres(1.0, 1.2, 1.5);
        assertArrayEquals(new double[] {0.9, 1.1, 1.35, 1.65}, b.edges(), 1e-12);
        assertEquals(1, b.binOf(1.2));
        assertEquals(-1, b.binOf(1.65));
        assertThrows(IllegalArgumentException.class, () -> WavelengthBins.ofEdges(1, 1));
    }

    @Test
    void depthRisesWithAbundanceAndTemperatureInTheWaterBand() {
        int band = BINS.binOf(1.38);
        double[] low = MODEL.spectrum(new double[] {1200, -6, -13, -13, -13});
        double[] high = MODEL.spectrum(new double[] {1200, -3, -13, -13, -13});
        double[] hot = MODEL.spectrum(new double[] {1800, -3, -13, -13, -13});
        assertTrue(high[band] > low[band] + 0.02, high[band] + " vs " + low[band]);
        assertTrue(hot[band] > high[band] + 0.01, hot[band] + " vs " + high[band]);
        // in the band more than outside it (1.62 µm has no water band)
        int out = BINS.binOf(1.25);
        assertTrue(high[band] - low[band] > 2 * (high[out] - low[out]));
    }

    @Test
    void eachAbsorberRaisesItsOwnBands() {
        double[] none = MODEL.spectrum(new double[] {1500, -13, -13, -13, -13});
        for (int j = 0; j < 3; j++) {
            double[] theta = {1500, -13, -13, -13, -13};
            theta[1 + j] = -3;
            double[] s = MODEL.spectrum(theta);
            double rise = 0;
            for (int b = 0; b < s.length; b++) {
                assertTrue(s[b] >= none[b] - 1e-12, "absorber " + j + " lowered bin " + b);
                rise = Math.max(rise, s[b] - none[b]);
            }
            assertTrue(rise > 0.05, "absorber " + j + " raised its best bin by " + rise);
        }
    }

    @Test
    void thickGreyCloudFlattensTheSpectrumToTheAnalyticRadius() {
        double[] clear = MODEL.spectrum(new double[] {1500, -3, -5, -5, -13});
        double[] cloudy = MODEL.spectrum(new double[] {1500, -13, -13, -13, 2});
        assertTrue(range(clear) > 0.05, "clear range " + range(clear));
        assertTrue(range(cloudy) < 1e-4, "cloudy range " + range(cloudy));
        // κ ≈ 100 cm²/g everywhere: R = R0 + H [γ_E + ln(P0 κ/g √(2π R0/H))]
        double g = Math.pow(10, 2.99);
        double h = TransmissionModel.K_B * 1500 / (2.4 * TransmissionModel.M_H * g);
        double r0 = 1.79 * TransmissionModel.R_JUP;
        double r = r0 + h * (TransmissionModel.EULER_GAMMA + Math.log(1e7 * 100 / g * Math.sqrt(2 * Math.PI * r0 / h)));
        double depth = 100 * Math.pow(r / (1.57 * TransmissionModel.R_SUN), 2);
        for (double d : cloudy) {
            assertEquals(depth, d, 1e-5 * depth);
        }
    }

    @Test
    void binsAreWavelengthWeightedMeansOfTheFineDepth() {
        double[] theta = {1300, -4, -5, -6, -8};
        double[] radius = MODEL.radius(theta);
        double[] sum = new double[BINS.count()];
        double[] weight = new double[BINS.count()];
        for (int k = 0; k < radius.length; k++) {
            double nu = MODEL.wavenumber(k);
            int b = BINS.binOf(1e4 / nu);
            if (b >= 0) {
                double r = radius[k] / (1.57 * TransmissionModel.R_SUN);
                sum[b] += 100 * r * r / (nu * nu);
                weight[b] += 1 / (nu * nu);
            }
        }
        double[] s = MODEL.spectrum(theta);
        for (int b = 0; b < s.length; b++) {
            assertEquals(sum[b] / weight[b], s[b], 1e-12);
        }
    }

    @Test
    void syntheticListsAreFixedAndBadInputIsRefused() {
        SyntheticLineList a = SyntheticLineList.standard("HCN", 50);
        SyntheticLineList b = SyntheticLineList.standard("HCN", 50);
        assertArrayEquals(a.centre(), b.centre());
        assertThrows(IllegalArgumentException.class, () -> SyntheticLineList.standard("CO2", 10));
        assertThrows(IllegalArgumentException.class, () -> MODEL.spectrum(new double[] {-5, 0, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> MODEL.spectrum(new double[] {1000, 0, 0}));
    }

    private static double range(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return hi - lo;
    }
}

package astrograd.astro.flares;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DavenportFlareTest {
    @Test
    void templateHasUnitPeakAndZeroBeforeTheRise() {
        assertEquals(1.0, DavenportFlare.shape(0), 1e-12);
        assertEquals(0.0, DavenportFlare.shape(-1.01), 0);
        assertEquals(0.992, DavenportFlare.shape(1e-12), 1e-6); // 0.6890 + 0.3030
        assertTrue(DavenportFlare.shape(-0.5) < DavenportFlare.shape(-0.2));
        assertTrue(DavenportFlare.shape(3) < DavenportFlare.shape(1));
    }

    @Test
    void fullWidthAtHalfMaximumIsAboutOneUnit() {
        double left = crossing(-1, 0);
        double right = crossing(0, 5);
        assertEquals(1.0, right - left, 0.15, "FWHM of the template in units of t½");
    }

    private static double crossing(double a, double b) {
        // bisection on shape(x) = 0.5 over a monotone branch
        boolean rising = DavenportFlare.shape(a) < DavenportFlare.shape(b);
        for (int i = 0; i < 60; i++) {
            double m = 0.5 * (a + b);
            if ((DavenportFlare.shape(m) < 0.5) == rising) {
                a = m;
            } else {
                b = m;
            }
        }
        return 0.5 * (a + b);
    }

    @Test
    void binningKeepsTheIntegralAndLowersShortPeaks() {
        double cadence = 2.0 / 1440;
        double[] t = new double[400];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * cadence;
        }
        double fwhm = 1.0 / 1440;
        double[] binned = DavenportFlare.binned(t, 100.3 * cadence, fwhm, 2.0, cadence);
        double sum = 0;
        for (double v : binned) {
            sum += v * cadence;
        }
        double exact = 0;
        int steps = 400_000;
        double dx = 60.0 / steps;
        for (int i = 0; i < steps; i++) {
            exact += DavenportFlare.shape(-1 + (i + 0.5) * dx) * dx;
        }
        assertEquals(2.0 * fwhm * exact, sum, 2.0 * fwhm * exact * 0.01, "∫ flux dt is kept by the exposure average");
        double max = java.util.Arrays.stream(binned).max().orElseThrow();
        assertTrue(max < 2.0 * 0.9, "a flare shorter than the exposure is smeared below its amplitude: " + max);
    }

    @Test
    void refusesBadWidths() {
        assertThrows(IllegalArgumentException.class, () -> DavenportFlare.binned(new double[3], 0, 0, 1, 0.001));
        assertThrows(IllegalArgumentException.class, () -> DavenportFlare.binned(new double[3], 0, 0.01, 1, -1));
    }
}

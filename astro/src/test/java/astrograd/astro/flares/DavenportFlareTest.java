package astrograd.astro.flares;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class DavenportFlareTest {
    @Test
    void templateIsDavenportsFormula() {
        assertEquals(1.0, DavenportFlare.template(0), 1e-12);
        assertEquals(0.0, DavenportFlare.template(-1.01), 0);
        assertEquals(0.992, DavenportFlare.template(1e-12), 1e-6); // 0.6890 + 0.3030
        double x = -0.5; // 1 + 1.941 x − 0.175 x² − 2.246 x³ − 1.125 x⁴
        assertEquals(1 + 1.941 * x - 0.175 * x * x - 2.246 * x * x * x - 1.125 * x * x * x * x,
                DavenportFlare.template(x), 1e-15);
        assertEquals(0.6890 * Math.exp(-1.6 * 2) + 0.3030 * Math.exp(-0.2783 * 2), DavenportFlare.template(2), 1e-15);
    }

    @Test
    void theTemplatesOwnWidthIsNotOneHalfTimeUnit() {
        // the half-maximum crossings of the published formula, by bisection here and in DavenportFlare
        double width = crossing(DavenportFlare::template, 0, 10) - crossing(DavenportFlare::template, -1, 0);
        assertEquals(0.913056, width, 1e-6, "FWHM of Davenport's template in units of t½");
        assertEquals(width, DavenportFlare.TEMPLATE_FWHM, 1e-12);
    }

    @Test
    void shapeHasUnitFullWidthAtHalfMaximum() {
        assertEquals(1.0, DavenportFlare.shape(0), 1e-12);
        double left = crossing(DavenportFlare::shape, -1.2, 0);
        double right = crossing(DavenportFlare::shape, 0, 10);
        assertEquals(1.0, right - left, 1e-9, "FWHM of shape(u), u = (t − tpeak)/FWHM");
        assertEquals(0.0, DavenportFlare.shape(-1.0 / DavenportFlare.TEMPLATE_FWHM - 1e-9), 0);
    }

    @Test
    void anInjectedFlareHasTheWidthAskedFor() {
        // sampled at FWHM/1000 with as long an exposure: the measured width is the asked one, within 1 %
        for (double fwhmMinutes : new double[] {1.4, 10, 58}) {
            double fwhm = fwhmMinutes / 1440;
            double step = fwhm / 1000;
            double[] t = new double[(int) (12 * fwhm / step)];
            for (int i = 0; i < t.length; i++) {
                t[i] = (i - t.length / 4) * step;
            }
            double[] f = DavenportFlare.binned(t, 0.3 * step, fwhm, 3.0, step);
            double measured = sampledWidth(t, f);
            assertEquals(fwhm, measured, 0.01 * fwhm, "FWHM " + fwhmMinutes + " min");
        }
    }

    /** The width at half the largest sample, by linear interpolation between the samples around each crossing. */
    private static double sampledWidth(double[] t, double[] f) {
        int peak = 0;
        for (int i = 1; i < f.length; i++) {
            peak = f[i] > f[peak] ? i : peak;
        }
        double half = f[peak] / 2;
        int a = peak;
        while (f[a - 1] >= half) {
            a--;
        }
        int b = peak;
        while (f[b + 1] >= half) {
            b++;
        }
        double left = t[a - 1] + (half - f[a - 1]) / (f[a] - f[a - 1]) * (t[a] - t[a - 1]);
        double right = t[b] + (f[b] - half) / (f[b] - f[b + 1]) * (t[b + 1] - t[b]);
        return right - left;
    }

    private static double crossing(DoubleUnaryOperator f, double a, double b) {
        // bisection on f(x) = 0.5 over a monotone branch
        boolean rising = f.applyAsDouble(a) < f.applyAsDouble(b);
        for (int i = 0; i < 100; i++) {
            double m = 0.5 * (a + b);
            if ((f.applyAsDouble(m) < 0.5) == rising) {
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
        double exact = 0; // ∫ shape(u) du over its support, u from −1/TEMPLATE_FWHM
        int steps = 400_000;
        double u0 = -1.0 / DavenportFlare.TEMPLATE_FWHM;
        double du = 60.0 / steps;
        for (int i = 0; i < steps; i++) {
            exact += DavenportFlare.shape(u0 + (i + 0.5) * du) * du;
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

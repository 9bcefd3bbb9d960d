package astrograd.astro.flares;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

class WindowsTest {
    @Test
    void noiseIsTheWhiteNoiseSigmaDespiteTrendsAndFlares() {
        Rng rng = new Rng(3);
        double[] f = new double[20_000];
        for (int i = 0; i < f.length; i++) {
            f[i] = 1 + 0.05 * Math.sin(i / 500.0) + 0.002 * rng.nextGaussian() + (i % 1000 == 0 ? 0.5 : 0);
        }
        assertEquals(0.002, Windows.noise(f), 0.002 * 0.04);
        assertThrows(IllegalArgumentException.class, () -> Windows.noise(new double[] {1, 1, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> Windows.noise(new double[] {1, 2}));
    }

    @Test
    void edgesAndLongGapsAreMaskedShortHolesAreNot() {
        int n = 1000;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i + (i >= 500 ? 30 : 0) + (i >= 800 ? 7 : 0); // a 30-cadence gap before 500, an 8-cadence hole before 800
        }
        boolean[] ok = Windows.scorable(t, Windows.DEFAULT_GAP_FACTOR);
        assertFalse(ok[99], "window starts before the first cadence");
        assertTrue(ok[100]);
        assertTrue(ok[400], "window [300, 500) does not contain the gap before cadence 500");
        assertFalse(ok[401], "window [301, 501) crosses the gap");
        assertFalse(ok[599]);
        assertTrue(ok[600]);
        assertTrue(ok[800], "an 8-cadence hole is not a gap");
        assertTrue(ok[900]);
        assertFalse(ok[901], "window would end after the last cadence");
        assertFalse(Windows.scorable(new double[150], 20)[75], "a light curve shorter than a window has nothing to score");
    }

    @Test
    void windowIsSignificanceRelativeToItsMedian() {
        double[] f = new double[300];
        java.util.Arrays.fill(f, 2.0);
        f[150] = 2.0 * (1 + 10 * 0.001);
        float[] w = new float[Windows.LENGTH];
        Windows.fill(f, 150, 0.001, w, 0);
        assertEquals(10 * Math.log(1 + Math.sqrt(2)), w[Windows.BEFORE], 1e-4, "10σ → 10·asinh(1)");
        assertEquals(0, w[0], 0);
        assertEquals(0, w[Windows.LENGTH - 1], 0);
        f[150] = 2.0 * (1 - 3 * 0.001);
        Windows.fill(f, 150, 0.001, w, 0);
        assertEquals(10 * Math.log(0.3 + Math.sqrt(1.09)) * -1, w[Windows.BEFORE], 1e-4, "asinh is odd");
        assertThrows(IllegalArgumentException.class, () -> Windows.fill(f, 99, 0.001, w, 0));
        assertThrows(IllegalArgumentException.class, () -> Windows.fill(f, 201, 0.001, w, 0));
    }
}

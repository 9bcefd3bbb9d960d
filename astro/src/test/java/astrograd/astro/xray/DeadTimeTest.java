package astrograd.astro.xray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

/** stingray's exact filter vectors ({@code stingray/tests/test_filters.py}) and the detected rates. */
class DeadTimeTest {
    @Test
    void nonParalyzableKeepsStingraysVector() {
        double[] events = {1, 1.05, 1.07, 1.08, 1.1, 2, 2.2, 3, 3.1, 3.2};
        assertArrayEquals(new double[] {1, 2, 2.2, 3, 3.2}, DeadTime.filter(events, 0.11, false));
    }

    @Test
    void paralyzableKeepsStingraysVector() {
        double[] events = {1, 1.1, 2, 2.2, 3, 3.1, 3.2};
        assertArrayEquals(new double[] {1, 2, 2.2, 3}, DeadTime.filter(events, 0.11, true));
    }

    @Test
    void backgroundSharesTheDeadTime() {
        DeadTime.Filtered f = DeadTime.filter(new double[] {1.1, 2, 2.2, 3, 3.2}, new double[] {1, 3.1}, 0.11, false);
        assertArrayEquals(new double[] {2, 2.2, 3, 3.2}, f.source());
        assertArrayEquals(new double[] {1}, f.background());
    }

    @Test
    void zeroDeadTimeKeepsEverythingAndNegativeIsRefused() {
        double[] events = {1, 1.05, 1.07, 1.08, 1.1, 2};
        assertArrayEquals(events, DeadTime.filter(events, 0, false));
        assertArrayEquals(events, DeadTime.filter(events, 0, true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeadTime.filter(events, -0.1, false));
        assertTrue(e.getMessage().contains("dead time must be finite and >= 0, got -0.1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeadTime.mask(new double[] {2, 1}, 0.1, false));
    }

    @Test
    void unsortedInputIsSortedAndNotModified() {
        double[] events = {3, 1, 2, 1.05};
        assertArrayEquals(new double[] {1, 2, 3}, DeadTime.filter(events, 0.11, false));
        assertArrayEquals(new double[] {3, 1, 2, 1.05}, events);
    }

    @Test
    void missionTimesKeepTheirDigits() {
        double t0 = 4.0e8; // spacing of doubles here is 6e-8 s; the scan works relative to the first event
        double[] events = {t0, t0 + 2.499e-3, t0 + 2.501e-3, t0 + 5.0e-3, t0 + 5.002e-3};
        assertArrayEquals(new double[] {events[0], events[2], events[4]}, DeadTime.filter(events, 2.5e-3, false));
    }

    @Test
    void detectedRatesAtAThousandCountsPerSecond() {
        double[] events = EventSimulator.poissonProcess(1000, 0, 1000, new Rng(19));
        double nonPar = DeadTime.filter(events, 2.5e-3, false).length / 1000.0;
        double par = DeadTime.filter(events, 2.5e-3, true).length / 1000.0;
        assertEquals(285.71, nonPar, 0.01 * 285.71, "non-paralyzable");
        assertEquals(82.08, par, 0.02 * 82.08, "paralyzable");
        assertEquals(285.714, DeadTime.detectedRate(1000, 2.5e-3, false), 1e-3);
        assertEquals(82.085, DeadTime.detectedRate(1000, 2.5e-3, true), 1e-3);
        assertEquals(1000, DeadTime.incidentRate(DeadTime.detectedRate(1000, 2.5e-3, false), 2.5e-3), 1e-9);
    }

    @Test
    void variableDeadTimeReducesToTheConstantOneAndClipsAtZero() {
        double[] events = EventSimulator.poissonProcess(500, 0, 20, new Rng(20));
        double[] same = new double[events.length];
        java.util.Arrays.fill(same, 2.5e-3);
        assertArrayEquals(DeadTime.mask(events, 2.5e-3, false), DeadTime.mask(events, same));
        double[] tau = DeadTime.gaussianDeadTimes(10000, 1e-3, 2e-3, new Rng(21));
        assertTrue(java.util.Arrays.stream(tau).allMatch(t -> t >= 0));
        assertTrue(java.util.Arrays.stream(tau).anyMatch(t -> t == 0));
        double[] drawn = DeadTime.resampledDeadTimes(new double[] {2.4e-3, 2.6e-3}, 1000, new Rng(22));
        long low = java.util.Arrays.stream(drawn).filter(t -> t == 2.4e-3).count();
        assertEquals(1000, low + java.util.Arrays.stream(drawn).filter(t -> t == 2.6e-3).count());
        assertEquals(500, low, 60, "drawn with replacement, evenly");
        boolean[] kept = DeadTime.mask(events, DeadTime.resampledDeadTimes(new double[] {2.4e-3, 2.6e-3},
                events.length, new Rng(23)));
        int n = 0;
        for (boolean k : kept) {
            n += k ? 1 : 0;
        }
        assertEquals(DeadTime.detectedRate(500, 2.5e-3, false) * 20, n, 0.05 * n, "mean dead time 2.5 ms");
    }
}

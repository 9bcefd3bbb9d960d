package astrograd.astro.lightcurve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import astrograd.astro.io.DataPaths;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NormalizationTest {
    @Test
    void dividesEachOrbitByItsMedian() {
        // two parts: 0..0.4 d (flux 10, 20, 30 → median 20) and 2..2.3 d (flux 4, 6, 8, 100 → median 7)
        double[] t = {0, 0.2, 0.4, 2.0, 2.1, 2.2, 2.3};
        double[] f = {10, 20, 30, 4, 6, 8, 100};
        double[] e = {1, 1, 1, 0.7, 0.7, 0.7, 0.7};
        LightCurve lc = new LightCurve("x", t, f, e);
        LightCurve n = Normalization.perOrbit(lc);
        assertArrayEquals(new double[] {0.5, 1, 1.5, 4 / 7.0, 6 / 7.0, 8 / 7.0, 100 / 7.0}, n.flux(), 1e-15);
        assertArrayEquals(new double[] {0.05, 0.05, 0.05, 0.1, 0.1, 0.1, 0.1}, n.fluxErr(), 1e-15);
        assertArrayEquals(new double[] {10, 20, 30, 4, 6, 8, 100}, lc.flux(), 0.0); // input untouched
        // a larger gap threshold keeps one part: median of all seven = 10
        assertEquals(1.0, Normalization.perOrbit(lc, 5.0).flux()[0], 1e-15);
    }

    @Test
    void refusesNonPositiveMedians() {
        LightCurve lc = new LightCurve("neg", new double[] {0, 0.1, 3, 3.1}, new double[] {5, 5, -1, -2},
                new double[] {1, 1, 1, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Normalization.perOrbit(lc));
        assertTrue(e.getMessage().contains("neg") && e.getMessage().contains("median flux is -1.5"), e.getMessage());
    }

    @Test
    void findsSegmentsAndGaps() {
        double[] t = {0, 1, 2, 3, 5, 6, 7, 20, 21};
        assertArrayEquals(new int[] {0, 7}, Normalization.segmentStarts(t, 5));
        assertArrayEquals(new int[] {0, 4, 7}, Normalization.segmentStarts(t, 1.5));
        assertArrayEquals(new int[0], Normalization.segmentStarts(new double[0], 1));
        // median step 1: steps 2 and 13 exceed 1.5 cadences; only 13 exceeds 5
        assertArrayEquals(new int[] {4, 7}, Normalization.gapBreaks(t, 1.5));
        assertArrayEquals(new int[] {7}, Normalization.gapBreaks(t, 5));
        assertArrayEquals(new int[0], Normalization.gapBreaks(new double[] {1}, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Normalization.gapBreaks(t, 0));
        assertEquals(2.5, Normalization.median(new double[] {4, 1, 3, 2}, 0, 4), 0.0);
    }

    @Test
    void splitsAStellaSectorAtTheMidSectorGap() throws IOException {
        Path file = DataPaths.sharedFile("tess/005656273_sector02.npy");
        assumeTrue(file != null, "shared data file absent");
        LightCurve lc = LightCurveReader.read(file);
        int[] starts = Normalization.segmentStarts(lc.time(), Normalization.DEFAULT_GAP_DAYS);
        assertEquals(2, starts.length);
        int mid = starts[1];
        // numbers from NumPy on the same file: the downlink gap runs 1367.1584 → 1368.6070 (1.4486 d)
        assertEquals(9226, mid);
        assertEquals(1367.1583818976983, lc.time()[mid - 1], 1e-9);
        assertEquals(1.4486102343930725, lc.time()[mid] - lc.time()[mid - 1], 1e-9);
        LightCurve n = Normalization.perOrbit(lc);
        assertEquals(1.0, Normalization.median(n.flux(), 0, mid), 1e-12);
        assertEquals(1.0, Normalization.median(n.flux(), mid, n.size()), 1e-12);
        // steps longer than 5 two-minute cadences: 12 short holes (up to 30 min) and the downlink gap
        int[] breaks = Normalization.gapBreaks(lc.time(), 5);
        assertEquals(13, breaks.length);
        assertTrue(java.util.Arrays.stream(breaks).anyMatch(b -> b == mid));
    }
}

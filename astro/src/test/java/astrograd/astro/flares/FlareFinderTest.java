package astrograd.astro.flares;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.lightcurve.LightCurve;
import astrograd.tensor.Rng;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlareFinderTest {
    private static final double CADENCE = 2.0 / 1440;

    @Test
    void runsAboveThresholdMergeWithinThreeCadences() {
        double n = Double.NaN;
        double[] p = {0, 0.6, 0.7, 0, 0, 0, 0.9, 0, 0, 0, 0, 0.8, n, 0.55};
        List<int[]> runs = FlareFinder.runs(p, 0.5, 3);
        assertEquals(2, runs.size());
        assertArrayEquals(new int[] {1, 6}, runs.get(0), "a hole of 3 cadences is merged");
        assertArrayEquals(new int[] {11, 13}, runs.get(1), "a masked cadence does not break a run within the merge distance");
        assertEquals(3, FlareFinder.runs(p, 0.5, 2).size(), "with merge 2 the first pair stays apart");
    }

    @Test
    void describesAnInjectedFlare() {
        Rng rng = new Rng(5);
        int count = 3000;
        double sigma = 0.001;
        double[] t = new double[count];
        double[] f = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = 1500 + i * CADENCE;
            f[i] = 1 + sigma * rng.nextGaussian();
        }
        double tpeak = t[1500] + 0.2 * CADENCE;
        double fwhm = 12.0 / 1440;
        double amplitude = 0.05;
        double[] flare = DavenportFlare.binned(t, tpeak, fwhm, amplitude, CADENCE);
        for (int i = 0; i < count; i++) {
            f[i] += flare[i];
        }
        LightCurve lc = new LightCurve("test", t, f, new double[count]);
        double[] p = new double[count];
        for (int i = 1498; i <= 1503; i++) {
            p[i] = 0.9;
        }
        List<Flare> flares = FlareFinder.identify(lc, p);
        assertEquals(1, flares.size());
        Flare found = flares.get(0);
        assertEquals(1500, found.peakIndex());
        assertEquals(t[1500], found.tpeak(), 0);
        double sampledPeak = Arrays.stream(flare).max().orElseThrow();
        assertEquals(sampledPeak, found.amplitude(), 4 * sigma);
        // the width of the noise-free 2-minute samples at half their highest value: the exposure and the sampling
        // widen a 12-minute flare by 14 %; the noise (σ = 2 % of the peak) moves each crossing by about 0.15 cadence
        double sampledWidth = sampledWidth(t, flare, 1500);
        assertEquals(1.139 * fwhm, sampledWidth, 0.01 * fwhm);
        assertEquals(sampledWidth, found.fwhmDays(), 0.3 * CADENCE, "FWHM of the observed flare");
        double ed = Arrays.stream(flare).sum() * CADENCE * 86_400;
        assertEquals(ed, found.equivalentDurationS(), 0.15 * ed, "equivalent duration ∫ r dt in seconds");
        assertEquals(0.9, found.probability(), 1e-12);
        assertEquals(found.amplitude() / Windows.noise(f), found.significance(), 1e-12);
        assertTrue(found.tstart() < found.tpeak() && found.tstop() > found.tpeak() + fwhm);
    }

    /** Linear interpolation between the samples around the two crossings of half the sample at {@code peak}. */
    private static double sampledWidth(double[] t, double[] f, int peak) {
        double half = f[peak] / 2;
        int a = peak;
        while (f[a - 1] >= half) {
            a--;
        }
        int b = peak;
        while (f[b + 1] >= half) {
            b++;
        }
        return t[b] + (f[b] - half) / (f[b] - f[b + 1]) * CADENCE - (t[a] - (f[a] - half) / (f[a] - f[a - 1]) * CADENCE);
    }

    @Test
    void runsOnNoiseAreDroppedBelowTheLeastSignificance() {
        LightCurve lc = GeneratedLightCurves.generate("x", 2000, 0.001, 0, new Rng(2)).lightCurve();
        double[] p = new double[2000];
        for (int i = 700; i < 703; i++) {
            p[i] = 0.8;
        }
        assertTrue(FlareFinder.identify(lc, p).isEmpty(), "a run over plain noise has no 3σ flare");
        for (Flare f : FlareFinder.identify(lc, p, 0.5, 3, Double.NEGATIVE_INFINITY)) {
            assertTrue(f.significance() < 3, f.toString());
        }
    }

    @Test
    void noRunsNoFlaresAndBadArgumentsAreRefused() {
        LightCurve lc = GeneratedLightCurves.generate("x", 600, 0.001, 0, new Rng(1)).lightCurve();
        double[] p = new double[600];
        assertTrue(FlareFinder.identify(lc, p).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> FlareFinder.identify(lc, new double[5]));
        assertThrows(IllegalArgumentException.class, () -> FlareFinder.identify(lc, p, 1.0, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> FlareFinder.identify(lc, p, 0.5, -1, 3));
    }
}

package astrograd.astro.xray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

/** Binning, GTIs, normalisations, Timmer–König light curves and log-rebinning. */
class PeriodogramsTest {
    @Test
    void poissonNoiseHasLeahyLevelTwoAndFracLevelTwoOverTheRate() {
        double rate = 300;
        double[] events = EventSimulator.poissonProcess(rate, 100, 300, new Rng(7));
        Gti gti = new Gti(new double[] {100, 200.5}, new double[] {199.7, 300});
        AveragedPeriodogram leahy = Periodograms.averaged(events, gti, 1e-3, 2, PowerNorm.LEAHY);
        assertEquals(49 + 49, leahy.segments(), "whole 2-s segments inside [100, 199.7) and [200.5, 300)");
        assertEquals(999, leahy.freq().length, "k = 1 … n/2 − 1 for n = 2000");
        assertEquals(0.5, leahy.freq()[0], 1e-12);
        double[] mean = leahy.meanPower(0, Double.POSITIVE_INFINITY);
        double sigma = 2 / Math.sqrt(leahy.segments() * mean[1]);
        assertEquals(2, mean[0], 3 * sigma);
        AveragedPeriodogram frac = Periodograms.averaged(events, gti, 1e-3, 2, PowerNorm.FRAC_RMS);
        assertEquals(rate, frac.meanRate(), 5);
        assertEquals(2 / frac.meanRate(), frac.poissonLevel(), 1e-15);
        for (int k = 0; k < 999; k += 97) {
            assertEquals(leahy.power()[k] / leahy.meanRate(), frac.power()[k], 1e-12 * frac.power()[k],
                    "frac = Leahy / mean rate");
        }
    }

    @Test
    void qpoRmsIsRecoveredFromTheFracRmsPeriodogram() {
        int n = 200_000;
        double dt = 1e-4;
        double rate = 2000;
        double rms = 0.2;
        double[] lambda = TimmerKoenig.qpoExpectedCounts(n, dt, rate, rms, 150, 10, new Rng(8));
        double[] events = EventSimulator.fromBinnedRate(lambda, 0, dt, true, new Rng(9));
        AveragedPeriodogram p = Periodograms.averaged(events, Gti.of(0, n * dt), 5e-4, 1, PowerNorm.FRAC_RMS);
        double excess = 0;
        double df = p.freq()[0];
        for (int k = 0; k < p.freq().length; k++) {
            excess += (p.power()[k] - p.poissonLevel()) * df;
        }
        // integrated frac-rms power minus Poisson level = rms²; the Lorentzian's far wings beyond 1 kHz and the
        // 1-Hz lowest bin miss a little, and 20 segments leave a few per cent of noise
        assertEquals(rms, Math.sqrt(excess), 0.02);
        int peak = 0;
        for (int k = 1; k < p.freq().length; k++) {
            peak = p.power()[k] > p.power()[peak] ? k : peak;
        }
        assertEquals(150, p.freq()[peak], 20, "the QPO peak");
    }

    @Test
    void expectedCountsHaveTheRequestedMeanAndRms() {
        double[] lambda = TimmerKoenig.qpoExpectedCounts(100_000, 1e-4, 1000, 0.3, 200, 5, new Rng(10));
        double mean = java.util.Arrays.stream(lambda).average().orElseThrow();
        double var = java.util.Arrays.stream(lambda).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
        assertEquals(0.1, mean, 0.002, "r dt");
        assertEquals(0.3, Math.sqrt(var) / mean, 0.01);
        assertTrue(java.util.Arrays.stream(lambda).allMatch(v -> v >= 0));
    }

    @Test
    void lightCurvesBinWholeBinsInsideEachGti() {
        double[] events = {0.05, 0.15, 0.16, 0.99, 1.0, 5.2, 5.21, 5.7, 9.9};
        Gti gti = new Gti(new double[] {0, 5}, new double[] {1.05, 6});
        XrayLightCurve lc = Binning.lightCurve(events, gti, 0.1);
        assertEquals(10 + 10, lc.size());
        assertEquals(5.0, lc.time()[10], 1e-12);
        assertEquals(1, lc.counts()[0]);
        assertEquals(2, lc.counts()[1]);
        assertEquals(1, lc.counts()[9], "0.99 in [0.9, 1.0); 1.0 is in the dropped partial bin");
        assertEquals(2, lc.counts()[12]);
        assertEquals(1, lc.counts()[17]);
        assertEquals(7, lc.totalCounts());
        assertEquals(7 / 2.0, lc.meanRate(), 1e-12);
        assertArrayEquals(new double[] {3, 0, 0, 0, 1, 0, 2, 0, 1, 0}, Binning.rebin(lc, 2).counts());
        assertThrows(IllegalArgumentException.class, () -> Binning.lightCurve(events, Gti.of(0, 0.05), 0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Periodograms.averaged(
                new double[] {0.3, 0.1, 0.2}, Gti.of(0, 1), 0.1, 0.5, PowerNorm.LEAHY));
        assertTrue(e.getMessage().contains("must be sorted"), e.getMessage());
    }

    @Test
    void gtisIntersectMergeAndRefuseBadIntervals() {
        Gti a = new Gti(new double[] {0, 100, 200}, new double[] {50, 150, 250});
        Gti b = new Gti(new double[] {40, 140}, new double[] {70, 210});
        Gti c = a.intersect(b);
        assertArrayEquals(new double[] {40, 140, 200}, c.starts());
        assertArrayEquals(new double[] {50, 150, 210}, c.stops());
        assertEquals(30, c.exposure(), 1e-12);
        assertTrue(c.contains(40) && !c.contains(50) && c.contains(209.9));
        Gti merged = Gti.normalized(new double[] {5, 0, 3, 9}, new double[] {8, 4, 6, 9});
        assertArrayEquals(new double[] {0}, merged.starts());
        assertArrayEquals(new double[] {8}, merged.stops());
        assertThrows(IllegalArgumentException.class, () -> new Gti(new double[] {0, 5}, new double[] {6, 7}));
        assertThrows(IllegalArgumentException.class, () -> a.intersect(Gti.of(300, 400)));
        assertArrayEquals(new double[] {0, 16, 32, 100, 116, 132, 200, 216, 232}, a.segmentStarts(16));
    }

    @Test
    void logRebinFollowsStingraysEdges() {
        double[] f = new double[100];
        double[] p = new double[100];
        for (int k = 0; k < 100; k++) {
            f[k] = k + 1;
            p[k] = 2 * (k + 1);
        }
        Periodograms.LogBinned b = Periodograms.logRebin(f, p, 0.5);
        // edges 0.5, 1.5, 3, 5.25, 8.625, 13.69, ...: bins {1}, {2}, {3, 4, 5}, {6, 7, 8}, {9 … 13}, ...
        assertArrayEquals(new int[] {1, 1, 3, 3, 5}, java.util.Arrays.copyOf(b.count(), 5));
        assertEquals(4.0, b.freq()[2], 1e-12);
        assertEquals(8.0, b.power()[2], 1e-12);
        assertEquals(100, java.util.Arrays.stream(b.count()).sum());
    }

    @Test
    void binnedRateEventsArePoissonPerBin() {
        int n = 200_000;
        double[] lambda = new double[n];
        for (int k = 0; k < n; k++) {
            lambda[k] = k % 2 == 0 ? 0.3 : 0.05;
        }
        lambda[7] = 0;
        for (boolean jitter : new boolean[] {false, true}) {
            double[] events = EventSimulator.fromBinnedRate(lambda, 10, 1e-3, jitter, new Rng(12));
            for (int i = 1; i < events.length; i++) {
                assertTrue(events[i] >= events[i - 1], "sorted");
            }
            double[] counts = Binning.histogram(events, 10, 1e-3, n);
            assertEquals(0, counts[7], "an empty bin stays empty");
            for (int parity = 0; parity < 2; parity++) {
                double mean = 0;
                double sq = 0;
                int zeros = 0;
                for (int k = parity; k < n; k += 2) {
                    mean += counts[k];
                    sq += counts[k] * counts[k];
                    zeros += counts[k] == 0 ? 1 : 0;
                }
                int m = n / 2;
                mean /= m;
                double var = sq / m - mean * mean;
                double lam = parity == 0 ? 0.3 : 0.05;
                assertEquals(lam, mean, 4 * Math.sqrt(lam / m), "mean, jitter " + jitter);
                assertEquals(lam, var, 5 * Math.sqrt(2.0 / m) * lam + 4 * Math.sqrt(lam / m), "variance");
                assertEquals(Math.exp(-lam), (double) zeros / m, 4 * Math.sqrt(0.25 / m), "P(0)");
            }
            if (!jitter) {
                assertEquals(0, Math.IEEEremainder(events[5] - 10, 1e-3), 1e-9, "events sit on bin starts");
            }
        }
    }

    @Test
    void poissonSamplesHaveTheRightMomentsOnBothMethods() {
        Rng rng = new Rng(11);
        for (double mean : new double[] {0.05, 3, 25, 400}) {
            int n = 20000;
            double s = 0;
            double s2 = 0;
            for (int i = 0; i < n; i++) {
                long k = Poisson.sample(mean, rng);
                s += k;
                s2 += (double) k * k;
            }
            double m = s / n;
            double v = s2 / n - m * m;
            assertEquals(mean, m, 4 * Math.sqrt(mean / n), "mean at " + mean);
            assertEquals(mean, v, 0.05 * mean + 4 * Math.sqrt(2.0 / n) * mean, "variance at " + mean);
        }
    }
}

package astrograd.astro.variables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapeStatisticsTest {
    @TempDir
    Path dir;

    /** m(φ) = 17 + Σ A_k cos(2πkφ + φ_k) at random phases, without noise. */
    private static double[][] series(int n, double[] amp, double[] phi, Rng rng) {
        double[] ph = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            ph[i] = rng.nextDouble();
            m[i] = 17;
            for (int k = 1; k < amp.length; k++) {
                m[i] += amp[k] * Math.cos(2 * Math.PI * k * ph[i] + phi[k]);
            }
        }
        return new double[][] {ph, m};
    }

    @Test
    void fourierRatiosAndPhaseDifferencesOfAKnownSeries() {
        double[] amp = {0, 0.4, 0.12, 0.06};
        double[] phi = {0, 0.7, -2.0, 1.3};
        double[][] s = series(150, amp, phi, new Rng(1));
        double[] st = ShapeStatistics.of(s[0], s[1]);
        assertEquals(0.3, st[1], 1e-5, "R21 (the tiny ridge biases the fit by ~1e-6)");
        assertEquals(0.15, st[2], 1e-5, "R31");
        double phi21 = phi[2] - 2 * phi[1];
        double phi31 = phi[3] - 3 * phi[1];
        assertEquals(Math.cos(phi21), st[3], 1e-5);
        assertEquals(Math.sin(phi21), st[4], 1e-5);
        assertEquals(Math.cos(phi31), st[5], 1e-5);
        assertEquals(Math.sin(phi31), st[6], 1e-5);
        double range = ShapeStatistics.percentile(s[1], 0.95) - ShapeStatistics.percentile(s[1], 0.05);
        assertEquals(Math.log10(range), st[0], 1e-12);
        assertTrue(range > 0.6 && range < 1.2, "5-95 % range of a 0.4 mag sinusoid plus harmonics: " + range);
    }

    @Test
    void skewnessSeparatesDipsFromPeaks() {
        // eclipses: mostly flat, short dips to fainter (larger) magnitudes → positive skewness; the mirror negative
        double[] dips = new double[200];
        for (int i = 0; i < dips.length; i++) {
            dips[i] = 15 + (i % 10 == 0 ? 0.8 : 0.01 * Math.sin(i));
        }
        double[] peaks = dips.clone();
        for (int i = 0; i < peaks.length; i++) {
            peaks[i] = 30 - peaks[i];
        }
        double sk = ShapeStatistics.skewness(dips);
        assertTrue(sk > 2, "skewness of dips " + sk);
        assertEquals(-sk, ShapeStatistics.skewness(peaks), 1e-9);
        assertEquals(0, ShapeStatistics.skewness(new double[] {3, 3, 3}), 0, "a flat band");
    }

    @Test
    void sparseAndFlatBandsGiveFiniteValues() {
        Rng rng = new Rng(2);
        for (int n : new int[] {2, 3, 4, 6, 9}) {
            double[][] s = series(n, new double[] {0, 0.3, 0.1}, new double[] {0, 0.2, 0.9}, rng);
            for (double v : ShapeStatistics.of(s[0], s[1])) {
                assertTrue(Double.isFinite(v), n + " points: " + v);
            }
        }
        double[] flat = ShapeStatistics.of(new double[] {0.1, 0.4, 0.5, 0.9, 0.95}, new double[] {16, 16, 16, 16, 16});
        assertEquals(Math.log10(ShapeStatistics.MIN_AMPLITUDE), flat[0], 0);
        for (double v : flat) {
            assertTrue(Double.isFinite(v));
        }
    }

    /** Random two- or three-band light curves with a sawtooth-like shape, noise and uneven band sampling. */
    private static LightCurve star(String id, int bands, int n, Rng rng) {
        double period = 0.3 + 3 * rng.nextDouble();
        double[] t = new double[n];
        double[] m = new double[n];
        double[] e = new double[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = 300 + 900 * rng.nextDouble();
            b[i] = i % 7 == 0 ? bands - 1 : i % bands;
            double ph = t[i] / period;
            m[i] = 17 + 0.4 * b[i] + 0.3 * (ph - Math.floor(ph)) + 0.1 * Math.cos(4 * Math.PI * ph + 0.3 * b[i])
                    + 0.03 * rng.nextGaussian();
            e[i] = 0.03;
        }
        return new LightCurve(id, t, m, e, b, bands, period);
    }

    @Test
    void auxiliaryInputsAreUnchangedByARandomPhaseShiftOfTheTimes() {
        Rng rng = new Rng(3);
        for (int bands = 1; bands <= 3; bands++) {
            Features f = new Features(64, true, bands, 20);
            assertEquals(2 * bands + 1 + ShapeStatistics.COUNT * bands + 2 * (bands - 1), f.auxCount());
            for (int trial = 0; trial < 5; trial++) {
                LightCurve lc = star("s" + trial, bands, 40 + 50 * trial, rng);
                double[] a = f.rawAux(f.fold(lc));
                double[] b = f.rawAux(f.fold(lc.shiftTime((rng.nextDouble() * 50 - 25) * lc.period())));
                double[] c = f.rawAux(f.fold(lc.shiftTime(rng.nextDouble() * lc.period())));
                assertArrayEquals(a, b, 1e-9, bands + " bands, trial " + trial);
                assertArrayEquals(a, c, 1e-9, bands + " bands, trial " + trial);
            }
        }
    }

    @Test
    void coloursAndAmplitudeRatiosFollowTheBandStatistics() {
        Features f = new Features(64, true, 2, 20);
        FoldedCurve fc = f.fold(star("c", 2, 120, new Rng(4)));
        double[] a = f.rawAux(fc);
        int shape = 5;
        assertEquals(fc.bandMean(0) - fc.bandMean(1), a[shape + 2 * ShapeStatistics.COUNT], 1e-12, "colour");
        assertEquals(a[shape] - a[shape + ShapeStatistics.COUNT], a[shape + 2 * ShapeStatistics.COUNT + 1], 1e-12,
                "log10 amplitude ratio");
        Features plain = new Features(64, true, 2, 20, false);
        assertEquals(5, plain.auxCount());
        assertArrayEquals(java.util.Arrays.copyOf(a, 5), plain.rawAux(fc), 0, "the first five inputs are the old ones");
    }

    @Test
    void theSettingIsSavedWithTheModel() throws Exception {
        for (boolean shape : new boolean[] {true, false}) {
            Features f = new Features(32, false, 2, 10, shape);
            ModelConfig c = new ModelConfig(ModelConfig.Arch.ITCN, f.inputChannels(), 2, 3, 1, 4, 0, astrograd.tensor.DType.F32);
            double[] zeros = new double[f.auxCount()];
            double[] ones = zeros.clone();
            java.util.Arrays.fill(ones, 1);
            TrainedModel m = new TrainedModel(c.build(new Rng(5)), f, new AuxScaler(zeros, ones), List.of("1", "2"),
                    List.of("b", "r"));
            Path d = dir.resolve("m" + shape);
            m.save(d);
            assertTrue(Files.exists(d.resolve(TrainedModel.FILE)));
            assertEquals(f, TrainedModel.load(d).features());
        }
    }
}

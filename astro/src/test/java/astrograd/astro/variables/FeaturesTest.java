package astrograd.astro.variables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturesTest {
    private static LightCurve twoBand(String id, int n, double period, Rng rng) {
        double[] t = new double[n];
        double[] m = new double[n];
        double[] e = new double[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = 300 + 900 * rng.nextDouble();
            b[i] = i % 2;
            m[i] = 17 + b[i] * 0.5 + 0.3 * Math.sin(2 * Math.PI * t[i] / period) + 0.02 * rng.nextGaussian();
            e[i] = 0.02 + 0.01 * rng.nextDouble();
        }
        return new LightCurve(id, t, m, e, b, 2, period);
    }

    @Test
    void foldingSortsByPhaseAndTheGapChannelWrapsAround() {
        Features f = new Features(64, true, 2, 20);
        FoldedCurve fc = f.fold(twoBand("a", 150, 0.57, new Rng(1)));
        for (int k = 1; k < fc.size(); k++) {
            assertTrue(fc.phase(k) >= fc.phase(k - 1));
        }
        assertEquals(5 + 5 + 2 * ShapeStatistics.COUNT + 2, f.inputChannels(),
                "gap, mag, error, two band flags; two means, two scatters, period; shape per band, colour, amplitude ratio");
        List<int[]> chunks = f.chunks(fc);
        assertEquals(2, chunks.size(), "150 points with L = 64 give two interleaved chunks");
        double[] x = new double[f.inputChannels() * 64];
        f.fill(fc, chunks.get(0), new double[f.auxCount()], x, 0);
        double gapSum = 0;
        for (int j = 0; j < 64; j++) {
            assertTrue(x[j] >= 0);
            gapSum += x[j] / 64;
        }
        assertEquals(1.0, gapSum, 1e-12, "the gaps of a chunk add up to one period");
        for (int j = 0; j < 64; j++) {
            assertEquals(1.0, x[3 * 64 + j] + x[4 * 64 + j], 0, "one-hot band channels");
        }
    }

    @Test
    void movingThePhaseOriginRollsEveryChunk() {
        Features f = new Features(40, true, 2, 20);
        LightCurve lc = twoBand("b", 130, 2.3, new Rng(2));
        FoldedCurve a = f.fold(lc);
        FoldedCurve b = f.fold(lc.shiftTime(0.37 * lc.period()));
        List<int[]> ca = f.chunks(a);
        List<int[]> cb = f.chunks(b);
        assertEquals(ca.size(), cb.size());
        double[] aux = new double[f.auxCount()];
        for (int c = 0; c < ca.size(); c++) {
            Tensor xa = f.batch(List.of(a), List.of(ca.get(c)), List.of(aux), DType.F64);
            Tensor xb = f.batch(List.of(b), List.of(cb.get(c)), List.of(aux), DType.F64);
            int shift = findShift(xa, xb);
            assertTrue(shift >= 0, "chunk " + c + " after the time shift is a roll of the original");
        }
        assertArrayEquals(f.rawAux(a), f.rawAux(b), 1e-9);
    }

    /** The s with roll(a, s) == b (within 1e-9), or −1. */
    private static int findShift(Tensor a, Tensor b) {
        int len = a.size(2);
        for (int s = 0; s < len; s++) {
            double d = a.roll(s, 2).sub(b).abs().max(new int[] {0, 1, 2}, false).item();
            if (d < 1e-9) {
                return s;
            }
        }
        return -1;
    }

    @Test
    void badStarsGetAMessageNamingThem() {
        Features f = new Features(64, false, 1, 20);
        BadStarException few = assertThrows(BadStarException.class,
                () -> f.fold(new LightCurve("s1", new double[5], new double[5], null, null, 1, 1.0)));
        assertTrue(few.getMessage().contains("s1") && few.getMessage().contains("too few points"), few.getMessage());
        BadStarException period = assertThrows(BadStarException.class,
                () -> new LightCurve("s2", new double[30], new double[30], null, null, 1, -2));
        assertTrue(period.getMessage().contains("s2") && period.getMessage().contains("bad period"), period.getMessage());
        double[] t = new double[30];
        t[3] = Double.NaN;
        BadStarException nan = assertThrows(BadStarException.class,
                () -> new LightCurve("s3", t, new double[30], null, null, 1, 1));
        assertTrue(nan.getMessage().contains("non-finite"), nan.getMessage());
        int[] bands = new int[40];
        bands[0] = 1;
        BadStarException band = assertThrows(BadStarException.class,
                () -> new Features(64, false, 2, 20).fold(new LightCurve("s4", new double[40], new double[40], null, bands, 2, 1)));
        assertTrue(band.getMessage().contains("band 1"), band.getMessage());
    }

    @Test
    void trainingBatchesMixClassesAndShareTheShortestLength() {
        Features f = new Features(50, false, 1, 10);
        SyntheticVariables gen = new SyntheticVariables(20, 90, 0.1);
        List<SyntheticVariables.Star> stars = gen.generate(20, new Rng(3));
        List<FoldedCurve> curves = new ArrayList<>();
        List<double[]> aux = new ArrayList<>();
        int[] labels = new int[stars.size()];
        for (int i = 0; i < stars.size(); i++) {
            curves.add(f.fold(stars.get(i).curve()));
            aux.add(new double[f.auxCount()]);
            labels[i] = stars.get(i).label();
        }
        ChunkDataset data = new ChunkDataset(f, curves, labels, aux, 16, DType.F32, new Rng(4));
        assertEquals(8, data.size());
        int lastLength = 0;
        for (int g = 0; g < data.size(); g++) {
            List<Tensor> batch = data.batch(Tensor.of(new long[] {g}, 1));
            int len = batch.get(0).size(2);
            assertTrue(len >= lastLength && len <= 50, "groups ordered by usable length");
            lastLength = len;
            long distinct = java.util.Arrays.stream(batch.get(1).toLongArray()).distinct().count();
            assertTrue(distinct >= 3, "group " + g + " mixes classes, has " + distinct);
        }
    }

    @Test
    void stratifiedFoldsKeepClassProportions() {
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i < 70 ? 0 : i < 95 ? 1 : 2;
        }
        int[] fold = Splits.stratifiedFolds(labels, 5, new Rng(5));
        for (int k = 0; k < 5; k++) {
            int[] perClass = new int[3];
            for (int i = 0; i < 100; i++) {
                if (fold[i] == k) {
                    perClass[labels[i]]++;
                }
            }
            assertEquals(14, perClass[0]);
            assertEquals(5, perClass[1]);
            assertTrue(perClass[2] <= 1);
        }
    }
}

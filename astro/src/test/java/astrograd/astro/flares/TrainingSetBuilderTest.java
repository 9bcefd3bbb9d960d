package astrograd.astro.flares;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.flares.WindowSet.Kind;
import astrograd.tensor.Rng;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingSetBuilderTest {
    private static final TrainingSetBuilder.Config SMALL = TrainingSetBuilder.Config.training().scaled(0.1)
            .withInput(FlareNetwork.Input.SERIES);

    private static LabelledLightCurve curve() {
        return GeneratedLightCurves.generate("gen", 4000, 0.002, 4, new Rng(9));
    }

    @Test
    void drawsTheConfiguredMixWithLabels() {
        WindowSet w = TrainingSetBuilder.build(curve(), SMALL, new Rng(1));
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (int i = 0; i < w.size(); i++) {
            counts.merge(w.kind(i), 1, Integer::sum);
        }
        assertEquals(16, counts.get(Kind.CATALOG_FLARE), "4 catalogued flares × offsets −1…+2");
        assertEquals(SMALL.syntheticPerCurve(), counts.get(Kind.SYNTHETIC_FLARE));
        assertEquals(SMALL.offCenterPerCurve(), counts.get(Kind.OFF_CENTER_FLARE));
        assertEquals(SMALL.quietPerCurve(), counts.get(Kind.QUIET));
        assertEquals(SMALL.spikesPerCurve(), counts.get(Kind.SPIKE));
        assertEquals(SMALL.stepsPerCurve(), counts.get(Kind.STEP));
        assertArrayEquals(new int[] {w.size(), FlareSeries.CHANNELS, FlareSeries.INPUT}, w.inputs().shape());
        int positives = java.util.Arrays.stream(w.labelArray()).sum();
        assertEquals(16 + SMALL.syntheticPerCurve(), positives);
        assertEquals(positives, w.labels().sum().item(), 0);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(FlareNetwork.Input.class)
    void centredFlaresPeakNearTheCentreAndSignificanceIsInRange(FlareNetwork.Input input) {
        // long flares have flat, noisy tops; no modulation, which can outshine a 20σ flare
        TrainingSetBuilder.Config shortFlares = new TrainingSetBuilder.Config(SMALL.syntheticPerCurve(), 0, 0, 0, 0, 20,
                40, 0.001, 0.004, false, Windows.DEFAULT_GAP_FACTOR, 0, input, 0.5);
        WindowSet w = TrainingSetBuilder.build(curve(), shortFlares, new Rng(2));
        float[] x = w.inputs().toFloatArray();
        int width = input.channels() * input.length();
        int before = input == FlareNetwork.Input.SERIES ? FlareSeries.BEFORE : Windows.BEFORE;
        for (int i = 0; i < w.size(); i++) {
            if (w.kind(i) != Kind.SYNTHETIC_FLARE) {
                continue;
            }
            assertTrue(w.peakSigma(i) >= 20 && w.peakSigma(i) <= 40);
            int argmax = 0;
            for (int j = 1; j < input.length(); j++) {
                if (x[i * width + j] > x[i * width + argmax]) {
                    argmax = j;
                }
            }
            int offset = before - argmax; // ±1: the sampled maximum may fall on a neighbouring cadence
            assertTrue(offset >= TrainingSetBuilder.MIN_OFFSET - 1 && offset <= TrainingSetBuilder.MAX_OFFSET + 1,
                    "peak at window index " + argmax);
            if (input == FlareNetwork.Input.SERIES) {
                assertEquals(1f, x[i * width + input.length() + before], "the centre is observed");
            }
        }
    }

    @Test
    void seriesWindowsAreCutByEdgesAndGapsButKeepTheirCentre() {
        WindowSet w = TrainingSetBuilder.build(curve(), SMALL.withEdgeFraction(1), new Rng(12));
        float[] x = w.inputs().toFloatArray();
        int width = FlareSeries.CHANNELS * FlareSeries.INPUT;
        for (int i = 0; i < w.size(); i++) {
            int masked = 0;
            for (int j = 0; j < FlareSeries.INPUT; j++) {
                masked += x[i * width + FlareSeries.INPUT + j] == 0f ? 1 : 0;
                if (x[i * width + FlareSeries.INPUT + j] == 0f) {
                    assertEquals(0f, x[i * width + j], "a missing cadence reads 0");
                }
            }
            assertTrue(masked >= 1, "window " + i + " (" + w.kind(i) + ") is cut");
            assertEquals(1f, x[i * width + FlareSeries.INPUT + FlareSeries.BEFORE], "the centre is observed");
        }
    }

    @Test
    void sameSeedSameWindowsOtherSeedOtherWindows() {
        LabelledLightCurve c = curve();
        WindowSet a = TrainingSetBuilder.build(List.of(c), SMALL, new Rng(4));
        WindowSet b = TrainingSetBuilder.build(List.of(c), SMALL, new Rng(4));
        WindowSet other = TrainingSetBuilder.build(List.of(c), SMALL, new Rng(5));
        assertArrayEquals(a.inputs().toFloatArray(), b.inputs().toFloatArray());
        assertFalse(java.util.Arrays.equals(a.inputs().toFloatArray(), other.inputs().toFloatArray()));
    }

    @Test
    void subsetAndConcatKeepKindsAndSignificance() {
        WindowSet w = TrainingSetBuilder.build(curve(), SMALL, new Rng(6));
        WindowSet s = w.subset(new int[] {w.size() - 1, 0});
        assertEquals(w.kind(w.size() - 1), s.kind(0));
        assertEquals(w.kind(0), s.kind(1));
        WindowSet both = WindowSet.concat(List.of(s, s));
        assertEquals(4, both.size());
        assertEquals(s.peakSigma(0), both.peakSigma(2), 0);
    }

    @Test
    void badRangesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingSetBuilder.Config(1, 1, 1, 1, 1, 5, 3, 0.001, 0.01, true, 20, 0,
                        FlareNetwork.Input.SERIES, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingSetBuilder.Config(1, 1, 1, 1, 1, 3, 5, 0, 0.01, true, 20, 0,
                        FlareNetwork.Input.SERIES, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingSetBuilder.Config(1, 1, 1, 1, 1, 3, 5, 0.001, 0.01, true, 20, 1.5,
                        FlareNetwork.Input.SERIES, 0));
    }
}

package astrograd.astro.flares;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.lightcurve.LightCurve;
import astrograd.autodiff.Var;
import astrograd.layers.Sequential;
import astrograd.layers.train.DeepEnsemble;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared-convolution scoring of a whole series against the window-by-window forward pass. */
class SeriesScorerTest {
    /** A 2 400-cadence light curve with flares, a 0.5-day gap, single missing cadences and a 30-cadence hole. */
    private static LightCurve lightCurve() {
        LightCurve lc = GeneratedLightCurves.generate("shared", 2400, 0.002, 6, new Rng(31)).lightCurve();
        boolean[] keep = new boolean[lc.size()];
        Arrays.fill(keep, true);
        for (int i = 300; i < 2400; i += 97) {
            keep[i] = false;
        }
        Arrays.fill(keep, 1700, 1730, false);
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        double[] t = new double[n];
        double[] f = new double[n];
        int j = 0;
        for (int i = 0; i < lc.size(); i++) {
            if (keep[i]) {
                t[j] = lc.time()[i];
                f[j++] = lc.flux()[i];
            }
        }
        return new LightCurve("shared", t, f, new double[n]);
    }

    private static Sequential member(long seed) {
        Sequential m = FlareNetwork.create(FlareNetwork.Input.SERIES, new Rng(seed));
        m.eval();
        return m;
    }

    @Test
    void everyCadenceOfEveryPartMatchesItsOwnWindow() {
        LightCurve lc = lightCurve();
        FlareSeries series = FlareSeries.of(lc);
        assertEquals(1, series.parts().length, "a 0.5-day gap (360 cadences) is short enough to lie on the grid");
        assertTrue(series.parts()[0].length() > lc.size() + 360, "the gap's cadences are on the grid, masked");
        Sequential m = member(5);
        SeriesScorer scorer = new SeriesScorer(m);
        int width = FlareSeries.CHANNELS * FlareSeries.INPUT;
        double worst = 0;
        double spread = 0;
        for (FlareSeries.Part part : series.parts()) {
            double[] shared = scorer.logits(part);
            int k = part.length();
            float[] x = new float[k * width];
            for (int g = 0; g < k; g++) {
                FlareSeries.window(part, g, x, g * width);
            }
            double[] direct = m.forward(Var.constant(Tensor.of(x, k, FlareSeries.CHANNELS, FlareSeries.INPUT)))
                    .value().to(DType.F64).toDoubleArray();
            for (int g = 0; g < k; g++) {
                worst = Math.max(worst, Math.abs(shared[g] - direct[g]) / (1 + Math.abs(direct[g])));
            }
            double mean = Arrays.stream(direct).average().orElse(0);
            spread = Math.max(spread, Math.sqrt(Arrays.stream(direct).map(v -> (v - mean) * (v - mean)).average().orElse(0)));
        }
        assertTrue(spread > 1e-3, "the logits vary from cadence to cadence (spread " + spread + ")");
        assertTrue(worst < 1e-5, "float32 rounding only: largest relative logit difference " + worst);
    }

    @Test
    void ensembleProbabilitiesMatchTheWindowByWindowPath() {
        LightCurve lc = lightCurve();
        List<Sequential> members = new ArrayList<>(List.of(member(1), member(2), member(3)));
        for (DeepEnsemble.Combine combine : DeepEnsemble.Combine.values()) {
            FlareEnsemble e = FlareEnsemble.of(members, FlareNetwork.Input.SERIES, combine);
            double[] shared = FlarePredictor.probabilities(lc, e);
            double[] direct = FlarePredictor.windowByWindow(lc, e);
            assertEquals(lc.size(), shared.length);
            assertTrue(Arrays.stream(shared).noneMatch(Double::isNaN), "every observed cadence is scored");
            assertArrayEquals(direct, shared, 1e-6, combine.name());
        }
    }

    @Test
    void theWindowOfACadenceIsTheSlicedSeriesWithMissingCadencesMasked() {
        LightCurve lc = lightCurve();
        FlareSeries.Part first = FlareSeries.of(lc).parts()[0];
        float[] w = new float[FlareSeries.CHANNELS * FlareSeries.INPUT];
        FlareSeries.window(first, 0, w, 0);
        for (int j = 0; j < FlareSeries.BEFORE; j++) {
            assertEquals(0f, w[j]);
            assertEquals(0f, w[FlareSeries.INPUT + j], "before the light curve: masked");
        }
        assertEquals(1f, w[FlareSeries.INPUT + FlareSeries.BEFORE], "the scored cadence itself is observed");
        FlareSeries.window(first, 397, w, 0); // cadence 397 (grid) has the dropped cadence 300 within reach
        assertEquals(0f, w[FlareSeries.INPUT + FlareSeries.BEFORE - 97], "the dropped cadence is masked");
    }

    @Test
    void aStretchNormalizesItsMiddleAsTheWholeSeriesDoes() {
        Rng rng = new Rng(8);
        int n = 1000;
        double[] flux = new double[n];
        boolean[] valid = new boolean[n];
        for (int i = 0; i < n; i++) {
            flux[i] = 1 + 0.01 * Math.sin(i / 50.0) + 0.002 * rng.nextGaussian();
            valid[i] = i % 13 != 0 && (i < 600 || i > 640);
        }
        float[] wx = new float[n];
        float[] wm = new float[n];
        FlareSeries.normalize(flux, valid, 0.002, 0, n, wx, 0, wm, 0);
        int from = 400;
        int to = 700;
        double[] stretch = Arrays.copyOfRange(flux, from - 100, to + 100);
        boolean[] sv = Arrays.copyOfRange(valid, from - 100, to + 100);
        float[] sx = new float[to - from];
        float[] sm = new float[to - from];
        FlareSeries.normalize(stretch, sv, 0.002, 100, 100 + to - from, sx, 0, sm, 0);
        assertArrayEquals(Arrays.copyOfRange(wx, from, to), sx, 0f);
        assertArrayEquals(Arrays.copyOfRange(wm, from, to), sm, 0f);
    }
}

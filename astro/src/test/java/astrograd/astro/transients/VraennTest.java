package astrograd.astro.transients;

import astrograd.layers.KerasGru;
import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VraennTest {

    @Test
    void syntheticSurveyRareClassRanksHigh() {
        long t0 = System.nanoTime();
        Vraenn.Config model = new Vraenn.Config(3, 16, 10, KerasGru.Gate.HARD_SIGMOID_KERAS2, false,
                Vraenn.Loss.PAPER, true);
        SyntheticAnomalyExperiment.Config c = new SyntheticAnomalyExperiment.Config(600, 0.01, model,
                new VraennTrainer.Options(5, 64, 3e-3, 0.2, 5, 1), 48, 5);
        SyntheticAnomalyExperiment.Result r = SyntheticAnomalyExperiment.run(c, e -> { });
        System.out.printf("VRAENN synthetic (600 objects, 1%% rare): AUROC %.3f, top-1%% precision %.2f (base %.3f);"
                + " at peak AUROC %.3f, precision %.2f; %d epochs, best %d; %.0f s%n", r.auroc(), r.topPrecision(),
                r.baseRate(), r.aurocAtPeak(), r.topPrecisionAtPeak(), r.history().train().length,
                r.history().bestEpoch(), (System.nanoTime() - t0) * 1e-9);
        assertTrue(r.auroc() >= 0.80, "rare-class AUROC " + r.auroc());
        assertTrue(r.topPrecision() >= 5 * r.baseRate(), "top-1% precision " + r.topPrecision());
    }

    private static List<VraennData.Sequence> sequences(int[] lengths) {
        Rng rng = new Rng(3);
        List<VraennData.Sequence> out = new ArrayList<>();
        for (int len : lengths) {
            double[] t = new double[len];
            double[][] m = new double[len][2];
            double[][] s = new double[len][2];
            for (int k = 0; k < len; k++) {
                t[k] = 50 + 3 * k;
                m[k][0] = 19 + 0.1 * k + 0.05 * rng.nextGaussian();
                m[k][1] = 19.2 + 0.08 * k;
                s[k][0] = 0.05;
                s[k][1] = 0.1;
            }
            out.add(new VraennData.Sequence(t, m, s, 22));
        }
        return out;
    }

    @Test
    void dataIsNormalisedAndPaddedAsTheReference() {
        VraennData d = VraennData.of(sequences(new int[] {3, 5}), 10, Double.NaN, Double.NaN);
        assertEquals(5, d.steps());
        assertEquals(-22.0, d.lo(), 1e-12, "the limit is the faintest −m");
        double scale = d.hi() - d.lo();
        // object 0, step 1: t = 3 d / 100, m' = (−m − lo)/scale, σ' = σ/scale + 0.01
        assertEquals(0.03, d.input().getDouble(0, 1, 0), 1e-6);
        assertEquals(0.05 / scale + 0.01, d.input().getDouble(0, 1, 3), 1e-6);
        // object 0, padded step 3: t = t_last + 1, m = limit (0 after normalisation), σ = 1, mask 0
        assertEquals(0.06 + 1, d.input().getDouble(0, 3, 0), 1e-6);
        assertEquals(0.0, d.input().getDouble(0, 3, 1), 1e-6);
        assertEquals(1.0, d.input().getDouble(0, 3, 4), 1e-6);
        assertEquals(0.0, d.mask().getDouble(0, 3), 0);
        assertEquals(1.0, d.mask().getDouble(1, 4), 0);
        assertEquals(0.0, d.input2().getDouble(1, 2, 1), 1e-6);
    }

    /** With masking, the targets of padded epochs do not enter the loss; in the reference's unmasked loss they do. */
    @Test
    void maskedLossIgnoresPaddedTargets() {
        VraennData d = VraennData.of(sequences(new int[] {4, 9}), 20, Double.NaN, Double.NaN);
        double[] target = d.target().toDoubleArray();
        double[] mask = d.mask().toDoubleArray();
        for (int i = 0; i < target.length; i++) {
            if (mask[i / 2] == 0) {
                target[i] += 0.3;
            }
        }
        VraennData shifted = new VraennData(d.input(), d.input2(), d.mask(),
                astrograd.tensor.Tensor.of(target, d.target().shape()).to(d.target().dtype()), d.targetSigma(),
                d.bands(), d.lo(), d.hi());
        for (Vraenn.Loss loss : Vraenn.Loss.values()) {
            for (boolean masked : new boolean[] {true, false}) {
                Vraenn m = new Vraenn(new Vraenn.Config(2, 6, 3, KerasGru.Gate.HARD_SIGMOID_KERAS2, false, loss,
                        masked), new Rng(9));
                Vraenn.Output o = m.forward(d, null);
                double a = m.loss(d, o).value().item();
                double b = m.loss(shifted, o).value().item();
                if (masked) {
                    assertEquals(a, b, 1e-6, loss + " masked");
                } else {
                    assertTrue(Math.abs(a - b) > 1e-3, loss + " unmasked: " + a + " vs " + b);
                }
            }
        }
    }

    @Test
    void everyParameterGetsAGradientAndEncodingIsDeterministic() {
        VraennData d = VraennData.of(sequences(new int[] {4, 6, 5}), 10, Double.NaN, Double.NaN);
        Vraenn m = new Vraenn(new Vraenn.Config(2, 5, 3, KerasGru.Gate.HARD_SIGMOID_KERAS3, true, Vraenn.Loss.ELBO,
                true), new Rng(2));
        m.loss(d, m.forward(d, new Rng(4))).backward();
        for (var e : m.namedParameters().entrySet()) {
            assertTrue(e.getValue().grad() != null && e.getValue().grad().abs().sum().item() > 0,
                    "no gradient reached " + e.getKey());
        }
        double[][][] a = m.encode(d, 2);
        double[][][] b = m.encode(d, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(a[0][i][0], b[0][i][0], 1e-6);
            assertTrue(a[1][i][0] > 0);
        }
    }
}

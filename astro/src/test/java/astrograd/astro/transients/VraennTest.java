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
        Vraenn.Config model = new Vraenn.Config(3, 24, 10, KerasGru.Gate.HARD_SIGMOID_KERAS2, false,
                Vraenn.Loss.PAPER, true);
        SyntheticAnomalyExperiment.Config c = new SyntheticAnomalyExperiment.Config(1000, 0.01, model,
                new VraennTrainer.Options(8, 64, 3e-3, 0.2, 5, 1), 64, 5);
        SyntheticAnomalyExperiment.Result r = SyntheticAnomalyExperiment.run(c, e -> { });
        System.out.printf("VRAENN synthetic (1000 objects, 1%% rare): AUROC %.3f, top-1%% precision %.2f (base %.3f);"
                + " at peak AUROC %.3f, precision %.2f; %d epochs, best %d; %.0f s%n", r.auroc(), r.topPrecision(),
                r.baseRate(), r.aurocAtPeak(), r.topPrecisionAtPeak(), r.history().train().length,
                r.history().bestEpoch(), (System.nanoTime() - t0) * 1e-9);
        assertTrue(r.auroc() >= 0.80, "rare-class AUROC " + r.auroc());
        assertTrue(r.topPrecision() >= 5 * r.baseRate(), "top-1% precision " + r.topPrecision());
    }
}

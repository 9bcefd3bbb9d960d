package astrograd.inference.sbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.sbi.tasks.LinearGaussian;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

/** SBC and coverage: the exact posterior passes; an overconfident one fails both. */
class CalibrationTest {
    private static final LinearGaussian TASK = new LinearGaussian();
    private static final double[] LEVELS = {0.68, 0.95};

    @Test
    void exactPosteriorIsCalibrated() {
        Calibration.Report r = Calibration.run((n, x, rng) -> TASK.referencePosterior(x, n, rng), TASK.prior(), TASK.simulator(), 300, 200, 10,
                LEVELS, new Rng(1));
        assertTrue(r.minPValue() > 0.01, "KS p-values " + java.util.Arrays.toString(r.ksPValues()));
        for (int p = 0; p < 2; p++) {
            assertEquals(0.68, r.coverage()[0][p], 0.07, "68% coverage of θ" + p);
            assertEquals(0.95, r.coverage()[1][p], 0.04, "95% coverage of θ" + p);
            assertEquals(300, java.util.Arrays.stream(r.histograms()[p]).sum());
        }
    }

    @Test
    void overconfidentPosteriorFails() {
        Calibration.PosteriorSampler narrow = (n, x, rng) -> {
            Tensor exact = TASK.referencePosterior(x, n, rng);
            Tensor mean = exact.mean(new int[] {0}, true);
            return exact.sub(mean).mul(0.4).add(mean);
        };
        Calibration.Report r = Calibration.run(narrow, TASK.prior(), TASK.simulator(), 300, 200, 10, LEVELS,
                new Rng(2));
        assertTrue(r.minPValue() < 1e-4, "KS p-values " + java.util.Arrays.toString(r.ksPValues()));
        assertTrue(r.coverage()[1][0] < 0.8, "95% interval of an overconfident posterior covers " + r.coverage()[1][0]);
    }

    @Test
    void kolmogorovTailMatchesKnownValues() {
        // scipy.stats.kstwobign.sf(1.36) = 0.0494, sf(1.0) = 0.2700 (n → ∞)
        assertEquals(0.0494, Calibration.kolmogorovPValue(1.36 / Math.sqrt(1e8), 100_000_000), 1e-3);
        assertEquals(0.2700, Calibration.kolmogorovPValue(1.0 / Math.sqrt(1e8), 100_000_000), 1e-3);
    }
}

package astrograd.astro.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.Draws;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MARGE/HOMER pipeline at a quick size, on a cheap version of the forward model (fewer lines, coarser grid). */
class SurrogateRetrievalTest {
    static final TransmissionModel CHEAP = new TransmissionModel(WavelengthBins.uniform(0.838, 1.666, 13),
            List.of(SyntheticLineList.standard("H2O", 30), SyntheticLineList.standard("HCN", 30),
                    SyntheticLineList.standard("NH3", 30)), 10_000);
    static final double[] TRUTH = {1400, -3.5, -6, -8, -5};
    static final double[] ERRORS = filled(13, 0.005);

    private static double[] filled(int n, double v) {
        double[] x = new double[n];
        Arrays.fill(x, v);
        return x;
    }

    @Test
    void quickEmulatorFitsHeldOutSimulations() {
        Simulations sims = Simulations.draw(PriorBox.hela(), CHEAP::spectrum, 1500, 5);
        SpectrumEmulator e = SpectrumEmulator.train(sims.rows(0, 1200), sims.rows(1200, 1350),
                new EmulatorConfig(new int[] {64, 64}, 50, 64, 3e-3, 10, false, 2), null);
        EmulatorMetrics m = EmulatorMetrics.of(e, sims.rows(1350, 1500));
        assertTrue(m.minR2() > 0.98, "R² per bin " + Arrays.toString(m.r2()));
        assertTrue(m.meanRmse() < 0.02, "RMSE " + m.meanRmse() + " %");
        assertTrue(e.bestEpoch() >= 1 && e.epochsRun() <= 50);
    }

    @Test
    void proposalsOutsideTheBoxAreRejectedUnevaluated() {
        ObservedSpectrum obs = ObservedSpectrum.synthetic(CHEAP, TRUTH, ERRORS, -1);
        SpectrumLikelihood l = new SpectrumLikelihood(obs, PriorBox.hela(), CHEAP::spectrum);
        assertEquals(Double.NEGATIVE_INFINITY, l.logLikelihood(new double[] {3000, -3, -3, -3, -3}));
        assertEquals(0, l.evaluations());
        assertEquals(0, l.logLikelihood(TRUTH), 1e-12);
        assertEquals(1, l.evaluations());
    }

    @Test
    void shortDemcRecoversTheSyntheticTruth() {
        ObservedSpectrum obs = ObservedSpectrum.synthetic(CHEAP, TRUTH, ERRORS, 3);
        SurrogateRetrieval.Run run = SurrogateRetrieval.demc(obs, PriorBox.hela(), CHEAP::spectrum, 8, 1500, 700, 4);
        Draws d = run.draws();
        for (int j = 0; j < TRUTH.length; j++) {
            double[] x = d.flat(j).clone();
            Arrays.sort(x);
            double lo = x[(int) (0.001 * x.length)];
            double hi = x[(int) (0.999 * x.length) - 1];
            assertTrue(TRUTH[j] >= lo && TRUTH[j] <= hi, d.names().get(j) + ": truth " + TRUTH[j] + " outside ["
                    + lo + ", " + hi + "]");
        }
        // temperature and water are measured: far narrower than their priors (sd 693 K and 3.75 dex)
        assertTrue(sd(d.flat(0)) < 300, "sd T " + sd(d.flat(0)));
        assertTrue(sd(d.flat(1)) < 1.5, "sd log X_H2O " + sd(d.flat(1)));
        assertTrue(run.acceptance() > 0.02 && run.evaluations() > 0);
    }

    private static double sd(double[] x) {
        double m = Arrays.stream(x).average().orElseThrow();
        return Math.sqrt(Arrays.stream(x).map(v -> (v - m) * (v - m)).average().orElseThrow());
    }
}

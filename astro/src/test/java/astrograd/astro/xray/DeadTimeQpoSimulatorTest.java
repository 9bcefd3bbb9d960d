package astrograd.astro.xray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The dead-time QPO simulator (reduced set-up of spec §4(d)7) and the naive Whittle fit: without dead time the fit
 * recovers θ; with 2.5 ms of dead time the detected rate follows r/(1 + rτ) and the naive fit's rms is far off
 * (the distorted Poisson level is absorbed by the Lorentzian), which is what the SBI must correct.
 */
class DeadTimeQpoSimulatorTest {
    private static final DeadTimeQpoSimulator.Parameters THETA = new DeadTimeQpoSimulator.Parameters(1000, 250, 10,
            0.3);

    @Test
    void naiveWhittleFitRecoversTheQpoWithoutDeadTime() {
        DeadTimeQpoSimulator sim = new DeadTimeQpoSimulator(DeadTimeQpoSimulator.Config.reduced().withDeadTime(0));
        for (long seed : new long[] {101, 102}) {
            DeadTimeQpoSimulator.Simulation s = sim.simulate(THETA, new Rng(seed));
            assertEquals(s.incident(), s.detected());
            WhittleFit.Result w = WhittleFit.fit(s.periodogram());
            assertEquals(0.3, w.rms(), 0.04, "rms, seed " + seed);
            assertEquals(250, w.nu0(), 10, "nu0");
            assertEquals(10, w.q(), 4, "Q");
            assertEquals(s.periodogram().poissonLevel(), w.constant(), 0.05 * s.periodogram().poissonLevel());
        }
    }

    @Test
    void deadTimeLowersTheRateAndBiasesTheNaiveFit() {
        DeadTimeQpoSimulator sim = new DeadTimeQpoSimulator(DeadTimeQpoSimulator.Config.reduced());
        DeadTimeQpoSimulator.Simulation s = sim.simulate(THETA, new Rng(103));
        double ratio = (double) s.detected() / s.incident();
        assertEquals(1 / (1 + 1000 * 2.5e-3), ratio, 0.03 / 3.5, "r_det / r_in");
        WhittleFit.Result w = WhittleFit.fit(s.periodogram());
        assertTrue(Math.abs(w.rms() - 0.3) > 0.2, "the naive fit is biased: rms " + w.rms());
    }

    @Test
    void summariesAreSeededPerSimulationAndThreadIndependent() {
        DeadTimeQpoSimulator sim = new DeadTimeQpoSimulator(new DeadTimeQpoSimulator.Config(2, 2, 1e-4, 5e-4, 1,
                2.5e-3, 0.01));
        Rng prior = new Rng(7);
        double[][] thetas = new double[6][];
        for (int i = 0; i < thetas.length; i++) {
            thetas[i] = DeadTimeQpoSimulator.Prior.reduced().sample(prior);
            assertTrue(DeadTimeQpoSimulator.Prior.reduced().contains(thetas[i]));
        }
        double[][] serial = sim.simulateSummaries(thetas, 42, false);
        double[][] parallel = sim.simulateSummaries(thetas, 42, true);
        for (int i = 0; i < thetas.length; i++) {
            assertArrayEquals(serial[i], parallel[i], "simulation " + i);
            assertEquals(sim.summaryFrequencies().length, serial[i].length);
            assertTrue(Arrays.stream(serial[i]).allMatch(v -> Double.isFinite(v) && v >= 0));
        }
        double[][] tail = sim.simulateSummaries(Arrays.copyOfRange(thetas, 3, 6), 42, false);
        assertFalse(Arrays.equals(serial[3], tail[0]), "stream i is fold(i) of the seed, so row 0 differs from row 3");
        double[][] chunk = sim.simulateSummaries(Arrays.copyOfRange(thetas, 3, 6), 42, 3, true);
        for (int j = 0; j < 3; j++) {
            assertArrayEquals(serial[3 + j], chunk[j], "a chunk from index 3 reproduces rows 3-5");
        }
        double[][] reseeded = sim.simulateSummaries(thetas, 43, false);
        assertFalse(Arrays.equals(serial[0], reseeded[0]));
        double[] f = sim.summaryFrequencies();
        assertEquals(1, f[0], 1e-12);
        assertTrue(f[f.length - 1] > 900 && f[f.length - 1] < 1000);
    }

    @Test
    void badSetUpsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DeadTimeQpoSimulator.Config(1, 10, 1e-4, 5e-5, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeadTimeQpoSimulator.Config(1, 10.00005, 1e-4, 5e-4, 1,
                0, 0));
        assertThrows(IllegalArgumentException.class, () -> DeadTimeQpoSimulator.Parameters.of(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> new DeadTimeQpoSimulator.Prior(new double[] {1, 1, 1, 1},
                new double[] {2, 2, 2, 1}));
        AveragedPeriodogram leahy = Periodograms.averaged(EventSimulator.poissonProcess(100, 0, 4, new Rng(1)),
                Gti.of(0, 4), 1e-3, 1, PowerNorm.LEAHY);
        assertThrows(IllegalArgumentException.class, () -> WhittleFit.fit(leahy));
    }
}

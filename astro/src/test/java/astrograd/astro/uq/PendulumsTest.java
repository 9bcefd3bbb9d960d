package astrograd.astro.uq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Rng;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Simulator sanity (spec §3(d).1). */
class PendulumsTest {
    @Test
    void analyticEstimateIsNearlyUnbiased() {
        Pendulums p = Pendulums.simulate(100_000, 0.05, 0.05, 0, Pendulums.Ranges.TRAINING, new Rng(42));
        double ratio = 0;
        for (int i = 0; i < p.size(); i++) {
            ratio += p.gHat()[i] / p.g()[i] / p.size();
        }
        assertEquals(1, ratio, 0.003, "mean g_hat / g");
    }

    @Test
    void analyticErrorMatchesTheEmpiricalScatterInEveryNoiseBin() {
        Pendulums p = Pendulums.simulate(100_000, 0.01, 0.2, Pendulums.Ranges.TRAINING, new Rng(666));
        double[] edges = {0.01, 0.05, 0.09, 0.13, 0.17, 0.2};
        for (int b = 0; b + 1 < edges.length; b++) {
            double sum = 0;
            double sumSq = 0;
            double predicted = 0;
            int n = 0;
            for (int i = 0; i < p.size(); i++) {
                if (p.noise()[i] >= edges[b] && p.noise()[i] < edges[b + 1]) {
                    double r = p.gHat()[i] / p.g()[i];
                    sum += r;
                    sumSq += r * r;
                    predicted += p.deltaG()[i] / p.gHat()[i];
                    n++;
                }
            }
            double empirical = Math.sqrt(sumSq / n - (sum / n) * (sum / n));
            predicted /= n;
            System.out.printf(Locale.ROOT, "noise [%.2f, %.2f): mean dg/g %.4f, empirical std of g_hat/g %.4f%n",
                    edges[b], edges[b + 1], predicted, empirical);
            assertEquals(empirical, predicted, 0.1 * empirical, "noise bin " + b);
        }
    }

    @Test
    void spearmanOfMonotoneAndReversedData() {
        double[] a = {1, 2, 3, 4, 5};
        assertEquals(1, PendulumStudy.spearman(a, new double[] {2, 4, 8, 16, 32}), 1e-12);
        assertEquals(-1, PendulumStudy.spearman(a, new double[] {5, 4, 3, 2, 1}), 1e-12);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Pendulums.simulate(10, 0.2, 0.1, Pendulums.Ranges.TRAINING,
                new Rng(1)));
        assertTrue(Pendulums.analytic(new double[] {10, 0.5, 0.05, 1.4, 1.4, 1.4, 1.4, 1.4, 1.4, 1.4, 1.4, 1.4,
            1.4})[1] > 0);
    }
}

package astrograd.astro.flares;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StarFfdTest {
    @Test
    void edgeDistancesCountCadencesToTheEndsAndToGaps() {
        double c = 1.0 / 720;
        double[] t = new double[60];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * c + (i >= 30 ? 25 * c : 0) + (i >= 45 ? c : 0); // a 25-cadence gap after 30, one missing at 45
        }
        int[] d = InjectionRecovery.edgeDistances(t, c);
        assertEquals(0, d[0]);
        assertEquals(5, d[5]);
        assertEquals(0, d[29], "the last cadence before the gap");
        assertEquals(0, d[30], "the first after it");
        assertEquals(14, d[44], "a single missing cadence is no gap");
        assertEquals(0, d[59]);
    }

    @Test
    void incompletenessAndBiasAreCorrectedAndTheIndexIsRecovered() {
        // flares from a power law α = 2 above 1 s over 100 days; the finder sees those above 5 s only partly
        // (half of them between 5 and 10 s, all above) and measures 80 % of each equivalent duration
        Rng rng = new Rng(3);
        List<Flare> found = new ArrayList<>();
        int all = 0;
        for (int i = 0; i < 3000; i++) {
            double ed = Math.pow(1 - rng.nextDouble(), -1.0);
            double p = ed < 5 ? 0 : ed < 10 ? 0.5 : 1;
            all += ed >= 10 ? 1 : 0;
            if (rng.nextDouble() < p) {
                found.add(new Flare(i, i, i + 0.01, 0.1, 0.01, 0.8 * ed, 0.9, 10, i));
            }
        }
        List<InjectionRecovery.Trial> trials = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            double ed = Math.exp(Math.log(1) + rng.nextDouble() * Math.log(1000));
            double p = ed < 5 ? 0 : ed < 10 ? 0.5 : 1;
            boolean rec = rng.nextDouble() < p;
            trials.add(new InjectionRecovery.Trial(i, 0.1, 10, 0.01, 500, ed, rec, rec ? 0.8 * ed : Double.NaN));
        }
        StarFfd ffd = StarFfd.of("synthetic", 100, found, trials, Double.NaN);
        assertNotNull(ffd.fit());
        assertTrue(ffd.fit().covers(2.0), ffd.fit().toString());
        double rateAbove10 = ffd.points().stream().filter(p -> p.size() >= 10).mapToDouble(FlareFrequency.Point::correctedRate)
                .max().orElse(0);
        assertEquals(all / 100.0, rateAbove10, 0.15 * all / 100.0, "corrected rate of flares ≥ 10 s");
        StarFfd energies = StarFfd.of("synthetic", 100, found, trials, 1e31);
        assertArrayEquals(java.util.Arrays.stream(ffd.sizes()).map(v -> v * 1e31).toArray(), energies.sizes(), 1e20);
        assertEquals(ffd.fit().alpha(), energies.fit().alpha(), 1e-9, "α does not depend on the luminosity");
    }
}

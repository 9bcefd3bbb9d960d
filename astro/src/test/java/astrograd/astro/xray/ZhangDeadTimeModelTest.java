package astrograd.astro.xray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * stingray's {@code test_zhang_model_accurate}: Poisson events at 1 or 100 s⁻¹ for 2000 s through a 2.5 ms
 * non-paralyzable dead time, binned at 0.2 ms, averaged over 200 segments of 10 s (Leahy); the periodogram over the
 * model (N = 100, limit_k = 600, interpolated) has mean 1 ± 0.01 and standard deviation 1/√M within 10 %.
 */
class ZhangDeadTimeModelTest {
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 100.0})
    void simulatedOverModelIsOne(double rate) {
        double deadTime = 2.5e-3;
        double binTime = 2e-4;
        double[] events = EventSimulator.poissonProcess(rate, 0, 2000, new Rng(1000 + (long) rate));
        double[] detected = DeadTime.filter(events, deadTime, false);
        AveragedPeriodogram pds = Periodograms.averaged(detected, Gti.of(0, 2000), binTime, 10, PowerNorm.LEAHY);
        assertEquals(200, pds.segments());
        double[][] model = ZhangDeadTimeModel.of(rate, deadTime, binTime, true).leahyPower(100, 600);
        double[] expected = ZhangDeadTimeModel.interpolate(model, pds.freq());
        double sum = 0;
        double sumSq = 0;
        int n = pds.freq().length;
        for (int k = 0; k < n; k++) {
            double r = pds.power()[k] / expected[k];
            sum += r;
            sumSq += r * r;
        }
        double mean = sum / n;
        double std = Math.sqrt(sumSq / n - mean * mean);
        assertEquals(1, mean, 0.01, "mean ratio at " + rate + "/s");
        assertEquals(1 / Math.sqrt(pds.segments()), std, 0.1 / Math.sqrt(pds.segments()), "std of the ratio");
    }

    @Test
    void modelIsBelowTwoAtLowFrequencyAndTendsToTheLimit() {
        ZhangDeadTimeModel m = ZhangDeadTimeModel.of(100, 2.5e-3, 2e-4, true);
        double limit = m.detectedRate() * m.detectedRate() * 2e-4 * 2e-4;
        assertEquals(limit, m.a(400), 1e-6 * limit, "A_k -> r0^2 tb^2");
        double[][] p = m.leahyPower(100, 600);
        assertTrue(p[1][1] < 1.5, "low frequencies well below the Poisson level at r0 tau_d = 0.2: " + p[1][1]);
        double rare = ZhangDeadTimeModel.of(1e-3, 2.5e-3, 2e-4, true).leahyPower(100, 60)[1][10];
        assertEquals(2, rare, 1e-4, "no dead-time effect at a negligible rate");
    }

    /**
     * stingray's own {@code pds_model_zhang} (its model.py run by {@code benchmarks/compare-xray/zhang_fixture.py})
     * at four set-ups, among them the accuracy test's and LAXPC-like 42 µs at 1 500 s⁻¹.
     */
    @Test
    void matchesStingraysPdsModelZhang() throws Exception {
        java.nio.file.Path csv = java.nio.file.Path.of(getClass().getResource("/xray/zhang_stingray.csv").toURI());
        java.util.List<astrograd.astro.io.Csv.Row> rows = astrograd.astro.io.Csv.readAll(csv,
                java.util.List.of("n", "rate", "dead_time", "bin_time", "limit_k", "freq", "power"));
        assertEquals(232, rows.size());
        java.util.Map<String, double[][]> models = new java.util.HashMap<>();
        int[] index = new int[1];
        String last = "";
        for (astrograd.astro.io.Csv.Row r : rows) {
            String key = r.text("n") + "," + r.text("rate") + "," + r.text("dead_time") + "," + r.text("bin_time") + ","
                    + r.text("limit_k");
            double[][] model = models.computeIfAbsent(key, k -> ZhangDeadTimeModel.of(r.number("rate"),
                    r.number("dead_time"), r.number("bin_time"), true).leahyPower((int) r.number("n"),
                    (int) r.number("limit_k")));
            index[0] = key.equals(last) ? index[0] + 1 : 0;
            last = key;
            assertEquals(r.number("freq"), model[0][index[0]], 1e-9 * Math.max(1, r.number("freq")), key);
            assertEquals(r.number("power"), model[1][index[0]], 1e-8, key + " at j = " + index[0]);
        }
        assertEquals(4, models.size());
    }

    /**
     * An analytic limit independent of stingray: a non-paralyzable dead time makes the events a renewal process
     * whose intervals have coefficient of variation {@code 1 − r_det τ}, so the Leahy power tends to
     * {@code 2(1 − r_det τ)²} at low frequency (1.28 at 100 s⁻¹ incident and 2.5 ms).
     */
    @Test
    void lowFrequencyLimitIsTheRenewalProcessFanoFactor() {
        ZhangDeadTimeModel m = ZhangDeadTimeModel.of(100, 2.5e-3, 2e-4, true);
        double[][] p = m.leahyPower(4000, 1000);
        double limit = 2 * Math.pow(1 - m.detectedRate() * 2.5e-3, 2);
        assertEquals(limit, p[1][1], 0.01, "f = " + p[0][1] + " Hz");
    }

    @Test
    void gnByRecurrenceMatchesTheLogGammaForm() {
        for (double x : new double[] {0, 0.3, 4, 35, 699.9, 700, 900}) {
            for (int n : new int[] {1, 2, 7, 60, 1200}) {
                double direct = 0;
                for (int m = 0; m < n; m++) {
                    direct += (n - m) * ZhangDeadTimeModel.poissonTerm(x, m);
                }
                assertEquals(direct, ZhangDeadTimeModel.gn(x, n), 1e-12 * Math.max(direct, 1), "x " + x + ", n " + n);
            }
        }
        // G_n(x) -> n - x for n >> x (the mean of the truncated Poisson weights)
        assertEquals(100 - 3.5, ZhangDeadTimeModel.gn(3.5, 100), 1e-9);
    }

    @Test
    void nonParalyzableModelWithBackgroundAndImpossibleRates() {
        double[] f = {10, 100, 1000};
        double[] src = ZhangDeadTimeModel.nonParalyzable(f, 2.5e-3, 80, 0, 2e-4, 200);
        double[] both = ZhangDeadTimeModel.nonParalyzable(f, 2.5e-3, 40, 40, 2e-4, 200);
        for (int i = 0; i < f.length; i++) {
            assertEquals((src[i] - 2) / 2 + 2, both[i], 1e-9, "background scales the distortion by r/(r + r_bkg)");
        }
        assertThrows(IllegalArgumentException.class,
                () -> ZhangDeadTimeModel.nonParalyzable(f, 2.5e-3, 300, 200, 2e-4, 200));
    }
}

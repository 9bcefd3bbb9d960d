package astrograd.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * R̂, ESS, MCSE and Gelman–Rubin against numpy/scipy values, and τ against emcee's own integrated_time, all written
 * by {@code src/test/python/diagnostics_fixtures.py}.
 */
class DiagnosticsFixtureTest {
    private static final double TOL = 1e-9;

    private static Path dir() throws URISyntaxException {
        return Path.of(DiagnosticsFixtureTest.class.getResource("/astrograd/inference/diagnostics/expected.csv").toURI())
                .getParent();
    }

    private static Map<String, Double> expected() throws IOException, URISyntaxException {
        Map<String, Double> m = new HashMap<>();
        List<String> lines = Files.readAllLines(dir().resolve("expected.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            m.put(f[0] + "/" + f[1], Double.parseDouble(f[2]));
        }
        return m;
    }

    @Test
    void convergenceDiagnosticsMatchTheNumpyReference() throws Exception {
        Map<String, Double> ref = expected();
        for (String c : List.of("ar07", "shifted", "heavy_odd", "ties")) {
            double[][] x = Npy.read(dir().resolve(c + ".npy")).rows();
            assertRelative(ref.get(c + "/rhat"), Convergence.rhat(x), c + " rhat");
            assertRelative(ref.get(c + "/ess_bulk"), Convergence.essBulk(x), c + " ess_bulk");
            assertRelative(ref.get(c + "/ess_tail"), Convergence.essTail(x), c + " ess_tail");
            assertRelative(ref.get(c + "/ess_mean"), Convergence.essMean(x), c + " ess_mean");
            assertRelative(ref.get(c + "/mcse_mean"), Convergence.mcseMean(x), c + " mcse_mean");
            assertRelative(ref.get(c + "/gelman_rubin"), Convergence.gelmanRubin(x), c + " gelman_rubin");
        }
    }

    @Test
    void integratedTimeMatchesEmcee() throws Exception {
        Map<String, Double> ref = expected();
        double[][] walkers = Npy.read(dir().resolve("tau_walkers.npy")).rows();
        AutocorrelationTime t = Autocorrelation.integratedTime(walkers, 5, 50, true);
        assertRelative(ref.get("tau_walkers/tau"), t.tau(), "tau");
        assertTrue(t.reliable(), "3000 steps > 50 tau");
        double[][] shortWalkers = new double[walkers.length][];
        for (int k = 0; k < walkers.length; k++) {
            shortWalkers[k] = java.util.Arrays.copyOf(walkers[k], 300);
        }
        AutocorrelationTime s = Autocorrelation.integratedTime(shortWalkers, 5, 50, true);
        assertRelative(ref.get("tau_walkers_300/tau"), s.tau(), "tau of 300 steps");
        assertTrue(!s.reliable() && s.warning().contains("shorter than 50 times"), s.warning());
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.abs(expected), what);
    }
}

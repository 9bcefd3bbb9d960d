package astrograd.astro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.flares.FlareEnsemble;
import astrograd.layers.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's outputs, on a run shrunk to seconds (the real run trains 3 members × 10 epochs on the full mix). */
class DemoCommandTest {
    @Test
    @SuppressWarnings("unchecked")
    void writesTablePlotsMetricsAndModel(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("demo");
        Object[] r = FlaresCommandTest.run("demo", "--out", out.toString(), "--members", "1", "--epochs", "1",
                "--data-scale", "0.05", "--held-out", "5676537");
        assertEquals(0, r[0], r[2].toString());
        String stdout = r[1].toString();
        assertTrue(stdout.contains("holding out TIC 5676537") && stdout.contains("written to"), stdout);
        assertTrue(Files.size(out.resolve("lightcurve.png")) > 10_000);
        assertTrue(Files.size(out.resolve("training.png")) > 10_000);
        Map<String, Object> metrics = (Map<String, Object>) Json.parse(Files.readString(out.resolve("metrics.json")));
        assertEquals("005676537_sector02", metrics.get("held_out"));
        Map<String, Object> injected = (Map<String, Object>) metrics.get("injection_test");
        List<Object> recovery = (List<Object>) injected.get("recovery_vs_amplitude");
        assertTrue(recovery.size() >= 5, "recovery table: " + recovery);
        Map<String, Object> catalogue = (Map<String, Object>) metrics.get("catalogue");
        assertEquals(13, ((Number) catalogue.get("catalogued")).intValue());
        List<double[]> rows = FlaresCommandTest.rows(out.resolve("flares.csv"));
        assertEquals(((Number) catalogue.get("detections")).intValue(), rows.size(), "the table holds the detections");
        assertTrue(!rows.isEmpty(), "a one-epoch member still finds the large flares of TIC 5676537");
        // a one-epoch member keeps single-cadence noise events, whose extent is their peak (FWHM 0); the rest must be sane
        List<double[]> extended = rows.stream().filter(row -> row[2] > row[1]).toList();
        assertTrue(!extended.isEmpty(), "flares longer than one cadence among " + rows.size());
        FlaresCommandTest.assertPlausible(extended, 1354.1, 1381.6, 0.5, 3);
        assertEquals(1, FlareEnsemble.load(out.resolve("model")).size());
    }

    @Test
    void unknownHeldOutStarIsRefused(@TempDir Path dir) {
        Object[] r = FlaresCommandTest.run("demo", "--out", dir.toString(), "--held-out", "42");
        assertEquals(1, r[0]);
        assertTrue(r[2].toString().contains("--held-out 42 is not one of the bundled stars"), r[2].toString());
    }
}

package astrograd.astro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.flares.FlareEnsemble;
import astrograd.astro.flares.FlareNetwork;
import astrograd.astro.flares.FlarePipeline;
import astrograd.astro.flares.LabelledLightCurve;
import astrograd.astro.flares.FlareTable;
import astrograd.astro.lightcurve.BundledData;
import astrograd.tensor.Rng;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlaresCommandTest {
    /** Runs the command line and returns {exit code, stdout, stderr}. */
    static Object[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Object[] {code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] cmd : List.of(new String[] {"--help"}, new String[] {"demo", "--help"},
                new String[] {"flares", "--help"}, new String[] {"flares", "train", "--help"},
                new String[] {"flares", "predict", "--help"}, new String[] {"flares", "evaluate", "--help"})) {
            Object[] r = run(cmd);
            assertEquals(0, r[0], String.join(" ", cmd));
            assertTrue(((String) r[1]).contains("Usage:"), String.join(" ", cmd) + ": " + r[1]);
        }
    }

    /** The data rows of a flare table, parsed; each must have the header's 8 numeric fields. */
    static List<double[]> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertEquals(FlareTable.HEADER, lines.get(0));
        List<double[]> rows = new java.util.ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(8, f.length, line);
            rows.add(java.util.Arrays.stream(f).mapToDouble(Double::parseDouble).toArray());
        }
        return rows;
    }

    /**
     * Every row describes a flare inside the light curve: tstart ≤ tpeak ≤ tstop within [t0, t1], a positive
     * amplitude, width and equivalent duration, a probability in [threshold, 1], a significance of at least
     * {@code minSigma}, peaks in increasing order.
     */
    static void assertPlausible(List<double[]> rows, double t0, double t1, double threshold, double minSigma) {
        double previous = Double.NEGATIVE_INFINITY;
        for (double[] r : rows) {
            String row = java.util.Arrays.toString(r);
            assertTrue(t0 <= r[1] && r[1] <= r[0] && r[0] <= r[2] && r[2] <= t1, "times: " + row);
            assertTrue(r[0] > previous, "sorted by peak: " + row);
            previous = r[0];
            assertTrue(r[3] > 0 && r[4] > 0 && r[4] < 0.5 && r[5] > 0, "amplitude, FWHM (d), ED (s): " + row);
            assertTrue(r[6] >= threshold && r[6] <= 1, "probability: " + row);
            assertTrue(r[7] >= minSigma, "significance: " + row);
        }
    }

    @Test
    void predictWritesTheFlaresOfAStarAndThePlot(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("out/flares.csv");
        Path png = dir.resolve("out/lc.png");
        Path input = BundledData.stellaLightCurves().get(4); // TIC 5676537: 13 catalogued flares
        Object[] r = run("flares", "predict", "--input", input.toString(), "--out", csv.toString(), "--plot",
                png.toString());
        assertEquals(0, r[0], r[2].toString());
        List<double[]> rows = rows(csv);
        LabelledLightCurve star = FlarePipeline.bundled().get(4);
        double[] time = star.lightCurve().time();
        assertPlausible(rows, time[0], time[time.length - 1], 0.5, 3);
        long found = star.flares().stream().filter(e -> rows.stream()
                .anyMatch(row -> Math.abs(row[0] - e.tpeakBtjd()) <= FlarePipeline.MATCH_TOLERANCE_DAYS)).count();
        assertTrue(found >= 10, "catalogued flares in the table: " + found + " of 13 (the model was trained on this star)");
        assertTrue(rows.size() <= 13 + 40, "at most 1.5 extra detections per day over 27 days: " + rows.size());
        assertTrue(Files.size(png) > 10_000);
        assertTrue(r[2].toString().contains("18300 cadences") && r[2].toString().contains(" " + rows.size()
                + " flares at threshold 0.50"), r[2].toString());

        Path strict = dir.resolve("strict.csv");
        Path model = dir.resolve("model");
        FlareEnsemble.loadBundled().save(model, Map.of());
        r = run("flares", "predict", "--model", model.toString(), "--input", input.toString(), "--out",
                strict.toString(), "--threshold", "0.9", "--min-sigma", "10");
        assertEquals(0, r[0], r[2].toString());
        List<double[]> strictRows = rows(strict);
        assertPlausible(strictRows, time[0], time[time.length - 1], 0.9, 10);
        assertTrue(!strictRows.isEmpty() && strictRows.size() < rows.size(), strictRows.size() + " vs " + rows.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainAndEvaluateWriteWhatTheyDid(@TempDir Path dir) throws IOException {
        List<Path> stars = BundledData.stellaLightCurves().subList(0, 2); // TIC 2760232 (18 flares), 2761472 (22)
        String[] tiny = {"--members", "1", "--epochs", "1", "--data-scale", "0.05"};
        Path model = dir.resolve("model");
        List<String> train = new java.util.ArrayList<>(List.of("flares", "train", "--out", model.toString()));
        train.addAll(List.of(tiny));
        stars.forEach(p -> train.add(p.toString()));
        Object[] r = run(train.toArray(String[]::new));
        assertEquals(0, r[0], r[2].toString());
        assertTrue(r[1].toString().contains("tpeak in full BJD, converted to BTJD"), r[1].toString());
        FlareEnsemble e = FlareEnsemble.load(model);
        assertEquals(1, e.size());
        assertEquals(40, ((Number) e.info().get("catalogued_flares")).intValue());
        assertEquals(List.of("002760232_sector02.npy", "002761472_sector02.npy"), e.info().get("light_curves"));

        Path json = dir.resolve("loo.json");
        List<String> evaluate = new java.util.ArrayList<>(List.of("flares", "evaluate", "--out", json.toString()));
        evaluate.addAll(List.of(tiny));
        stars.forEach(p -> evaluate.add(p.toString()));
        r = run(evaluate.toArray(String[]::new));
        assertEquals(0, r[0], r[2].toString());
        Map<String, Object> result = (Map<String, Object>) astrograd.layers.io.Json.parse(Files.readString(json));
        List<Map<String, Object>> folds = (List<Map<String, Object>>) result.get("folds");
        assertEquals(List.of("002760232_sector02", "002761472_sector02"),
                folds.stream().map(f -> f.get("light_curve")).toList());
        assertEquals(List.of(18, 22), folds.stream().map(f -> ((Number) f.get("catalogued")).intValue()).toList());
        for (Map<String, Object> f : folds) {
            int recovered = ((Number) f.get("recovered")).intValue();
            int detections = ((Number) f.get("detections")).intValue();
            int extra = ((Number) f.get("not_in_catalogue")).intValue();
            assertTrue(recovered <= ((Number) f.get("catalogued")).intValue() && extra <= detections, f.toString());
            Map<String, Object> injected = (Map<String, Object>) f.get("injection_test");
            assertTrue(((Number) injected.get("positives")).intValue() > 50, injected.toString());
            double ap = ((Number) injected.get("average_precision")).doubleValue();
            assertTrue(ap > 0.5 && ap <= 1, "even a one-epoch member ranks injected flares: " + injected);
        }
        Map<String, Object> overall = (Map<String, Object>) result.get("catalogue_overall");
        assertEquals(40, ((Number) overall.get("catalogued")).intValue(), overall.toString());
    }

    @Test
    void badInputsGiveOneLineErrors(@TempDir Path dir) throws IOException {
        Object[] missing = run("flares", "predict", "--model", dir.toString(), "--input", "nowhere.npy");
        assertEquals(1, missing[0]);
        assertTrue(missing[2].toString().startsWith("astrograd flares predict: nowhere.npy: no such file"),
                missing[2].toString());
        Path input = BundledData.stellaLightCurves().get(0);
        Object[] notModel = run("flares", "predict", "--model", dir.toString(), "--input", input.toString());
        assertEquals(1, notModel[0]);
        assertTrue(notModel[2].toString().contains("not a flare model folder"), notModel[2].toString());
        Path bad = dir.resolve("bad.npy");
        Files.writeString(bad, "not numpy");
        Object[] unreadable = run("flares", "predict", "--input", bad.toString());
        assertEquals(1, unreadable[0]);
        assertTrue(unreadable[2].toString().contains("bad.npy"), unreadable[2].toString());
        Object[] threshold = run("flares", "predict", "--input", bad.toString(), "--threshold", "1.5");
        assertEquals(1, threshold[0]);
        assertTrue(threshold[2].toString().contains("--threshold"), threshold[2].toString());
        Object[] unknown = run("flares", "predict");
        assertEquals(2, unknown[0], "a usage error");
    }

    @Test
    void theNetworkHasStellasParameterCount() {
        assertEquals(FlareNetwork.PARAMETERS, FlareNetwork.create(new Rng(0)).parameterCount());
    }
}

package astrograd.astro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.flares.FlareEnsemble;
import astrograd.astro.flares.FlareNetwork;
import astrograd.astro.flares.FlareTable;
import astrograd.astro.lightcurve.BundledData;
import astrograd.layers.train.DeepEnsemble;
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

    @Test
    void predictWritesTheFlareTableAndPlot(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("model");
        FlareEnsemble.train(tinyWindows(), tinyWindows(), new FlareEnsemble.TrainConfig(1, 1, 64, 1e-3,
                DeepEnsemble.Combine.MEAN, false), new Rng(1), null).save(model, Map.of());
        Path csv = dir.resolve("out/flares.csv");
        Path png = dir.resolve("out/lc.png");
        Path input = BundledData.stellaLightCurves().get(4);
        Object[] r = run("flares", "predict", "--model", model.toString(), "--input", input.toString(), "--out",
                csv.toString(), "--plot", png.toString(), "--threshold", "0.9");
        assertEquals(0, r[0], r[2].toString());
        assertEquals(FlareTable.HEADER, Files.readAllLines(csv).get(0));
        assertTrue(Files.size(png) > 10_000);
        assertTrue(r[2].toString().contains("18300 cadences"), r[2].toString());
    }

    private static astrograd.astro.flares.WindowSet tinyWindows() {
        try {
            return astrograd.astro.flares.TrainingSetBuilder.build(
                    astrograd.astro.flares.FlarePipeline.bundled().subList(0, 1),
                    astrograd.astro.flares.TrainingSetBuilder.Config.training().scaled(0.02), new Rng(2));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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

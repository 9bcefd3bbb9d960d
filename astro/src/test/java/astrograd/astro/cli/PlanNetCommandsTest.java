package astrograd.astro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.lightcurve.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanNetCommandsTest {
    @TempDir
    static Path dir;

    private static Path sims;
    private static Path model;

    @BeforeAll
    static void trainTinyModel() throws IOException {
        var data = astrograd.astro.retrieval.PlanNetTestData.synthetic(300, 2);
        double[] flat = new double[300 * 18];
        for (int i = 0; i < 300; i++) {
            System.arraycopy(data.spectra()[i], 0, flat, i * 18, 13);
            System.arraycopy(data.parameters()[i], 0, flat, i * 18 + 13, 5);
        }
        sims = dir.resolve("sims.npy");
        Npy.write(sims, flat, 300, 18);
        model = dir.resolve("model");
        Object[] r = SampleCommandTest.run("retrieval", "train", "--sims", sims.toString(), "--out", model.toString(),
                "--members", "2", "--hidden", "16", "--epochs", "3", "--batch", "64", "--passes", "2");
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("r2_published"), (String) r[1]);
    }

    @Test
    void trainWritesTheModelAndTestMetrics() throws IOException {
        assertTrue(Files.exists(model.resolve("plannet.json")));
        assertTrue(Files.exists(model.resolve("member-1.safetensors")));
        assertEquals(6, Files.readAllLines(model.resolve("test_metrics.csv")).size());
    }

    @Test
    void inferOnACsvSpectrumWritesDrawsAndACornerPlot() throws IOException {
        Path csv = dir.resolve("spectrum.csv");
        StringBuilder sb = new StringBuilder("wavelength_um,transit_depth_percent,transit_depth_err_percent\n");
        for (int b = 0; b < 13; b++) {
            sb.append(0.9 + 0.05 * b).append(",1.45,0.005\n");
        }
        Files.writeString(csv, sb.toString());
        Path out = dir.resolve("posterior.csv");
        Path png = dir.resolve("corner.png");
        Object[] r = SampleCommandTest.run("retrieval", "infer", "--model", model.toString(), "--spectrum",
                csv.toString(), "--out", out.toString(), "--plot", png.toString(), "--passes", "3", "--draws", "50");
        assertEquals(0, r[0], (String) r[2]);
        List<String> lines = Files.readAllLines(out);
        assertEquals(51, lines.size());
        assertTrue(lines.get(0).startsWith("T,log_X_H2O"), lines.get(0));
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void inferOnManySpectraWritesPerRowQuantiles() throws IOException {
        Path out = dir.resolve("summary.csv");
        Object[] r = SampleCommandTest.run("retrieval", "infer", "--model", model.toString(), "--spectrum",
                sims.toString(), "--out", out.toString(), "--passes", "2", "--draws", "20");
        assertEquals(0, r[0], (String) r[2]);
        List<String> lines = Files.readAllLines(out);
        assertEquals(301, lines.size());
        assertTrue(lines.get(0).contains("T_median,T_q16,T_q84,T_mean,T_std,T_true"), lines.get(0));
    }

    @Test
    void badInputsGiveOneLine() throws IOException {
        Path txt = dir.resolve("spectrum.txt");
        Files.writeString(txt, "x");
        for (String[] args : new String[][] {
            {"retrieval", "infer", "--model", model.toString(), "--spectrum", txt.toString(), "--out", "x.csv"},
            {"retrieval", "infer", "--model", dir.resolve("none").toString(), "--spectrum", sims.toString(), "--out",
                "x.csv"},
            {"retrieval", "infer", "--model", model.toString(), "--spectrum", sims.toString(), "--out", "x.csv",
                "--plot", "c.png"},
            {"retrieval", "train", "--sims", sims.toString(), "--out", "m", "--split", "0.9,0.2"},
            {"retrieval", "train", "--sims", sims.toString(), "--out", "m", "--diagonal", "cube"}}) {
            Object[] r = SampleCommandTest.run(args);
            assertTrue((int) r[0] != 0, String.join(" ", args));
            assertEquals(1, ((String) r[2]).strip().lines().count(), (String) r[2]);
        }
    }

    @Test
    void helpNamesTheSubcommands() {
        Object[] r = SampleCommandTest.run("retrieval", "--help");
        assertTrue(((String) r[1]).contains("infer"), (String) r[1]);
        r = SampleCommandTest.run("retrieval", "train", "--help");
        assertEquals(0, r[0]);
        assertTrue(((String) r[1]).contains("--sims"), (String) r[1]);
    }
}

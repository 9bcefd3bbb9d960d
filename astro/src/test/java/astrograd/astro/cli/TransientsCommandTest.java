package astrograd.astro.cli;

import astrograd.astro.transients.SyntheticSurvey;
import astrograd.astro.transients.TransientLightCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransientsCommandTest {
    /** 12 simulated objects as a ZTF BTS long-format file (detections only, every second epoch of bands g and R). */
    private static Path ztfFile(Path dir) throws IOException {
        SyntheticSurvey.Survey s = SyntheticSurvey.generate(12, 0.1, 4);
        StringBuilder sb = new StringBuilder("ztf_id,time,mag,magerr,band\n");
        String[] codes = {"g", "R", "i"};
        for (TransientLightCurve lc : s.objects()) {
            for (int i = 0; i < lc.size(); i++) {
                if (lc.detected()[i] && lc.band()[i] < 2 && (i / 3) % 2 == 0) {
                    sb.append(String.format(Locale.ROOT, "%s,%.4f,%.4f,%.4f,%s%n", lc.id(), lc.time()[i], lc.mag()[i],
                            Math.max(lc.magErr()[i], 0.01), codes[lc.band()[i]]));
                }
            }
        }
        return Files.writeString(dir.resolve("lc.csv"), sb.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        Object[] r = SampleCommandTest.run("transients", "--help");
        assertEquals(0, r[0]);
        for (String w : List.of("fit-gp", "score", "active", "som", "train-vraenn", "synthetic")) {
            assertTrue(((String) r[1]).contains(w), w);
        }
    }

    @Test
    void fitGpScoreActiveAndSomWriteTheirOutputs(@TempDir Path dir) throws IOException {
        Path lc = ztfFile(dir);
        Path out = dir.resolve("out");
        Object[] r = SampleCommandTest.run("transients", "fit-gp", "--ztf", lc.toString(), "--out", out.toString(),
                "--plots", "1", "--restarts", "1", "--quiet");
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("12 objects"), (String) r[1]);
        assertEquals(13, Files.readAllLines(out.resolve("gp_fits.csv")).size());
        assertTrue(Files.size(out.resolve("dense.csv")) > 1000);
        assertEquals(1, Files.list(out.resolve("plots")).count());

        r = SampleCommandTest.run("transients", "score", "--ztf", lc.toString(), "--out", out.toString(), "--top", "2",
                "--restarts", "1", "--quiet");
        assertEquals(0, r[0], (String) r[2]);
        List<String> scores = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals("rank,id,type,score,score_se", scores.get(0));
        assertEquals(13, scores.size());

        StringBuilder labels = new StringBuilder("id,label\n");
        for (int i = 0; i < 12; i++) {
            labels.append("sim").append(i).append(',').append(i % 4 == 0 ? "yes" : "no").append('\n');
        }
        Path labelFile = Files.writeString(dir.resolve("labels.csv"), labels.toString());
        r = SampleCommandTest.run("transients", "active", "--ztf", lc.toString(), "--out", out.toString(), "--budget",
                "5", "--labels", labelFile.toString(), "--restarts", "1", "--quiet");
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("in 5 queries") && ((String) r[1]).contains("static isolation forest"),
                (String) r[1]);
        assertEquals(6, Files.readAllLines(out.resolve("active_queries.csv")).size());

        r = SampleCommandTest.run("transients", "som", "--ztf", lc.toString(), "--out", out.toString(), "--rows", "4",
                "--cols", "4", "--restarts", "1", "--quiet");
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(Files.size(out.resolve("som_umatrix.png")) > 500);
        assertTrue(((String) r[1]).contains("quantization error"));
    }

    @Test
    void trainVraennEncodesAndRanks(@TempDir Path dir) throws IOException {
        Path lc = ztfFile(dir);
        Path out = dir.resolve("v");
        Object[] r = SampleCommandTest.run("transients", "train-vraenn", "--ztf", lc.toString(), "--out",
                out.toString(), "--hidden", "6", "--latent", "3", "--epochs", "2", "--restarts", "1", "--quiet");
        assertEquals(0, r[0], (String) r[2]);
        List<String> enc = Files.readAllLines(out.resolve("encodings.csv"));
        assertEquals("id,type,mu_0,mu_1,mu_2,sigma_0,sigma_1,sigma_2", enc.get(0));
        assertEquals(13, enc.size());
        assertTrue(Files.exists(out.resolve("vraenn.safetensors")) && Files.exists(out.resolve("training.png")));
        assertTrue(Files.readAllLines(out.resolve("vraenn_scores.csv")).size() == enc.size());
    }

    /** Interactive AAD: the plot's path is shown, an unclear answer is asked again, end of input is an error. */
    @Test
    void activeAsksAtTheTerminal(@TempDir Path dir) throws IOException {
        Path lc = ztfFile(dir);
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("y\nmaybe\nno\nn\n".getBytes()));
            Object[] r = SampleCommandTest.run("transients", "active", "--ztf", lc.toString(), "--out",
                    dir.resolve("a").toString(), "--budget", "3", "--restarts", "1", "--quiet");
            assertEquals(0, r[0], (String) r[2]);
            String text = (String) r[1];
            assertEquals(4, text.split("anomaly\\? \\[y/n\\]", -1).length - 1, text);
            assertTrue(text.contains("_gp.png") && text.contains("1 anomalies in 3 queries"), text);
            System.setIn(new java.io.ByteArrayInputStream("y\n".getBytes()));
            r = SampleCommandTest.run("transients", "active", "--ztf", lc.toString(), "--out",
                    dir.resolve("b").toString(), "--budget", "2", "--restarts", "1", "--quiet");
            assertEquals(1, r[0]);
            assertTrue(((String) r[2]).contains("no answer on standard input"), (String) r[2]);
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void badInputGivesOneLineErrors(@TempDir Path dir) throws IOException {
        Object[] r = SampleCommandTest.run("transients", "fit-gp", "--ztf", dir.resolve("missing.csv").toString(),
                "--out", dir.toString());
        assertEquals(1, r[0]);
        assertTrue(((String) r[2]).contains("missing.csv: no such file"), (String) r[2]);
        Path bad = Files.writeString(dir.resolve("bad.csv"), "ztf_id,time,mag,magerr,band\nZTF1,1,18,0.1,g\nZTF1,2\n");
        r = SampleCommandTest.run("transients", "fit-gp", "--ztf", bad.toString(), "--out", dir.toString());
        assertEquals(1, r[0]);
        assertTrue(((String) r[2]).contains("line 3: 2 fields"), (String) r[2]);
        r = SampleCommandTest.run("transients", "fit-gp", "--ztf", bad.toString(), "--out", dir.toString(), "--kernel",
                "cubic");
        assertEquals(1, r[0]);
        Path labels = Files.writeString(dir.resolve("l.csv"), "id,label\nsim0,maybe\n");
        r = SampleCommandTest.run("transients", "active", "--ztf", ztfFile(dir).toString(), "--out", dir.toString(),
                "--budget", "2", "--labels", labels.toString(), "--restarts", "1", "--quiet");
        assertEquals(1, r[0]);
        assertTrue(((String) r[2]).contains("l.csv, line 2: expected 'id,label'"), (String) r[2]);
    }
}

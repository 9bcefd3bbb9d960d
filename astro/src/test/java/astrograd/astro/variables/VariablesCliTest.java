package astrograd.astro.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.cli.Main;
import astrograd.tensor.Rng;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code variables train} and {@code classify} on small files in the EROS-1 formats, written by the test. */
class VariablesCliTest {
    @TempDir
    Path dir;

    /** Two classes (sinusoid = type 1, detached EB = type 2), two bands, plus two bad stars. */
    private void writeEros(Path lc, Path meta) throws IOException {
        SyntheticVariables gen = new SyntheticVariables(60, 90, 0.1);
        StringBuilder l = new StringBuilder("id,band,time,mag,mag_err,bkg,polltn\n");
        StringBuilder m = new StringBuilder("Unnamed: 0,patch_id,period,type,div_period\n");
        Rng rng = new Rng(21);
        for (int i = 0; i < 40; i++) {
            SyntheticVariables.Shape shape = i % 2 == 0 ? SyntheticVariables.Shape.SINUSOID : SyntheticVariables.Shape.DETACHED_EB;
            LightCurve c = gen.star("s" + i, shape, rng.fold(i)).curve();
            for (int k = 0; k < c.size(); k++) {
                l.append(String.format(Locale.ROOT, "s%d,%s,%.6f,%.4f,%.4f,0.0,0.0%n", i, k % 2 == 0 ? "b" : "r",
                        c.time(k), c.mag(k) + (k % 2) * 0.4, c.err(k)));
            }
            m.append(String.format(Locale.ROOT, "s%d,1.0,%.8f,%d.0,2.0%n", i, 2 * c.period(), i % 2 + 1));
        }
        l.append("few,b,1.0,17.0,0.1,0,0\nfew,r,2.0,17.0,0.1,0,0\n");
        m.append("few,1.0,0.5,1.0,1.0\nnoperiod,1.0,,2.0,1.0\nnocurve,1.0,3.0,1.0,1.0\n");
        try (PrintStream out = new PrintStream(new GZIPOutputStream(Files.newOutputStream(lc)), false, StandardCharsets.UTF_8)) {
            out.print(l);
        }
        Files.writeString(meta, m.toString());
    }

    private static int run(ByteArrayOutputStream err, String... args) {
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return Main.run(args);
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void trainThenClassifyWritesOneRowPerStarWithPerStarNotes() throws IOException {
        Path lc = dir.resolve("lc.csv.gz");
        Path meta = dir.resolve("meta.csv");
        writeEros(lc, meta);
        Path model = dir.resolve("model");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = run(err, "variables", "train", "--lightcurves", lc.toString(), "--meta", meta.toString(), "--out",
                model.toString(), "--length", "32", "--depth", "2", "--width", "8", "--epochs", "2", "--quiet");
        assertEquals(0, rc, err.toString());
        assertTrue(Files.exists(model.resolve(TrainedModel.FILE)));
        assertTrue(err.toString().contains("star few: too few points"), err.toString());

        Path pred = dir.resolve("pred.csv");
        err.reset();
        rc = run(err, "variables", "classify", "--model", model.toString(), "--lightcurves", lc.toString(), "--meta",
                meta.toString(), "--out", pred.toString());
        assertEquals(0, rc, err.toString());
        List<String> lines = Files.readAllLines(pred);
        assertEquals("id,predicted,p_1,p_2,note", lines.get(0));
        assertEquals(1 + 43, lines.size(), "one row per star of the meta table");
        for (String line : lines.subList(1, 41)) {
            String[] f = line.split(",", -1);
            assertTrue(f[1].equals("1") || f[1].equals("2"), line);
            assertEquals(1.0, Double.parseDouble(f[2]) + Double.parseDouble(f[3]), 1e-5, line);
        }
        String all = String.join("\n", lines);
        assertTrue(all.contains("few,,,,star few: too few points: 2 < 20"), all);
        assertTrue(all.contains("noperiod,,,,star noperiod: bad period"), all);
        assertTrue(all.contains("nocurve,,,,star nocurve: no observations"), all);
        assertTrue(err.toString().contains("skipped star noperiod"), err.toString());

        // classification needs only the id, period and div_period columns
        List<String> slim = new java.util.ArrayList<>(List.of("star,period,div_period"));
        for (String line : Files.readAllLines(meta).subList(1, 41)) {
            String[] f = line.split(",");
            slim.add(f[0] + "," + f[2] + "," + f[4]);
        }
        Path slimMeta = dir.resolve("slim.csv");
        Files.write(slimMeta, slim);
        Path pred2 = dir.resolve("pred2.csv");
        rc = run(err, "variables", "classify", "--model", model.toString(), "--lightcurves", lc.toString(), "--meta",
                slimMeta.toString(), "--out", pred2.toString());
        assertEquals(0, rc, err.toString());
        assertEquals(lines.subList(0, 41), Files.readAllLines(pred2), "same predictions from the three-column meta table");
    }

    @Test
    void crossValidationWritesHeldOutProbabilitiesOfTheHybridAndItsParts() throws IOException {
        Path lc = dir.resolve("lc.csv.gz");
        Path meta = dir.resolve("meta.csv");
        writeEros(lc, meta);
        Path pred = dir.resolve("cv.csv");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = run(err, "variables", "cv", "--lightcurves", lc.toString(), "--meta", meta.toString(), "--folds", "2",
                    "--length", "32", "--depth", "1", "--width", "4", "--epochs", "1", "--members", "1", "--mlp-members", "2",
                    "--mlp-weight", "0.5", "--quiet", "--predictions", pred.toString());
        } finally {
            System.setOut(old);
        }
        assertEquals(0, rc, err.toString());
        assertTrue(out.toString().contains("mlp alone, pooled: n=40"), out.toString());
        assertTrue(out.toString().contains("network alone, per fold accuracy:"), out.toString());
        List<String> lines = Files.readAllLines(pred);
        assertEquals("id,fold,type,p_model_1,p_model_2,p_network_1,p_network_2,p_mlp_1,p_mlp_2", lines.get(0));
        assertEquals(1 + 40, lines.size(), "one row per usable star");
        for (String line : lines.subList(1, 41)) {
            String[] f = line.split(",");
            double[] p = new double[6];
            for (int k = 0; k < 6; k++) {
                p[k] = Double.parseDouble(f[3 + k]);
            }
            assertTrue(f[1].equals("1") || f[1].equals("2"), line);
            assertEquals(p[0], 0.5 * (p[2] + p[4]), 2e-6, "a mixture half and half: " + line);
        }
    }

    @Test
    void truncatedOrCorruptCataloguesAreOneLineErrorsNamingTheFile() throws IOException {
        Path lc = dir.resolve("lc.csv.gz");
        Path meta = dir.resolve("meta.csv");
        writeEros(lc, meta);
        byte[] gz = Files.readAllBytes(lc);
        Path cutGz = Files.write(dir.resolve("cut.csv.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        String metaText = Files.readString(meta);
        Path cutMeta = Files.writeString(dir.resolve("cut-meta.csv"), metaText.substring(0, metaText.length() / 2));
        for (Path[] files : List.of(new Path[] {cutGz, meta}, new Path[] {lc, cutMeta})) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = run(err, "variables", "train", "--lightcurves", files[0].toString(), "--meta", files[1].toString(),
                    "--out", dir.resolve("model").toString(), "--epochs", "1", "--quiet");
            String message = err.toString().trim();
            assertEquals(1, rc, message);
            Path bad = files[0] == cutGz ? cutGz : cutMeta;
            assertTrue(message.startsWith("astrograd variables train: " + bad) && !message.contains("\n"), message);
            assertTrue(message.contains(bad == cutGz ? "corrupt or truncated gzip data" : "fields, the header has 5"),
                    message);
        }
    }

    @Test
    void missingModelIsAClearError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int rc = run(err, "variables", "classify", "--model", dir.resolve("nothing").toString(), "--lightcurves", "x.csv",
                "--meta", "y.csv", "--out", dir.resolve("p.csv").toString());
        assertEquals(1, rc);
        assertTrue(err.toString().contains("no model.safetensors"), err.toString());
        assertEquals(old, System.err);
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : new String[] {"train", "classify", "cv", "synthetic"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream old = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                assertEquals(0, Main.run("variables", sub, "--help"));
            } finally {
                System.setOut(old);
            }
            assertTrue(out.toString().contains("Usage:") && out.toString().contains("variables " + sub), out.toString());
        }
    }
}

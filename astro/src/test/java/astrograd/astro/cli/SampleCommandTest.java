package astrograd.astro.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.sampling.BuiltinModels;
import astrograd.inference.hmc.HmcSampler;
import astrograd.tensor.Rng;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCommandTest {
    /** Runs the command line: {exit code, stdout, stderr}. */
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
    void helpDescribesModelsAndSamplers() {
        Object[] r = run("sample", "--help");
        assertEquals(0, r[0]);
        String help = (String) r[1];
        for (String word : List.of("Usage:", "gaussian", "rosenbrock", "funnel", "eight-schools", "--sampler",
                "--checkpoint", "--resume", "--quiet", "--move", "nuts", "--trajectory-length", "--metric",
                "--target-accept")) {
            assertTrue(help.contains(word), word + " missing from the help");
        }
        assertTrue(((String) run("--help")[1]).contains("sample"));
    }

    @Test
    void ensembleRunWritesDrawsSummaryAndPlots(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("gauss");
        Object[] r = run("sample", "--model", "gaussian", "--dim", "3", "--walkers", "12", "--ensembles", "2",
                "--steps", "400", "--seed", "3", "--quiet", "--out", out.toString());
        assertEquals(0, r[0], (String) r[2]);
        String text = (String) r[1];
        assertTrue(text.contains("2 ensembles of 12 walkers, 400 steps"), text);
        assertTrue(text.contains("r_hat"), text);
        // 24 chains (walkers) x 300 draws x 3 parameters after the default burn-in of 100
        byte[] npy = Files.readAllBytes(out.resolve("draws.npy"));
        String header = new String(npy, 10, 118, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (24, 300, 3)"), header);
        assertEquals(128 + 24 * 300 * 3 * 8, npy.length);
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(4, summary.size());
        assertTrue(summary.get(1).startsWith("x0,"));
        assertEquals(1 + 24 * 300, Files.readAllLines(out.resolve("draws.csv")).size());
        checkImage(out.resolve("corner.png"), 3 * 240, 3 * 240 + 30);
        checkImage(out.resolve("trace.png"), 1200, 30 + 3 * 170);
        checkImage(out.resolve("rank.png"), 1200, 30 + 3 * 170);
    }

    @Test
    void demcOnTheEightSchools(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("schools");
        Object[] r = run("sample", "--model", "eight-schools", "--sampler", "demc", "--chains", "6", "--steps",
                "1500", "--quiet", "--no-plots", "--out", out.toString());
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("6 chains, 1500 generations"), (String) r[1]);
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(11, summary.size());
        assertTrue(summary.get(2).startsWith("tau,"));
        double tauMean = Double.parseDouble(summary.get(2).split(",")[1]);
        assertTrue(tauMean > 0 && tauMean < 15, "posterior mean of tau " + tauMean);
        assertFalse(Files.exists(out.resolve("corner.png")));
    }

    /** NUTS on the non-centered eight schools: every file, the diagnostics, and μ, τ near Stan's 4.41, 3.60. */
    @Test
    void nutsOnTheEightSchoolsWritesDrawsSummaryPlotsAndDiagnostics(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("nuts");
        Object[] r = run("sample", "--model", "eight-schools", "--sampler", "nuts", "--chains", "2", "--steps", "600",
                "--burn-in", "300", "--seed", "5", "--quiet", "--out", out.toString());
        assertEquals(0, r[0], (String) r[2]);
        String text = (String) r[1];
        for (String line : List.of("HmcSampler(NUTS, max depth 10, DIAGONAL metric, 300 warm-up, 300 draws",
                "2 chains: adapted step size", "divergences: ", "tree-depth saturations: ", "E-BFMI per chain: ",
                "gradient evaluations: ", "checks: ", "wrote 2 chains x 300 draws x 10 parameters")) {
            assertTrue(text.contains(line), line + " missing from\n" + text);
        }
        String header = new String(Files.readAllBytes(out.resolve("draws.npy")), 10, 118, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (2, 300, 10)"), header);
        assertEquals(1 + 2 * 300, Files.readAllLines(out.resolve("draws.csv")).size());
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(11, summary.size());
        double mu = Double.parseDouble(summary.get(1).split(",")[1]);
        double tau = Double.parseDouble(summary.get(2).split(",")[1]);
        assertTrue(mu > 2.5 && mu < 6.5, "posterior mean of mu " + mu);
        assertTrue(tau > 2 && tau < 6, "posterior mean of tau " + tau);
        assertTrue(Files.readAllLines(out.resolve("divergences.csv")).get(0).startsWith("chain,iteration,warmup,mu,"));
        checkImage(out.resolve("corner.png"), 10 * 240, 10 * 240 + 30);
        checkImage(out.resolve("trace.png"), 1200, 30 + 10 * 170);
        checkImage(out.resolve("rank.png"), 1200, 30 + 10 * 170);
    }

    /** NUTS in Neal's funnel diverges in its neck: the count printed is the count of rows in divergences.csv. */
    @Test
    void nutsInTheFunnelReportsItsDivergences(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("funnel");
        Object[] r = run("sample", "--model", "funnel", "--dim", "3", "--sampler", "nuts", "--chains", "2", "--steps",
                "300", "--burn-in", "150", "--thin", "2", "--max-depth", "6", "--quiet", "--no-plots", "--out",
                out.toString());
        assertEquals(0, r[0], (String) r[2]);
        String text = (String) r[1];
        Matcher m = Pattern.compile("divergences: (\\d+) of 300 transitions after warm-up, (\\d+) during warm-up")
                .matcher(text);
        assertTrue(m.find(), text);
        int after = Integer.parseInt(m.group(1));
        int during = Integer.parseInt(m.group(2));
        assertTrue(after > 0, text);
        assertTrue(text.contains("\n  chain ") && text.contains(" at v="), text);
        assertTrue(text.contains("diverged"), "the checks name the divergences: " + text);
        List<String> csv = Files.readAllLines(out.resolve("divergences.csv"));
        assertEquals("chain,iteration,warmup,v,x1,x2,diverged_v,diverged_x1,diverged_x2", csv.get(0));
        assertEquals(1 + after + during, csv.size());
        assertEquals(after, csv.stream().filter(l -> l.split(",")[2].equals("false")).count());
        String header = new String(Files.readAllBytes(out.resolve("draws.npy")), 10, 118, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (2, 75, 3)"), "--thin 2 keeps 75 of 150 draws: " + header);
    }

    @Test
    void staticHmcTakesItsTrajectoryLengthAndMetric(@TempDir Path dir) throws IOException {
        Object[] r = run("sample", "--model", "gaussian", "--dim", "2", "--sampler", "hmc", "--trajectory-length",
                "1.5", "--metric", "dense", "--target-accept", "0.9", "--chains", "1", "--steps", "200", "--quiet",
                "--no-plots", "--out", dir.resolve("hmc").toString());
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("HmcSampler(static HMC, T = 1.5, DENSE metric, 50 warm-up, 150 draws, "
                + "target accept 0.9)"), (String) r[1]);
    }

    @Test
    void badOptionsAreOneLineUsageErrors(@TempDir Path dir) {
        String o = dir.resolve("x").toString();
        String[][] cases = {
            {"--model", "gaussian", "--walkers", "0", "--out", o},
            {"--model", "gaussian", "--dim", "5", "--walkers", "6", "--out", o},
            {"--model", "gaussian", "--sampler", "hmc", "--step-size", "-0.1", "--out", o},
            {"--model", "gaussian", "--sampler", "hmc", "--trajectory-length", "0", "--out", o},
            {"--model", "gaussian", "--sampler", "hmc", "--trajectory-length", "-2.5", "--out", o},
            {"--model", "gaussian", "--sampler", "hmc", "--target-accept", "1", "--out", o},
            {"--model", "gaussian", "--sampler", "nuts", "--target-accept", "0", "--out", o},
            {"--model", "gaussian", "--sampler", "nuts", "--max-depth", "31", "--out", o},
            {"--model", "gaussian", "--sampler", "nuts", "--metric", "full", "--out", o},
            {"--model", "gaussian", "--sampler", "hmc", "--space", "constrained", "--out", o},
            {"--model", "galaxy", "--out", o},
            {"--model", "rosenbrock", "--dim", "3", "--out", o},
            {"--model", "gaussian", "--move", "hop", "--out", o},
            {"--model", "gaussian", "--move", "stretch=-1,de=1", "--out", o},
            {"--model", "gaussian", "--steps", "100", "--burn-in", "100", "--out", o},
            {"--model", "gaussian", "--sampler", "demc", "--chains", "3", "--no-archive", "--out", o},
            {"--model", "gaussian", "--sampler", "gibbs", "--out", o},
            {"--model", "gaussian", "--frobnicate", "--out", o},
            {"--model", "gaussian", "--resume", "--out", o},
            {"--model", "gaussian", "--out", o, "--resume", "--checkpoint", dir.resolve("none.ckpt").toString()},
            {"--model", "gaussian", "--sampler", "demc", "--batch-chains", "--out", o},
        };
        String[] expected = {"--walkers must be >= 1", "need at least 2", "--step-size must be > 0",
            "--trajectory-length must be > 0, got 0.0", "--trajectory-length must be > 0, got -2.5",
            "--target-accept must be in (0, 1), got 1.0", "--target-accept must be in (0, 1), got 0.0",
            "--max-depth must be in [1, 30]", "full", "unconstrained space only",
            "unknown model 'galaxy'", "2 parameters, not 3", "unknown move 'hop'",
            "weights must be > 0", "--burn-in", "at least 4", "gibbs", "frobnicate", "--resume needs", "does not exist",
            "--batch-chains applies to --sampler nuts or hmc only"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 1];
            args[0] = "sample";
            System.arraycopy(cases[i], 0, args, 1, cases[i].length);
            Object[] r = run(args);
            String err = ((String) r[2]).trim();
            assertEquals(2, r[0], String.join(" ", args) + ": " + err);
            assertTrue(err.startsWith("astrograd sample: ") && err.contains(expected[i]), String.join(" ", args)
                    + ": " + err);
            assertEquals(1, err.lines().count(), "one line: " + err);
        }
    }

    /** NUTS with the chains advanced together in one batch writes the same draws and summary, byte for byte. */
    @Test
    void batchedChainsWriteTheSameDrawsAsChainsRunAlone(@TempDir Path dir) throws IOException {
        String[] common = {"sample", "--model", "eight-schools", "--sampler", "nuts", "--chains", "3", "--steps",
            "300", "--quiet", "--no-plots", "--seed", "5"};
        Object[] alone = run(concat(common, "--out", dir.resolve("alone").toString()));
        assertEquals(0, alone[0], (String) alone[2]);
        Object[] batched = run(concat(common, "--batch-chains", "--out", dir.resolve("batched").toString()));
        assertEquals(0, batched[0], (String) batched[2]);
        for (String file : List.of("draws.npy", "summary.csv")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("alone").resolve(file)),
                    Files.readAllBytes(dir.resolve("batched").resolve(file)), file);
        }
    }

    /** Stopped at step 300 and resumed to 600 gives the draws of one run of 600 steps, byte for byte. */
    @Test
    void aResumedRunEqualsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        for (String kind : List.of("ensemble", "demc")) {
            Path ckpt = dir.resolve(kind + ".ckpt");
            String[] common = {"sample", "--model", "rosenbrock", "--sampler", kind, "--burn-in", "100", "--quiet",
                "--no-plots", "--seed", "11", "--walkers", "8", "--ensembles", "2", "--chains", "5"};
            Object[] first = run(concat(common, "--steps", "300", "--checkpoint", ckpt.toString(), "--out",
                    dir.resolve(kind + "-a").toString()));
            assertEquals(0, first[0], (String) first[2]);
            Object[] resumed = run(concat(common, "--steps", "600", "--checkpoint", ckpt.toString(), "--resume",
                    "--checkpoint-every", "70", "--out", dir.resolve(kind + "-b").toString()));
            assertEquals(0, resumed[0], (String) resumed[2]);
            Object[] whole = run(concat(common, "--steps", "600", "--out", dir.resolve(kind + "-c").toString()));
            assertEquals(0, whole[0], (String) whole[2]);
            assertArrayEquals(Files.readAllBytes(dir.resolve(kind + "-c/draws.npy")),
                    Files.readAllBytes(dir.resolve(kind + "-b/draws.npy")), kind);
            assertArrayEquals(Files.readAllBytes(dir.resolve(kind + "-c/summary.csv")),
                    Files.readAllBytes(dir.resolve(kind + "-b/summary.csv")), kind);
        }
        byte[] good = Files.readAllBytes(dir.resolve("demc.ckpt"));
        good[good.length / 3] ^= 1;
        Files.write(dir.resolve("demc.ckpt"), good);
        Object[] bad = run("sample", "--model", "rosenbrock", "--sampler", "demc", "--chains", "5", "--steps", "900",
                "--checkpoint", dir.resolve("demc.ckpt").toString(), "--resume", "--quiet", "--out",
                dir.resolve("d").toString());
        assertEquals(1, bad[0]);
        assertTrue(((String) bad[2]).contains("corrupt"), (String) bad[2]);
        assertEquals(1, ((String) bad[2]).trim().lines().count(), (String) bad[2]);
    }

    /**
     * NUTS stopped in warm-up (a checkpoint written through the library with the command's settings) and continued
     * by {@code --resume} gives the draws of one uninterrupted command, byte for byte; other settings are refused.
     */
    @Test
    void aResumedNutsRunEqualsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        Path ckpt = dir.resolve("nuts.ckpt");
        HmcSampler sampler = HmcSampler.nuts(BuiltinModels.of("gaussian", 0, 0.9, false).model()).warmup(100)
                .draws(200).build();
        sampler.start(4, new Rng(5)).advance(60).checkpoint(ckpt);
        String[] common = {"sample", "--model", "gaussian", "--sampler", "nuts", "--steps", "300", "--burn-in", "100",
            "--quiet", "--no-plots", "--seed", "5"};
        Object[] resumed = run(concat(common, "--checkpoint", ckpt.toString(), "--resume", "--checkpoint-every", "70",
                "--out", dir.resolve("b").toString()));
        assertEquals(0, resumed[0], (String) resumed[2]);
        Object[] whole = run(concat(common, "--out", dir.resolve("c").toString()));
        assertEquals(0, whole[0], (String) whole[2]);
        assertArrayEquals(Files.readAllBytes(dir.resolve("c/draws.npy")), Files.readAllBytes(dir.resolve("b/draws.npy")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("c/divergences.csv")),
                Files.readAllBytes(dir.resolve("b/divergences.csv")));

        Object[] other = run("sample", "--model", "gaussian", "--sampler", "nuts", "--steps", "400", "--burn-in", "100",
                "--quiet", "--no-plots", "--checkpoint", ckpt.toString(), "--resume", "--out", dir.resolve("d").toString());
        assertEquals(1, other[0]);
        assertTrue(((String) other[2]).contains("was written by"), (String) other[2]);
        assertEquals(1, ((String) other[2]).trim().lines().count(), (String) other[2]);
    }

    @Test
    void theProgressBarIsOffWithoutATerminalOrWhenQuiet() {
        try (SampleProgress quiet = new SampleProgress("t", 0, 10, true);
                SampleProgress loud = new SampleProgress("t", 0, 10, false)) {
            assertFalse(quiet.active());
            assertEquals(System.console() != null, loud.active());
            loud.stepTo(5);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The PNG has the given size and more than 2 % of its pixels are not white. */
    static void checkImage(Path png, int width, int height) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(width, img.getWidth(), png.toString());
        assertEquals(height, img.getHeight(), png.toString());
        long ink = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    ink++;
                }
            }
        }
        double fraction = ink / (double) (width * height);
        assertTrue(fraction > 0.02 && fraction < 0.9, png + ": " + fraction + " of the pixels are not white");
    }
}

package astrograd.inference.demc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.inference.ensemble.Initializer;
import astrograd.inference.ensemble.Targets;
import astrograd.inference.model.LogDensity;
import astrograd.inference.model.Model;
import astrograd.inference.model.Prior;
import astrograd.inference.model.Space;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemcSamplerTest {
    private static final Model GAUSS_2D = Model.of(Targets.standardNormal(), "a", "b");
    private static final Initializer BALL_2D = Initializer.ball(new double[] {0, 0}, new double[] {1, 1});

    @Test
    void sameSeedSameBitsAndOtherSeedsOtherDraws() {
        for (boolean archive : new boolean[] {true, false}) {
            DemcSampler s = DemcSampler.builder(GAUSS_2D).chains(6).archive(archive).build();
            double[] a = s.run(BALL_2D, 300, new Rng(3)).draws(0).values();
            double[] b = s.run(BALL_2D, 300, new Rng(3)).draws(0).values();
            double[] c = s.run(BALL_2D, 300, new Rng(4)).draws(0).values();
            assertArrayEquals(a, b);
            assertFalse(Arrays.equals(a, c));
        }
    }

    @Test
    void sameBitsForOneTwoAndFourEngineThreads() throws IOException, InterruptedException {
        long here = DemcProbe.fingerprint(DemcProbe.run());
        for (int threads : new int[] {1, 4}) {
            String out = runProbe(threads);
            assertTrue(out.startsWith("threads " + threads + " "), out);
            assertEquals("fingerprint " + here, out.substring(out.indexOf("fingerprint")).trim(),
                    "draws with " + threads + " engine threads differ from this JVM's");
        }
    }

    private static String runProbe(int threads) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules=jdk.incubator.vector", "-Dastrograd.threads=" + threads,
                "-cp", System.getProperty("java.class.path"), DemcProbe.class.getName())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), text);
        return text.lines().filter(l -> l.startsWith("threads ")).findFirst().orElse(text);
    }

    @Test
    void theArchiveGrowsByTheChainsEveryKGenerations() {
        DemcSampler s = DemcSampler.builder(GAUSS_2D).chains(5).archiveThin(7).initialArchive(40).build();
        DemcRun run = s.start(BALL_2D, new Rng(1));
        for (int g = 1; g <= 30; g++) {
            run.advance(1);
            assertEquals(40 + 5 * (g / 7), run.result().archiveSize(), "after generation " + g);
        }
        DemcResult r = run.advance(2970).result();
        long[] snooker = r.snookerCounts();
        double fraction = snooker[0] / (3000.0 * 5);
        // binomial sd of the fraction: sqrt(0.09 / 15000) = 0.0024
        assertTrue(Math.abs(fraction - 0.1) < 0.01, "snooker fraction " + fraction);
        assertTrue(snooker[1] > 0 && snooker[1] < snooker[0], Arrays.toString(snooker));
        assertEquals(0, DemcSampler.builder(GAUSS_2D).snooker(0).build().run(BALL_2D, 200, new Rng(1))
                .snookerCounts()[0]);
    }

    /**
     * Under a flat density every proposal is accepted, so the path shows the steps: with a fixed archive of 3 rows,
     * no jitter and no snooker, each step is γ times a difference of two rows, with γ = 1 exactly on every 10th
     * generation and γ = 2.38/√2 on the others.
     */
    @Test
    void everyTenthGenerationUsesGammaOne() {
        List<double[]> seen = new ArrayList<>();
        LogDensity flat = theta -> {
            seen.add(theta.value().toDoubleArray());
            return theta.select(1, 0).mul(0.0);
        };
        Model model = Model.of(flat, "x");
        DemcSampler s = DemcSampler.builder(model).chains(1).initialArchive(3).archiveThin(1_000_000).snooker(0)
                .jitter(0).build();
        Tensor rows = Tensor.of(new double[] {0.0, 1.0, 3.5}, 3, 1);
        s.run(Initializer.fixed(rows), 40, new Rng(9));
        double[] diffs = {1.0, 3.5, 2.5};
        double gamma0 = 2.38 / Math.sqrt(2);
        assertEquals(41, seen.size());
        for (int g = 1; g <= 40; g++) {
            double step = Math.abs(seen.get(g)[0] - seen.get(g - 1)[0]);
            double gamma = g % 10 == 0 ? 1.0 : gamma0;
            boolean match = Arrays.stream(diffs).anyMatch(d -> Math.abs(step - gamma * d) < 1e-12);
            assertTrue(match, "generation " + g + ": step " + step + " is not " + gamma + " times a difference");
        }
    }

    @Test
    void nonFiniteLogDensitiesAreRejectedAndCounted() {
        // NaN beyond x = 1.5: counted, never accepted
        LogDensity halfNan = theta -> {
            Var x = theta.select(1, 0);
            Var lp = x.square().mul(-0.5);
            Tensor bad = x.value().gt(1.5);
            return lp.maskedFill(bad, Double.NaN);
        };
        DemcSampler s = DemcSampler.builder(Model.of(halfNan, "x")).chains(6).build();
        DemcResult r = s.run(Initializer.ball(new double[] {0}, new double[] {0.5}), 400, new Rng(2));
        assertTrue(r.nonFinite() > 0, "no non-finite proposal counted");
        assertTrue(Arrays.stream(r.draws(0).flat(0)).allMatch(v -> v <= 1.5));
        assertTrue(Arrays.stream(r.draws(0).flat(0)).allMatch(Double::isFinite));
    }

    @Test
    void boundedPriorsInUnconstrainedSpace() {
        Model m = Model.builder().parameter("p", Prior.uniform(0, 1)).parameter("s", Prior.halfNormal(1)).build();
        DemcSampler s = DemcSampler.builder(m).chains(8).space(Space.UNCONSTRAINED).build();
        DemcResult r = s.run(Initializer.prior(), 3000, new Rng(12));
        double[] p = r.draws(500).flat(0);
        double[] sd = r.draws(500).flat(1);
        assertTrue(Arrays.stream(p).allMatch(v -> v > 0 && v < 1));
        assertTrue(Arrays.stream(sd).allMatch(v -> v > 0));
        double meanP = Arrays.stream(p).average().orElseThrow();
        double meanS = Arrays.stream(sd).average().orElseThrow();
        assertEquals(0.5, meanP, 0.03);
        assertEquals(Math.sqrt(2 / Math.PI), meanS, 0.04);
    }

    @Test
    void thinningStoresEveryKthGeneration() {
        DemcResult r = DemcSampler.builder(GAUSS_2D).chains(4).thin(5).build().run(BALL_2D, 103, new Rng(1));
        assertEquals(20, r.stored());
        assertEquals(103, r.generations());
        assertEquals(103 + 1, r.evaluations());
        DemcResult halves = DemcSampler.builder(GAUSS_2D).chains(4).archive(false).build().run(BALL_2D, 10, new Rng(1));
        assertEquals(2 * 10 + 1, halves.evaluations());
    }

    @Test
    void badSettingsAndStartsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DemcSampler.builder(GAUSS_2D).chains(0));
        assertThrows(IllegalArgumentException.class, () -> DemcSampler.builder(GAUSS_2D).chains(3).archive(false)
                .build());
        assertThrows(IllegalArgumentException.class, () -> DemcSampler.builder(GAUSS_2D).archive(false).snooker(0.2)
                .build());
        assertThrows(IllegalArgumentException.class, () -> DemcSampler.builder(GAUSS_2D).jitter(-1));
        assertThrows(IllegalArgumentException.class, () -> DemcSampler.builder(GAUSS_2D).jitter(1, 2, 3).build());
        assertThrows(IllegalArgumentException.class, () -> DemcSampler.builder(GAUSS_2D).chains(5).initialArchive(4)
                .build());
        assertThrows(IllegalArgumentException.class, () -> DemcSampler.builder(GAUSS_2D).snooker(1.5));
        DemcSampler s = DemcSampler.builder(GAUSS_2D).chains(4).build();
        IllegalArgumentException constant = assertThrows(IllegalArgumentException.class,
                () -> s.start(Initializer.ball(new double[] {0, 0}, new double[] {1, 0}), new Rng(1)));
        assertTrue(constant.getMessage().contains("parameter b"), constant.getMessage());
        Model bounded = Model.builder().parameter("p", Prior.uniform(0, 1)).build();
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> DemcSampler.builder(bounded).chains(4).build()
                        .start(Initializer.ball(new double[] {5}, new double[] {0.1}), new Rng(1)));
        assertTrue(outside.getMessage().contains("support"), outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.start(BALL_2D, new Rng(1)).advance(-1));
    }
}
